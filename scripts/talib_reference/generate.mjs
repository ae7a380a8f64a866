// Generates the TA-Lib reference vectors used by tests/unit/indicators/test_indicators_talib.cpp.
//
// Rerun (needs node >= 18 and the npm registry):
//   cd scripts/talib_reference && npm ci && node generate.mjs
//
// Outputs (overwritten, deterministic: same bytes on every run):
//   tests/data/talib/input.csv       one column `close`, N_BARS rows
//   tests/data/talib/reference.json  TA-Lib outputs aligned to input bars (null = no value)
//
// The reference comes from real TA-Lib C code compiled to WebAssembly (npm `talib.js`).
// We do NOT use talib.js's JavaScript wrapper functions: that wrapper passes endIdx = length
// (TA-Lib's endIdx is inclusive, so it reads one element past the input and writes one past every
// output buffer) and passes NULL for both outBegIdx and outNBElement, so outputs come back
// unaligned and both counters land on the same wasm address; TA_BBANDS reads *outNBElement back to
// size its final loop and then apparently sees begIdx, which is why the wrapper's upper/lower bands
// are 0 past the first rows. Instead we call the exported C functions (TA_SMA, TA_BBANDS, ...)
// directly with our own heap buffers, endIdx = n-1 and real outBegIdx/outNBElement, and align
// each output at outBegIdx.
// Bollinger bands are stored twice: "bollinger" = TA_SMA +/- k * TA_STDDEV(nbDev=1, population),
// and "bollinger_bbands" = TA_BBANDS(SMA), which is correct when called like that; the script
// fails unless the two agree to 1e-12 relative.

import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const talib = require('talib.js');

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT_DIR = join(HERE, '..', '..', 'tests', 'data', 'talib');
const N_BARS = 400;
const SEED = 0x5eed1234;

// ---------------------------------------------------------------- input series
// mulberry32: a tiny, well-known 32-bit PRNG; fully deterministic across platforms.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Flat stretches [first, last] (inclusive) where the price repeats the previous bar's value.
// The long one (60 bars) lets RSI(2)'s average gain/loss decay below TA-Lib's zero threshold
// (RSI becomes 0), gives windows of zero variance (TA-Lib's running sums leave exactly 0 for
// period 10 and a ~1e-12 residue for period 20, which we must reproduce) and many max/min ties.
const FLAT = [
  [40, 47],
  [150, 209],
  [300, 311],
  [350, 352],
];
const isFlat = (i) => FLAT.some(([a, b]) => i >= a && i <= b);

function makeSeries() {
  const rnd = mulberry32(SEED);
  const closes = [];
  let ticks = 10000; // price in cents, starts at 100.00
  for (let i = 0; i < N_BARS; ++i) {
    if (i > 0 && !isFlat(i)) {
      // Mostly small moves in whole cents, sometimes a bigger jump; exact ties happen too.
      const u = rnd();
      const step = Math.round((rnd() - 0.5) * (u < 0.1 ? 400 : 120));
      ticks = Math.max(2000, ticks + step);
    }
    closes.push(ticks / 100);
  }
  return closes;
}

// ---------------------------------------------------------------- direct TA-Lib calls
let M;

function withDoubles(values, fn) {
  const ptr = M._malloc(values.length * 8);
  M.HEAPF64.set(Float64Array.from(values), ptr / 8);
  try {
    return fn(ptr);
  } finally {
    M._free(ptr);
  }
}

// Calls TA_<name>(0, n-1, in, ...opts, &begIdx, &nbElement, out0, out1, ...) and returns
// each output as an array of n entries aligned to input bars, null where TA-Lib gives nothing.
function call(name, input, opts, nOut = 1) {
  const n = input.length;
  const fn = M['_TA_' + name];
  if (typeof fn !== 'function') throw new Error(`TA_${name} is not exported`);
  return withDoubles(input, (inPtr) => {
    const begPtr = M._malloc(8);
    const nbPtr = M._malloc(8);
    const outPtrs = [];
    for (let k = 0; k < nOut; ++k) {
      const p = M._malloc(n * 8);
      M.HEAPF64.fill(NaN, p / 8, p / 8 + n);
      outPtrs.push(p);
    }
    try {
      const rc = fn(0, n - 1, inPtr, ...opts, begPtr, nbPtr, ...outPtrs);
      if (rc !== 0) throw new Error(`TA_${name}(${opts}) returned ${rc}`);
      const beg = M.HEAP32[begPtr / 4];
      const nb = M.HEAP32[nbPtr / 4];
      if (beg < 0 || nb < 0 || beg + nb > n) throw new Error(`TA_${name}: bad range ${beg}+${nb}`);
      return outPtrs.map((p) => {
        const out = new Array(n).fill(null);
        for (let i = 0; i < nb; ++i) {
          const v = M.HEAPF64[p / 8 + i];
          if (!Number.isFinite(v)) throw new Error(`TA_${name}: non-finite output at ${beg + i}`);
          out[beg + i] = v;
        }
        return out;
      });
    } finally {
      for (const p of outPtrs) M._free(p);
      M._free(begPtr);
      M._free(nbPtr);
    }
  });
}

const shiftOneBar = (a) => [null, ...a.slice(0, a.length - 1)];
const mapDefined = (a, f) => a.map((v, i) => (v === null ? null : f(v, i)));

function relDiff(a, b) {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

// ---------------------------------------------------------------- main
async function main() {
  // Emscripten's loader prefers fetch() when it exists (Node >= 18); hide it so the wasm file
  // is read from disk.
  const savedFetch = globalThis.fetch;
  globalThis.fetch = undefined;
  try {
    M = await talib.init();
  } finally {
    globalThis.fetch = savedFetch;
  }

  // Write the CSV first and read it back, so TA-Lib sees exactly the doubles the C++ test parses.
  mkdirSync(OUT_DIR, { recursive: true });
  const series = makeSeries();
  writeFileSync(join(OUT_DIR, 'input.csv'), 'close\n' + series.map((v) => String(v)).join('\n') + '\n');
  const close = readFileSync(join(OUT_DIR, 'input.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map(Number);

  const series_out = [];
  const add = (indicator, params, talibCall, outputs) => series_out.push({ indicator, params, talib: talibCall, outputs });

  for (const period of [2, 5, 20]) {
    const [out] = call('SMA', close, [period]);
    add('sma', { period }, `TA_SMA(timePeriod=${period})`, { value: out });
  }
  for (const period of [2, 12, 26]) {
    const [out] = call('EMA', close, [period]);
    add('ema', { period }, `TA_EMA(timePeriod=${period})`, { value: out });
  }
  for (const period of [2, 14]) {
    const [out] = call('RSI', close, [period]);
    add('rsi', { period }, `TA_RSI(timePeriod=${period})`, { value: out });
  }
  for (const [fast, slow, signal] of [
    [12, 26, 9],
    [5, 13, 4],
  ]) {
    const [macd, sig, hist] = call('MACD', close, [fast, slow, signal], 3);
    add('macd', { fast, slow, signal }, `TA_MACD(fast=${fast}, slow=${slow}, signal=${signal})`, {
      macd,
      signal: sig,
      hist,
    });
  }
  for (const [period, k] of [
    [20, 2.0],
    [10, 1.5],
  ]) {
    const [mid] = call('SMA', close, [period]);
    const [sd] = call('STDDEV', close, [period, 1.0]);
    const upper = mapDefined(mid, (m, i) => m + k * sd[i]);
    const lower = mapDefined(mid, (m, i) => m - k * sd[i]);
    add('bollinger', { period, k }, `TA_SMA(${period}) +/- ${k} * TA_STDDEV(${period}, nbDev=1)`, {
      upper,
      middle: mid,
      lower,
    });
    // MAType 0 = SMA.
    const [bu, bm, bl] = call('BBANDS', close, [period, k, k, 0], 3);
    for (const [name, a, b] of [
      ['upper', bu, upper],
      ['middle', bm, mid],
      ['lower', bl, lower],
    ]) {
      a.forEach((v, i) => {
        if ((v === null) !== (b[i] === null) || (v !== null && relDiff(v, b[i]) > 1e-12))
          throw new Error(`TA_BBANDS(${period},${k}) ${name}[${i}] = ${v} but SMA/STDDEV gives ${b[i]}`);
      });
    }
    add('bollinger_bbands', { period, k }, `TA_BBANDS(${period}, nbDevUp=${k}, nbDevDn=${k}, SMA)`, {
      upper: bu,
      middle: bm,
      lower: bl,
    });
  }
  for (const period of [10, 20]) {
    // Our rolling_*_prev(t) looks at bars t-period..t-1: TA-Lib's value one bar later.
    const [mx] = call('MAX', close, [period]);
    const [mn] = call('MIN', close, [period]);
    add('rolling_max_prev', { period }, `TA_MAX(timePeriod=${period}) shifted one bar later`, { value: shiftOneBar(mx) });
    add('rolling_min_prev', { period }, `TA_MIN(timePeriod=${period}) shifted one bar later`, { value: shiftOneBar(mn) });
  }
  for (const period of [1, 20]) {
    const [out] = call('ROCP', close, [period]);
    add('pct_change', { period }, `TA_ROCP(timePeriod=${period})`, { value: out });
  }

  const doc = {
    generator: 'scripts/talib_reference/generate.mjs',
    talib: `talib.js@${require('talib.js/package.json').version}: TA-Lib C code compiled to WebAssembly; TA_* C functions called directly`,
    seed: SEED,
    bars: close.length,
    flat_stretches: FLAT,
    series: series_out,
  };
  // Numbers are written with JavaScript's shortest round-trip formatting: exact doubles.
  const json = '{\n' +
    Object.entries(doc)
      .map(([k, v]) =>
        k === 'series'
          ? `  "series": [\n${v.map((s) => '    ' + JSON.stringify(s)).join(',\n')}\n  ]`
          : `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
      .join(',\n') +
    '\n}\n';
  JSON.parse(json); // sanity
  writeFileSync(join(OUT_DIR, 'reference.json'), json);
  const values = series_out.reduce(
    (acc, s) => acc + Object.values(s.outputs).reduce((a, o) => a + o.filter((v) => v !== null).length, 0),
    0,
  );
  console.log(`wrote ${close.length} bars, ${series_out.length} series, ${values} defined values to ${OUT_DIR}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
