# Tests of tests/html/check_page.py itself: it accepts a good page and rejects each known
# kind of bad page for the right reason. include()d from tests/CMakeLists.txt, which sets
#   PH_REPORT_PYTHON  a python3 that has `import websocket` (Debian's python3-websocket)
#   PH_CHROMIUM       the chromium to drive (Debian's /usr/bin/chromium)
foreach(_var PH_REPORT_PYTHON PH_CHROMIUM)
  if(NOT ${_var})
    message(FATAL_ERROR "checker_tests.cmake: set ${_var} before including it")
  endif()
endforeach()

set(_ph_html_src ${CMAKE_CURRENT_LIST_DIR})
set(_ph_html_out ${CMAKE_CURRENT_BINARY_DIR}/html)
set(_ph_check ${PH_REPORT_PYTHON} ${_ph_html_src}/check_page.py --chromium ${PH_CHROMIUM})

# ph_html_checker_rejects(CASE PAGE PATTERN [check_page options...]): the check must exit 1
# with a failure line matching PATTERN (see expect_rejection.sh).
function(ph_html_checker_rejects case page pattern)
  add_test(NAME html.checker_rejects_${case}
    COMMAND bash ${_ph_html_src}/expect_rejection.sh ${pattern}
      ${_ph_check} ${_ph_html_src}/fixtures/${page}.html
      --screenshot ${_ph_html_out}/checker_${case}.png --result ${_ph_html_out}/checker_${case}.json
      ${ARGN})
  set_tests_properties(html.checker_rejects_${case} PROPERTIES LABELS html TIMEOUT 120)
endfunction()

set(_ph_good_charts --expect-chart throughput --expect-chart latency --expect-chart table
  --expect-section summary)
add_test(NAME html.checker_accepts_good
  COMMAND ${_ph_check} ${_ph_html_src}/fixtures/good.html ${_ph_good_charts}
    --screenshot ${_ph_html_out}/checker_good.png --result ${_ph_html_out}/checker_good.json)
set_tests_properties(html.checker_accepts_good PROPERTIES LABELS html TIMEOUT 120)

ph_html_checker_rejects(console_error console_error "console\\.error: boom" ${_ph_good_charts})
ph_html_checker_rejects(exception exception "uncaught exception: Error: late failure" ${_ph_good_charts})
ph_html_checker_rejects(network network "network request .*http://127\\.0\\.0\\.1:9/x" ${_ph_good_charts})
ph_html_checker_rejects(blank_canvas blank_canvas "chart 'empty' \\(<canvas>\\) is empty" --expect-chart empty)
ph_html_checker_rejects(never_done never_done "did not finish rendering within 3 s" --timeout 3)
# The option checks, on the good page, in one load (each Chromium start costs seconds of CI):
# every one of the four must be named.
ph_html_checker_rejects(bad_options good
  "chart 'table' is present but forbidden|||expected chart 'nope' is missing|||expected section #nope is missing|||expected text 'no such words' is not on the page"
  --forbid-chart table --expect-chart nope --expect-section nope --expect-text "no such words")
