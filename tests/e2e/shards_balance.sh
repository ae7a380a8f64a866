#!/usr/bin/env bash
# Shards share the work evenly even when its pieces are far from equal (docs/scale-out.md): on a
# scenario whose cases differ 15-fold in bars, each of 4 shards' CPU work is within 15% of the
# mean. CPU work is counted as instructions under callgrind, exact and the same on every
# machine, so the test cannot fail for a busy runner; the shards' CPU seconds, which can, are
# reported as figures in docs/scale-out.md. $1 = perfharness, $2 = source dir. Skipped (77)
# without valgrind or in a sanitizer build, which valgrind cannot run.
set -euo pipefail
bin=$1; src=$2
command -v valgrind >/dev/null || { echo "valgrind not installed: skipped"; exit 77; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
source "$src/tests/support/e2e_expect.sh"
scenario=$src/tests/data/scenarios/skewed_shards.yaml  # cases of ~1000 and ~65 bars
expect 0 "$bin" run "$scenario" --shard 1/4 -q -o "$work/probe.json"
if grep -q '"build_type": "Sanitize"' "$work/probe.json"; then
  echo "sanitizer build: valgrind cannot run it; skipped"; exit 77
fi
for i in 1 2 3 4; do
  expect 0 "$bin" run "$scenario" --shard "$i/4" --instructions --repeat 1 -q -o "$work/shard$i.json"
done
/usr/bin/python3 - "$work"/shard{1,2,3,4}.json <<'PY' || fail "the shards' CPU work is not balanced"
import json, sys
work = []
for f in sys.argv[1:]:
    r = json.load(open(f))
    work.append(sum(op["figures"]["instructions"]["samples"][0] for op in r["operations"] if "instructions" in op["figures"]))
mean = sum(work) / len(work)
spread = [round((w - mean) / mean * 100, 1) for w in work]
print("instructions per shard:", work, "off the mean (%):", spread)
sys.exit(0 if all(abs(s) <= 15 for s in spread) else 1)
PY
