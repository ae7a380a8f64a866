#include "parameters_codec.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

#include "perfharness/common/errors.hpp"
#include "perfharness/strategies/strategy.hpp"

namespace ph::persistence {
namespace {

// A JSON number as RFC 8259 spells it (no '+', no leading zeros, no inf/nan), so that the fast
// path accepts nothing nlohmann would refuse.
bool json_number(std::string_view text, double& value) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
  if (text[i] == '0' && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9') return false;
  for (const char c : text.substr(i))
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+')) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

// The text encode_parameters writes: every parameter in spec order, no spaces. from_chars
// rounds correctly, as nlohmann's strtod does, so both paths give the same doubles. Anything
// else (an older writer, a hand edit) returns false and goes through nlohmann.
bool decode_canonical(const StrategyInfo& info, std::string_view json, std::vector<double>& values) {
  if (info.params.empty()) return json == "{}";
  if (json.size() < 2 || json.front() != '{' || json.back() != '}') return false;
  std::string_view rest = json.substr(1);
  for (std::size_t k = 0; k < info.params.size(); ++k) {
    const std::string& name = info.params[k].name;
    if (rest.size() < name.size() + 3 || rest[0] != '"' || rest.compare(1, name.size(), name) != 0 ||
        rest[name.size() + 1] != '"' || rest[name.size() + 2] != ':')
      return false;
    rest.remove_prefix(name.size() + 3);
    const std::size_t end = rest.find_first_of(",}");
    if (end == std::string_view::npos) return false;
    const bool last = k + 1 == info.params.size();
    if ((rest[end] == '}') != last) return false;
    double v = 0;
    if (!json_number(rest.substr(0, end), v)) return false;
    values.push_back(v);
    rest.remove_prefix(end + 1);
  }
  return rest.empty();
}

}  // namespace

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

Parameters decode_parameters(std::string_view strategy, std::string_view json,
                             const std::function<std::string()>& where) {
  const StrategyInfo* info = find_strategy(strategy);
  if (!info)
    throw RuntimeFailure(where() + ": strategy '" + std::string(strategy) +
                         "' is unknown to this perfharness; load the plugin that defines it (--plugin) or upgrade "
                         "perfharness to read this result");
  std::vector<double> values;
  values.reserve(info->params.size());
  if (!decode_canonical(*info, json, values)) {
    values.clear();
    const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_object()) throw RuntimeFailure(where() + ": parameters are not a JSON object: " + std::string(json));
    for (const ParamSpec& spec : info->params) {
      const auto it = j.find(spec.name);
      if (it == j.end() || !it->is_number())
        throw RuntimeFailure(where() + ": parameter '" + spec.name + "' of strategy '" + std::string(strategy) +
                             "' is missing or not a number in " + std::string(json));
      values.push_back(it->get<double>());
    }
  }
  // Stored values were valid when saved; re-checking them would refuse results whose
  // strategy's limits changed since, which a history must still show.
  return Parameters(info, std::move(values));
}

}  // namespace ph::persistence
