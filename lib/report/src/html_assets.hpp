#pragma once
// The HTML report's own page, style and scripts (lib/report/html), compiled in by
// cmake/EmbedText.cmake so a report needs no file of perfharness's at run time.
#include <string_view>

namespace ph::report::html_assets {

std::string_view page();
std::string_view style();
std::string_view format_js();
std::string_view dom_js();
std::string_view charts_js();
std::string_view flame_js();
std::string_view heatmap_js();
std::string_view sections_js();
std::string_view main_js();

}  // namespace ph::report::html_assets
