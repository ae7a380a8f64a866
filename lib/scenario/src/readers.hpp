#pragma once
// The section readers: each reads one part of the document tree into the scenario
// model, reporting every problem it finds.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "fields.hpp"
#include "perfharness/data/symbol.hpp"
#include "perfharness/scenario/scenario.hpp"

namespace ph::scenario::detail {

struct Context {
  Problems& problems;
  Problems& warnings;  // LoadResult::warnings
  const LoadOptions& options;
  std::filesystem::path base_dir;  // the scenario file's folder: relative paths start here
};

/// A path from the scenario file, `text` relative to `base` (its folder), normalised.
std::filesystem::path absolute_from(const std::filesystem::path& base, const std::string& text);

void read_data(const Node& node, Context& cx, std::uint64_t scenario_seed, DataSource& out);
void read_defaults(const Node& node, Context& cx, RunDefaults& out);
void read_thresholds(const Node& node, const std::string& path, Problems& problems, Thresholds& out);
void read_budgets(const Node& node, const std::string& path, const std::vector<std::string>& metrics,
                  const std::string& owner, Problems& problems, std::vector<Budget>& out);
/// Returns false when the operation is too broken to take part in cross-checks.
bool read_operation(const Node& node, const std::string& path, Context& cx, Operation& out);

// Workload pieces shared by the operation kinds.
std::optional<Parameters> read_strategy(const Node& node, const std::string& path, Problems& problems);
void read_symbols(const Node& node, const std::string& path, Problems& problems, std::vector<std::string>& out);
void read_ranges(const Node& node, const std::string& path, Problems& problems, std::vector<DateRange>& out);
/// Expands a sweep's grid (a map: parameter -> list of values or {from, to, step}).
void read_grid(const Node& node, const std::string& path, const StrategyInfo& strategy, Context& cx,
               SweepSpec& out);

/// A command operation's keys, and its reader (read_command.cpp).
const std::vector<std::string>& command_keys();
void read_spec(MapReader& m, Context& cx, CommandSpec& spec, Problems& p);

/// Checks across operations and against the data: unique names, persistence
/// sources, CSV files present, every range holding bars.
void check_operations(const std::vector<const Node*>& nodes, const DataSource& data, Context& cx,
                      std::vector<Operation>& ops);

}  // namespace ph::scenario::detail
