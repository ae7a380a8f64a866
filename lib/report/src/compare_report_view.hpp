#pragma once
// The parts of a run report the comparison relies on, validated once so that the
// comparison logic never has to guard against a malformed document.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ph::report::detail {

struct FigureView {
  std::string name;
  std::string unit;
  std::vector<double> samples;  // may be empty: the figure was not measured
  bool exact = false;
};

struct OperationView {
  std::string name;
  std::string error;  // non-empty: the operation failed in that run
  std::vector<FigureView> figures;
};

struct ReportView {
  std::string tool_version;  // empty when absent
  bool has_environment = false;
  nlohmann::ordered_json environment;  // object when has_environment
  std::vector<OperationView> operations;
};

/// Throws ph::InputError "LABEL: FIELD: problem; fix" unless `doc` has the report shape.
ReportView read_report_view(const nlohmann::ordered_json& doc, const std::string& label);

}  // namespace ph::report::detail
