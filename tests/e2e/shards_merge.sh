#!/usr/bin/env bash
# Shards and merge end to end (docs/scale-out.md): a scenario run in 4 shards by GNU parallel and
# merged equals the unsharded run in every case's results digest, every sweep's best sets, every
# budget's outcome and the verdict; a missing, repeated or foreign shard, a report that is not a
# shard's and a scenario that changed since are refused with exit 2, naming the file, and no
# report is written. $1 = perfharness, $2 = source dir.
set -euo pipefail
bin=$1; src=$2
command -v parallel >/dev/null || { echo "GNU parallel not installed (apt-get install parallel): skipped"; exit 77; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
source "$src/tests/support/e2e_expect.sh"

# Skewed work, one budget that holds and one that cannot: the verdict is 1 on any machine.
cp "$src/tests/data/scenarios/skewed_shards.yaml" "$work/skewed.yaml"
cd "$work"  # the shards' reports name the scenario as given: merge finds it from here

# GNU parallel keeps its state under $HOME: a folder of the test's own.
HOME="$work" parallel --will-cite -j2 "$bin" run skewed.yaml --shard {}/4 -q -o shard{}.json ::: 1 2 3 4 \
  || fail "a shard run failed"
# --shard auto says where its shard came from, and runs the same part as --shard I/N.
expect 0 env PERFHARNESS_SHARD=2/4 "$bin" run skewed.yaml --shard auto -o auto2.json
grep -q "shard 2 of 4 (from PERFHARNESS_SHARD)" out err || { cat out err >&2; fail "--shard auto did not say which shard it ran"; }
/usr/bin/python3 - auto2.json shard2.json <<'PY' || fail "--shard auto ran another part than --shard 2/4"
import json, sys
auto, given = (json.load(open(f)) for f in sys.argv[1:3])
digests = lambda r: [c["results_digest"] for op in r["operations"] for c in op["cases"]]
sys.exit(0 if auto["shard"]["source"] == "PERFHARNESS_SHARD" and digests(auto) == digests(given) else 1)
PY
expect 1 "$bin" run skewed.yaml -q -o whole.json
expect 1 "$bin" merge shard3.json shard1.json shard4.json shard2.json -q -o merged.json --junit merged.xml

/usr/bin/python3 - whole.json merged.json shard1.json <<'EOF' || fail "the merged report differs from the unsharded run's"
import json, sys
whole, merged, shard = (json.load(open(f)) for f in sys.argv[1:4])
def cases(r):
    return [(op["name"], c["label"], c["results_digest"], json.dumps(c["results"].get("best_by_sharpe")),
             json.dumps(c["results"].get("metrics")), len((c["results"].get("grid") or {}).get("rows", [])))
            for op in r["operations"] for c in op["cases"]]
def budgets(r):
    return [(b.get("operation"), b["metric"], b["passed"], b["available"]) for b in r["budgets"]]
problems = []
if cases(whole) != cases(merged): problems.append("cases (digests, best sets, metrics or grid rows) differ")
if len(cases(merged)) != 8: problems.append("expected 8 cases, merged has %d" % len(cases(merged)))
if budgets(whole) != budgets(merged): problems.append("budgets differ: %s vs %s" % (budgets(whole), budgets(merged)))
if [b[2] for b in budgets(merged)] != [True, False, True]: problems.append("unexpected budget outcomes %s" % budgets(merged))
if whole["verdict"]["exit_code"] != merged["verdict"]["exit_code"]: problems.append("verdicts differ")
if "shard" in merged or "shard" not in shard: problems.append("only a shard's report is marked as one")
if any("shard_share" in c for op in merged["operations"] for c in op["cases"]): problems.append("merged cases keep shard shares")
for op in merged["operations"]:
    if len(op["figures"]["time"]["samples"]) != op["repetitions"]: problems.append(op["name"] + ": a time sample per repetition")
grid = merged["operations"][0]["cases"][0]
if len(grid["parameter_set_seconds"]) != grid["workload"]["combinations"]: problems.append("parameter set times not joined")
for p in problems: print("FAIL:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
grep -q '<testsuite' merged.xml || fail "merge --junit wrote no JUnit report"

# Refusals: exit 2, the file named, no report left behind.
refused() {  # refused PATTERN ARGS...
  local pattern=$1; shift
  expect 2 "$bin" merge "$@" -q -o refused.json
  grep -q -- "$pattern" err || { cat err >&2; fail "merge $*: the message does not say '$pattern'"; }
  [ ! -e refused.json ] || fail "merge $*: a refused merge wrote a report"
}
refused "shard 4 of 4 is missing" shard1.json shard2.json shard3.json
cp shard2.json again.json
refused "again.json: is shard 2 again" shard1.json shard2.json shard3.json shard4.json again.json
refused "whole.json: not a shard's report" shard1.json shard2.json shard3.json shard4.json whole.json
sed 's/max_s: 600}/max_s: 601}/' skewed.yaml >other.yaml
"$bin" run other.yaml --shard 2/4 -q -o foreign.json
refused "foreign.json: ran another scenario" shard1.json foreign.json shard3.json shard4.json
refused "other.yaml: it is not the scenario shard1.json ran" shard1.json shard2.json shard3.json shard4.json --scenario other.yaml
echo "not json" >broken.json
refused "broken.json: not JSON" shard1.json shard2.json shard3.json broken.json
exit 0
