#!/bin/bash
# Passes only when a check_page.py command rejects its page: exit status exactly 1 (a verdict;
# not 2 = unusable browser, nor 3 = checker bug) and a `check_page: PAGE: ...` failure line on
# stderr matching the expected failure. WILL_FAIL would also pass on a crash or on a missing
# chromium, proving nothing.
# Usage: expect_rejection.sh GREP_ERE[|||GREP_ERE...] COMMAND [ARG]...
set -u
if [ $# -lt 2 ]; then
  echo "usage: $0 GREP_ERE COMMAND [ARG]..." >&2
  exit 2
fi
pattern=$1
shift
err=$(mktemp) || exit 2
trap 'rm -f "$err"' EXIT
"$@" 2>"$err"
status=$?
cat "$err" >&2
if [ "$status" -ne 1 ]; then
  echo "expect_rejection: expected exit status 1 (page rejected), got $status" >&2
  exit 1
fi
# Several failures expected at once: PATTERN is split at '|||', and each part must match a line.
rest=$pattern
while :; do
  part=${rest%%|||*}
  if ! grep -Eq -- "^check_page: .*($part)" "$err"; then
    echo "expect_rejection: exit status 1, but stderr does not match /$part/" >&2
    exit 1
  fi
  [ "$part" != "$rest" ] || break
  rest=${rest#*|||}
done
echo "expect_rejection: rejected as expected (/$pattern/)"
