#include "parameters_codec.hpp"

#include <nlohmann/json.hpp>

#include "perfharness/common/errors.hpp"
#include "perfharness/strategies/strategy.hpp"

namespace ph::persistence {

std::string encode_parameters(const StrategyInfo& strategy, const Parameters& p) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  const auto& specs = strategy.params;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].type == ParamType::Integer)
      j[specs[i].name] = static_cast<long long>(p[i]);
    else
      j[specs[i].name] = p[i];
  }
  return j.dump();
}

Parameters decode_parameters(const std::string& strategy, const std::string& json, const std::string& where) {
  const StrategyInfo* info = find_strategy(strategy);
  if (!info)
    throw RuntimeFailure(where + ": strategy '" + strategy +
                         "' is unknown to this perfharness; upgrade perfharness to read this result");
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object()) throw RuntimeFailure(where + ": parameters are not a JSON object: " + json);
  std::vector<double> values;
  values.reserve(info->params.size());
  for (const ParamSpec& spec : info->params) {
    const auto it = j.find(spec.name);
    if (it == j.end() || !it->is_number())
      throw RuntimeFailure(where + ": parameter '" + spec.name + "' of strategy '" + strategy +
                           "' is missing or not a number in " + json);
    values.push_back(it->get<double>());
  }
  // Stored values were valid when saved; re-checking them would refuse results whose
  // strategy's limits changed since, which a history must still show.
  return Parameters(info, std::move(values));
}

}  // namespace ph::persistence
