#!/usr/bin/env bash
# `perfharness compare` through the real executable: verdicts become exit codes.
# $1 = perfharness binary, $2 = source dir.
set -uo pipefail
bin=$1
data=$2/tests/data/reports
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0

expect() {  # expect EXIT_CODE DESCRIPTION -- ARGS...
  local want=$1 what=$2
  shift 3
  "$bin" "$@" >"$out/stdout" 2>"$out/stderr"
  local got=$?
  if [[ $got -ne $want ]]; then
    echo "FAIL: $what: exit $got, expected $want" >&2
    sed 's/^/  stderr: /' "$out/stderr" >&2
    failures=$((failures + 1))
  else
    echo "ok: $what (exit $got)"
  fi
}

contains() {  # contains FILE TEXT DESCRIPTION
  if ! grep -qF -- "$2" "$out/$1"; then
    echo "FAIL: $3: '$2' not in $1" >&2
    sed 's/^/  '"$1"': /' "$out/$1" >&2
    failures=$((failures + 1))
  fi
}

matches() {  # matches FILE REGEX DESCRIPTION
  if ! grep -qE -- "$2" "$out/$1"; then
    echo "FAIL: $3: no line matches /$2/ in $1" >&2
    sed 's/^/  '"$1"': /' "$out/$1" >&2
    failures=$((failures + 1))
  fi
}

expect 4 "2x slower report regresses" -- compare "$data/base.json" "$data/slow.json"
# A table row's verdict is its last column; the closing legend also says "regressed".
matches stderr '  regressed$' "slow: a regressed row in the table on stderr"
contains stderr "4 regressions" "slow: conclusion"
[[ -s $out/stdout ]] && { echo "FAIL: stdout not empty without --json" >&2; failures=$((failures + 1)); }

expect 0 "same-build rerun does not regress" -- compare "$data/base.json" "$data/rerun.json"
contains stderr "0 regressions, 0 improvements" "rerun: conclusion"

expect 0 "a report against itself" -- compare "$data/base.json" "$data/base.json"

expect 4 "--json prints the comparison on stdout" -- compare "$data/base.json" "$data/slow.json" --json
if command -v python3 >/dev/null; then
  python3 - "$out/stdout" <<'PY' || failures=$((failures + 1))
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["regressions"] == 4, doc["regressions"]
rows = {(c["operation"], c["figure"]): c for c in doc["comparisons"]}
assert rows[("backtest_sma_cross", "time")]["verdict"] == "regressed"
assert rows[("backtest_sma_cross", "instructions")]["p_value"] is None
assert rows[("db_fetch_by_id", "time")]["verdict"] == "unchanged"
assert set(rows[("data_load", "time")]) >= {"operation", "figure", "unit", "base_median", "new_median",
                                            "change", "p_value", "verdict"}
assert abs(doc["geometric_mean_ratio"] - 1.3634) < 1e-3
assert isinstance(doc["warnings"], list)
PY
else
  contains stdout '"regressions": 4' "json: regression count"
fi

expect 0 "a huge threshold turns the regressions off" -- compare "$data/base.json" "$data/slow.json" --threshold 150
expect 0 "another host: exit 0 with a warning" -- compare "$data/base.json" "$data/other-host.json"
contains stderr "warning: the reports come from different hosts" "other host warning"

expect 2 "truncated JSON" -- compare "$data/base.json" "$data/truncated.json"
contains stderr "truncated.json: not valid JSON" "truncated: message names the file"
[[ $(wc -l <"$out/stderr") -eq 1 ]] || { echo "FAIL: error is not one line" >&2; failures=$((failures + 1)); }
expect 2 "missing samples" -- compare "$data/missing-samples.json" "$data/base.json"
contains stderr "missing-samples.json: operations[1].figures.time.samples: missing" "missing samples: field named"
expect 2 "missing file" -- compare "$data/base.json" "$data/does-not-exist.json"
contains stderr "does-not-exist.json: cannot open" "missing file named"
expect 2 "missing argument" -- compare "$data/base.json"
expect 2 "negative threshold" -- compare "$data/base.json" "$data/rerun.json" --threshold -5

# Nothing in common (every operation renamed): a gate that compares nothing must not pass.
python3 - "$data/base.json" "$out/renamed.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for op in r["operations"]:
    op["name"] = "renamed_" + op["name"]
json.dump(r, open(sys.argv[2], "w"))
PY
expect 2 "nothing in common is an error" -- compare "$data/base.json" "$out/renamed.json"
contains stderr "nothing was compared" "nothing in common: the reason"
contains stderr "--allow-nothing-compared" "nothing in common: the way out"
expect 0 "--allow-nothing-compared lets it pass" -- compare "$data/base.json" "$out/renamed.json" --allow-nothing-compared

# run --baseline: a baseline report that holds none of the scenario's operations stops the run
# before it starts (exit 2, no report); --allow-nothing-compared runs it anyway.
cat >"$out/other.yaml" <<'YAML'
name: other
data: {synthetic: {first_date: 2022-01-01, last_date: 2022-12-31}}
defaults: {warmup: 0, repetitions: 1, processes: 0}
operations:
  - {name: not_in_the_baseline, kind: backtest, strategies: [sma_cross], symbols: [AAA], ranges: [{start: 2022-01-01, end: 2022-12-31}]}
YAML
expect 2 "run --baseline with nothing in common is an error" -- run "$out/other.yaml" --baseline "$data/base.json" -q -o "$out/other.json"
contains stderr "nothing would be compared" "run --baseline, nothing in common: the reason"
contains stderr "backtest_sma_cross" "run --baseline, nothing in common: what the baseline holds"
if [[ -e "$out/other.json" ]]; then echo "FAIL: run --baseline, nothing in common: a report was written" >&2; failures=$((failures + 1)); fi
expect 0 "run --baseline --allow-nothing-compared runs" -- run "$out/other.yaml" --baseline "$data/base.json" --allow-nothing-compared -q -o "$out/other.json"

if [[ $failures -ne 0 ]]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "all compare e2e checks passed"
