#!/usr/bin/env bash
# `perfharness run` end to end through the real executable: every exit code, the report,
# JUnit, Markdown, benchmark JSON, and baseline verdicts.
set -euo pipefail
bin=$1; src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
source "$src/tests/support/e2e_expect.sh"
cat >"$work/quick.yaml" <<'YAML'
name: quick
data: {synthetic: {first_date: 2022-01-01, last_date: 2023-12-31}}
defaults: {warmup: 1, repetitions: 5}
operations:
  - name: bt
    kind: backtest
    strategies: [sma_cross, rsi]
    symbols: [AAA]
    ranges: [{label: all, start: 2022-01-01, end: 2023-12-31}]
    budgets:
      - {metric: time, max_s: 5}
      - {metric: memory_per_1k_bars, max_mb_per_1k_bars: 5}
budgets:
  - {metric: bottlenecks, max_count: 3}
YAML
sed 's/max_s: 5}/max_s: 0.000000001}/' "$work/quick.yaml" >"$work/tight.yaml"

# 0: every budget held; the report, JUnit, Markdown and benchmark JSON are written and well-formed.
expect 0 "$bin" run "$work/quick.yaml" -o "$work/report.json" --junit "$work/junit.xml" --markdown "$work/summary.md" \
  --benchmark-json "$work/bench.json" --trace "$work/trace.json"
python3 - "$work" <<'PY'
import json, sys, xml.etree.ElementTree as ET
w = sys.argv[1]
r = json.load(open(f"{w}/report.json"))
assert r["schema_version"] == 1 and r["complete"] is True
assert r["verdict"]["exit_code"] == 0 and r["verdict"]["passed"] is True
op = r["operations"][0]
assert op["repetitions"] == 5 and op["warmup"] == 1, op["repetitions"]
# Timings come from 5 worker processes of 5 values each (the defaults); memory from the run itself.
assert op["timing"]["processes"] == 5 and op["timing"]["values"] == 5, op["timing"]
assert [p["values"] for p in op["figures"]["time"]["per_process"]] == [5] * 5
assert len(op["figures"]["time"]["samples"]) == 25
assert len(op["figures"]["page_faults"]["samples"]) == 5 and "per_process" not in op["figures"]["page_faults"]
cum = [h["cumulative_time"] for h in op["hotspots"]["top_by_cumulative"]]
assert cum == sorted(cum, reverse=True) and cum, cum
def check(z):
    assert z["cumulative_time"] + 1e-12 >= sum(c["cumulative_time"] for c in z["children"]), z["name"]
    for c in z["children"]: check(c)
check(op["zones"])
assert len({c["results_digest"] for c in op["cases"]}) == 2
t = ET.parse(f"{w}/junit.xml").getroot()
suite = t.find("testsuite")
assert t.tag == "testsuites" and int(suite.get("tests")) == 3 and int(suite.get("failures")) == 0, ET.tostring(t)
assert "| bt |" in open(f"{w}/summary.md").read()
b = json.load(open(f"{w}/bench.json"))
assert any(e["name"] == "bt time" and e["unit"] == "s" and e["value"] > 0 for e in b)
tr = json.load(open(f"{w}/trace.json"))
assert len(tr["traceEvents"] if isinstance(tr, dict) else tr) > 0
PY

# One version: CMake's project(VERSION), what --version prints, what the report says.
project_version=$(sed -n 's/^project(perfharness VERSION \([0-9.]*\) .*/\1/p' "$src/CMakeLists.txt")
[ -n "$project_version" ] || fail "no project(VERSION) in CMakeLists.txt"
[ "$("$bin" --version)" = "perfharness $project_version" ] || fail "--version says '$("$bin" --version)', CMake $project_version"
python3 -c "import json,sys; v=json.load(open(sys.argv[1]))['tool']['version']; assert v == sys.argv[2], (v, sys.argv[2])" \
  "$work/report.json" "$project_version" || fail "the report's tool.version is not CMake's $project_version"

# 1: a budget failed; the report is still written and names it; JUnit counts the failure.
expect 1 "$bin" run "$work/tight.yaml" -o "$work/tight.json" --junit "$work/tight.xml" -q
python3 - "$work" <<'PY'
import json, sys, xml.etree.ElementTree as ET
w = sys.argv[1]
r = json.load(open(f"{w}/tight.json"))
assert r["verdict"]["exit_code"] == 1 and len(r["verdict"]["failed_budgets"]) == 1
assert r["verdict"]["failed_budgets"][0]["metric"] == "time"
t = ET.parse(f"{w}/tight.xml").getroot()
assert int(t.find("testsuite").get("failures")) == 1
PY

# 2: invalid input; nothing runs, no report.
printf 'name: x\noperations:\n  - name: a\n    kind: backtest\n    strategies: [nope]\n    symbols: [A]\n    ranges: [{start: 2023-01-01, end: 2022-01-01}]\n' >"$work/bad.yaml"
expect 2 "$bin" run "$work/bad.yaml" -o "$work/bad.json"
grep -q "bad.yaml" "$work/err" || fail "the error does not name the file"
[ ! -e "$work/bad.json" ] || fail "a report was written for invalid input"
expect 2 "$bin" run --no-such-option "$work/quick.yaml"
expect 2 "$bin" run "$work/missing.yaml"

# 3: the report cannot be written; checked before any work.
expect 3 "$bin" run "$work/quick.yaml" -o "$work/no/such/dir/report.json"
grep -q "does not exist" "$work/err" || fail "unwritable report path not explained"

# 4 and 0: against a baseline. Baselines a million times slower and faster than anything this
# machine measures make the verdicts independent of its load (a re-run of the same build
# compared with its first run would be a test of the machine's noise).
python3 "$src/tests/e2e/scale_times.py" "$work/report.json" "$work/slow_baseline.json" 1e6 --times-only
expect 0 "$bin" run "$work/quick.yaml" -o "$work/rerun.json" --baseline "$work/slow_baseline.json" --threshold 300 -q
python3 "$src/tests/e2e/scale_times.py" "$work/report.json" "$work/fast_baseline.json" 1e-6 --times-only
expect 4 "$bin" run "$work/quick.yaml" -o "$work/slow.json" --baseline "$work/fast_baseline.json" --threshold 300 --junit "$work/slow.xml" -q
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['verdict']['exit_code']==4 and r['comparison']['regressions']>0" "$work/slow.json"
# --instructions: exact, repeatable instruction counts per operation (valgrind cannot run a
# sanitizer build, so that build skips this part).
build_type=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['environment']['build_type'])" "$work/report.json")
if [ "$build_type" != "Sanitize" ] && command -v valgrind >/dev/null; then
  for i in 1 2; do
    expect 0 "$bin" run "$work/quick.yaml" --repeat 1 -o "$work/instr$i.json" --instructions -q
  done
  python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
a, b = (json.load(open(f"{w}/instr{i}.json"))["operations"][0]["figures"]["instructions"] for i in (1, 2))
assert a["exact"] and a["samples"][0] > 10000, a
assert a["samples"] == b["samples"], (a["samples"], b["samples"])
PY
fi
# Counters cover what `time` covers: a one-threaded operation's task clock per repetition is
# within its wall time (before, it also counted each repetition's bookkeeping: 2x the wall time).
# Both from the run's own repetitions: --processes 0.
expect 0 "$bin" run "$work/quick.yaml" --processes 0 -o "$work/in_process.json" -q
python3 - "$work" <<'PY'
import json, sys
r = json.load(open(f"{sys.argv[1]}/in_process.json"))
assert r["operations"][0]["timing"]["processes"] == 0 and len(r["operations"][0]["figures"]["time"]["samples"]) == 5
for op in r["operations"]:
    tc = op["counters"].get("task-clock", {})
    if not tc.get("available"):
        continue
    for ns, wall_s in zip(tc["per_repetition"], op["figures"]["time"]["samples"]):
        assert ns <= wall_s * 1e9 * 1.02 + 5000, (op["name"], ns, wall_s)
PY
# The same scenario written in JSON runs the same cases to the same results.
python3 -c "import json,sys,yaml; json.dump(yaml.safe_load(open(sys.argv[1])), open(sys.argv[2], 'w'), default=str)" \
  "$work/quick.yaml" "$work/quick.json"
expect 0 "$bin" run "$work/quick.json" --repeat 2 -o "$work/from_json.json" -q
expect 0 "$bin" run "$work/quick.yaml" --repeat 2 -o "$work/from_yaml.json" -q
python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
digests = lambda f: [(o["name"], c["label"], c["results_digest"]) for o in json.load(open(f"{w}/{f}"))["operations"] for c in o["cases"]]
assert digests("from_json.json") == digests("from_yaml.json") and digests("from_yaml.json"), (digests("from_json.json"), digests("from_yaml.json"))
PY
# -o -: the report is stdout, so log lines (here -v's debug lines) must go to stderr.
"$bin" run "$work/quick.yaml" --repeat 1 -v -o - >"$work/stdout.json" 2>"$work/err"
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$work/stdout.json" || fail "-o - with -v: stdout is not the report alone"
grep -q "^perfharness: debug: " "$work/err" || fail "-v printed no debug line on stderr"
echo "run exit codes: ok"
