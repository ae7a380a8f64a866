#!/usr/bin/env bash
# What a person sees on the terminal: on a TTY (a pseudo-terminal from script(1)), a progress
# bar with the time left once the run has lasted a second; nothing of it when stderr is a file;
# and the summary's case table and budget lines. The run sleeps for its time (a command
# operation running sleep), so it lasts over a second however fast the machine is.
# $1 = perfharness, $2 = source dir.
set -uo pipefail
bin=$1
failures=0
fail() { echo "FAIL console: $*" >&2; failures=$((failures + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v script >/dev/null || { echo "console: script(1) (bsdutils) is missing" >&2; exit 1; }

cat > "$tmp/slow.yaml" <<'YAML'
name: slow
defaults: {repetitions: 6, warmup: 0, processes: 0}
operations:
  - name: nap
    kind: command
    command: [sleep, "0.3"]
    budgets:
      - {metric: time, max_ms: 100}
YAML

# On a pseudo-terminal: the bar, the count of steps and the time left, then the summary.
script -qec "'$bin' run '$tmp/slow.yaml' -o '$tmp/report.json'" "$tmp/tty.log" > "$tmp/script.out" 2>&1
code=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["verdict"]["exit_code"])' "$tmp/report.json" 2>&1)
[ "$code" = 1 ] || fail "the run's verdict is not exit 1 (a 300 ms nap over a 100 ms budget): $code"
grep -qE '\[#+\.*\] [4-6]/6  nap  [0-9.]+ s' "$tmp/tty.log" || fail "no progress bar on the terminal: $(tr '\r' '\n' < "$tmp/tty.log" | head -20)"
grep -qE 'about [0-9.]+ s left' "$tmp/tty.log" || fail "the progress bar gives no time left: $(tr '\r' '\n' < "$tmp/tty.log" | head -20)"
grep -qF "✗ nap: time median, whole operation: " "$tmp/tty.log" ||
  grep -qE "✗ nap: time median, max across cases: 3[0-9][0-9](\.[0-9]+)? ms > 100 ms" "$tmp/tty.log" ||
  fail "no failed budget line with its sign: $(tr '\r' '\n' < "$tmp/tty.log" | tail -12)"

# stderr to a file: no progress line, no carriage returns; the summary still there.
"$bin" run "$tmp/slow.yaml" -o "$tmp/report2.json" 2> "$tmp/err.log"
grep -q $'\r' "$tmp/err.log" && fail "progress reached a file: $(head -c 300 "$tmp/err.log")"
grep -q "left" "$tmp/err.log" && fail "a time left reached a file"
grep -q "verdict: FAILED" "$tmp/err.log" || fail "no summary when stderr is a file: $(cat "$tmp/err.log")"

[ "$failures" = 0 ] || exit 1
echo "console: ok"
