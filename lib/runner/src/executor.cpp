#include "executor.hpp"


#include "perfharness/common/errors.hpp"
#include "perfharness/data/csv.hpp"

namespace ph::runner {

namespace {
void push(report::Figures& figures, const std::string& name, const char* unit, double value) {
  auto& f = figures[name];
  f.unit = unit;
  f.samples.push_back(value);
}

void push_heap(report::Figures& figures, const profilers::HeapRegion& h) {
  constexpr double kMb = 1.0 / (1024.0 * 1024.0);
  push(figures, "peak_memory", "MB", static_cast<double>(h.peak_growth_bytes()) * kMb);
  push(figures, "allocations", "count", static_cast<double>(h.allocations));
  push(figures, "heap_growth", "MB", static_cast<double>(h.growth_bytes()) * kMb);
  push(figures, "heap_at_start", "MB", static_cast<double>(h.start_bytes) * kMb);
  push(figures, "heap_at_end", "MB", static_cast<double>(h.end_bytes) * kMb);
}

void push_time(report::Figures& figures, const profilers::TimeSample& t) {
  push(figures, "time", "s", t.wall_s);
  push(figures, "cpu_time", "s", t.cpu_s());
  push(figures, "user_time", "s", t.user_s);
  push(figures, "system_time", "s", t.system_s);
  push(figures, "cpu_ratio", "ratio", t.cpu_ratio());
}
}  // namespace

void OperationExecutor::add_slice(const std::string& name, const char* category, const RegionSample& s) {
  if (keep_slices_) slices_.push_back({name, category, s.start_ns, s.end_ns - s.start_ns, s.tid});
}

void OperationExecutor::record_total(const RegionSample& s) {
  add_slice(result_.name, "operation", s);
  push_time(result_.figures, s.time);
  push(result_.figures, "page_faults", "count", static_cast<double>(s.page_faults));
  if (s.heap.active) push_heap(result_.figures, s.heap);
}

report::CaseResult& OperationExecutor::case_result(std::size_t index, const std::string& label) {
  if (result_.cases.size() <= index) result_.cases.resize(index + 1);
  auto& c = result_.cases[index];
  if (c.label.empty()) c.label = label;
  return c;
}

void OperationExecutor::record_case(report::CaseResult& c, const RegionSample& s) {
  add_slice(c.label, "case", s);
  push_time(c.figures, s.time);
  push(c.figures, "page_faults", "count", static_cast<double>(s.page_faults));
  if (s.heap.active) {
    push_heap(c.figures, s.heap);
    if (c.bars > 0) push(c.figures, "memory_per_1k_bars", "MB/1k bars", s.peak_memory_mb() / static_cast<double>(c.bars) * 1000.0);
  }
}

OhlcvSeries load_series(const scenario::Scenario& sc, const std::string& symbol) {
  using Kind = scenario::DataSource::Kind;
  if (sc.data.kind == Kind::Synthetic) return generate_synthetic(symbol, sc.data.synthetic);
  const auto it = sc.data.csv_files.find(symbol);
  const std::filesystem::path file = it != sc.data.csv_files.end() ? it->second : sc.data.csv_dir / (symbol + ".csv");
  return read_ohlcv_csv(file, symbol);
}

}  // namespace ph::runner
