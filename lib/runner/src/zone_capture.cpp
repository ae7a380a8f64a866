#include "zone_capture.hpp"

namespace ph::runner {
namespace {

report::ZoneStats convert(const profilers::ZoneTree& tree, std::uint32_t index, double per_rep, int reps) {
  const auto& node = tree.node(index);
  report::ZoneStats z;
  z.name = node.name;
  z.cumulative_s = static_cast<double>(node.cumulative_ns) * 1e-9 * per_rep;
  z.self_s = static_cast<double>(tree.self_ns(index)) * 1e-9 * per_rep;
  z.calls = node.calls / static_cast<std::uint64_t>(reps);
  if (tree.heap_tracked()) {
    // Per measured repetition, as times and calls are; the peak is the largest of any call.
    z.allocations = static_cast<std::int64_t>(node.heap.allocations) / reps;
    z.bytes_allocated = static_cast<std::int64_t>(node.heap.bytes_allocated) / reps;
    z.peak_growth_bytes = node.heap.peak_growth_bytes;
    z.growth_bytes = node.heap.growth_bytes / reps;
  }
  for (auto c = node.first_child; c != profilers::ZoneNode::none; c = tree.node(c).next_sibling)
    z.children.push_back(convert(tree, c, per_rep, reps));
  return z;
}

}  // namespace

void ZoneCapture::keep_repetition() {
  std::lock_guard lock(mutex_);
  // An empty tree would clear the heap_tracked mark of the kept ones.
  if (!repetition_tree_.empty()) tree_.merge(repetition_tree_);
  events_.append(repetition_events_);
  repetition_tree_.clear();
  repetition_events_.clear();
}

void ZoneCapture::drop_repetition() {
  std::lock_guard lock(mutex_);
  repetition_tree_.clear();
  repetition_events_.clear();
}

report::ZoneStats zone_stats(const profilers::ZoneTree& tree, const std::string& root_name, int repetitions) {
  const int reps = repetitions > 0 ? repetitions : 1;
  report::ZoneStats root = convert(tree, profilers::ZoneTree::root, 1.0 / reps, reps);
  root.name = root_name;
  for (const auto& c : root.children) root.cumulative_s += c.cumulative_s;
  root.self_s = 0;
  return root;
}

std::vector<report::Hotspot> report_hotspots(const std::vector<profilers::Hotspot>& rows, int repetitions) {
  const int reps = repetitions > 0 ? repetitions : 1;
  std::vector<report::Hotspot> out;
  for (const auto& r : rows)
    out.push_back({r.function, r.cumulative_time / reps, r.self_time / reps, r.call_count / static_cast<std::uint64_t>(reps),
                   r.time_per_call});
  return out;
}

}  // namespace ph::runner
