#include <type_traits>

#include "perfharness/scenario/scenario.hpp"

namespace ph::scenario {

// kind() reads the kind off the variant's index.
static_assert(std::is_same_v<std::variant_alternative_t<static_cast<std::size_t>(OperationKind::Backtest), OperationSpec>, BacktestSpec>);
static_assert(std::is_same_v<std::variant_alternative_t<static_cast<std::size_t>(OperationKind::DataLoad), OperationSpec>, DataLoadSpec>);
static_assert(std::is_same_v<std::variant_alternative_t<static_cast<std::size_t>(OperationKind::Persistence), OperationSpec>, PersistenceSpec>);
static_assert(std::is_same_v<std::variant_alternative_t<static_cast<std::size_t>(OperationKind::Sweep), OperationSpec>, SweepSpec>);
static_assert(std::is_same_v<std::variant_alternative_t<static_cast<std::size_t>(OperationKind::Command), OperationSpec>, CommandSpec>);

const CaseAxes* Operation::axes() const noexcept {
  return std::visit([](const auto& s) -> const CaseAxes* {
    if constexpr (std::is_base_of_v<CaseAxes, std::decay_t<decltype(s)>>) return &s;
    else return nullptr;
  }, spec);
}

CaseAxes* Operation::axes() noexcept { return const_cast<CaseAxes*>(std::as_const(*this).axes()); }

OperationSpec spec_of(OperationKind kind) {
  switch (kind) {
    case OperationKind::Backtest: return BacktestSpec{};
    case OperationKind::DataLoad: return DataLoadSpec{};
    case OperationKind::Persistence: return PersistenceSpec{};
    case OperationKind::Sweep: return SweepSpec{};
    case OperationKind::Command: return CommandSpec{};
  }
  return BacktestSpec{};
}

}  // namespace ph::scenario
