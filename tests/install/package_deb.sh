#!/usr/bin/env bash
# The .deb that `cpack -G DEB` builds from the build tree: its control fields, that every shared
# library the programs load comes from a package its Depends names (or one such a package
# provides), that everything lands under /usr, and that the seed suite runs from a copy
# extracted with `dpkg -x` into a temporary folder. Nothing is installed system-wide.
# $1 = perfharness (unused: the packaged one runs), $2 = source dir; PH_BUILD_DIR = the build tree.
set -euo pipefail
src=$(realpath "$2")
build=${PH_BUILD_DIR:?the build tree, set by tests/CMakeLists.txt}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL install.package_deb: $*" >&2; exit 1; }
for tool in cpack dpkg-deb dpkg-shlibdeps readelf; do
  command -v "$tool" >/dev/null || fail "$tool is missing (scripts/deps.sh installs dpkg-dev and binutils)"
done

(cd "$work" && cpack -G DEB -B "$work/out" --config "$build/CPackConfig.cmake") > "$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; fail "cpack -G DEB failed"; }
debs=("$work"/out/perfharness_*.deb)
[ ${#debs[@]} = 1 ] && [ -f "${debs[0]}" ] || fail "cpack made no perfharness_*.deb: $(ls "$work/out")"
deb=${debs[0]}

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = perfharness ] || fail "Package is '$(field Package)'"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture is '$(field Architecture)'"
[ -n "$(field Version)" ] && [ -n "$(field Maintainer)" ] && [ -n "$(field Description)" ] || fail "Version, Maintainer or Description is empty"
depends=$(field Depends)
echo "Depends: $depends"
# The package names in Depends, without versions or alternatives' bars.
depends_names=$(echo "$depends" | tr ',|' '\n\n' | sed 's/(.*)//; s/ //g' | sed '/^$/d' | sort -u)
grep -qx libjs-chart.js <<<"$depends_names" || fail "Depends lacks libjs-chart.js, which --html reads"
grep -qx valgrind <<<"$(field Recommends | tr ',' '\n' | sed 's/(.*)//; s/ //g')" || fail "Recommends lacks valgrind"

# Contents: all under /usr, with the programs, the plugin header, the CMake package, the docs
# and the completion.
dpkg-deb -c "$deb" | awk '{print $NF}' > "$work/contents"
outside=$(grep -v -e '^\./$' -e '^\./usr/' "$work/contents" || true)
[ -z "$outside" ] || fail "the package puts files outside /usr: $outside"
for f in ./usr/bin/perfharness ./usr/bin/perfharness-exec ./usr/include/perfharness/plugin.hpp \
         ./usr/share/doc/perfharness/README.md ./usr/share/bash-completion/completions/perfharness; do
  grep -qxF "$f" "$work/contents" || fail "the package lacks $f"
done
grep -q '^\./usr/lib/.*cmake/perfharness/perfharnessConfig.cmake$' "$work/contents" || fail "the package lacks the CMake package"

# Extracted into a folder of ours; each DT_NEEDED library the programs load comes from a
# package in Depends, or from one that a Depends package provides (a virtual package).
root=$work/root
dpkg -x "$deb" "$root"
for program in perfharness perfharness-exec; do
  for needed in $(readelf -d "$root/usr/bin/$program" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    path=$(ldd "$root/usr/bin/$program" | awk -v n="$needed" '$1 == n {print $3}')
    [ -n "$path" ] || fail "$program needs $needed, which ldd cannot find"
    owner=$(dpkg -S "$(realpath "$path")" 2>/dev/null | head -1 | cut -d: -f1) ||
      owner=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1) || true
    [ -n "$owner" ] || fail "no Debian package owns $path ($program needs $needed)"
    if ! grep -qx "$owner" <<<"$depends_names"; then
      provides=$(dpkg-query -W -f='${Provides}' "$owner" 2>/dev/null | tr ',' '\n' | sed 's/(.*)//; s/ //g')
      grep -qxF -f <(echo "$depends_names") <<<"$provides" ||
        fail "$program needs $needed from $owner, which Depends does not name: $depends"
    fi
  done
done

# The seed suite, from the extracted copy: its own perfharness-exec beside it.
code=0
"$root/usr/bin/perfharness" run "$src/scenarios/profiling_suite.yaml" -q -o "$work/report.json" \
  --processes 1 --repeat 2 > "$work/run.log" 2>&1 || code=$?
[ "$code" = 0 ] || { cat "$work/run.log" >&2; fail "the packaged perfharness ran the seed suite with exit $code"; }
python3 - "$work/report.json" <<'PY' || fail "the packaged perfharness wrote no complete report"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["complete"] and r["verdict"]["exit_code"] == 0 and len(r["operations"]) == 7, r["verdict"]
PY
"$root/usr/bin/perfharness" --version | grep -qF "$(field Version)" || fail "--version does not say the package's version $(field Version)"
echo "install.package_deb: ok ($(basename "$deb"), $(wc -l < "$work/contents") entries)"
