#!/usr/bin/env bash
# Configures and builds one build tree from a preset of CMakePresets.json:
#   scripts/build.sh DIR [--preset NAME] [extra cmake args...]   (default preset: release)
# The presets hold the configurations (release, ci, asan, fuzz); DIR says where the tree goes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:?usage: scripts/build.sh DIR [--preset NAME] [cmake args...]}; shift
preset=release
if [ "${1:-}" = --preset ]; then
  preset=${2:?scripts/build.sh: --preset needs a name (release, ci, asan, fuzz)}; shift 2
fi
# From the source folder: cmake finds CMakePresets.json there.
(cd "$root" && cmake --preset "$preset" -B "$dir" "$@" >/dev/null)
cmake --build "$dir" -j"$(nproc)"
