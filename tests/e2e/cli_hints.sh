#!/usr/bin/env bash
# The command line helps a user who mistyped: "did you mean" for subcommands, options, strategy
# and parameter names; the same range for an option every command shares; --max-grid on run;
# a warning when a date range reaches outside a symbol's data. $1 = perfharness, $2 = source dir.
set -uo pipefail
bin=$1
src=$2
failures=0
fail() { echo "FAIL cli_hints: $*" >&2; failures=$((failures + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

expect() {  # expect CODE TEXT ARGS...: exit CODE and TEXT on stderr
  local want=$1 text=$2; shift 2
  local code=0
  "$bin" "$@" >"$tmp/out" 2>"$tmp/err" || code=$?
  [ "$code" = "$want" ] || fail "'$*' exited $code, expected $want: $(cat "$tmp/err")"
  grep -qF -- "$text" "$tmp/err" || fail "'$*' did not say \"$text\": $(cat "$tmp/err")"
  [ "$(wc -l < "$tmp/err")" -le 3 ] || fail "'$*' said more than a few lines: $(cat "$tmp/err")"
}

scenario=$src/scenarios/examples/backtest.yaml
expect 2 "did you mean 'run'?" rn "$scenario"
expect 2 "did you mean '--threads'?" run --thread 2 "$scenario"
expect 2 "did you mean '--repeat'?" run "$scenario" --repaet=3
expect 2 "did you mean 'strategies'?" list strategie
expect 2 "did you mean 'sma_cross'?" backtest --synthetic ACME --strategy sma_cros
expect 2 "did you mean 'fast_period'?" backtest --synthetic ACME --strategy sma_cross --param fast=5

# One range per shared option: run refuses what compare and report refuse, in the same words.
for command in "run $scenario" "compare a.json b.json" "report a.json --html $tmp/page.html"; do
  # shellcheck disable=SC2086
  expect 2 "--alpha: Value 0.9 not in range 0.000000 to 0.500000" $command --alpha 0.9
  # shellcheck disable=SC2086
  expect 2 "--threshold: Value 5000 not in range 0.000000 to 1000.000000" $command --threshold 5000
done

# --max-grid on run as on validate: a sweep's grid larger than it is refused before anything runs.
sweep=$src/scenarios/examples/sweep.yaml
expect 2 "over the limit of 2 (--max-grid)" validate --max-grid 2 "$sweep"
expect 2 "over the limit of 2 (--max-grid)" run --max-grid 2 "$sweep" -q
for command in run merge validate; do
  # Through a file: grep -q closing a pipe early would end the writer with SIGPIPE (pipefail).
  "$bin" "$command" --help >"$tmp/help" 2>&1 || fail "$command --help exited $?"
  grep -q -- "--max-grid" "$tmp/help" || fail "$command --help has no --max-grid"
done

# A range reaching months before a symbol's data: valid, with a warning naming the data's span;
# the run carries it into its report.
mkdir "$tmp/data"
cp "$src/scenarios/examples/data/ACME.csv" "$tmp/data/ACME.csv"
cat > "$tmp/early.yaml" <<'YAML'
name: early
data:
  csv: {dir: data}
defaults: {repetitions: 1, warmup: 0, processes: 0}
operations:
  - name: load
    kind: data_load
    symbols: [ACME]
    ranges:
      - {label: wide, start: 2022-06-01, end: 2023-12-31}
      - {label: inside, start: 2023-02-01, end: 2023-12-31}
YAML
"$bin" validate "$tmp/early.yaml" >"$tmp/out" 2>"$tmp/err" || fail "validate of a range reaching outside the data failed: $(cat "$tmp/err")"
grep -q "^warning: .*early.yaml:[0-9]*:[0-9]*: operations\[0\].ranges\[0\]: range 'wide' (2022-06-01..2023-12-31) reaches outside the data of 'ACME' (its data spans 2023-01-02..2023-12-29)" "$tmp/err" ||
  fail "validate did not warn of the range outside the data: $(cat "$tmp/err")"
[ "$(grep -c '^warning:' "$tmp/err")" = 1 ] || fail "only range 'wide' reaches outside the data: $(cat "$tmp/err")"
code=0
"$bin" run "$tmp/early.yaml" -q -o "$tmp/report.json" 2>"$tmp/err" || code=$?
[ "$code" = 0 ] || fail "run of the scenario exited $code: $(cat "$tmp/err")"
python3 - "$tmp/report.json" <<'PY' || fail "the report does not carry the warning of the range outside the data"
import json, sys
w = json.load(open(sys.argv[1]))["warnings"]
assert sum("range 'wide'" in x and "reaches outside the data of 'ACME'" in x for x in w) == 1, w
PY

[ "$failures" = 0 ] || { echo "cli_hints: $failures failure(s)" >&2; exit 1; }
echo "cli_hints: ok"
