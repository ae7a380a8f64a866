#pragma once
// The unit of a budget's limit, named by its key in a scenario (`max_ms: 50`). The limit is
// kept in the unit it was written in; the figure's value is converted to it.
#include <optional>
#include <string_view>
#include <vector>

#include "perfharness/figures/catalogue.hpp"

namespace ph::figures {

enum class LimitUnit { ms, s, mb, mb_per_1k_bars, count, instructions };

/// "max_ms", "max_s", "max_mb", "max_mb_per_1k_bars", "max_count", "max_instructions".
std::string_view limit_key(LimitUnit u) noexcept;
/// The unit as reports print it: "ms", "s", "MB", "MB/1k bars", "count", "instructions".
std::string_view unit_text(LimitUnit u) noexcept;
/// A limit key as a scenario writes it; `max_slow_queries` is an old spelling of `max_count`.
std::optional<LimitUnit> parse_limit_key(std::string_view key) noexcept;
/// Every key parse_limit_key accepts.
const std::vector<std::string_view>& limit_keys();

/// The limit units a budget on `figure` may use: durations take ms or s, sizes MB, counts count
/// (instruction counts: instructions).
std::vector<LimitUnit> limit_units_for(const FigureInfo& figure);

/// `value`, in the figure's unit, converted to `unit` (seconds and milliseconds convert; every
/// other pair is the same quantity).
double in_limit_unit(double value, std::string_view figure_unit, LimitUnit unit) noexcept;

}  // namespace ph::figures
