#include "perfharness/strategies/parameters.hpp"

#include <charconv>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "perfharness/common/did_you_mean.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/strategies/strategy.hpp"

namespace ph {
namespace {

std::string number_text(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

std::string allowed(const ParamSpec& spec) {
  std::string kind = spec.type == ParamType::Integer ? "an integer" : "a number";
  return kind + " from " + number_text(spec.min) + " to " + number_text(spec.max);
}

std::string known_names(const StrategyInfo& s) {
  std::string out;
  for (const auto& p : s.params) out += (out.empty() ? "" : ", ") + p.name;
  return out.empty() ? "none" : out;
}

void check_value(const StrategyInfo& s, const ParamSpec& spec, double v) {
  const std::string where = "strategy '" + s.name + "': parameter '" + spec.name + "'";
  if (!std::isfinite(v)) throw InputError(where + " must be " + allowed(spec));
  if (spec.type == ParamType::Integer && v != std::floor(v))
    throw InputError(where + " is " + number_text(v) + " but must be " + allowed(spec));
  if (v < spec.min || v > spec.max)
    throw InputError(where + " is " + number_text(v) + " but must be " + allowed(spec));
}

Parameters finish(const StrategyInfo& s, std::vector<double> values) {
  Parameters p(&s, std::move(values));
  if (s.check) {
    const std::string problem = s.check(p);
    if (!problem.empty()) throw InputError("strategy '" + s.name + "': " + problem);
  }
  return p;
}

std::vector<double> defaults(const StrategyInfo& s) {
  std::vector<double> v;
  for (const auto& spec : s.params) v.push_back(spec.default_value);
  return v;
}

int index_or_throw(const StrategyInfo& s, const std::string& name) {
  const int i = s.param_index(name);
  if (i < 0) {
    std::vector<std::string> names;
    for (const auto& spec : s.params) names.push_back(spec.name);
    throw InputError("strategy '" + s.name + "' has no parameter '" + name + "'" + did_you_mean(name, names) +
                     "; its parameters are " + known_names(s));
  }
  return i;
}

}  // namespace

double Parameters::get(std::string_view name) const {
  const int i = strategy_->param_index(name);
  if (i < 0) throw std::out_of_range("no parameter " + std::string(name));
  return values_[static_cast<std::size_t>(i)];
}

Parameters resolve_parameters(const StrategyInfo& s, const std::vector<ParamAssignment>& given) {
  std::vector<double> values = defaults(s);
  for (const auto& [name, text] : given) {
    const int i = index_or_throw(s, name);
    const ParamSpec& spec = s.params[static_cast<std::size_t>(i)];
    double v = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    if (begin != end && *begin == '+') ++begin;
    const auto [ptr, ec] = std::from_chars(begin, end, v);
    if (text.empty() || ec != std::errc() || ptr != end)
      throw InputError("strategy '" + s.name + "': parameter '" + name + "' is '" + text + "' but must be " +
                       allowed(spec));
    check_value(s, spec, v);
    values[static_cast<std::size_t>(i)] = v;
  }
  return finish(s, std::move(values));
}

Parameters resolve_parameters(const StrategyInfo& s, const std::vector<std::pair<std::string, double>>& given) {
  std::vector<double> values = defaults(s);
  for (const auto& [name, v] : given) {
    const int i = index_or_throw(s, name);
    check_value(s, s.params[static_cast<std::size_t>(i)], v);
    values[static_cast<std::size_t>(i)] = v;
  }
  return finish(s, std::move(values));
}

std::string describe(const Parameters& p) {
  std::string out;
  const auto& specs = p.strategy().params;
  for (std::size_t i = 0; i < specs.size(); ++i)
    out += (i ? ", " : "") + specs[i].name + "=" + number_text(p[i]);
  return out;
}

}  // namespace ph
