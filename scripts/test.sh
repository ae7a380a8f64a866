#!/usr/bin/env bash
# Quick start 2: install what is missing, build, run every test in Release and
# again under AddressSanitizer + UndefinedBehaviorSanitizer, then a short fuzz pass
# (PERFHARNESS_FUZZ_SECONDS per target, default 20; 0 skips it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# The HTML report's tests load its pages in Debian's Chromium, driven over python3-websocket.
# The install tests complete command lines under bash-completion and build the .deb (dpkg-dev).
PERFHARNESS_EXTRA_PACKAGES="chromium fonts-liberation python3-websocket bash-completion ${PERFHARNESS_EXTRA_PACKAGES:-}" "$root/scripts/deps.sh"
jobs=$(nproc)
# Each phase's start in minutes since the script began: CI's budget is 45 minutes on 2 cores,
# and the log should show where they go.
phase() { echo "== $1 (at $((SECONDS / 60)) min $((SECONDS % 60)) s)" >&2; }

phase "Release build"
# PERFHARNESS_PRESET=ci (as .ci/run sets it) makes every warning an error.
"$root/scripts/build.sh" "$root/build" --preset "${PERFHARNESS_PRESET:-release}"
phase "Release tests"
"$root/scripts/ctest-run.sh" "$root/build" -j"$jobs"

phase "Sanitizer build (address, undefined)"
# A unity build: each target's sources compiled a batch at a time, so CLI11, nlohmann/json and
# Catch2 are instrumented once per batch rather than once per file (half the CPU time of a
# per-file build). The Release tree stays per-file, where a missing #include shows.
"$root/scripts/build.sh" "$root/build-asan" --preset asan
phase "Sanitizer tests"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$root/scripts/ctest-run.sh" "$root/build-asan" -j"$jobs"

fuzz_seconds=${PERFHARNESS_FUZZ_SECONDS:-20}
if [ "$fuzz_seconds" != 0 ]; then
  phase "Fuzz pass (libFuzzer, ${fuzz_seconds} s per target)"
  "$root/scripts/fuzz.sh" "$fuzz_seconds"
fi
phase "Done"
