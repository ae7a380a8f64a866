# Shared by the fault-injection scripts tests/e2e/reliability_*.sh: named checks,
# known failures (tests/reliability/known_failures.txt) and a summary.
# Usage: source it after setting $src; call check NAME CONDITION-COMMAND... [-- DETAIL].

failures=0
known_count=0
checks=0
declare -A ph_known=()
while read -r ph_name _; do
  [ -n "$ph_name" ] && [ "${ph_name:0:1}" != "#" ] && ph_known[$ph_name]=1
done <"$src/tests/reliability/known_failures.txt"

# ok NAME: a check passed. bad NAME DETAIL: it failed (KNOWN when listed).
ok() {
  checks=$((checks + 1))
  [ -z "${ph_known[$1]:-}" ] || echo "FIXED $1 (listed in known_failures.txt: remove it)"
}
bad() {
  checks=$((checks + 1))
  if [ -n "${ph_known[$1]:-}" ]; then
    known_count=$((known_count + 1))
    echo "KNOWN $1: $2"
  else
    failures=$((failures + 1))
    echo "FAIL  $1: $2"
  fi
}
# expect NAME DETAIL COMMAND...: runs COMMAND; ok when it succeeds.
expect() {
  local name=$1 detail=$2
  shift 2
  if "$@"; then ok "$name"; else bad "$name" "$detail"; fi
}

# Sanitizer builds are slower; scripts scale their repeat counts and timeouts with this.
# Read whole, not piped into grep -q: its early exit would end ldd or nm with SIGPIPE, which
# pipefail turns into "not a sanitizer build" at random.
is_sanitizer_build() {
  local libraries symbols
  libraries=$(ldd "$1" 2>/dev/null) || true
  symbols=$(nm "$1" 2>/dev/null) || true
  [[ $libraries == *libasan* || $libraries == *libubsan* || $symbols == *__asan_init* ]]
}

# A sanitizer's report ("==PID==ERROR: AddressSanitizer: ...", its SUMMARY line), not any
# mention of one: a sanitizer build's own warnings name AddressSanitizer too.
crash_pattern='ERROR: [A-Za-z]*Sanitizer|SUMMARY: [A-Za-z]*Sanitizer|runtime error:|terminate called|Segmentation fault|core dumped'
no_crash() { ! grep -Eq "$crash_pattern" "$1"; }

# A JSON file that parses and is an object: valid_json FILE [PYTHON-EXPRESSION on r]
valid_json() {
  python3 - "$1" "${2:-True}" <<'EOF'
import json, sys
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        r = json.load(f)
except Exception as e:
    print(f"  {sys.argv[1]}: {e}", file=sys.stderr)
    sys.exit(1)
sys.exit(0 if isinstance(r, dict) and eval(sys.argv[2]) else 1)
EOF
}

summary() {
  echo "$1: $checks checks, $failures failed, $known_count known failures"
  [ "$failures" = 0 ]
}
