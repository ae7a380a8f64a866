#!/usr/bin/env bash
# The bash completion (completions/perfharness.bash) against the program it completes: every
# subcommand and every option each --help lists, strategy names and each strategy's parameters
# as `list strategies --json` gives them, the choices of --gate, files where a path goes and
# nothing where a number goes. Twice: in plain bash, and under Debian's bash-completion, which
# is how an installed completion is loaded.
# $1 = perfharness, $2 = source dir
set -euo pipefail
program=$(realpath "$1")
src=$(realpath "$2")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL install.completion: $*" >&2; exit 1; }

# What the program says, parsed here independently of the completion's own reading.
"$program" --help > "$work/help"
"$program" list strategies --json > "$work/strategies.json"
python3 - "$work" <<'PY' > "$work/subcommands"
import re, sys
text = open(sys.argv[1] + "/help").read()
print("\n".join(re.findall(r"^  ([a-z]+) ", text.split("Subcommands:")[1], re.M)))
PY
[ "$(wc -l < "$work/subcommands")" -ge 8 ] || fail "the top-level --help lists fewer than 8 subcommands"

mkdir "$work/files"
touch "$work/files/scenario.yaml" "$work/files/scenario-two.json" "$work/files/other.txt"

bash_bin=$(command -v bash)
for mode in plain bash-completion; do
  if [ "$mode" = bash-completion ] && [ ! -r /usr/share/bash-completion/bash_completion ]; then
    fail "bash-completion is not installed (scripts/test.sh installs it)"
  fi
  # One completion per line of requests: the words of a command line, the last one the word
  # being completed; the answer is the sorted candidates.
  complete_line() {
    "$bash_bin" --norc --noprofile -c '
      set -u
      [ "$1" = bash-completion ] && source /usr/share/bash-completion/bash_completion
      source "$2"
      declare -F _perfharness >/dev/null || exit 3
      shift 2
      COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
      _perfharness perfharness "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
      printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$mode" "$src/completions/perfharness.bash" "$@"
  }
  expect() {  # expect "what" "expected candidates, one per line" words...
    local what=$1 expected=$2; shift 2
    local got
    got=$(cd "$work/files" && complete_line "$@") || fail "$mode: completing '$*' failed"
    [ "$got" = "$(printf '%s\n' "$expected" | sed '/^$/d' | sort)" ] ||
      fail "$mode: $what: completing '$*' gave [$(echo $got)], expected [$(echo $expected)]"
  }

  expect "subcommands" "$(cat "$work/subcommands")" "$program" ""
  while read -r sub; do
    "$program" "$sub" --help > "$work/help-$sub"
    options=$(python3 - "$work/help-$sub" <<'PY'
import re, sys
section = open(sys.argv[1]).read().split("\nOptions:\n")[1].split("\n\n")[0]
names = set()
for line in section.splitlines():
    m = re.match(r"  (-\S+)", line)
    if m:
        names.update(n for n in re.sub(r"\{[^}]*\}", "", m.group(1)).split(",") if n)
print("\n".join(sorted(names)))
PY
)
    [ "$(echo "$options" | wc -l)" -ge 2 ] || fail "$sub --help lists fewer than 2 options"
    expect "$sub's options" "$options" "$program" "$sub" -
  done < "$work/subcommands"

  expect "--gate's choices" "$(printf 'all\ninstructions')" "$program" run --gate ""
  expect "--gate's choices, started" "instructions" "$program" compare a.json b.json --gate in
  expect "list's argument" "strategies" "$program" list ""
  python3 - "$work/strategies.json" > "$work/strategy-names" <<'PY'
import json, sys
print("\n".join(s["name"] for s in json.load(open(sys.argv[1]))))
PY
  expect "strategy names" "$(cat "$work/strategy-names")" "$program" backtest --strategy ""
  while read -r strategy; do
    params=$(python3 - "$work/strategies.json" "$strategy" <<'PY'
import json, sys
for s in json.load(open(sys.argv[1])):
    if s["name"] == sys.argv[2]:
        print("\n".join(p["name"] + "=" for p in s["parameters"]))
PY
)
    expect "$strategy's parameters" "$params" "$program" backtest --synthetic X --strategy "$strategy" --param ""
  done < "$work/strategy-names"
  expect "a number" "" "$program" run --repeat ""
  expect "a scenario file" "$(printf 'scenario-two.json\nscenario.yaml')" "$program" run scen
  expect "an output file" "$(printf 'scenario-two.json\nscenario.yaml')" "$program" run s.yaml --junit scen
done
echo "install.completion: ok"
