#include "perfharness/report/baseline.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "compare_report_view.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/report/compare.hpp"

namespace ph::report {

struct Baseline::Views {
  std::vector<detail::ReportView> past;  // oldest first
};

Baseline::Baseline(std::shared_ptr<const Views> views) : views_(std::move(views)) {}

std::vector<std::string> Baseline::operation_names() const {
  std::set<std::string> names;
  for (const auto& report : views_->past)
    for (const auto& op : report.operations) names.insert(op.name);
  return {names.begin(), names.end()};
}

Baseline Baseline::from_file(const std::string& path) {
  auto views = std::make_shared<Views>();
  views->past.push_back(detail::read_report_view(read_report_file(path), path));
  return Baseline(std::move(views));
}

struct StoredReport::Document {
  nlohmann::ordered_json json;
};

StoredReport::StoredReport(std::string label, std::shared_ptr<const Document> doc, ReportOrigin origin)
    : label_(std::move(label)), doc_(std::move(doc)), origin_(std::move(origin)) {}

namespace {

std::string text_at(const nlohmann::ordered_json& doc, const char* object, const char* field) {
  const auto o = doc.find(object);
  if (o == doc.end() || !o->is_object()) return {};
  const auto f = o->find(field);
  return f != o->end() && f->is_string() ? f->get<std::string>() : std::string();
}

}  // namespace

std::optional<StoredReport> StoredReport::parse(std::string label, const std::string& text) {
  auto doc = std::make_shared<Document>();
  doc->json = nlohmann::ordered_json::parse(text, nullptr, false);
  const auto& json = doc->json;
  if (!json.is_object()) return std::nullopt;
  ReportOrigin o;
  const auto complete = json.find("complete");
  o.complete = complete != json.end() && complete->is_boolean() && complete->get<bool>();
  o.host = text_at(json, "environment", "host");
  o.cpu_model = text_at(json, "environment", "cpu_model");
  o.compiler = text_at(json, "environment", "compiler");
  o.build_type = text_at(json, "environment", "build_type");
  o.tool_version = text_at(json, "tool", "version");
  o.scenario_sha256 = text_at(json, "scenario", "sha256");
  return StoredReport(std::move(label), std::move(doc), std::move(o));
}

std::optional<Baseline> Baseline::from_reports(const std::vector<StoredReport>& reports,
                                               std::vector<std::pair<std::size_t, std::string>>& unreadable) {
  auto views = std::make_shared<Views>();
  for (std::size_t i = 0; i < reports.size(); ++i) {
    try {
      views->past.push_back(detail::read_report_view(reports[i].doc_->json, reports[i].label_));
    } catch (const InputError& e) {
      unreadable.emplace_back(i, e.what());
    }
  }
  if (views->past.empty()) return std::nullopt;
  return Baseline(std::move(views));
}

ComparisonResult Baseline::judge(const RunResult& run, const CompareOptions& options) const {
  std::vector<const detail::ReportView*> past;
  for (const auto& v : views_->past) past.push_back(&v);
  return detail::compare_series(past, detail::view_of(run), options);
}

}  // namespace ph::report
