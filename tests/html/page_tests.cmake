# The HTML report end to end: make_pages.sh writes each kind of page with the real binary
# (fixture html_pages), and each html.page.* test loads one in headless Chromium: no console
# error, no network request, the charts it must have present and drawn, a screenshot beside it
# (build/tests/html/pages/*.png). include()d from tests/CMakeLists.txt with PH_REPORT_PYTHON,
# PH_CHROMIUM and PH_E2E_BIN (the perfharness binary) set.
set(_ph_pages ${CMAKE_CURRENT_BINARY_DIR}/html/pages)
add_test(NAME html.make_pages COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/make_pages.sh ${PH_E2E_BIN} ${PROJECT_SOURCE_DIR} ${_ph_pages})
set_tests_properties(html.make_pages PROPERTIES FIXTURES_SETUP html_pages LABELS html TIMEOUT 300)

# ph_html_page(NAME [check_page options...])
function(ph_html_page name)
  add_test(NAME html.page.${name}
    COMMAND ${PH_REPORT_PYTHON} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/check_page.py --chromium ${PH_CHROMIUM}
      ${_ph_pages}/${name}.html --screenshot ${_ph_pages}/${name}.png --result ${_ph_pages}/${name}.json
      --expect-section verdict --expect-chart verdict ${ARGN})
  set_tests_properties(html.page.${name} PROPERTIES FIXTURES_REQUIRED html_pages LABELS html TIMEOUT 120)
endfunction()

ph_html_page(seed --expect-text PASSED --expect-section budgets --expect-chart budgets --expect-chart distribution
  --expect-chart cases --expect-chart zones --expect-chart hotspots --forbid-chart comparison)
ph_html_page(sweep --expect-chart heatmap --expect-chart distribution --expect-text "best 3 by sharpe ratio")
ph_html_page(sampled --expect-chart flame --expect-chart hotspots --expect-chart zones --expect-text "hottest line")
ph_html_page(comparison --expect-section comparison --expect-chart comparison --expect-text "Comparison with the baseline"
  --expect-text regressed)
ph_html_page(failed --expect-text FAILED --expect-text "✗ failed" --expect-chart budgets)
ph_html_page(incomplete --expect-text INCOMPLETE --expect-text "operation failed" --expect-text "exited with status 7")
add_test(NAME html.page.history
  COMMAND ${PH_REPORT_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/check_page.py --chromium ${PH_CHROMIUM}
    ${_ph_pages}/history.html --screenshot ${_ph_pages}/history.png --result ${_ph_pages}/history.json
    --expect-section runs --expect-section trends --expect-chart runs --expect-chart trend --expect-text "bt / time")
set_tests_properties(html.page.history PROPERTIES FIXTURES_REQUIRED html_pages LABELS html TIMEOUT 120)
