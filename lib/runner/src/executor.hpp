#pragma once
// An operation kind's way of running: unmeasured preparation, then one
// repetition at a time (warm-up ones discarded), filling an OperationResult.
#include <atomic>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "perfharness/data/series_cache.hpp"
#include "perfharness/figures/catalogue.hpp"
#include "perfharness/report/run_result.hpp"
#include "perfharness/scenario/scenario.hpp"
#include "measure.hpp"
#include "perfharness/profilers/sampler.hpp"
#include "shard_plan.hpp"

namespace ph::runner {

struct RunContext {
  const scenario::Scenario& scenario;
  SeriesCache& cache;
  int threads = 1;
  std::optional<std::filesystem::path> db;  // --db: persistence results go there too
  std::optional<std::int64_t> run_id;       // the run's row in --db
  const std::atomic<bool>& interrupted;
  class ZoneCapture* zones = nullptr;  // the current operation's, for its worker threads
  profilers::CpuSampler* sampler = nullptr;  // running sampler that worker threads attach to
};

/// A span the harness marks around zones: one measured repetition of an operation, or one case.
struct TraceSlice {
  std::string name;  // the operation's name or the case's label
  report::Timeline::Category category = report::Timeline::Category::operation;
  std::int64_t start_ns = 0;  // steady clock, as zone events
  std::int64_t duration_ns = 0;
  std::uint32_t tid = 0;
};

class OperationExecutor {
 public:
  explicit OperationExecutor(const scenario::Operation& op) : op_(op) {
    result_.name = op.name;
    result_.kind = op.kind();
  }
  virtual ~OperationExecutor() = default;

  /// Unmeasured set-up: load data, build inputs. Throws on bad input.
  virtual void prepare(RunContext&) {}
  /// One repetition of the whole operation; `measured` false for warm-up runs.
  virtual void run_once(RunContext& ctx, bool measured) = 0;

  const scenario::Operation& operation() const noexcept { return op_; }
  /// A sweep's parameter grid, whose points each case counts apart under callgrind (as parts
  /// labelled by their index in it); null for other operations.
  virtual const std::vector<Parameters>* parameter_grid() const noexcept { return nullptr; }
  /// Under --instructions, an operation that runs another program counts that program under a
  /// callgrind of its own, writing into `dir`; nullopt: counted in perfharness's run under callgrind.
  virtual std::optional<std::uint64_t> count_instructions_apart(const std::filesystem::path& /*dir*/) { return std::nullopt; }
  report::OperationResult& result() noexcept { return result_; }
  const report::OperationResult& result() const noexcept { return result_; }

  /// --shard: after prepare(), only these shares of the cases run (shard_plan.hpp), and the
  /// report keeps only them, each marked with its share. Not called: every case runs.
  void keep_shares(std::vector<CaseShare> shares);
  /// Whether any of the operation's work is in this process's shard (always, without --shard).
  bool has_work() const noexcept { return !shares_ || !shares_->empty(); }
  /// The result as the report shows it: under --shard only the shard's cases, each marked with
  /// its share.
  report::OperationResult result_in_shard() const;

  /// With --trace: each measured repetition and each of its cases becomes a span of the
  /// timeline, so viewers nest the zones inside it (each operation and case its own node).
  void keep_trace_slices(bool on) noexcept { keep_slices_ = on; }
  std::vector<TraceSlice>& trace_slices() noexcept { return slices_; }

 protected:
  /// Appends the op-level figures of one measured repetition.
  void record_total(const RegionSample& s);
  /// The case with this label, created on first use in case order.
  report::CaseResult& case_result(std::size_t index, const std::string& label);
  void record_case(report::CaseResult& c, const RegionSample& s);
  /// Whether case `index` runs in this process (always, without --shard).
  bool runs_case(std::size_t index) const noexcept { return !shares_ || (index < in_shard_.size() && in_shard_[index]); }
  /// The parameter sets [first, first + count) of sweep case `index` this process runs.
  std::pair<std::size_t, std::size_t> grid_share(std::size_t index, std::size_t grid_size) const noexcept;

  const scenario::Operation& op_;
  report::OperationResult result_;

 private:
  std::set<std::string> labels_;  // the cases' labels so far: each is made unique on arrival
  void add_slice(const std::string& name, report::Timeline::Category category, const RegionSample& s);

  bool keep_slices_ = false;
  std::vector<TraceSlice> slices_;
  std::optional<std::vector<CaseShare>> shares_;
  std::vector<bool> in_shard_;  // by case index
};

/// The figure `key` of `figures`, added with the catalogue's unit when new. Throws
/// std::logic_error for a key the catalogue lacks: every recorded figure has an entry.
report::Figure& figure_of(report::Figures& out, std::string_view name);

/// The full series of a symbol from the scenario's data source (uncached).
OhlcvSeries load_series(const scenario::Scenario& sc, const std::string& symbol);

}  // namespace ph::runner
