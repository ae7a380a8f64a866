#include "executor.hpp"

#include "perfharness/common/errors.hpp"
#include "perfharness/data/csv.hpp"
#include "perfharness/figures/catalogue.hpp"

#include <stdexcept>

namespace ph::runner {

namespace {
namespace key = figures::key;

void push(report::Figures& out, std::string_view name, double value) { figure_of(out, name).samples.push_back(value); }

void push_heap(report::Figures& out, const profilers::HeapRegion& h) {
  constexpr double kMb = 1.0 / (1024.0 * 1024.0);
  push(out, key::peak_memory, static_cast<double>(h.peak_growth_bytes()) * kMb);
  push(out, key::allocations, static_cast<double>(h.allocations));
  push(out, key::heap_growth, static_cast<double>(h.growth_bytes()) * kMb);
  push(out, key::heap_at_start, static_cast<double>(h.start_bytes) * kMb);
  push(out, key::heap_at_end, static_cast<double>(h.end_bytes) * kMb);
}

void push_time(report::Figures& out, const profilers::TimeSample& t) {
  push(out, key::time, t.wall_s);
  push(out, key::cpu_time, t.cpu_s());
  push(out, key::user_time, t.user_s);
  push(out, key::system_time, t.system_s);
  push(out, key::cpu_ratio, t.cpu_ratio());
}

}  // namespace

report::Figure& figure_of(report::Figures& out, std::string_view name) {
  const figures::FigureInfo* info = figures::find(name);
  if (!info) throw std::logic_error("figure '" + std::string(name) + "' is not in the catalogue (lib/figures/src/catalogue.cpp)");
  auto it = out.find(name);
  if (it == out.end()) {
    it = out.emplace(std::string(name), report::Figure{}).first;
    it->second.unit = info->unit;
    it->second.exact = info->exact;
  }
  return it->second;
}

void OperationExecutor::add_slice(const std::string& name, report::Timeline::Category category, const RegionSample& s) {
  if (keep_slices_) slices_.push_back({name, category, s.start_ns, s.end_ns - s.start_ns, s.tid});
}

void OperationExecutor::record_total(const RegionSample& s) {
  add_slice(result_.name, report::Timeline::Category::operation, s);
  push_time(result_.figures, s.time);
  push(result_.figures, key::page_faults, static_cast<double>(s.page_faults));
  if (s.heap.active) push_heap(result_.figures, s.heap);
}

report::CaseResult& OperationExecutor::case_result(std::size_t index, const std::string& label) {
  if (result_.cases.size() <= index) result_.cases.resize(index + 1);
  auto& c = result_.cases[index];
  if (!c.label.empty()) return c;
  // Cases are matched by label (workers' values, baselines): a repeated one gets a number.
  c.label = label;
  for (int n = 2; !labels_.insert(c.label).second; ++n) c.label = label + " (" + std::to_string(n) + ")";
  return c;
}

void OperationExecutor::record_case(report::CaseResult& c, const RegionSample& s) {
  add_slice(c.label, report::Timeline::Category::case_, s);
  push_time(c.figures, s.time);
  push(c.figures, key::page_faults, static_cast<double>(s.page_faults));
  if (s.heap.active) {
    push_heap(c.figures, s.heap);
    if (c.bars > 0) push(c.figures, key::memory_per_1k_bars, s.peak_memory_mb() / static_cast<double>(c.bars) * 1000.0);
  }
}

void OperationExecutor::keep_shares(std::vector<CaseShare> shares) {
  in_shard_.assign(result_.cases.size(), false);
  for (const auto& share : shares)
    if (share.case_index < in_shard_.size()) in_shard_[share.case_index] = true;
  shares_ = std::move(shares);
}

std::pair<std::size_t, std::size_t> OperationExecutor::grid_share(std::size_t index, std::size_t grid_size) const noexcept {
  if (!shares_) return {0, grid_size};
  for (const auto& share : *shares_)
    if (share.case_index == index) return share.count ? std::pair{share.first, share.count} : std::pair{std::size_t{0}, grid_size};
  return {0, 0};
}

report::OperationResult OperationExecutor::result_in_shard() const {
  if (!shares_) return result_;
  report::OperationResult out = result_;
  out.cases.clear();
  for (const auto& share : *shares_) {
    if (share.case_index >= result_.cases.size()) continue;
    out.cases.push_back(result_.cases[share.case_index]);
    out.cases.back().shard_share = report::ShardShare{share.case_index, share.first, share.count};
  }
  return out;
}

OhlcvSeries load_series(const scenario::Scenario& sc, const std::string& symbol) {
  using Kind = scenario::DataSource::Kind;
  if (sc.data.kind == Kind::Synthetic) return generate_synthetic(symbol, sc.data.synthetic);
  const auto it = sc.data.csv_files.find(symbol);
  const std::filesystem::path file = it != sc.data.csv_files.end() ? it->second : sc.data.csv_dir / (symbol + ".csv");
  return read_ohlcv_csv(file, symbol);
}

}  // namespace ph::runner
