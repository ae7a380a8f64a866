#!/usr/bin/env bash
# perfharness validate / list strategies end to end: $1 = perfharness binary, $2 = source dir.
set -uo pipefail
bin=$1
src=$2
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Every shipped example is valid: exit 0 and one "ok" line each (plugin.yaml's strategies come from
# the example plugin; loading it changes nothing for the others).
plugin=${PH_EXAMPLE_PLUGIN:?the example plugin, set by tests/CMakeLists.txt}
for f in "$src"/scenarios/examples/*.yaml "$src"/scenarios/examples/*.json; do
  if ! "$bin" validate --plugin "$plugin" "$f" >"$tmp/out" 2>"$tmp/err"; then
    fail "validate $f exited non-zero: $(cat "$tmp/err")"
  elif ! grep -q "^$f: ok ([0-9]* operations\?)$" "$tmp/out"; then
    fail "validate $f printed: $(cat "$tmp/out")"
  fi
done

# Several files in one call, with an override applied to each.
"$bin" validate --set defaults.repetitions=2 "$src"/scenarios/examples/backtest.yaml "$src"/scenarios/examples/memory.json \
  >"$tmp/out" 2>&1 || fail "validate of two examples with --set failed: $(cat "$tmp/out")"
[ "$(grep -c ': ok (' "$tmp/out")" = 2 ] || fail "expected two ok lines: $(cat "$tmp/out")"

# --print: stdout is the resolved scenario as JSON and nothing else (the ok line goes to stderr),
# with absolute paths, the file's hash and the settings that take effect.
"$bin" validate --print "$src"/scenarios/examples/csv.yaml >"$tmp/resolved.json" 2>"$tmp/err" || fail "validate --print failed: $(cat "$tmp/err")"
python3 -m json.tool "$tmp/resolved.json" >"$tmp/pretty.json" || fail "validate --print wrote more than JSON on stdout: $(head -3 "$tmp/resolved.json")"
grep -q "csv.yaml: ok (2 operations)$" "$tmp/err" || fail "validate --print: no ok line on stderr: $(cat "$tmp/err")"
python3 - "$tmp/resolved.json" "$src/scenarios/examples/csv.yaml" <<'PY' || fail "validate --print content"
import hashlib, json, os, sys
s = json.load(open(sys.argv[1]))
assert s["sha256"] == hashlib.sha256(open(sys.argv[2], "rb").read()).hexdigest(), s["sha256"]
assert os.path.isabs(s["path"]) and os.path.isabs(s["data"]["csv"]["dir"]), s
assert [o["name"] for o in s["operations"]] == ["csv_load", "csv_backtest"], s["operations"]
d = s["defaults"]
for o in s["operations"]:  # none sets its own: the defaults take effect (repetitions: 3 in the file)
    assert o["repetitions"] == d["repetitions"] == 3, o
    assert (o["warmup"], o["processes"], o["values"], o["min_time"]) == (d["warmup"], d["processes"], d["values"], d["min_time"]), o
PY
"$bin" validate --print --set 'operations[1].repetitions=7' "$src"/scenarios/examples/csv.yaml 2>"$tmp/err" |
  python3 -c 'import json,sys; o = json.load(sys.stdin)["operations"]; sys.exit(0 if [x["repetitions"] for x in o] == [3, 7] else 1)' ||
  fail "validate --print does not show an operation's own repetitions"

# Broken inputs: exit 2, each problem as file:line:col: path: message on stderr.
expect_broken() {  # file, a text the messages must contain
  local f=$1 want=$2 rc
  "$bin" validate "$f" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ "$rc" = 2 ] || fail "validate $f exited $rc, expected 2"
  grep -q "^$f:[0-9]*:[0-9]*: " "$tmp/err" || fail "validate $f: no file:line:col: line in: $(cat "$tmp/err")"
  grep -qF -- "$want" "$tmp/err" || fail "validate $f: expected '$want' in: $(cat "$tmp/err")"
  [ ! -s "$tmp/out" ] || fail "validate $f printed on stdout: $(cat "$tmp/out")"
}
data=$src/tests/data/scenarios
expect_broken "$data/broken_syntax.yaml" "YAML syntax error"
expect_broken "$data/broken_schema.yaml" "did you mean 'repetitions'?"
expect_broken "$data/broken_schema.yaml" "operations[0].ranges[0].end: end 2023-01-01 is before start 2023-12-31"
expect_broken "$data/broken_schema.yaml" "operations[1].grid: the grid has 9999800001 combinations"
expect_broken "$data/broken_schema.json" "holds no bars of 'AAPL'"
expect_broken "$data/broken_schema.json" "a persistence source must be a backtest"
n=$("$bin" validate "$data/broken_schema.yaml" 2>&1 | grep -c "^$data/broken_schema.yaml:[0-9]")
[ "$n" = 6 ] || fail "broken_schema.yaml: expected all 6 problems, got $n"

# A valid and a broken file together: exit 2, the valid one still reported ok.
"$bin" validate "$src"/scenarios/examples/sweep.yaml "$data/broken_syntax.yaml" >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] || fail "valid + broken did not exit 2"
grep -q "sweep.yaml: ok" "$tmp/out" || fail "valid + broken: the valid file was not reported ok"

# A bad --set path is a problem too; a missing file is one, naming the file.
"$bin" validate --set 'operations[9].symbols=[A]' "$src"/scenarios/examples/sweep.yaml >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "index 9 is out of range" "$tmp/err" || fail "bad --set path: $(cat "$tmp/err")"
"$bin" validate "$tmp/missing.yaml" >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "$tmp/missing.yaml: file not found" "$tmp/err" || fail "missing file: $(cat "$tmp/err")"

# --help for both commands.
# Through files: grep -q closing a pipe early would end the writer with SIGPIPE (pipefail).
"$bin" validate --help >"$tmp/help" 2>&1 && grep -q -- "--set" "$tmp/help" || fail "validate --help does not describe --set"
"$bin" list --help >"$tmp/help" 2>&1 && grep -q -- "--json" "$tmp/help" || fail "list --help does not describe --json"

# list strategies: a table, and valid JSON with every strategy and its parameters.
"$bin" list strategies >"$tmp/strategies.txt" && grep -q "^sma_cross: " "$tmp/strategies.txt" || fail "list strategies: no sma_cross line"
"$bin" list strategies --json >"$tmp/strategies.json" || fail "list strategies --json failed"
python3 -m json.tool "$tmp/strategies.json" >/dev/null || fail "list strategies --json is not valid JSON"
python3 - "$tmp/strategies.json" <<'PY' || fail "list strategies --json content"
import json, sys
strategies = json.load(open(sys.argv[1]))
names = [s["name"] for s in strategies]
assert names[:4] == ["sma_cross", "ema_cross", "rsi", "macd"], names
sma = strategies[0]
assert sma["constraint"] == "fast_period < slow_period", sma
fast = sma["parameters"][0]
assert fast == {"name": "fast_period", "type": "integer", "default": 10, "min": 1, "max": 100000,
                "description": fast["description"]} and fast["description"], fast
rsi = strategies[2]
assert [p["type"] for p in rsi["parameters"]] == ["integer", "real", "real"], rsi
PY
"$bin" list things >/dev/null 2>&1
[ $? = 2 ] || fail "list things should exit 2"

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "validate e2e: all checks passed"
