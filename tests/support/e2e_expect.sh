# Sourced by the e2e scripts after they set `work` (their temporary folder).
# fail MESSAGE: the test fails with MESSAGE.
# expect CODE COMMAND...: runs COMMAND with its stdout in $work/out and stderr in $work/err, and
# fails the test, showing both, unless it exits CODE.
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() {
  local want=$1; shift
  set +e; "$@" >"$work/out" 2>"$work/err"; local got=$?; set -e
  [ "$got" -eq "$want" ] || { cat "$work/out" "$work/err" >&2; fail "'$*' exited $got, expected $want"; }
}
