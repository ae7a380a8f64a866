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

namespace {
constexpr LimitUnit kLimitUnits[] = {LimitUnit::ms,    LimitUnit::s,           LimitUnit::mb, LimitUnit::mb_per_1k_bars,
                                     LimitUnit::count, LimitUnit::instructions};
// The seed suite's name for a count of slow queries, kept so its budgets read as they did.
constexpr std::string_view kSlowQueriesAlias = "max_slow_queries";
}  // namespace

std::optional<LimitUnit> parse_limit_key(std::string_view key) noexcept {
  for (const LimitUnit u : kLimitUnits)
    if (limit_key(u) == key) return u;
  if (key == kSlowQueriesAlias) return LimitUnit::count;
  return std::nullopt;
}

const std::vector<std::string_view>& limit_keys() {
  static const std::vector<std::string_view> keys = [] {
    std::vector<std::string_view> out;
    for (const LimitUnit u : kLimitUnits) out.push_back(limit_key(u));
    out.push_back(kSlowQueriesAlias);
    return out;
  }();
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
