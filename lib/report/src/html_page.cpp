// The HTML report's page: the data as JSON, the chart library, perfharness's style and script,
// put into the page template. Everything is inline, so the file opens offline from file://.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "html_assets.hpp"
#include "html_page.hpp"
#include "text_format.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/common/version.hpp"
#include "perfharness/report/html.hpp"

namespace ph::report {
namespace {

constexpr const char* kDebianChartJs = "/usr/share/javascript/chart.js/chart.min.js";

std::string read_chart_library() {
  const std::string path = chart_library_path();
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || text.str().empty())
    throw InputError("--html needs Chart.js from Debian's libjs-chart.js, and " + path +
                     " cannot be read; install it with: sudo apt-get install libjs-chart.js");
  // The library is inlined in a <script> element, which its text must not close early.
  if (text.str().find("</script") != std::string::npos)
    throw InputError(path + " contains '</script' and cannot be inlined in the HTML report; use the file "
                            "Debian's libjs-chart.js installs (" + kDebianChartJs + ")");
  return text.str();
}

// JSON inside <script type="application/json">: '<' only occurs inside strings, where \u003c
// reads back the same and no "</script>" or "<!--" can end the element early.
std::string script_safe_json(const nlohmann::ordered_json& data) {
  const std::string text = data.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + 64);
  for (const char c : text) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

// Replaces the markers in page order, each once, searching only after the text inserted last,
// so a marker's name inside the data (a scenario's description, say) is left alone.
class MarkerFiller {
 public:
  explicit MarkerFiller(std::string_view page) : page_(page) {}
  MarkerFiller& fill(const std::string& marker, std::string_view with) {
    const auto at = page_.find(marker, from_);
    if (at == std::string::npos) throw std::logic_error("HTML template lacks " + marker + " where expected");
    page_.replace(at, marker.size(), with);
    from_ = at + with.size();
    return *this;
  }
  std::string take() { return std::move(page_); }

 private:
  std::string page_;
  std::size_t from_ = 0;
};

}  // namespace

namespace detail {

std::string html_page_of(const std::string& title, const nlohmann::ordered_json& data) {
  namespace a = html_assets;
  const std::string chart_js = read_chart_library();
  std::string script;
  for (const std::string_view part :
       {a::format_js(), a::dom_js(), a::charts_js(), a::flame_js(), a::heatmap_js(), a::sections_js(), a::main_js()}) {
    script += part;
    script += '\n';
  }
  return MarkerFiller(a::page())
      .fill("@TITLE@", markup_text(title))
      .fill("@STYLE@", a::style())
      .fill("@DATA@", script_safe_json(data))
      .fill("@CHARTJS@", chart_js)
      .fill("@SCRIPT@", script)
      .take();
}

}  // namespace detail

std::string chart_library_path() {
  const char* override_path = std::getenv("PERFHARNESS_CHARTJS");
  return override_path && *override_path ? override_path : kDebianChartJs;
}

void require_chart_library() { (void)read_chart_library(); }

std::string html_report_page(const nlohmann::ordered_json& report) {
  std::string title = "perfharness report";
  if (report.contains("scenario") && report["scenario"].is_object() && report["scenario"].contains("name") &&
      report["scenario"]["name"].is_string())
    title += ": " + report["scenario"]["name"].get<std::string>();
  return detail::html_page_of(title, {{"page", "report"}, {"generator", "perfharness " + std::string(version())}, {"report", report}});
}

}  // namespace ph::report
