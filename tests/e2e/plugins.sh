#!/usr/bin/env bash
# Strategy plugins from the CLI (docs/plugins.md): list, backtest, a scenario's run with zones and
# the sampler seeing plugin code, a sweep and a persistence operation of plugin strategies, every
# bad plugin refused with exit 2 and the file named, and a crashing plugin contained (exit 3, a
# report marked incomplete, an intact history).
set -euo pipefail
bin=$1
src=$2
plugin=${PH_EXAMPLE_PLUGIN:?the example plugin, set by tests/CMakeLists.txt}
bad=${PH_TEST_PLUGIN_DIR:?the test plugins, set by tests/CMakeLists.txt}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# expect NAME MESSAGE COMMAND...: the check NAME fails with MESSAGE unless COMMAND succeeds.
expect() {
  local name=$1 message=$2; shift 2
  "$@" > "$tmp/check.out" 2>&1 || { cat "$tmp/check.out" >&2; echo "FAIL plugins:$name: $message" >&2; exit 1; }
}

# ---- list and backtest
"$bin" list strategies --plugin "$plugin" > "$tmp/list.txt"
expect "list:text" "list strategies does not show the plugin's strategies and source" \
  grep -q "^donchian_breakout: " "$tmp/list.txt"
expect "list:source" "list strategies does not name the plugin file" grep -q "from plugin $plugin" "$tmp/list.txt"
"$bin" list strategies --json --plugin "$plugin" > "$tmp/list.json"
expect "list:json" "list --json lacks the source of built-in and plugin strategies" python3 - "$tmp/list.json" "$plugin" <<'PY'
import json, sys
rows = {s["name"]: s for s in json.load(open(sys.argv[1]))}
assert rows["sma_cross"]["source"] == "built-in"
assert rows["keltner_breakout"]["source"] == sys.argv[2]
assert [p["name"] for p in rows["keltner_breakout"]["parameters"]] == ["ema_period", "atr_period", "multiplier"]
PY
"$bin" backtest --plugin "$plugin" --synthetic ACME --strategy donchian_breakout --param entry_period=30 > "$tmp/bt.json"
expect "backtest" "backtest of a plugin strategy printed no trades" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["strategy"] == "donchian_breakout" and r["parameters"]["entry_period"] == 30 and len(r["trades"]) > 0, r' "$tmp/bt.json"
code=0; "$bin" backtest --synthetic ACME --strategy donchian_breakout 2> "$tmp/err" > "$tmp/stdout" || code=$?
expect "backtest:unknown" "a plugin strategy without --plugin was not an unknown strategy (exit $code)" \
  test "$code" = 2 -a -n "$(grep "unknown strategy 'donchian_breakout'" "$tmp/err")"

# ---- the shipped example scenario, with its budgets
code=0; "$bin" run "$src/scenarios/examples/plugin.yaml" --plugin "$plugin" -q -o "$tmp/example.json" --repeat 2 --processes 1 || code=$?
expect "example" "scenarios/examples/plugin.yaml ended with exit $code" test "$code" = 0

# ---- a scenario's run: backtest (zones, sampling), sweep and persistence of plugin strategies
mkdir -p "$tmp/scenario/lib"
cp "$plugin" "$tmp/scenario/lib/"
cat > "$tmp/scenario/plugin.yaml" <<YAML
name: plugin-e2e
plugins: [lib/$(basename "$plugin")]
data: {synthetic: {first_date: 2018-01-01, last_date: 2023-12-31}}
defaults: {repetitions: 3, warmup: 1, processes: 1, values: 2}
operations:
  - name: channels
    kind: backtest
    strategies:
      - {name: donchian_breakout, parameters: {entry_period: 40, exit_period: 20}}
      - {name: keltner_breakout}
    symbols: [ACME]
    ranges: [{start: 2018-01-01, end: 2023-12-31}]
    profile: {sampling: true}
  - name: keltner_sweep
    kind: sweep
    strategy: keltner_breakout
    grid: {ema_period: [10, 20], multiplier: [1.5, 2.5]}
    symbols: [ACME]
    ranges: [{start: 2018-01-01, end: 2023-12-31}]
  - name: save_channels
    kind: persistence
    source: channels
    saves: 2
    fetches: 1
YAML
"$bin" validate "$tmp/scenario/plugin.yaml" > "$tmp/stdout"
code=0; "$bin" run "$tmp/scenario/plugin.yaml" -q -o "$tmp/run.json" || code=$?
expect "run:exit" "the plugin scenario's run ended with exit $code" test "$code" = 0
expect "run:report" "the report lacks the plugin's zones or results" python3 - "$tmp/run.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["complete"], r["warnings"]
ops = {o["name"]: o for o in r["operations"]}
names = set()
def walk(zones):
    for z in zones:
        names.add(z["name"]); walk(z.get("children", []))
walk([ops["channels"]["zones"]])
assert {"donchian.channel", "donchian.signals", "keltner.ema", "keltner.atr"} <= names, names
assert len(ops["keltner_sweep"]["cases"]) >= 1 and ops["keltner_sweep"]["figures"]["time"]["samples"]
assert not ops["save_channels"].get("error"), ops["save_channels"].get("error")
# The sampler resolves the plugin's functions (its ELF symbols), which hold most of the samples.
top = [f["function"] for f in ops["channels"]["sampling"]["top_self"]]
assert any("keltner" in f or "donchian" in f for f in top), top
PY

# ---- advice about plugin code: where its time goes (any share of every zone, so neither timing
# noise nor a sanitizer's slowdown of other code can hide it),
# and allocations per bar (an exact count; only where heap tracking is on, not under sanitizers)
cat > "$tmp/advice.yaml" <<YAML
name: plugin-advice
data: {synthetic: {first_date: 2022-01-01, last_date: 2023-12-31}}
defaults: {repetitions: 2, warmup: 1, processes: 0}
thresholds: {share_medium: 0, share_high: 0.999, hotspot_top_n: 20}
operations:
  - name: channels
    kind: backtest
    strategies: [keltner_breakout]
    symbols: [ACME]
    ranges: [{start: 2022-01-01, end: 2023-12-31}]
  - name: allocating
    kind: backtest
    strategies: [test_allocates]
    symbols: [ACME]
    ranges: [{start: 2022-01-01, end: 2023-12-31}]
YAML
code=0
"$bin" run "$tmp/advice.yaml" --plugin "$plugin" --plugin "$bad/libph_test_plugin_crash.so" -q -o "$tmp/advice.json" || code=$?
expect "advice:exit" "the advice scenario ended with exit $code" test "$code" = 0
expect "advice:report" "the report lacks advice about the plugin's zones or its allocations" python3 - "$tmp/advice.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
found = {(o["operation"], o["issue"]): o for o in r["optimization_opportunities"]}
zones = [o["function"] for o in r["optimization_opportunities"] if o["issue"] == "Large share of time"]
assert any(f.startswith("backtest/signals/keltner.") for f in zones), zones
if r["environment"]["profilers"]["heap"]:
    o = found[("allocating", "Allocations per bar")]
    assert o["evidence"]["per_bar"] >= 1 and o["evidence"]["bars"] > 400, o
PY

# ---- bad plugins: exit 2, the file named, nothing run
refused() {  # NAME PLUGIN-FILE TEXT
  local name=$1 file=$2 text=$3 code=0
  "$bin" run "$tmp/scenario/plugin.yaml" --plugin "$file" -q -o "$tmp/bad.json" 2> "$tmp/err" || code=$?
  expect "bad:$name" "--plugin $file: exit $code, or no line naming it with '$text'" \
    test "$code" = 2 -a -n "$(grep -F "$file" "$tmp/err" | grep -F "$text")"
  expect "bad:$name:no-report" "a refused plugin left a report" test ! -e "$tmp/bad.json"
}
printf 'plain text\n' > "$tmp/text.so"
refused missing "$tmp/missing.so" "no such file"
refused not-a-library "$tmp/text.so" "is not a shared library"
refused no-entry "$bad/libph_test_plugin_no_entry.so" "exports no entry point"
refused version "$bad/libph_test_plugin_version.so" "API version 99; this perfharness loads version 1"
refused duplicate "$bad/libph_test_plugin_duplicate.so" "'sma_cross' is already defined"
refused out-of-range "$bad/libph_test_plugin_out_of_range.so" "outside its range 1..100"
sed 's|plugins: \[.*\]|plugins: [lib/nothing.so]|' "$tmp/scenario/plugin.yaml" > "$tmp/scenario/missing.yaml"
code=0; "$bin" validate "$tmp/scenario/missing.yaml" 2> "$tmp/err" || code=$?
expect "bad:scenario" "a scenario's missing plugin: exit $code, or no line with the field and file" \
  test "$code" = 2 -a -n "$(grep -F "plugins[0]" "$tmp/err" | grep -F "$tmp/scenario/lib/nothing.so: no such file")"

# ---- a crashing plugin: its operation fails, the others are measured, the report and history hold
for how in 0 1; do
  cat > "$tmp/crash.yaml" <<YAML
name: plugin-crash
data: {synthetic: {first_date: 2023-01-01, last_date: 2023-12-31}}
defaults: {repetitions: 2, warmup: 0, processes: 1, values: 1}
operations:
  - name: crashes
    kind: backtest
    strategies: [{name: test_crash, parameters: {how: $how}}]
    symbols: [ACME]
    ranges: [{start: 2023-01-01, end: 2023-12-31}]
  - name: fine
    kind: backtest
    strategies: [test_flat, sma_cross]
    symbols: [ACME]
    ranges: [{start: 2023-01-01, end: 2023-12-31}]
YAML
  code=0
  "$bin" run "$tmp/crash.yaml" --plugin "$bad/libph_test_plugin_crash.so" -q -o "$tmp/crash.json" \
    --history "$tmp/history.db" 2> "$tmp/err" || code=$?
  expect "crash:$how:exit" "a crashing plugin (how=$how) ended the run with exit $code, not 3" test "$code" = 3
  expect "crash:$how:report" "the report does not hold the crash as the operation's error" python3 - "$tmp/crash.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["complete"] is False and r["verdict"]["exit_code"] == 3, (r["complete"], r["verdict"])
ops = {o["name"]: o for o in r["operations"]}
assert "plugin code crashed" in ops["crashes"]["error"] and "killed by SIG" in ops["crashes"]["error"], ops["crashes"]["error"]
assert not ops["fine"].get("error") and ops["fine"]["figures"]["time"]["samples"], ops["fine"]
PY
done
expect "crash:history" "the history database does not list both crashed runs" \
  test "$("$bin" history --db "$tmp/history.db" --json | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')" = 2
echo "plugins: all checks passed"
