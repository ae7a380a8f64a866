# `cpack -G DEB` in a build tree: a Debian package of what `cmake --install` puts in place,
# under /usr. Its Depends are the Debian runtime packages of the shared libraries the programs
# link (dpkg-shlibdeps reads them off the binaries, so they cannot drift from the build), plus
# libjs-chart.js, which the HTML report reads at run time and no binary links.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME perfharness)
set(CPACK_PACKAGE_VENDOR "perfharness")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Profiling harness and CI gate for trading-strategy backtests")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "perfharness developers <perfharness@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libjs-chart.js")
# callgrind profiles need valgrind; history files are plain SQLite databases.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "valgrind")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "sqlite3, bash-completion")
include(CPack)
