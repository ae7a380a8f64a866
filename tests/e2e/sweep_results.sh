#!/usr/bin/env bash
# The sweep (parameter grid) operation's results end to end, through the real executable:
# - each combination's metrics in the sweep are those of the same strategy and parameters
#   run alone with `perfharness backtest` (same synthetic data, seed and defaults), exactly;
# - best_by_sharpe is the combinations ranked by Sharpe ratio, highest first (ties: the
#   earlier combination in grid order first, as sweep_executor.cpp's sort does), at most 5;
# - the results digests are the same with --threads 1 and --threads 2.
# The report gives full metrics for the top 5 combinations of each case only; every
# combination is covered by the case's results_digest, which hashes (total_return,
# sharpe_ratio, total_trades) of all combinations in grid order (summarize_case in
# lib/runner/src/sweep_executor.cpp) and is recomputed here from the standalone runs.
# $1 = perfharness binary, $2 = source dir (not needed: the scenario is written here).
set -uo pipefail
bin=$1
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Two sweeps over two symbols and two ranges (4 cases each), with non-default capital, fees,
# slippage and annualisation (the standalone runs must be given the same ones).
# sma_cross: 4 x 3 = 12 points, (40, 30) forbidden (fast < slow): 11 combinations. Slow
#   period 400 never fires within a range shorter than 400 bars: those combinations have no
#   trade and a Sharpe ratio of exactly 0, so equal Sharpe ratios meet in the ranking.
# bollinger: 2 x 3 = 6 combinations, a real-valued parameter among them.
cat >"$work/sweep.yaml" <<'YAML'
name: sweep-results
seed: 7
data:
  synthetic: {first_date: 2020-01-01, last_date: 2023-12-31}
defaults: {capital: 25000, fees: 0.0005, slippage: 0.002, annualization: 365, warmup: 0, repetitions: 1}
operations:
  - name: sma_grid
    kind: sweep
    strategy: sma_cross
    grid:
      fast_period: [5, 10, 20, 40]
      slow_period: [30, 50, 400]
    symbols: [AAA, BBB]
    ranges:
      - {label: y2022, start: 2022-01-01, end: 2022-12-31}
      - {label: part2023, start: 2023-03-15, end: 2023-11-02}
    profile: {zones: false, memory: false, counters: false, sampling: false}
    budgets:
      - {metric: time, max_s: 1000}
  - name: bollinger_grid
    kind: sweep
    strategy: bollinger
    grid:
      period: [10, 20]
      std_dev: [1.5, 2.0, 2.5]
    symbols: [AAA, BBB]
    ranges:
      - {label: y2022, start: 2022-01-01, end: 2022-12-31}
      - {label: part2023, start: 2023-03-15, end: 2023-11-02}
    profile: {zones: false, memory: false, counters: false, sampling: false}
YAML

# The sweep with one worker, and with two (and two repetitions, so a repetition that gave
# other results would be reported as a warning).
"$bin" run "$work/sweep.yaml" -o "$work/threads1.json" --threads 1 --repeat 1 --warmup 0 -q \
  >"$work/out1" 2>"$work/err1" || fail "run --threads 1 exited $?: $(cat "$work/err1")"
"$bin" run "$work/sweep.yaml" -o "$work/threads2.json" --threads 2 --repeat 2 --warmup 0 -q \
  >"$work/out2" 2>"$work/err2" || fail "run --threads 2 exited $?: $(cat "$work/err2")"
if [ ! -s "$work/threads1.json" ] || [ ! -s "$work/threads2.json" ]; then
  echo "FAIL: a report was not written; nothing more to check" >&2
  exit 1
fi

# Each combination run alone, compared with the sweep's report. Python prints FAIL lines and
# exits 1 on any mismatch.
python3 - "$bin" "$work" <<'PY' || fail "sweep results differ from the standalone backtests (see above)"
import itertools, json, subprocess, sys
import yaml

bin_, work = sys.argv[1], sys.argv[2]
failures = []
def check(ok, what):
    if not ok:
        failures.append(what)
        print(f"FAIL: {what}", file=sys.stderr)
    return ok

scenario = yaml.safe_load(open(f"{work}/sweep.yaml"))
defaults = scenario["defaults"]
report = json.load(open(f"{work}/threads1.json"))
ops = {o["name"]: o for o in report["operations"]}
check(report["verdict"]["exit_code"] == 0, f"verdict {report['verdict']}")

# Parameter order (strategy's order, as `list strategies` gives it) and cross-parameter
# rules, written out here: the grid is the cartesian product in that order, the last
# parameter varying fastest, forbidden points skipped (docs/scenario-format.md).
order = {"sma_cross": ["fast_period", "slow_period"], "bollinger": ["period", "std_dev"]}
allowed = {"sma_cross": lambda p: p["fast_period"] < p["slow_period"], "bollinger": lambda p: True}

def fnv1a64(text):
    h = 0xcbf29ce484222325
    for b in text.encode():
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"

def standalone(symbol, rng, strategy, params):
    cmd = [bin_, "backtest", "--synthetic", symbol, "--seed", str(scenario["seed"]), "--strategy", strategy,
           "--start", str(rng["start"]), "--end", str(rng["end"]),
           "--capital", repr(float(defaults["capital"])), "--fees", repr(defaults["fees"]),
           "--slippage", repr(defaults["slippage"]), "--annualization", repr(float(defaults["annualization"]))]
    for k, v in params.items():
        cmd += ["--param", f"{k}={v!r}"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if not check(p.returncode == 0, f"{' '.join(cmd)} exited {p.returncode}: {p.stderr.strip()}"):
        return None, None
    # Parsed twice: as numbers, and with every number kept as its text (for the digest,
    # which hashes the numbers as the program writes them).
    return json.loads(p.stdout), json.loads(p.stdout, parse_float=str, parse_int=str)

ties_seen = 0
cases_checked = 0
for op_spec in scenario["operations"]:
    name, strategy = op_spec["name"], op_spec["strategy"]
    op = ops.get(name)
    if not check(op is not None, f"operation {name} missing from the report"):
        continue
    names = order[strategy]
    check(list(op_spec["grid"]) == names, f"{name}: grid keys {list(op_spec['grid'])} not in {strategy}'s order {names}")
    points = [dict(zip(names, values)) for values in itertools.product(*(op_spec["grid"][n] for n in names))]
    combos = [p for p in points if allowed[strategy](p)]
    check(len(combos) >= 6, f"{name}: only {len(combos)} combinations")
    expected_cases = [(s, r) for s in op_spec["symbols"] for r in op_spec["ranges"]]
    check(len(op["cases"]) == len(expected_cases), f"{name}: {len(op['cases'])} cases, expected {len(expected_cases)}")
    for case, (symbol, rng) in zip(op["cases"], expected_cases):
        label = case["label"]
        w = case["workload"]
        check(w["symbol"] == symbol and w["range"] == rng["label"], f"{label}: workload {w} is not {symbol} {rng['label']}")
        check(w["combinations"] == len(combos) and w["skipped"] == len(points) - len(combos),
              f"{label}: combinations {w['combinations']} skipped {w['skipped']}, expected {len(combos)} and {len(points) - len(combos)}")
        alone, alone_text = [], []
        for params in combos:
            r, t = standalone(symbol, rng, strategy, params)
            if r is None:
                break
            check(r["bars"] == case["bars"], f"{label} {params}: {r['bars']} bars alone, {case['bars']} in the sweep")
            check(r["parameters"] == params, f"{label}: standalone parameters {r['parameters']} != {params}")
            alone.append(r)
            alone_text.append(t)
        if len(alone) != len(combos):
            continue
        cases_checked += 1
        # Every combination: the digest of [total_return, sharpe_ratio, total_trades] in grid
        # order, from the standalone numbers written exactly as the program writes them.
        rows = ",".join(f"[{t['metrics']['total_return']},{t['metrics']['sharpe_ratio']},{t['metrics']['total_trades']}]"
                        for t in alone_text)
        want_digest = fnv1a64(f"[{rows}]")
        check(case["results_digest"] == want_digest,
              f"{label}: results_digest {case['results_digest']}, the standalone runs give {want_digest}")
        # best_by_sharpe: the top 5 by Sharpe ratio, highest first, ties by grid order; each
        # with the combination's parameters and the standalone run's metrics, exactly (JSON
        # numbers round-trip doubles exactly, so == on the parsed values is == on the doubles).
        sharpe = [r["metrics"]["sharpe_ratio"] for r in alone]
        ranking = sorted(range(len(combos)), key=lambda i: (-sharpe[i], i))[:5]
        best = case["results"]["best_by_sharpe"]
        check(len(best) == min(5, len(combos)), f"{label}: best_by_sharpe has {len(best)} entries")
        got_params = [b["parameters"] for b in best]
        want_params = [combos[i] for i in ranking]
        check(got_params == want_params, f"{label}: best_by_sharpe ranks {got_params}, expected {want_params} "
                                         f"(Sharpe ratios alone, in grid order: {list(zip(combos, sharpe))})")
        if best:
            check(best[0]["metrics"]["sharpe_ratio"] == max(sharpe),
                  f"{label}: best_by_sharpe[0] has Sharpe {best[0]['metrics']['sharpe_ratio']}, the highest alone is {max(sharpe)}")
        for b in best:
            i = combos.index(b["parameters"]) if b["parameters"] in combos else None
            if not check(i is not None, f"{label}: best_by_sharpe holds {b['parameters']}, not a combination of the grid"):
                continue
            diff = {k: (v, alone[i]["metrics"].get(k)) for k, v in b["metrics"].items() if alone[i]["metrics"].get(k) != v}
            check(not diff and b["metrics"].keys() == alone[i]["metrics"].keys(),
                  f"{label} {b['parameters']}: sweep vs alone differ: {diff}")
        top = [sharpe[i] for i in ranking]
        ties_seen += sum(1 for a, b in zip(top, top[1:]) if a == b)

check(cases_checked == 8, f"{cases_checked} of 8 cases checked")
# The scenario is built so that equal Sharpe ratios (no-trade combinations) reach the top 5,
# so the tie order above was really exercised.
check(ties_seen > 0, "no equal Sharpe ratios among any case's top 5: the tie order was not exercised")
if failures:
    sys.exit(1)
print(f"ok: {cases_checked} cases, every combination's results equal its standalone run; {ties_seen} tie(s) in the rankings")
PY

# The time budget names the case that decided it (the slowest by median) and that case's
# slowest parameter set (by the report's own per-set seconds), as "name=value, ...".
python3 - "$work" <<'PY' || fail "the budget does not name its deciding case and parameter set (see above)"
import json, statistics, sys
report = json.load(open(f"{sys.argv[1]}/threads1.json"))
op = next(o for o in report["operations"] if o["name"] == "sma_grid")
budget = next(b for b in report["budgets"] if b["operation"] == "sma_grid")
worst = max(op["cases"], key=lambda c: statistics.median(c["figures"]["time"]["samples"]))
seconds = worst["parameter_set_seconds"]
grid = worst["results"]["grid"]
row = grid["rows"][seconds.index(max(seconds))]
text = lambda v: str(int(v)) if float(v).is_integer() else repr(v)
want = ", ".join(f"{n}={text(v)}" for n, v in zip(grid["parameters"], row))
bad = False
for key, expected in (("deciding_case", worst["label"]), ("slowest_parameter_set", want)):
    if budget.get(key) != expected:
        print(f"FAIL: budgets[0].{key} is {budget.get(key)!r}, expected {expected!r}", file=sys.stderr)
        bad = True
sys.exit(1 if bad else 0)
PY

# --threads 1 and --threads 2: the same results, case by case.
python3 - "$work" <<'PY' || fail "--threads 1 and --threads 2 differ (see above)"
import json, sys
w = sys.argv[1]
a, b = (json.load(open(f"{w}/threads{i}.json")) for i in (1, 2))
bad = 0
def check(ok, what):
    global bad
    if not ok:
        bad += 1
        print(f"FAIL: {what}", file=sys.stderr)
oa, ob = a["operations"], b["operations"]
check([o["name"] for o in oa] == [o["name"] for o in ob], "operations differ")
for x, y in zip(oa, ob):
    check(x["threads"] == 1 and y["threads"] == 2, f"{x['name']}: threads used {x['threads']} and {y['threads']}, expected 1 and 2")
    check(y["repetitions"] == 2, f"{y['name']}: {y['repetitions']} repetitions, expected 2")
    check(not any("different results" in m for m in y.get("warnings", [])), f"{y['name']}: {y.get('warnings')}")
    check(len(x["cases"]) == len(y["cases"]) > 0, f"{x['name']}: {len(x['cases'])} and {len(y['cases'])} cases")
    for cx, cy in zip(x["cases"], y["cases"]):
        check(cx["label"] == cy["label"], f"case labels {cx['label']} and {cy['label']}")
        check(len(cx["results_digest"]) == 16 and cx["results_digest"] == cy["results_digest"],
              f"{cx['label']}: results_digest {cx['results_digest']} with 1 thread, {cy['results_digest']} with 2")
        check(cx["results"] == cy["results"], f"{cx['label']}: best_by_sharpe differs between 1 and 2 threads")
if bad:
    sys.exit(1)
print("ok: --threads 1 and --threads 2 give the same digests and rankings")
PY

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "sweep results e2e: all checks passed"
