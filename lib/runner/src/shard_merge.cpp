#include "shard_merge.hpp"

#include <algorithm>
#include <map>

#include "analysis.hpp"
#include "perfharness/report/noise.hpp"
#include "perfharness/common/errors.hpp"
#include "shard_merge_parts.hpp"

namespace ph::runner {
namespace {

// One shard's part of a case: the whole case, or a slice of a sweep case's grid.
struct Piece {
  const report::CaseResult* result = nullptr;
  const std::string* file = nullptr;
  std::size_t first = 0, count = 0;  // count 0: the whole case
};

std::size_t combinations_of(const report::CaseResult& c) {
  const auto* sweep = std::get_if<report::SweepWorkload>(&c.workload);
  return sweep ? sweep->combinations : 0;
}

// The index in the whole grid of a best set of the slice that starts at `first`: its row there.
std::size_t grid_index(const report::SweepOutcome& slice, std::size_t first, const Parameters& p) {
  const std::size_t width = slice.parameter_names.size();
  const auto& values = p.values();
  for (std::size_t row = 0; width > 0 && (row + 1) * width <= slice.parameter_values.size(); ++row)
    if (std::equal(values.begin(), values.end(), slice.parameter_values.begin() + static_cast<std::ptrdiff_t>(row * width)))
      return first + row;
  return first + slice.metrics.size();  // not in the slice's rows: after them
}

// The grid's results end to end; the best five are the best of the slices' best fives, ranked
// as the sweep ranks them (Sharpe ratio, then place in the grid), so they are the unsharded ones.
report::CaseOutcome join_sweep_results(const std::vector<Piece>& slices) {
  report::SweepOutcome out;
  struct Best {
    std::size_t index;
    const std::pair<Parameters, Metrics>* set;
  };
  std::vector<Best> best;
  for (const Piece& piece : slices) {
    const auto* slice = std::get_if<report::SweepOutcome>(&piece.result->results);
    if (!slice) return std::monostate{};  // a slice with no finished repetition: no results for the case
    if (out.parameter_names.empty()) out.parameter_names = slice->parameter_names;
    out.parameter_values.insert(out.parameter_values.end(), slice->parameter_values.begin(), slice->parameter_values.end());
    out.metrics.insert(out.metrics.end(), slice->metrics.begin(), slice->metrics.end());
    for (const auto& set : slice->best_by_sharpe) best.push_back({grid_index(*slice, piece.first, set.first), &set});
  }
  std::stable_sort(best.begin(), best.end(), [](const Best& a, const Best& b) {
    const double x = a.set->second.sharpe_ratio, y = b.set->second.sharpe_ratio;
    return x != y ? x > y : a.index < b.index;
  });
  for (std::size_t k = 0; k < best.size() && k < 5; ++k) out.best_by_sharpe.push_back(*best[k].set);
  return out;
}

// A sweep case from its slices, which must tile its grid.
report::CaseResult join_slices(const std::string& operation, const std::vector<Piece>& slices, std::vector<std::string>& warnings) {
  const std::size_t combinations = combinations_of(*slices.front().result);
  std::size_t next = 0;
  for (const Piece& piece : slices) {
    if (piece.first != next)
      throw InputError(*piece.file + ": operation '" + operation + "', case '" + piece.result->label + "': its slice starts at parameter set " +
                       std::to_string(piece.first) + ", but the shards before it end at " + std::to_string(next) +
                       " (shards of different plans); run every shard with the same perfharness, scenario and --shard count");
    next = piece.first + piece.count;
  }
  if (next != combinations)
    throw InputError(*slices.back().file + ": operation '" + operation + "', case '" + slices.back().result->label + "': the slices cover " +
                     std::to_string(next) + " of its " + std::to_string(combinations) + " parameter sets; give every shard's report");
  // What the slices share; their grids are joined below (a copy of the first's would be thrown away).
  report::CaseResult out;
  out.label = slices.front().result->label;
  out.workload = slices.front().result->workload;
  out.bars = slices.front().result->bars;
  std::vector<const report::Figures*> figures;
  bool timed = true;
  for (const Piece& piece : slices) {
    figures.push_back(&piece.result->figures);
    timed = timed && piece.result->parameter_set_seconds.size() == piece.count;
    out.parameter_sets.insert(out.parameter_sets.end(), piece.result->parameter_sets.begin(), piece.result->parameter_sets.end());
    out.parameter_set_seconds.insert(out.parameter_set_seconds.end(), piece.result->parameter_set_seconds.begin(),
                                     piece.result->parameter_set_seconds.end());
  }
  if (!timed) out.parameter_set_seconds.clear();
  std::vector<std::string> uneven;
  out.figures = merge::join_figures(figures, static_cast<double>(combinations), uneven);
  for (const auto& w : uneven) warnings.push_back("case '" + out.label + "': " + w);
  out.results = join_sweep_results(slices);
  const auto* grid = std::get_if<report::SweepOutcome>(&out.results);
  out.results_digest = grid ? report::results_digest(grid->metrics) : std::string();
  return out;
}

// The operation's cases in scenario order, each from its pieces.
std::vector<report::CaseResult> join_cases(const std::string& operation, std::vector<Piece> pieces, bool failed,
                                           std::vector<std::string>& warnings) {
  std::map<std::size_t, std::vector<Piece>> by_case;
  for (const Piece& p : pieces) by_case[p.result->shard_share ? p.result->shard_share->case_index : 0].push_back(p);
  std::vector<report::CaseResult> out;
  std::size_t expected = 0;
  for (auto& [index, of_case] : by_case) {
    if (index != expected && !failed)
      throw InputError(*of_case.front().file + ": operation '" + operation + "' has case " + std::to_string(index + 1) + ", but no shard has case " +
                       std::to_string(expected + 1) + " (shards of different plans); run every shard with the same perfharness, scenario and --shard count");
    expected = index + 1;
    std::sort(of_case.begin(), of_case.end(), [](const Piece& a, const Piece& b) { return a.first < b.first; });
    if (of_case.size() == 1 && of_case.front().count == 0) {
      out.push_back(*of_case.front().result);
    } else {
      for (const Piece& p : of_case)
        if (p.count == 0)
          throw InputError(*p.file + ": operation '" + operation + "', case '" + p.result->label +
                           "' is whole here and in part in another shard's report (shards of different plans)");
      out.push_back(join_slices(operation, of_case, warnings));
    }
    out.back().shard_share.reset();
  }
  return out;
}

// Operation `i` of every shard that did some of its work.
report::OperationResult join_operation(const std::vector<ShardReport>& shards, std::size_t i) {
  std::vector<const report::OperationResult*> parts;
  std::vector<const std::string*> files;
  for (const auto& s : shards) {
    const report::OperationResult& op = s.run.operations[i];
    if (op.cases.empty() && op.error.empty()) continue;  // none of its work in this shard
    parts.push_back(&op);
    files.push_back(&s.file);
  }
  if (parts.empty()) return shards.front().run.operations[i];
  // What every part shares; the rest is joined below (a copy of the first part's cases and
  // profiles would be thrown away).
  report::OperationResult out;
  out.name = parts.front()->name;
  out.kind = parts.front()->kind;
  out.repetitions = parts.front()->repetitions;  // equal in every part (ordered_shard_set)
  out.timing = parts.front()->timing;
  std::vector<Piece> pieces;
  std::vector<const report::Figures*> figures;
  std::vector<const report::ZoneStats*> zones;
  std::vector<const std::vector<report::Hotspot>*> cumulative, self;
  std::vector<const report::CountersProfile*> counters;
  std::vector<const report::SamplingProfile*> sampling;
  std::vector<const report::MemorySnapshot*> memory;
  std::vector<const report::SweepThroughput*> throughput;
  double backtests = 0;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const report::OperationResult& op = *parts[p];
    out.warmup = std::max(out.warmup, op.warmup);
    if (!op.error.empty() && out.error.empty()) out.error = op.error + " (in " + *files[p] + ")";
    // A shard's noise warnings are about its part's spread: the whole's are worked out below.
    std::vector<std::string> warnings = op.warnings;
    for (const auto& noise : report::noise_warnings(op)) std::erase(warnings, noise);
    merge::append_new(out.warnings, warnings);
    for (const auto& c : op.cases)
      pieces.push_back({&c, files[p], c.shard_share ? c.shard_share->first : 0, c.shard_share ? c.shard_share->count : 0});
    figures.push_back(&op.figures);
    if (op.zones) zones.push_back(&*op.zones);
    cumulative.push_back(&op.top_by_cumulative);
    self.push_back(&op.top_by_self);
    counters.push_back(&op.counters);
    sampling.push_back(&op.sampling);
    memory.push_back(&op.memory);
    if (op.sweep) {
      throughput.push_back(&*op.sweep);
      backtests += op.sweep->backtests_per_repetition;
    }
    if (op.database && !out.database) out.database = op.database;
  }
  std::vector<std::string> uneven;
  out.figures = merge::join_figures(figures, backtests, uneven);
  for (const auto& w : uneven) out.warnings.push_back("merge: " + w);
  for (auto& w : report::noise_warnings(out)) out.warnings.push_back(std::move(w));
  out.cases = join_cases(out.name, std::move(pieces), !out.error.empty(), out.warnings);
  if (!zones.empty()) out.zones = merge::join_zones(zones);
  out.top_by_cumulative = merge::join_hotspots(cumulative, true);
  out.top_by_self = merge::join_hotspots(self, false);
  out.counters = merge::join_counters(counters);
  out.sampling = merge::join_sampling(sampling);
  out.memory = merge::join_memory(memory);
  if (!throughput.empty()) out.sweep = merge::join_throughput(throughput);
  return out;
}

void require_same_operations(const std::vector<ShardReport>& shards) {
  const auto& first = shards.front();
  for (const auto& s : shards) {
    bool same = s.run.operations.size() == first.run.operations.size();
    for (std::size_t i = 0; same && i < s.run.operations.size(); ++i)
      same = s.run.operations[i].name == first.run.operations[i].name && s.run.operations[i].kind == first.run.operations[i].kind;
    if (!same)
      throw InputError(s.file + ": its operations are not " + first.file +
                       "'s (another scenario, or another version of it); run every shard from one scenario file");
  }
}

}  // namespace

report::RunResult merge_shard_results(const std::vector<ShardReport>& shards) {
  require_same_operations(shards);
  const report::RunResult& first = shards.front().run;
  report::RunResult run;
  run.tool = first.tool;
  run.scenario = first.scenario;
  run.environment = first.environment;
  std::vector<std::string> hosts;
  for (const auto& s : shards) {
    merge::append_new(run.warnings, s.run.warnings);
    merge::append_new(hosts, {s.run.environment.host + " (" + s.run.environment.cpu_model + ")"});
    run.complete = run.complete && s.run.complete;
  }
  if (hosts.size() > 1) {
    std::string list;
    for (const auto& h : hosts) list += (list.empty() ? "" : ", ") + h;
    run.warnings.push_back("the shards ran on " + std::to_string(hosts.size()) + " machines (" + list +
                           "): joined times add up figures of different hardware");
  }
  for (std::size_t i = 0; i < first.operations.size(); ++i) run.operations.push_back(join_operation(shards, i));
  return run;
}

}  // namespace ph::runner
