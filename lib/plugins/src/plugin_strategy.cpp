#include "plugin_strategy.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <sstream>

#include "perfharness/common/errors.hpp"
#include "perfharness/hooks/zone.hpp"

namespace ph::plugins::detail {
namespace {

const ph_plugin_strategy& declared_of(const Parameters& p) {
  return *static_cast<const ph_plugin_strategy*>(p.strategy().context);
}

std::string plugin_check(const Parameters& p) {
  char message[512] = {};
  if (declared_of(p).check(p.values().data(), message, sizeof message) == 0) return {};
  message[sizeof message - 1] = '\0';
  return message[0] != '\0' ? std::string(message) : std::string("the plugin's check rejects these values");
}

double* scratch_buffer(void* context, int slot, std::int64_t n) {
  if (slot < 0 || slot >= PH_PLUGIN_SCRATCH_BUFFERS || slot >= Workspace::kBuffers || n < 0) return nullptr;
  return static_cast<Workspace*>(context)->buffer(slot, static_cast<Eigen::Index>(n));
}

// Under a "signals" zone as the built-in rules are, so that a plugin's own zones nest where a
// strategy's work is expected ("backtest/signals/keltner.atr") and its time counts as signals.
void plugin_generate(const SeriesView& bars, const Parameters& p, Workspace& ws, Signals& out) {
  PH_ZONE("signals");
  out.resize(bars.size);
  std::fill(out.entries.begin(), out.entries.end(), std::uint8_t{0});
  std::fill(out.exits.begin(), out.exits.end(), std::uint8_t{0});
  const ph_plugin_bars view{bars.dates, bars.open, bars.high, bars.low, bars.close, bars.volume,
                            static_cast<std::int64_t>(bars.size)};
  const ph_plugin_scratch scratch{&ws, scratch_buffer};
  declared_of(p).generate(&view, p.values().data(), &scratch, out.entries.data(), out.exits.data());
}

void zone_enter(const char* name) {
  if (auto* observer = hooks::zone_observer()) observer->enter(name);
}
void zone_leave(const char* name) {
  if (auto* observer = hooks::zone_observer()) observer->leave(name);
}

bool is_identifier(const char* name) {
  if (name == nullptr || *name == '\0') return false;
  if (!(std::islower(static_cast<unsigned char>(*name)) || *name == '_')) return false;
  for (const char* c = name; *c; ++c)
    if (!(std::islower(static_cast<unsigned char>(*c)) || std::isdigit(static_cast<unsigned char>(*c)) || *c == '_'))
      return false;
  return std::strlen(name) <= 64;
}

std::string text(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

ParamSpec param_of(const std::string& strategy, const ph_plugin_param& p, int index) {
  const std::string where = "strategy '" + strategy + "': parameter " + std::to_string(index);
  if (!is_identifier(p.name))
    throw InputError(where + " has no valid name (lower-case letters, digits and '_', starting with a letter or '_')");
  const std::string named = "strategy '" + strategy + "': parameter '" + p.name + "'";
  if (!std::isfinite(p.min) || !std::isfinite(p.max) || p.min > p.max)
    throw InputError(named + " has the range " + text(p.min) + ".." + text(p.max) + "; declare finite min <= max");
  const bool integer = p.is_integer != 0;
  if (integer && (p.min != std::floor(p.min) || p.max != std::floor(p.max)))
    throw InputError(named + " is an integer but its range " + text(p.min) + ".." + text(p.max) +
                     " is not; declare whole numbers");
  if (!std::isfinite(p.default_value) || p.default_value < p.min || p.default_value > p.max ||
      (integer && p.default_value != std::floor(p.default_value)))
    throw InputError(named + " has the default " + text(p.default_value) + ", outside its range " + text(p.min) +
                     ".." + text(p.max) + (integer ? " (integers)" : "") + "; declare a default within it");
  return {p.name, integer ? ParamType::Integer : ParamType::Real, p.default_value, p.min, p.max,
          p.description ? p.description : ""};
}

}  // namespace

StrategyInfo strategy_of(const ph_plugin_strategy& declared, const std::string& source) {
  if (!is_identifier(declared.name))
    throw InputError(std::string("a strategy's name '") + (declared.name ? declared.name : "(null)") +
                     "' is not valid; use lower-case letters, digits and '_', starting with a letter or '_'");
  const std::string name = declared.name;
  if (declared.generate == nullptr) throw InputError("strategy '" + name + "' has no generate function");
  if (declared.param_count < 0 || (declared.param_count > 0 && declared.params == nullptr))
    throw InputError("strategy '" + name + "' declares " + std::to_string(declared.param_count) +
                     " parameters but no parameter array");
  StrategyInfo info;
  info.name = name;
  info.description = declared.description ? declared.description : "";
  info.constraint = declared.constraint ? declared.constraint : "";
  info.source = source;
  info.context = &declared;
  info.generate = plugin_generate;
  if (declared.check) info.check = plugin_check;
  for (int i = 0; i < declared.param_count; ++i) {
    ParamSpec spec = param_of(name, declared.params[i], i);
    if (info.param_index(spec.name) >= 0)
      throw InputError("strategy '" + name + "' declares the parameter '" + spec.name + "' twice");
    info.params.push_back(std::move(spec));
  }
  if (info.check) {
    std::vector<double> defaults;
    for (const auto& p : info.params) defaults.push_back(p.default_value);
    const std::string problem = plugin_check(Parameters(&info, defaults));
    if (!problem.empty())
      throw InputError("strategy '" + name + "': its own check rejects its defaults (" + problem +
                       "); declare defaults that satisfy it");
  }
  return info;
}

const ph_plugin_host& host_table() noexcept {
  static const ph_plugin_host host{PH_PLUGIN_API_VERSION, zone_enter, zone_leave};
  return host;
}

}  // namespace ph::plugins::detail
