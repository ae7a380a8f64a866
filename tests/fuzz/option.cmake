# Included from the top-level CMakeLists.txt: the fuzz targets are built only on request
# (they need clang's libFuzzer), in a build dir of their own: see scripts/fuzz.sh.
option(PERFHARNESS_FUZZ "Build the libFuzzer targets in tests/fuzz (clang, with PERFHARNESS_SANITIZE)" OFF)
if(PERFHARNESS_FUZZ)
  add_subdirectory(${CMAKE_CURRENT_LIST_DIR} ${CMAKE_BINARY_DIR}/tests/fuzz)
endif()
