#!/usr/bin/env bash
# The CI jobs in docs/ci.md are meant to be copied: each YAML block parses, every shell step is
# valid bash, and each `perfharness run` line the jobs hold runs the suite with the real binary.
# $1 = perfharness, $2 = source dir.
set -euo pipefail
bin=$(realpath "$1"); src=$(realpath "$2")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 - "$src/docs/ci.md" "$work" <<'PY'
import re, sys, yaml
doc, work = sys.argv[1], sys.argv[2]
blocks = re.findall(r"```yaml\n(.*?)```", open(doc, encoding="utf-8").read(), re.S)
assert len(blocks) == 2, f"{doc}: expected a GitHub and a GitLab job, found {len(blocks)} YAML blocks"
scripts = []
github, gitlab = (yaml.safe_load(b) for b in blocks)
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
assert runs == 2, runs
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
for f in "$work"/run*.sh; do
  grep -q -- "--gate instructions" "$f" || grep -q -- "--gate all" "$f" || { echo "FAIL: $(basename "$f") of docs/ci.md names no gate" >&2; exit 1; }
  rm -f "$work"/checkout/{report.json,junit.xml,summary.md}
  (cd "$work/checkout" && GITHUB_STEP_SUMMARY= bash -e "$f" >/dev/null 2>"$work/err") || { cat "$work/err" >&2; echo "FAIL: $(basename "$f") of docs/ci.md failed" >&2; exit 1; }
  for out in report.json junit.xml summary.md; do
    [ -s "$work/checkout/$out" ] || { echo "FAIL: $(basename "$f") wrote no $out" >&2; exit 1; }
  done
done
echo "docs/ci.md jobs: ok"
