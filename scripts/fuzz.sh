#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and fuzzes each for SECONDS:
#   scripts/fuzz.sh [SECONDS]   (default 20; build dir: $PERFHARNESS_FUZZ_BUILD or build-fuzz)
# First replays the checked-in seeds and past crashes (tests/fuzz/seeds), then fuzzes
# with a scratch corpus in the build dir. A crash, leak, timeout or broken invariant
# exits non-zero and leaves the input as BUILD/tests/fuzz/crash-TARGET-*: add it to
# tests/fuzz/seeds/ and a corpus case under tests/reliability/cases/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-20}
build=${PERFHARNESS_FUZZ_BUILD:-$root/build-fuzz}

# clang and libFuzzer's runtime (Debian: clang, libclang-rt-14-dev).
extra="clang"
if ! dpkg-query -W -f='${Status}' libclang-rt-14-dev 2>/dev/null | grep -q "install ok installed" &&
   ! dpkg-query -W -f='${Status}' libclang-rt-dev 2>/dev/null | grep -q "install ok installed"; then
  extra="$extra libclang-rt-14-dev"
fi
PERFHARNESS_EXTRA_PACKAGES="$extra" "$root/scripts/deps.sh"
echo 'int main(){}' | clang++ -x c++ -fsanitize=fuzzer-no-link,address,undefined - -o /dev/null 2>/dev/null || {
  echo "perfharness: clang++ cannot build with -fsanitize=fuzzer (install libclang-rt-14-dev)" >&2
  exit 3
}

(cd "$root" && cmake --preset fuzz -B "$build" -DPH_FUZZ_SECONDS="$seconds" >/dev/null)
targets=(fuzz_scenario_yaml fuzz_scenario_json fuzz_csv)
cmake --build "$build" --target "${targets[@]}" -j"$(nproc)"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build/tests/fuzz" --output-on-failure -R '\.seeds$'
ctest --test-dir "$build/tests/fuzz" --output-on-failure -R '\.run$'
log=$build/tests/fuzz/Testing/Temporary/LastTest.log
grep -h -E '^(Done [0-9]+ runs|[0-9]+/[0-9]+ Testing: )' "$log" | sed 's/^/fuzz: /' >&2 || true
