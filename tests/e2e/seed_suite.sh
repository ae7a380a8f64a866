#!/usr/bin/env bash
# The shipped seed suite end to end through the real executable, as a CI step runs it: exit 0,
# the JUnit file, the Markdown summary (and its GITHUB_STEP_SUMMARY copy), the benchmark JSON;
# then against baselines: an injected 2x slowdown is flagged (exit 4, in the verdict, JUnit and
# Markdown), a re-run of the same build is not. $1 = perfharness, $2 = source dir.
set -euo pipefail
bin=$1; src=$2
suite=$src/scenarios/profiling_suite.yaml
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
run() {  # run WANT_CODE ARGS...
  local want=$1; shift
  set +e; "$bin" run "$suite" "$@" >"$work/out" 2>"$work/err"; local got=$?; set -e
  [ "$got" -eq "$want" ] || { cat "$work/err" >&2; fail "run $* exited $got, expected $want"; }
}

echo "an earlier step's summary" >"$work/step_summary.md"
# 10 repetitions: with 5, one slow repetition (a sub-millisecond operation preempted) leaves an
# exact 2x shift short of significance.
GITHUB_STEP_SUMMARY=$work/step_summary.md run 0 -o "$work/report.json" --junit "$work/junit.xml" \
  --markdown "$work/summary.md" --benchmark-json "$work/bench.json" --repeat 10 -q
python3 - "$work" "$src/docs/figures.md" <<'PY'
import json, re, sys, xml.etree.ElementTree as ET
w = sys.argv[1]
r = json.load(open(f"{w}/report.json"))
assert r["complete"] and r["verdict"]["exit_code"] == 0 and r["verdict"]["regressions"] == [], r["verdict"]
ops = [o["name"] for o in r["operations"]]
budgets = r["budgets"]
assert len(ops) == 7 and len(budgets) >= 12, (ops, len(budgets))
# JUnit: well-formed, one test case per budget, none failed.
t = ET.parse(f"{w}/junit.xml").getroot()
suite = t.find("testsuite")
cases = suite.findall("testcase")
assert int(suite.get("tests")) == len(cases) == len(budgets), (suite.get("tests"), len(cases), len(budgets))
assert int(suite.get("failures")) == 0 and not any(c.find("failure") is not None for c in cases)
assert suite.get("name") == r["scenario"]["name"]
# Markdown: a row per operation, a passed mark per budget, the verdict; the same appended to
# the step summary after what was there.
md = open(f"{w}/summary.md", encoding="utf-8").read()
for op in ops:
    assert f"| {op} |" in md, op
# ✅ in the title, then a mark per operation budget in the operations table and per budget row:
# ✅, or ❔ where the figure is unavailable (heap figures in a sanitizer build).
op_budgets = sum(1 for b in budgets if b["operation"])
unavailable = sum(1 for b in budgets if not b["available"])
# Only a sanitizer build may lack a figure (its heap tracking steps aside); in any other build
# an unavailable budget is a broken profiler (a heap interposer that stopped working, say),
# which would otherwise switch those budgets off without failing anything.
sanitized = any("instrumented by sanitizers" in x for x in r.get("warnings", []))
assert sanitized or unavailable == 0, [(b["operation"], b["metric"], b["detail"]) for b in budgets if not b["available"]]
assert md.count("✅") + md.count("❔") == 1 + op_budgets + len(budgets) and "❌" not in md, md
assert md.count("❔") == unavailable + sum(1 for b in budgets if b["operation"] and not b["available"]), md
assert int(suite.get("skipped")) == unavailable, suite.get("skipped")
assert "Verdict: exit 0" in md
step = open(f"{w}/step_summary.md", encoding="utf-8").read()
assert step.startswith("an earlier step's summary\n") and step.endswith(md), step[:200]
# Benchmark JSON: one entry per judged figure whose median is not zero (docs/ci.md), each
# with a name, unit and positive value.
import statistics
b = json.load(open(f"{w}/bench.json"))
# The figures that only describe, as docs/figures.md lists them (tests/unit/figures checks that
# table against the catalogue).
descriptive = set(re.findall(r"^\| `(\w+)` \| [^|]+ \| describes \|", open(sys.argv[2], encoding="utf-8").read(), re.M))
assert {"user_time", "task_clock"} <= descriptive, descriptive
figures = {f'{o["name"]} {n}' for o in r["operations"] for n, f in o["figures"].items()
           if f["samples"] and n not in descriptive and statistics.median(f["samples"]) != 0}
assert {e["name"] for e in b} == figures and len(b) == len(figures), (sorted(e["name"] for e in b), sorted(figures))
assert all({"name", "unit", "value"} <= e.keys() and e["value"] > 0 for e in b)
PY
# Every verdict below is fixed by the reports, never by the machine's noise: a figure pinned
# within +-0.5% of its median against exactly twice that (completely separated samples), a
# baseline a million times faster than anything measurable, one a million times slower.
# (Whether two runs of the same build stay within the threshold is a property of the
# machine's noise: a figure to measure, not a check that can pass or fail at random.)
python3 "$src/tests/e2e/scale_times.py" "$work/report.json" "$work/even.json" 1 --even
python3 "$src/tests/e2e/scale_times.py" "$work/report.json" "$work/doubled.json" 2 --even
python3 "$src/tests/e2e/scale_times.py" "$work/report.json" "$work/fast_baseline.json" 1e-6 --times-only
python3 "$src/tests/e2e/scale_times.py" "$work/report.json" "$work/slow_baseline.json" 1e6 --times-only

# compare: every operation's time, exactly 2x its base, is flagged; the report against itself is not.
set +e; "$bin" compare "$work/even.json" "$work/doubled.json" --json >"$work/cmp.json" 2>"$work/err"; got=$?; set -e
[ "$got" -eq 4 ] || { cat "$work/err" >&2; fail "compare against an exact 2x slowdown exited $got, expected 4"; }
python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
c = json.load(open(f"{w}/cmp.json"))
ops = {o["name"] for o in json.load(open(f"{w}/report.json"))["operations"]}
times = {x["operation"]: x for x in c["comparisons"] if x["figure"] == "time" and x["case"] is None}
assert set(times) == ops and all(x["verdict"] == "regressed" and abs(x["change"] - 1) < 1e-9 for x in times.values()), times
PY
"$bin" compare "$work/report.json" "$work/report.json" 2>"$work/err" || { cat "$work/err" >&2; fail "a report against itself regressed"; }

# The injected slowdown, at the default threshold (5%) and alpha (0.05).
run 4 -o "$work/slow.json" --baseline "$work/fast_baseline.json" --junit "$work/slow.xml" --markdown "$work/slow.md" -q
python3 - "$work" <<'PY'
import json, sys, xml.etree.ElementTree as ET
w = sys.argv[1]
r = json.load(open(f"{w}/slow.json"))
v, c = r["verdict"], r["comparison"]
assert v["exit_code"] == 4 and v["reason"] == "regression against the baseline", v
regressed = [x for x in c["comparisons"] if x["verdict"] == "regressed"]
assert regressed and len(v["regressions"]) == len(regressed) == c["regressions"], (len(regressed), v["regressions"])
# Each flagged check is both significant and beyond the threshold, and every operation's time is
# among them.
assert all(x["p_value"] < c["alpha"] and x["change"] > c["threshold"] for x in regressed)
ops = {o["name"] for o in r["operations"]}
assert {x["operation"] for x in regressed if x["figure"] == "time"} == ops, regressed
t = ET.parse(f"{w}/slow.xml").getroot()
checks = [x for x in t.iter("testcase") if " against the baseline" in x.get("name", "")]
assert len(checks) == len(c["comparisons"]), (len(checks), len(c["comparisons"]))
assert sum(x.find("failure") is not None for x in checks) == len(regressed)
assert all(x.find("failure").get("type") == "regression" for x in checks if x.find("failure") is not None)
assert int(t.find("testsuite").get("failures")) == len(regressed)
md = open(f"{w}/slow.md", encoding="utf-8").read()
assert f"**Against the baseline:** {len(regressed)} regressed" in md and md.count("❌ regressed") == len(regressed), md
assert "Verdict: exit 4" in md
PY

# Both JUnit files as Jenkins (xunit) and the Ant schema (GitLab, dorny/test-reporter) read them.
for x in junit.xml slow.xml; do
  for xsd in jenkins-xunit-junit-10.xsd ant-junit.xsd; do
    xmllint --noout --schema "$src/tests/data/junit/$xsd" "$work/$x" 2>"$work/xmllint.err" \
      || { cat "$work/xmllint.err" >&2; fail "$x does not validate against $xsd"; }
  done
done

# A run against a slower baseline improves and passes: improvements never fail the gate.
run 0 -o "$work/faster.json" --baseline "$work/slow_baseline.json" -q
python3 - "$work" <<'PY'
import json, sys
r = json.load(open(f"{sys.argv[1]}/faster.json"))
v, c = r["verdict"], r["comparison"]
assert v["exit_code"] == 0 and v["regressions"] == [] and c["regressions"] == 0, v
times = [x for x in c["comparisons"] if x["figure"] == "time" and x["case"] is None]
# A change can fall by 100% at most, so a noise band of 100% or more (a loaded machine) hides
# even a millionfold improvement, rightly: such a figure says nothing either way.
assert times and all(x["verdict"] == "improved" or (x["verdict"] == "unchanged" and x["noise_band"] >= 1)
                     for x in times), times
assert any(x["verdict"] == "improved" for x in times), times
PY
echo "seed suite e2e: ok"
