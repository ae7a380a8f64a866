# bash completion for perfharness: subcommands, options, strategy and parameter names, gate
# values and files. Subcommands and options are read from the program's own --help (once per
# shell and program), so the completion cannot fall behind the program it completes.
declare -gA _perfharness_help_cache

# The --help text of `$1` (the program) or of its subcommand `$2`.
_perfharness_help() {
  local key="$1|${2:-}"
  [[ -n ${_perfharness_help_cache[$key]+set} ]] ||
    _perfharness_help_cache[$key]=$("$1" ${2:+"$2"} --help 2>/dev/null)
  printf '%s\n' "${_perfharness_help_cache[$key]}"
}

# The subcommands, from the top-level help's "Subcommands:" section.
_perfharness_subcommands() {
  _perfharness_help "$1" | awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on = 0}'
}

# Every option name of subcommand $2 (or of the program).
_perfharness_options() {
  _perfharness_help "$1" "$2" | awk '/^Options:/ {on = 1; next} on && /^  -/ {names = $1; gsub(/\{[^}]*\}/, "", names); gsub(/,/, "\n", names); print names} on && /^$/ {on = 0}'
}

# The type CLI11's help gives option $3 of subcommand $2 (TEXT, INT:INT, TEXT:{all,instructions}),
# or nothing when it takes no value.
_perfharness_option_type() {
  _perfharness_help "$1" "$2" | awk -v opt="$3" '
    /^Options:/ {on = 1; next}
    on && /^  -/ {
      names = $1; gsub(/\{[^}]*\}/, "", names)
      n = split(names, parts, ",")
      for (i = 1; i <= n; i++) if (parts[i] == opt && $2 ~ /^[A-Z]+/ && $2 != "Excludes:" && $2 != "Needs:") {print $2; exit}
    }
    on && /^$/ {on = 0}'
}

# The strategies `list strategies` shows, with the --plugin files given on the line so far.
_perfharness_strategy_listing() {
  local program=$1; shift
  "$program" list strategies "$@" 2>/dev/null
}

_perfharness() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion -n = || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD - 1]}
    words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
  fi
  local program=${words[0]} sub="" i
  local -a plugins=() strategy=()
  local subcommands
  subcommands=$(_perfharness_subcommands "$program")
  for ((i = 1; i < cword; i++)); do
    if [[ -z $sub ]] && grep -qxF -- "${words[i]}" <<<"$subcommands"; then sub=${words[i]}; fi
    case ${words[i]} in
      --plugin) plugins+=(--plugin "${words[i + 1]}") ;;
      --strategy) strategy=("${words[i + 1]}") ;;
    esac
  done

  if [[ -z $sub ]]; then
    if [[ $cur == -* ]]; then
      mapfile -t COMPREPLY < <(compgen -W "$(_perfharness_options "$program")" -- "$cur")
    else
      mapfile -t COMPREPLY < <(compgen -W "$subcommands" -- "$cur")
    fi
    return
  fi

  # The value of an option that takes one.
  local type=""
  [[ $prev == -* ]] && type=$(_perfharness_option_type "$program" "$sub" "$prev")
  if [[ -n $type ]]; then
    case "$sub $prev" in
      *" --strategy")
        mapfile -t COMPREPLY < <(compgen -W "$(_perfharness_strategy_listing "$program" "${plugins[@]}" |
                                              awk -F: '/^[A-Za-z0-9_]+:/ {print $1}')" -- "$cur") ;;
      *" --param")
        # KEY= for each parameter of the strategy named on the line.
        [[ ${#strategy[@]} -eq 1 ]] || return
        compopt -o nospace 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -W "$(_perfharness_strategy_listing "$program" "${plugins[@]}" |
          awk -v s="${strategy[0]}" '/^[^ ]/ {on = ($0 ~ "^" s ":")} on && /^  [a-z_]+ +[a-z]+ +default/ {print $1 "="}')" -- "$cur") ;;
      "run --shard") mapfile -t COMPREPLY < <(compgen -W "auto" -- "$cur") ;;
      *" --set"|*" --start"|*" --end"|*" --synthetic"|"history --scenario") ;;
      *)
        if [[ $type == *"{"*"}"* ]]; then  # one of a set, e.g. TEXT:{all,instructions}
          local choices=${type#*\{}; choices=${choices%\}*}
          mapfile -t COMPREPLY < <(compgen -W "${choices//,/ }" -- "$cur")
        elif [[ $type == TEXT* ]]; then  # a scenario, report, database or output path
          if declare -F _filedir >/dev/null; then _filedir; else mapfile -t COMPREPLY < <(compgen -f -- "$cur"); fi
        fi ;;  # a number: nothing to offer
    esac
    return
  fi

  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_perfharness_options "$program" "$sub")" -- "$cur")
  elif [[ $sub == list ]]; then
    mapfile -t COMPREPLY < <(compgen -W "strategies" -- "$cur")
  elif declare -F _filedir >/dev/null; then
    _filedir
  else
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  fi
}
complete -F _perfharness perfharness
