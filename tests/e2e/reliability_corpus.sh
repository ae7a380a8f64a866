#!/usr/bin/env bash
# The hostile-input corpus: $1 = perfharness binary, $2 = source dir.
# Every case under tests/reliability/cases/NAME/ holds its input files and a `case`
# file (format: tests/reliability/README.md). Each runs in its own temp dir and must
# exit with the documented code, say what is wrong in its message, leave no report
# behind when it fails, and never crash. Cases listed in
# tests/reliability/known_failures.txt are reported but do not fail the test.
set -uo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
root=$src/tests/reliability
only=${RELIABILITY_CASE:-}  # run a single case: RELIABILITY_CASE=NAME
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
# shellcheck source=../reliability/generate.sh
source "$root/generate.sh"
export PH_BIN=$bin PH_SRC=$src  # for generators that need perfharness itself

declare -A known=()
while read -r name _; do
  [ -n "$name" ] && [ "${name:0:1}" != "#" ] && known[$name]=1
done <"$root/known_failures.txt"

passed=0 failed=0 known_failed=0 fixed=0 skipped=0
failed_names=() fixed_names=()
crash_pattern='Sanitizer|runtime error:|terminate called|Segmentation fault|Aborted|core dumped|stack overflow|std::bad_alloc'

# Checks one case; prints its problems on stdout (nothing when it passed).
# Returns 0 passed, 1 failed, 2 skipped.
run_case() {
  local name=$1 case_dir=$root/cases/$1
  local work=$tmp/$name
  mkdir -p "$work/out"
  cp -a "$case_dir" "$work/in"
  local dir=$work/in out=$work/out/report.json
  local cmd="" want_exit="" gen=() expects=() forbids=() requires=""
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      cmd:*) cmd=${line#cmd:} ;;
      exit:*) want_exit=${line#exit:} want_exit=${want_exit// /} ;;
      expect:*) line=${line#expect:} expects+=("${line# }") ;;
      forbid:*) line=${line#forbid:} forbids+=("${line# }") ;;
      generate:*) line=${line#generate:} gen+=("${line# }") ;;
      requires:*) requires=${line#requires:} requires=${requires// /} ;;
      '#'* | '') ;;
      *) echo "malformed line in $case_dir/case: $line"; return 1 ;;
    esac
  done <"$case_dir/case"
  if [ -z "$cmd" ] || [ -z "$want_exit" ]; then echo "$case_dir/case lacks cmd: or exit:"; return 1; fi
  if [ "$requires" = non-root ] && [ "$(id -u)" = 0 ]; then echo "skipped: needs a non-root user"; return 2; fi

  local g
  for g in "${gen[@]}"; do
    (cd "$dir" && eval "gen_$g") || { echo "generator failed: $g"; return 1; }
  done
  cmd=${cmd//\{bin\}/$bin}
  cmd=${cmd//\{src\}/$src}
  cmd=${cmd//\{dir\}/$dir}
  cmd=${cmd//\{out\}/$out}
  cmd=${cmd//\{outdir\}/$work/out}

  local rc problems=()
  (cd "$dir" && timeout -s KILL 120 bash -c "$cmd" >"$work/stdout" 2>"$work/stderr")
  rc=$?
  # The checks below run in this shell: forks are slow on a busy CI machine.
  local err="" out_files
  IFS= read -r -d '' err <"$work/stderr"
  [ "$rc" = "$want_exit" ] || problems+=("exit code $rc, expected $want_exit")
  if [[ $err =~ $crash_pattern ]]; then problems+=("crash or sanitizer report on stderr"); fi
  # Messages are text: input bytes such as NUL or ESC must be escaped, never echoed raw.
  if LC_ALL=C tr -d '\n\t' <"$work/stderr" | LC_ALL=C grep -q '[[:cntrl:]]'; then
    problems+=("a control character (NUL, CR, ESC...) in the message; escape input echoed back")
  fi
  [ "$rc" -lt 128 ] || [ "$rc" = 130 ] || problems+=("killed by a signal or timed out (exit $rc)")
  local e
  for e in "${expects[@]}"; do
    e=${e//\{dir\}/$dir}
    e=${e//\{outdir\}/$work/out}
    [[ $err == *"$e"* ]] || problems+=("message lacks '$e'")
  done
  for e in "${forbids[@]}"; do
    [[ $err != *"$e"* ]] || problems+=("message contains '$e'")
  done
  if [ "$want_exit" != 0 ] && [ "$want_exit" != 1 ] && [ "$want_exit" != 4 ]; then
    [ -n "$err" ] || problems+=("no message on stderr")
    [ ! -e "$out" ] || problems+=("a report was left at {out} although the command failed")
    # Temporary files of an atomic write must not survive a failure either.
    out_files=$(shopt -s nullglob dotglob; echo "$work"/out/*)
    [ -z "$out_files" ] || [ -e "$out" ] || problems+=("files left in the output folder: $out_files")
  fi
  # No line of the message may be unbounded: a huge input must not be echoed back.
  local l longest=0
  while IFS= read -r l; do [ ${#l} -le $longest ] || longest=${#l}; done <<<"$err"
  [ "$longest" -le 1000 ] || problems+=("a message line is $longest characters long; quote at most a fragment of the input")
  if [ ${#problems[@]} -gt 0 ]; then
    printf '  %s\n' "${problems[@]}"
    echo "  command: $cmd"
    echo "  stderr (first lines):"
    head -c 1500 "$work/stderr" | head -n 8 | sed 's/^/    | /'
    return 1
  fi
  return 0
}

total=0
for case_dir in "$root"/cases/*/; do
  name=${case_dir%/}
  name=${name##*/}
  [ -z "$only" ] || [ "$only" = "$name" ] || continue
  total=$((total + 1))
  report=$(run_case "$name")
  status=$?
  if [ $status = 2 ]; then
    skipped=$((skipped + 1))
    echo "SKIP  $name: $report"
  elif [ $status = 0 ]; then
    passed=$((passed + 1))
    if [ -n "${known[$name]:-}" ]; then
      fixed=$((fixed + 1))
      fixed_names+=("$name")
      echo "FIXED $name (listed in known_failures.txt: remove it)"
    fi
  elif [ -n "${known[$name]:-}" ]; then
    known_failed=$((known_failed + 1))
    echo "KNOWN $name"
    echo "$report"
  else
    failed=$((failed + 1))
    failed_names+=("$name")
    echo "FAIL  $name"
    echo "$report"
  fi
done

echo "reliability corpus: $total cases, $passed passed, $failed failed, $known_failed known failures, $skipped skipped"
[ ${#fixed_names[@]} = 0 ] || echo "now passing, remove from known_failures.txt: ${fixed_names[*]}"
[ ${#failed_names[@]} = 0 ] || echo "failed: ${failed_names[*]}"
[ "$total" -gt 0 ] || { echo "no cases found under $root/cases"; exit 1; }
[ "$failed" = 0 ]
