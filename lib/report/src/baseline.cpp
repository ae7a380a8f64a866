#include "perfharness/report/baseline.hpp"

#include <nlohmann/json.hpp>

#include "compare_report_view.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/report/compare.hpp"

namespace ph::report {

struct Baseline::Views {
  std::vector<detail::ReportView> past;  // oldest first
};

Baseline::Baseline(std::shared_ptr<const Views> views) : views_(std::move(views)) {}

Baseline Baseline::from_file(const std::string& path) {
  auto views = std::make_shared<Views>();
  views->past.push_back(detail::read_report_view(read_report_file(path), path));
  return Baseline(std::move(views));
}

std::optional<Baseline> Baseline::from_reports(const std::vector<std::pair<std::string, std::string>>& reports,
                                               std::vector<std::pair<std::size_t, std::string>>& unreadable) {
  auto views = std::make_shared<Views>();
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const auto& [label, text] = reports[i];
    const auto doc = nlohmann::ordered_json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
      unreadable.emplace_back(i, label + ": the stored report is not valid JSON");
      continue;
    }
    try {
      views->past.push_back(detail::read_report_view(doc, label));
    } catch (const InputError& e) {
      unreadable.emplace_back(i, e.what());
    }
  }
  if (views->past.empty()) return std::nullopt;
  return Baseline(std::move(views));
}

namespace {

std::string text_at(const nlohmann::ordered_json& doc, const char* object, const char* field) {
  const auto o = doc.find(object);
  if (o == doc.end() || !o->is_object()) return {};
  const auto f = o->find(field);
  return f != o->end() && f->is_string() ? f->get<std::string>() : std::string();
}

}  // namespace

std::optional<ReportOrigin> read_report_origin(const std::string& report_json) {
  const auto doc = nlohmann::ordered_json::parse(report_json, nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  ReportOrigin o;
  const auto complete = doc.find("complete");
  o.complete = complete != doc.end() && complete->is_boolean() && complete->get<bool>();
  o.host = text_at(doc, "environment", "host");
  o.cpu_model = text_at(doc, "environment", "cpu_model");
  o.compiler = text_at(doc, "environment", "compiler");
  o.build_type = text_at(doc, "environment", "build_type");
  o.tool_version = text_at(doc, "tool", "version");
  o.scenario_sha256 = text_at(doc, "scenario", "sha256");
  return o;
}

std::size_t Baseline::runs() const noexcept { return views_->past.size(); }

ComparisonResult Baseline::judge(const RunResult& run, const CompareOptions& options) const {
  std::vector<const detail::ReportView*> past;
  for (const auto& v : views_->past) past.push_back(&v);
  return detail::compare_series(past, detail::view_of(run), options);
}

}  // namespace ph::report
