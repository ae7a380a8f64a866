#!/usr/bin/env bash
# docs/plugins.md's walkthrough, as a user follows it: perfharness installed into a prefix, the
# page's trend.cpp and CMakeLists.txt built in an empty folder against the installed package, then
# the page's commands and its scenario run with the installed perfharness.
# $1 = perfharness, $2 = source dir; PH_BUILD_DIR = the build tree to install.
set -euo pipefail
src=$(realpath "$2")
build=${PH_BUILD_DIR:?the build tree, set by tests/CMakeLists.txt}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL plugins_walkthrough: $*" >&2; exit 1; }
prefix=$work/prefix
project=$work/project
mkdir -p "$project"

cmake --install "$build" --prefix "$prefix" > "$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "cmake --install"; }
for f in bin/perfharness bin/perfharness-exec include/perfharness/plugin.hpp lib/cmake/perfharness/perfharnessConfig.cmake \
         share/doc/perfharness/README.md share/doc/perfharness/plugins.md share/doc/perfharness/report.schema.json \
         share/doc/perfharness/images/html-verdict.png share/bash-completion/completions/perfharness; do
  [ -e "$prefix/$f" ] || [ -e "$prefix/${f/lib\//lib64/}" ] || fail "the install lacks $f"
done

# The page's files (each fenced block after '<!-- file: NAME -->') and its shell blocks.
python3 - "$src/docs/plugins.md" "$project" "$work" <<'PY'
import re, sys
doc, project, work = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(doc, encoding="utf-8").read()
files = re.findall(r"<!-- file: (\S+) -->\n```\w+\n(.*?)```", text, re.S)
assert [name for name, _ in files] == ["trend.cpp", "CMakeLists.txt", "trend.yaml"], [n for n, _ in files]
for name, body in files:
    open(f"{project}/{name}", "w").write(body)
shell = re.findall(r"```sh\n(.*?)```", text, re.S)
assert len(shell) == 4, f"expected 4 shell blocks (install, build, run, example), found {len(shell)}"
assert shell[0].strip().startswith("cmake --install build --prefix"), shell[0]
open(f"{work}/build.sh", "w").write(shell[1])
open(f"{work}/run.sh", "w").write(shell[2])
PY

# The installed perfharness, the prefix in place of $HOME/.local; a plain user's environment.
export PATH="$prefix/bin:$PATH"
sed -i "s|\$HOME/.local|$prefix|g" "$work/build.sh"
(cd "$project" && bash -euo pipefail "$work/build.sh") > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "the page's build and first commands failed"; }
grep -q "^sma_trend: Long when the close rises above its SMA" "$work/build.log" || { cat "$work/build.log" >&2; fail "list strategies did not show sma_trend"; }
grep -q '"strategy": "sma_trend"' "$work/build.log" || { cat "$work/build.log" >&2; fail "backtest printed no sma_trend result"; }

# The scenario, twice: the first run starts the history, the second is judged against it. Two
# processes and two repetitions: no figure of runs this alike can reach p < 0.05, so the judgement
# runs for real and cannot fail the test by chance.
sed -i 's|perfharness run trend.yaml|perfharness run trend.yaml --processes 2 --repeat 2|' "$work/run.sh"
for pass in first second; do
  code=0
  (cd "$project" && bash -euo pipefail "$work/run.sh") > "$work/run.log" 2>&1 || code=$?
  [ "$code" = 0 ] || { cat "$work/run.log" >&2; fail "the $pass run of the page's scenario ended with exit $code"; }
done
python3 - "$project/report.json" <<'PY' || fail "the report does not show the plugin's zones, sweep and comparison"
import json, sys
r = json.load(open(sys.argv[1]))
ops = {o["name"]: o for o in r["operations"]}
names = set()
def walk(z):
    names.add(z["name"])
    for c in z.get("children", []): walk(c)
walk(ops["trend"]["zones"])
assert {"sma_trend.sma", "sma_trend.signals"} <= names, names
assert len(ops["trend_grid"]["figures"]["time"]["samples"]) > 0
assert r["comparison"]["comparisons"], "the second run was not judged against the first"
PY
echo "plugins_walkthrough: the page's walkthrough builds, runs and gates"
