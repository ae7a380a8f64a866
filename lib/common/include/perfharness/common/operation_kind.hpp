#pragma once
// The kinds of operation a scenario runs. Named in scenario files and reports; an enum in between.
#include <array>
#include <optional>
#include <string_view>

namespace ph {

enum class OperationKind { Backtest, DataLoad, Persistence, Sweep, Command };

inline constexpr std::array<OperationKind, 5> kOperationKinds = {OperationKind::Backtest, OperationKind::DataLoad,
                                                                 OperationKind::Sweep, OperationKind::Persistence,
                                                                 OperationKind::Command};

/// "backtest", "data_load", "persistence", "sweep", "command": as scenarios and reports spell them.
constexpr std::string_view to_string(OperationKind kind) noexcept {
  switch (kind) {
    case OperationKind::Backtest: return "backtest";
    case OperationKind::DataLoad: return "data_load";
    case OperationKind::Persistence: return "persistence";
    case OperationKind::Sweep: return "sweep";
    case OperationKind::Command: return "command";
  }
  return "backtest";
}

constexpr std::optional<OperationKind> parse_operation_kind(std::string_view text) noexcept {
  for (const OperationKind k : kOperationKinds)
    if (to_string(k) == text) return k;
  return std::nullopt;
}

}  // namespace ph
