#include "perfharness/figures/limit_unit.hpp"

namespace ph::figures {

std::string_view limit_key(LimitUnit u) noexcept {
  switch (u) {
    case LimitUnit::ms: return "max_ms";
    case LimitUnit::s: return "max_s";
    case LimitUnit::mb: return "max_mb";
    case LimitUnit::mb_per_1k_bars: return "max_mb_per_1k_bars";
    case LimitUnit::count: return "max_count";
    case LimitUnit::instructions: return "max_instructions";
  }
  return "max_count";
}

std::string_view unit_text(LimitUnit u) noexcept {
  switch (u) {
    case LimitUnit::ms: return "ms";
    case LimitUnit::s: return "s";
    case LimitUnit::mb: return "MB";
    case LimitUnit::mb_per_1k_bars: return "MB/1k bars";
    case LimitUnit::count: return "count";
    case LimitUnit::instructions: return "instructions";
  }
  return "count";
}

std::optional<LimitUnit> parse_limit_key(std::string_view key) noexcept {
  for (const LimitUnit u : {LimitUnit::ms, LimitUnit::s, LimitUnit::mb, LimitUnit::mb_per_1k_bars, LimitUnit::count,
                            LimitUnit::instructions})
    if (limit_key(u) == key) return u;
  if (key == "max_slow_queries") return LimitUnit::count;
  return std::nullopt;
}

const std::vector<std::string_view>& limit_keys() {
  static const std::vector<std::string_view> keys = {"max_ms",    "max_s",            "max_mb",          "max_mb_per_1k_bars",
                                                     "max_count", "max_instructions", "max_slow_queries"};
  return keys;
}

std::vector<LimitUnit> limit_units_for(const FigureInfo& figure) {
  if (figure.unit == "s" || figure.unit == "ms") return {LimitUnit::ms, LimitUnit::s};
  if (figure.unit == "MB") return {LimitUnit::mb};
  if (figure.unit == "MB/1k bars") return {LimitUnit::mb_per_1k_bars};
  if (figure.source == Source::callgrind) return {LimitUnit::instructions};
  return {LimitUnit::count};
}

double in_limit_unit(double value, std::string_view figure_unit, LimitUnit unit) noexcept {
  if (unit == LimitUnit::ms && figure_unit == "s") return value * 1000;
  if (unit == LimitUnit::s && figure_unit == "ms") return value / 1000;
  return value;
}

}  // namespace ph::figures
