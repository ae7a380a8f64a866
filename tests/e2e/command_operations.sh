#!/usr/bin/env bash
# command operations end to end (docs/commands.md): the shipped Python example, an exit status
# that is an error and one that is allowed, output files, a timeout that kills the program's whole
# process group, a missing program, bad command fields, the figures in comparisons and exports, and
# instructions counted under callgrind.
set -euo pipefail
bin=$1; src=$2
work=$(mktemp -d)
cleanup() {
  # A grandchild the timeout failed to kill must not outlive the test.
  [ -s "$work/grandchild.pid" ] && kill -9 "$(cat "$work/grandchild.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
source "$src/tests/support/e2e_expect.sh"

# The shipped example: a plain-Python backtest on the example CSV, every budget held.
expect 0 "$bin" run "$src/scenarios/examples/command.yaml" -o "$work/example.json" --junit "$work/example.xml" \
  --markdown "$work/example.md" --benchmark-json "$work/example-bench.json"
python3 - "$work" <<'PY'
import json, sys, xml.etree.ElementTree as ET
w = sys.argv[1]
r = json.load(open(f"{w}/example.json"))
ops = {o["name"]: o for o in r["operations"]}
bt, bad = ops["python_sma_backtest"], ops["python_bad_arguments"]
for op in (bt, bad):
    assert op["kind"] == "command" and "error" not in op, op.get("error")
    assert op["cases"][0]["workload"]["command"][0] == "python3", op["cases"][0]
    # Measured from outside: the program's own resident size, not perfharness's (a floor of
    # about 1 MB from perfharness-exec); Python needs a few MB at least.
    rss = op["figures"]["max_rss"]["summary"]["max"]
    assert 3 < rss < 200, rss
    assert op["figures"]["time"]["summary"]["median"] > 0
    assert "peak_memory" not in op["figures"]  # heap figures need perfharness's allocator hooks
assert bt["cases"][0]["results"] == {"exit_code": 0}
assert bad["cases"][0]["results"] == {"exit_code": 2}  # allowed_exit_codes: [2]
assert all(b["passed"] for b in r["budgets"]) and len(r["budgets"]) == 3
assert any(b["metric"] == "max_rss" and b["limit_key"] == "max_mb" for b in r["budgets"])
suite = ET.parse(f"{w}/example.xml").getroot().find("testsuite")
assert int(suite.get("failures")) == 0 and int(suite.get("tests")) >= 3
assert "python_sma_backtest" in open(f"{w}/example.md").read()
bench = json.load(open(f"{w}/example-bench.json"))
assert any(e["name"] == "python_sma_backtest max_rss" and e["unit"] == "MB" for e in bench), [e["name"] for e in bench]
PY
# Compared with itself: the command's figures are rows of the comparison like any other.
expect 0 "$bin" compare "$work/example.json" "$work/example.json" --json
python3 - "$work/out" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["comparisons"]
figures = {(row["operation"], row["figure"]) for row in rows}
assert ("python_sma_backtest", "max_rss") in figures and ("python_sma_backtest", "time") in figures, figures
PY

# Exit statuses, output files and a timeout in one run: the failures are errors of their
# operations (exit 3), the others are measured, and the report is whole.
mkdir "$work/logs"
cat >"$work/statuses.yaml" <<'YAML'
name: statuses
defaults: {warmup: 0, repetitions: 2, processes: 0}
operations:
  - name: fails
    kind: command
    command: [sh, -c, "echo broken >&2; exit 3"]
  - name: allowed
    kind: command
    command: "echo out-$GREETING; echo err-line >&2; exit 3"
    shell: true
    env: {GREETING: hello}
    allowed_exit_codes: [3]
    output: {stdout: logs/out.txt, stderr: logs/err.txt}
  - name: hangs
    kind: command
    # The shell starts a grandchild in the background: the timeout kills the whole group.
    command: [sh, -c, "sleep 60 & echo $! > grandchild.pid; wait"]
    timeout: 0.5
  - name: in_folder
    kind: command
    command: [sh, -c, "test -f marker"]
    working_dir: logs
YAML
touch "$work/logs/marker"
start=$(date +%s)
expect 3 "$bin" run "$work/statuses.yaml" -o "$work/statuses.json"
[ $(( $(date +%s) - start )) -lt 30 ] || fail "the timeout did not stop the hanging command"
grep -q "operation 'fails' failed: operations\[0\]: \`sh -c 'echo broken >&2; exit 3'\` exited with status 3; list it in allowed_exit_codes" "$work/err" ||
  fail "no clear message for a failing command: $(cat "$work/err")"
grep -q "timed out after 0.5 s" "$work/err" || fail "no message for the timeout: $(cat "$work/err")"
[ -s "$work/grandchild.pid" ] || fail "the hanging command did not start its grandchild"
# Killed, it is gone or a zombie waiting for an init that may not reap it (in a container).
# SIGKILL was sent before the run ended; a loaded machine may take a moment to carry it out.
for _ in $(seq 50); do
  state=$(sed -n 's/^State:\s*\(.\).*/\1/p' "/proc/$(cat "$work/grandchild.pid")/status" 2>/dev/null || true)
  [ -z "$state" ] || [ "$state" = Z ] && break
  sleep 0.1
done
[ -z "$state" ] || [ "$state" = Z ] || fail "the timeout left the command's grandchild running (state $state)"
[ "$(cat "$work/logs/out.txt")" = "out-hello" ] || fail "stdout file: $(cat "$work/logs/out.txt")"
[ "$(cat "$work/logs/err.txt")" = "err-line" ] || fail "stderr file: $(cat "$work/logs/err.txt")"
ls "$work/logs" | grep -v -x -e marker -e out.txt -e err.txt && fail "temporary output files were left behind"
python3 - "$work/statuses.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
# A failed operation leaves the run incomplete (its figures are missing), not interrupted.
assert r["complete"] is False and r["verdict"]["exit_code"] == 3
ops = {o["name"]: o for o in r["operations"]}
assert "exited with status 3" in ops["fails"]["error"] and ops["fails"]["repetitions"] == 0
assert "timed out" in ops["hangs"]["error"]
assert "error" not in ops["allowed"] and ops["allowed"]["repetitions"] == 2
assert ops["allowed"]["cases"][0]["results"] == {"exit_code": 3}
assert ops["allowed"]["cases"][0]["workload"]["command"][:2] == ["/bin/sh", "-c"]
assert "error" not in ops["in_folder"], ops["in_folder"].get("error")
PY

# A missing program is bad input: exit 2 before any work, one line naming the file and field,
# and no report.
cat >"$work/missing.yaml" <<'YAML'
name: missing
operations:
  - name: nothing
    kind: command
    command: [perfharness-no-such-program, --flag]
YAML
expect 2 "$bin" run "$work/missing.yaml" -o "$work/missing.json"
grep -q "missing.yaml: operations\[0\].command\[0\]: program 'perfharness-no-such-program' is not found on PATH" "$work/err" ||
  fail "no clear message for a missing program: $(cat "$work/err")"
[ ! -e "$work/missing.json" ] || fail "a report was written for a run that never started"

# Bad command fields are reported by validate, each with its path.
cat >"$work/bad.yaml" <<'YAML'
name: bad
operations:
  - name: a
    kind: command
    command: python3 script.py
  - name: b
    kind: command
    command: [python3, script.py]
    allowed_exit_codes: [300]
    timeout: 0
    output: {stdout: no-such-folder/out.txt}
    strategies: [sma_cross]
YAML
expect 2 "$bin" validate "$work/bad.yaml"
for want in "operations\[0\].command: must be a list of arguments" "add shell: true" \
            "operations\[1\].allowed_exit_codes\[0\]" "operations\[1\].timeout" \
            "operations\[1\].output.stdout: folder" "'strategies' is not used by command operations"; do
  grep -q "$want" "$work/err" "$work/out" || fail "validate did not report '$want': $(cat "$work/out" "$work/err")"
done

# Instructions under callgrind: the program and what it starts (through the shell) are counted;
# three times the loop, about three times the count.
if command -v valgrind >/dev/null; then
  cat >"$work/count.yaml" <<'YAML'
name: count
defaults: {warmup: 0, repetitions: 1, processes: 0}
operations:
  - name: short_loop
    kind: command
    command: [sh, -c, "i=0; while [ $i -lt 2000 ]; do i=$((i+1)); done"]
  - name: long_loop
    kind: command
    command: "i=0; while [ $i -lt 6000 ]; do i=$((i+1)); done"
    shell: true
YAML
  expect 0 "$bin" run "$work/count.yaml" --instructions -o "$work/count.json"
  python3 - "$work/count.json" <<'PY'
import json, sys
ops = {o["name"]: o for o in json.load(open(sys.argv[1]))["operations"]}
short, long = (ops[n]["figures"]["instructions"]["samples"][0] for n in ("short_loop", "long_loop"))
assert short > 1e6 and 2.5 < long / short < 3.5, (short, long)
PY
fi
echo "command operations: OK"
