#include <nlohmann/json.hpp>

#include "perfharness/common/errors.hpp"
#include "perfharness/report/worker_values.hpp"

namespace ph::report {
namespace {

using json = nlohmann::json;

json samples_json(const Figures& figures) {
  json j = json::object();
  for (const auto& [name, f] : figures) j[name] = {{"unit", f.unit}, {"samples", f.samples}};
  return j;
}

Figures read_samples(const json& j) {
  Figures out;
  for (const auto& [name, f] : j.items()) {
    Figure& figure = out[name];
    figure.unit = f.at("unit").get<std::string>();
    figure.samples = f.at("samples").get<std::vector<double>>();
  }
  return out;
}

}  // namespace

std::string worker_values_text(const WorkerValues& values) {
  json ops = json::array();
  for (const auto& op : values.operations) {
    json cases = json::array();
    for (const auto& c : op.cases) cases.push_back({{"label", c.label}, {"figures", samples_json(c.figures)}});
    ops.push_back({{"name", op.name},
                   {"error", op.error},
                   {"iterations", op.iterations},
                   {"figures", samples_json(op.figures)},
                   {"cases", std::move(cases)}});
  }
  return json{{"operations", std::move(ops)}}.dump();
}

WorkerValues read_worker_values(const std::string& text, const std::string& source) {
  try {
    const json doc = json::parse(text);
    WorkerValues out;
    for (const auto& op : doc.at("operations")) {
      WorkerOperationValues o;
      o.name = op.at("name").get<std::string>();
      o.error = op.at("error").get<std::string>();
      o.iterations = op.at("iterations").get<std::uint64_t>();
      o.figures = read_samples(op.at("figures"));
      for (const auto& c : op.at("cases")) o.cases.push_back({c.at("label").get<std::string>(), read_samples(c.at("figures"))});
      out.operations.push_back(std::move(o));
    }
    return out;
  } catch (const json::exception& e) {
    throw RuntimeFailure(source + ": not the values a worker process writes (" + e.what() + ")");
  }
}

}  // namespace ph::report
