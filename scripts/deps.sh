#!/usr/bin/env bash
# Installs the Debian packages perfharness builds with, when any is missing.
set -euo pipefail
# dpkg-dev and file: CPack builds the .deb with dpkg-shlibdeps (tests/install/package_deb.sh).
packages=(cmake g++ make libeigen3-dev nlohmann-json3-dev libcli11-dev libsqlitecpp-dev libsqlite3-dev
          libspdlog-dev libfmt-dev catch2 libyaml-cpp-dev libbenchmark-dev sqlite3 valgrind python3 python3-pandas python3-yaml
          libxml2-utils cmark-gfm libdw-dev pkg-config python3-jsonschema libjs-chart.js parallel dpkg-dev file ${PERFHARNESS_EXTRA_PACKAGES:-})
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "perfharness: missing packages: ${missing[*]}" >&2
  echo "perfharness: install them with: sudo apt-get install ${missing[*]}" >&2
  exit 3
fi
echo "perfharness: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
