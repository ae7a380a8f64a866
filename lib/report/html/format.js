// Human-readable numbers: every figure is shown in the unit a person would choose for it.
const Fmt = (() => {
  const finite = (v) => typeof v === "number" && Number.isFinite(v);
  // `extra` decimals on top of the usual ones, for axis ticks closer together than those show.
  let extra = 0;
  const trim = (v, digits) => {
    const a = Math.abs(v);
    const d = a >= 100 ? 0 : a >= 10 ? Math.min(1, digits) : digits;
    return v.toFixed(Math.min(8, d + extra));
  };
  function seconds(v) {
    if (!finite(v)) return "–";
    const a = Math.abs(v);
    if (a === 0) return "0 s";
    if (a < 1e-6) return trim(v * 1e9, 1) + " ns";
    if (a < 1e-3) return trim(v * 1e6, 1) + " µs";
    if (a < 1) return trim(v * 1e3, 2) + " ms";
    if (a < 120) return trim(v, 2) + " s";
    if (a < 7200) return trim(v / 60, 1) + " min";
    return trim(v / 3600, 1) + " h";
  }
  function bytes(v) {
    if (!finite(v)) return "–";
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let x = v, i = 0;
    while (Math.abs(x) >= 1024 && i < units.length - 1) { x /= 1024; i++; }
    return (i === 0 ? String(Math.round(x)) : trim(x, 2)) + " " + units[i];
  }
  function megabytes(v) { return finite(v) ? bytes(v * 1024 * 1024) : "–"; }
  function count(v) {
    if (!finite(v)) return "–";
    const a = Math.abs(v);
    if (a < 1000) return Number.isInteger(v) ? String(v) : trim(v, 2);
    const units = [["T", 1e12], ["G", 1e9], ["M", 1e6], ["k", 1e3]];
    for (const [u, s] of units) if (a >= s) return trim(v / s, 2) + " " + u;
    return String(v);
  }
  function percent(v, digits = 1) { return finite(v) ? (v * 100).toFixed(digits) + "%" : "–"; }
  function signedPercent(v) {
    if (v === Infinity) return "+∞";
    if (v === -Infinity) return "−∞";
    if (!finite(v)) return "–";
    return (v > 0 ? "+" : v < 0 ? "−" : "±") + Math.abs(v * 100).toFixed(1) + "%";
  }
  // unit as the report writes it: s, ms, MB, bytes, count, instructions, ratio, "MB/1k bars", "1/s", ...
  function value(v, unit) {
    if (v === null || v === undefined) return "–";
    switch (unit) {
      case "s": return seconds(v);
      case "ms": return seconds(v / 1e3);
      case "us": case "µs": return seconds(v / 1e6);
      case "ns": return seconds(v / 1e9);
      case "bytes": case "B": return bytes(v);
      case "MB": return megabytes(v);
      case "MB/1k bars": return megabytes(v) + " / 1k bars";
      case "ratio": case "fraction": return percent(v);
      case "instructions": return count(v) + " instr";
      case "count": case "": case undefined: return count(v);
      case "1/s": case "backtests/s": return count(v) + "/s";
      default: return (finite(v) ? count(v) : "–") + " " + unit;
    }
  }
  // A tick formatter for chart axes: as many decimals as the step between ticks needs for
  // neighbouring ticks to read differently.
  function axis(unit) {
    return (v, index, ticks) => {
      const step = ticks && ticks.length > 1 ? Math.abs(ticks[1].value - ticks[0].value) : 0;
      const size = Math.max(...(ticks || [{ value: v }]).map((t) => Math.abs(t.value)));
      extra = step > 0 && size > 0 ? Math.max(0, Math.min(4, Math.ceil(Math.log10(size / step)) - 2)) : 0;
      try { return value(v, unit); } finally { extra = 0; }
    };
  }
  function metric(name, v) {
    if (v === null || v === undefined) return "–";
    if (/return|drawdown|win_rate|exposure/.test(name)) return percent(v, 2);
    if (name === "seconds") return seconds(v);
    if (name === "instructions") return count(v);
    return Number.isInteger(v) ? String(v) : v.toFixed(3);
  }
  return { seconds, bytes, megabytes, count, percent, signedPercent, value, axis, metric, finite };
})();
