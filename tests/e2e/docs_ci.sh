#!/usr/bin/env bash
# The CI jobs in docs/ci.md are meant to be copied: each YAML block parses, every shell step is
# valid bash, and each `perfharness run` line the jobs hold runs the suite with the real binary;
# the self-hosted job's history file is moved into the test's own folder, and the job run as the
# main branch and as a pull request.
# $1 = perfharness, $2 = source dir.
set -euo pipefail
bin=$(realpath "$1"); src=$(realpath "$2")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 - "$src/docs/ci.md" "$work" <<'PY'
import re, sys, yaml
doc, work = sys.argv[1], sys.argv[2]
blocks = re.findall(r"```yaml\n(.*?)```", open(doc, encoding="utf-8").read(), re.S)
assert len(blocks) == 3, f"{doc}: expected a self-hosted, a GitHub and a GitLab job, found {len(blocks)} YAML blocks"
scripts = []
history, github, gitlab = (yaml.safe_load(b) for b in blocks)
assert "self-hosted" in history["jobs"]["perf"]["runs-on"], history
judging = [s["run"] for s in history["jobs"]["perf"]["steps"] if "perfharness run" in s.get("run", "")]
assert len(judging) == 1, judging
shared = "/var/lib/perfharness/history.db"
assert shared in judging[0], judging[0]
# Two processes and two repetitions: no figure of runs this alike can reach p < 0.05, so the
# comparison runs for real and cannot fail the test by chance.
open(f"{work}/history.sh", "w").write(judging[0].replace(shared, f"{work}/history.db").replace(
    "profiling_suite.yaml", "profiling_suite.yaml --processes 2 --repeat 2"))
scripts += [s["run"] for s in history["jobs"]["perf"]["steps"] if "run" in s]
for step in github["jobs"]["perf"]["steps"]:
    assert isinstance(step, dict), step
    if "with" in step:
        assert isinstance(step["with"], dict) and all(isinstance(v, str) for v in step["with"].values()), step
    if "run" in step:
        scripts.append(step["run"])
for line in gitlab["perf"]["script"]:
    assert isinstance(line, str), f"a GitLab script entry is not a string (a ': ' read as a mapping?): {line!r}"
    scripts.append(line)
runs = 0
for i, s in enumerate(scripts):
    open(f"{work}/step{i}.sh", "w").write(s)
    if "perfharness run" in s:
        runs += 1
        open(f"{work}/run{runs}.sh", "w").write(s)
assert runs == 3, runs
PY
for f in "$work"/step*.sh; do bash -n "$f" || { echo "FAIL: not valid bash: $(cat "$f")" >&2; exit 1; }; done
# Each job's run step, from a folder laid out like a checkout holding the built binary.
mkdir -p "$work/checkout/build/apps"
ln -s "$src/scenarios" "$work/checkout/scenarios"
ln -s "$bin" "$work/checkout/build/apps/perfharness"
# valgrind cannot run a sanitizer build: there the jobs gate on timings instead.
# (Captured first: grep -q leaving a pipe early would fail the writer, and pipefail the test.)
"$bin" run "$src/scenarios/profiling_suite.yaml" --processes 0 --repeat 1 -q -o "$work/probe.json"
if grep -q '"build_type": "Sanitize"' "$work/probe.json"; then
  sed -i 's/--gate instructions/--gate all/' "$work"/run*.sh
fi
rm "$work/run1.sh"  # the self-hosted job's, run below as history.sh
for f in "$work"/run*.sh; do
  grep -q -- "--gate instructions" "$f" || grep -q -- "--gate all" "$f" || { echo "FAIL: $(basename "$f") of docs/ci.md names no gate" >&2; exit 1; }
  rm -f "$work"/checkout/{report.json,report.html,junit.xml,summary.md}
  (cd "$work/checkout" && GITHUB_STEP_SUMMARY= bash -e "$f" >/dev/null 2>"$work/err") || { cat "$work/err" >&2; echo "FAIL: $(basename "$f") of docs/ci.md failed" >&2; exit 1; }
  for out in report.json report.html junit.xml summary.md; do
    [ -s "$work/checkout/$out" ] || { echo "FAIL: $(basename "$f") wrote no $out" >&2; exit 1; }
  done
done
# The self-hosted job: a pull request before any history (budgets only), the main branch (starts
# the series and records it), a pull request (judged against it, not recorded).
history_job() {  # history_job REF EXPECTED-BASELINE-RUNS
  rm -f "$work"/checkout/{report.json,junit.xml,summary.md}
  (cd "$work/checkout" && GITHUB_REF=$1 GITHUB_STEP_SUMMARY= bash -e "$work/history.sh" >/dev/null 2>"$work/err") ||
    { cat "$work/err" >&2; echo "FAIL: the self-hosted job of docs/ci.md failed on $1" >&2; exit 1; }
  python3 - "$work/checkout/report.json" "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
got = r["comparison"]["baseline_runs"] if "comparison" in r else None
assert repr(got) == sys.argv[2], f"self-hosted job: baseline_runs {got!r}, expected {sys.argv[2]}"
PY
}
history_job refs/pull/1/merge None
history_job refs/heads/main "[]"
history_job refs/pull/2/merge "[1]"
runs=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM runs").fetchone()[0])' "$work/history.db")
[ "$runs" = 1 ] || { echo "FAIL: the history holds $runs runs, expected 1 (the main branch's)" >&2; exit 1; }
echo "docs/ci.md jobs: ok"
