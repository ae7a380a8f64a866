// Validation of the report shape the comparison depends on, and reading report files.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <variant>

#include "compare_report_view.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/figures/catalogue.hpp"
#include "perfharness/report/baseline.hpp"
#include "perfharness/report/compare.hpp"

namespace ph::report {
namespace detail {
namespace {

constexpr const char* kRegenerate = "regenerate it with `perfharness run -o FILE.json`";

[[noreturn]] void fail(const std::string& label, const std::string& field, const std::string& problem) {
  throw InputError(label + ": " + field + ": " + problem + "; " + kRegenerate);
}

std::string optional_string(const nlohmann::ordered_json& obj, const char* key, const std::string& label,
                            const std::string& path) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  if (!it->is_string()) fail(label, path + "." + key, "expected a string, found " + std::string(it->type_name()));
  return it->get<std::string>();
}

FigureView read_figure(const std::string& name, const nlohmann::ordered_json& fig, const std::string& label,
                       const std::string& path) {
  if (!fig.is_object()) fail(label, path, "expected an object with \"samples\", found " + std::string(fig.type_name()));
  FigureView f;
  f.name = name;
  f.unit = optional_string(fig, "unit", label, path);
  const auto samples = fig.find("samples");
  if (samples == fig.end()) fail(label, path + ".samples", "missing");
  if (!samples->is_array()) fail(label, path + ".samples", "expected an array of numbers, found " + std::string(samples->type_name()));
  for (std::size_t i = 0; i < samples->size(); ++i) {
    const auto& s = (*samples)[i];
    if (!s.is_number() || !std::isfinite(s.get<double>()))
      fail(label, path + ".samples[" + std::to_string(i) + "]", "expected a finite number, found " + s.dump());
    f.samples.push_back(s.get<double>());
  }
  const auto exact = fig.find("exact");
  if (exact != fig.end() && !exact->is_null()) {
    if (!exact->is_boolean()) fail(label, path + ".exact", "expected true or false, found " + exact->dump());
    f.exact = exact->get<bool>();
  }
  const auto per_process = fig.find("per_process");
  if (per_process != fig.end() && !per_process->is_null()) {
    if (!per_process->is_array())
      fail(label, path + ".per_process", "expected an array, found " + std::string(per_process->type_name()));
    std::size_t total = 0;
    for (std::size_t i = 0; i < per_process->size(); ++i) {
      const auto& p = (*per_process)[i];
      const auto n = p.is_object() ? p.find("values") : p.end();
      if (!p.is_object() || n == p.end() || !n->is_number_integer() || n->get<long long>() < 1)
        fail(label, path + ".per_process[" + std::to_string(i) + "].values", "expected a count of 1 or more");
      f.process_values.push_back(static_cast<std::uint32_t>(n->get<long long>()));
      total += f.process_values.back();
    }
    if (total != f.samples.size())
      fail(label, path + ".per_process", "its values add up to " + std::to_string(total) + ", not to the " +
                                             std::to_string(f.samples.size()) + " samples");
  }
  return f;
}

// "fast_period=10, slow_period=20", as ph::describe(Parameters) writes it for a run in memory.
std::string parameter_text(const nlohmann::ordered_json& parameters) {
  std::string out;
  if (!parameters.is_object()) return out;
  for (const auto& [name, value] : parameters.items()) {
    if (!value.is_number()) continue;
    std::ostringstream v;
    v << value.get<double>();
    out += (out.empty() ? "" : ", ") + name + "=" + v.str();
  }
  return out;
}

// A sweep case's parameter sets with their instruction counts (optional: only counted runs have them).
std::vector<std::pair<std::string, FigureView>> read_parameter_sets(const nlohmann::ordered_json& c, const std::string& label,
                                                                    const std::string& where) {
  std::vector<std::pair<std::string, FigureView>> out;
  const auto list = c.find("parameter_sets");
  if (list == c.end() || list->is_null()) return out;
  if (!list->is_array()) fail(label, where + ".parameter_sets", "expected an array, found " + std::string(list->type_name()));
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& p = (*list)[i];
    const std::string at = where + ".parameter_sets[" + std::to_string(i) + "]";
    const auto n = p.is_object() ? p.find("instructions") : p.end();
    if (!p.is_object() || n == p.end() || !n->is_number() || n->get<double>() < 0)
      fail(label, at + ".instructions", "expected an instruction count of 0 or more");
    const auto params = p.find("parameters");
    FigureView f{std::string(figures::key::instructions), "count", {n->get<double>()}, true, {}};
    out.emplace_back(params == p.end() ? std::string() : parameter_text(*params), std::move(f));
  }
  return out;
}

// Cases are optional (reports of older versions, operations without cases); a case without a
// label cannot be matched and is left out.
std::vector<CaseView> read_cases(const nlohmann::ordered_json& op, const std::string& label, const std::string& path) {
  std::vector<CaseView> cases;
  const auto list = op.find("cases");
  if (list == op.end() || list->is_null()) return cases;
  if (!list->is_array()) fail(label, path + ".cases", "expected an array, found " + std::string(list->type_name()));
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& c = (*list)[i];
    const std::string where = path + ".cases[" + std::to_string(i) + "]";
    if (!c.is_object()) fail(label, where, "expected an object, found " + std::string(c.type_name()));
    CaseView v;
    v.label = optional_string(c, "label", label, where);
    if (v.label.empty()) continue;
    if (const auto w = c.find("workload"); w != c.end() && w->is_object())
      if (const auto p = w->find("parameters"); p != w->end()) v.parameters = parameter_text(*p);
    if (const auto figures = c.find("figures"); figures != c.end() && !figures->is_null()) {
      if (!figures->is_object()) fail(label, where + ".figures", "expected an object, found " + std::string(figures->type_name()));
      for (const auto& [fname, fig] : figures->items())
        v.figures.push_back(read_figure(fname, fig, label, where + ".figures." + fname));
    }
    v.parameter_sets = read_parameter_sets(c, label, where);
    cases.push_back(std::move(v));
  }
  return cases;
}

OperationView read_operation(const nlohmann::ordered_json& op, const std::string& label, const std::string& path) {
  if (!op.is_object()) fail(label, path, "expected an object, found " + std::string(op.type_name()));
  OperationView o;
  const auto name = op.find("name");
  if (name == op.end() || !name->is_string() || name->get<std::string>().empty())
    fail(label, path + ".name", "expected the operation's name as a non-empty string");
  o.name = name->get<std::string>();
  o.error = optional_string(op, "error", label, path);
  const auto figures = op.find("figures");
  if (figures == op.end() || figures->is_null()) {
    if (o.error.empty()) fail(label, path + ".figures", "missing");
    return o;
  }
  if (!figures->is_object()) fail(label, path + ".figures", "expected an object, found " + std::string(figures->type_name()));
  for (const auto& [fname, fig] : figures->items())
    o.figures.push_back(read_figure(fname, fig, label, path + ".figures." + fname));
  o.cases = read_cases(op, label, path);
  return o;
}

}  // namespace

ReportView read_report_view(const nlohmann::ordered_json& doc, const std::string& label) {
  if (!doc.is_object()) fail(label, "(top level)", "expected a JSON object, found " + std::string(doc.type_name()));
  const auto version = doc.find("schema_version");
  if (version == doc.end()) fail(label, "schema_version", "missing; this is not a perfharness run report");
  if (!version->is_number_integer() || version->get<long long>() != 1)
    fail(label, "schema_version", "this build reads version 1, found " + version->dump());

  ReportView r;
  if (const auto tool = doc.find("tool"); tool != doc.end() && tool->is_object())
    r.tool_version = optional_string(*tool, "version", label, "tool");
  if (const auto env = doc.find("environment"); env != doc.end() && !env->is_null()) {
    if (!env->is_object()) fail(label, "environment", "expected an object, found " + std::string(env->type_name()));
    const auto text = [&](const char* key) -> std::string {
      const auto it = env->find(key);
      if (it == env->end() || it->is_null()) return "(unknown)";
      return it->is_string() ? it->get<std::string>() : it->dump();
    };
    r.environment = EnvironmentView{text("host"), text("cpu_model"), text("build_type"), text("compiler")};
  }
  const auto ops = doc.find("operations");
  if (ops == doc.end()) fail(label, "operations", "missing");
  if (!ops->is_array()) fail(label, "operations", "expected an array, found " + std::string(ops->type_name()));
  std::set<std::string> seen;
  for (std::size_t i = 0; i < ops->size(); ++i) {
    const std::string path = "operations[" + std::to_string(i) + "]";
    OperationView op = read_operation((*ops)[i], label, path);
    if (!seen.insert(op.name).second)
      fail(label, path + ".name", "operation '" + op.name + "' appears twice; names must be unique");
    r.operations.push_back(std::move(op));
  }
  return r;
}

ReportView view_of(const RunResult& run) {
  ReportView r;
  r.tool_version = run.tool.version;
  const auto& e = run.environment;
  r.environment = EnvironmentView{e.host, e.cpu_model, e.build_type, e.compiler};
  for (const auto& op : run.operations) {
    OperationView o;
    o.name = op.name;
    o.error = op.error;
    // The JSON report leaves out figures without samples; so does its view.
    for (const auto& [name, f] : op.figures)
      if (!f.samples.empty()) o.figures.push_back({name, f.unit, f.samples, f.exact, f.process_values});
    for (const auto& c : op.cases) {
      CaseView v;
      v.label = c.label;
      if (const auto* w = std::get_if<BacktestWorkload>(&c.workload)) v.parameters = describe(w->parameters);
      for (const auto& [name, f] : c.figures)
        if (!f.samples.empty()) v.figures.push_back({name, f.unit, f.samples, f.exact, f.process_values});
      for (const auto& p : c.parameter_sets)
        v.parameter_sets.emplace_back(describe(p.parameters),
                                      FigureView{std::string(figures::key::instructions), "count", {p.instructions}, true, {}});
      if (!v.label.empty()) o.cases.push_back(std::move(v));
    }
    r.operations.push_back(std::move(o));
  }
  return r;
}

}  // namespace detail

nlohmann::ordered_json read_report_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory, not a report file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open the report; check the path");
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError(path + ": cannot read the report; check the file");
  try {
    return nlohmann::ordered_json::parse(text.str());
  } catch (const nlohmann::ordered_json::parse_error& e) {
    // e.what() reads "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
    std::string what = e.what();
    if (const auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
    throw InputError(path + ": not valid JSON (" + what + "); pass a report written by `perfharness run -o`");
  }
}

}  // namespace ph::report
