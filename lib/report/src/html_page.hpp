#pragma once
// The page both HTML reports share: `data` becomes the page's JSON, read by its script.
#include <string>

#include <nlohmann/json.hpp>

namespace ph::report::detail {

/// The whole HTML document; throws ph::InputError when the chart library cannot be read.
std::string html_page_of(const std::string& title, const nlohmann::ordered_json& data);

}  // namespace ph::report::detail
