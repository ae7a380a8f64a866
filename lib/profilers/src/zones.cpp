#include "perfharness/profilers/zones.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "perfharness/profilers/heap.hpp"
#include "perfharness/profilers/heap_counters.hpp"

namespace ph::profilers {
namespace {
std::int64_t now_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

// ---- ZoneTree ----

ZoneTree::ZoneTree() { clear(); }

void ZoneTree::clear() {
  nodes_.clear();
  nodes_.emplace_back();
  heap_tracked_ = false;
}

std::uint32_t ZoneTree::find_child(std::uint32_t parent, const char* name) const noexcept {
  for (std::uint32_t c = nodes_[parent].first_child; c != ZoneNode::none; c = nodes_[c].next_sibling) {
    if (nodes_[c].key == name || std::strcmp(nodes_[c].name.c_str(), name) == 0) return c;
  }
  return ZoneNode::none;
}

std::uint32_t ZoneTree::child(std::uint32_t parent, const char* name) {
  // The common case, a literal seen before under this parent, costs pointer compares only.
  std::uint32_t last = ZoneNode::none;
  for (std::uint32_t c = nodes_[parent].first_child; c != ZoneNode::none; c = nodes_[c].next_sibling) {
    if (nodes_[c].key == name) return c;
    last = c;
  }
  if (const std::uint32_t same_name = find_child(parent, name); same_name != ZoneNode::none) {
    nodes_[same_name].key = name;
    return same_name;
  }
  ZoneNode fresh;
  fresh.name = name;
  fresh.key = name;
  fresh.parent = parent;
  const auto index = static_cast<std::uint32_t>(nodes_.size());
  nodes_.push_back(std::move(fresh));
  if (last == ZoneNode::none) {
    nodes_[parent].first_child = index;
  } else {
    nodes_[last].next_sibling = index;
  }
  return index;
}

std::uint32_t ZoneTree::find_path(const std::string& path) const {
  std::uint32_t at = root;
  std::size_t begin = 0;
  while (at != ZoneNode::none && begin <= path.size()) {
    const std::size_t end = std::min(path.find('/', begin), path.size());
    at = find_child(at, path.substr(begin, end - begin).c_str());
    begin = end + 1;
  }
  return at;
}

std::int64_t ZoneTree::children_ns(std::uint32_t index) const noexcept {
  std::int64_t sum = 0;
  for (std::uint32_t c = nodes_[index].first_child; c != ZoneNode::none; c = nodes_[c].next_sibling) {
    sum += nodes_[c].cumulative_ns;
  }
  return sum;
}

std::int64_t ZoneTree::self_ns(std::uint32_t index) const noexcept {
  if (index == root) return 0;
  return nodes_[index].cumulative_ns - children_ns(index);
}

std::string ZoneTree::path(std::uint32_t index) const {
  std::vector<const std::string*> names;
  for (std::uint32_t at = index; at != root && at != ZoneNode::none; at = nodes_[at].parent) {
    names.push_back(&nodes_[at].name);
  }
  std::string joined;
  for (auto it = names.rbegin(); it != names.rend(); ++it) {
    if (!joined.empty()) joined += '/';
    joined += **it;
  }
  return joined;
}

void ZoneTree::merge(const ZoneTree& other) {
  const bool was_empty = empty();
  merge_children(root, other, root);
  heap_tracked_ = was_empty ? other.heap_tracked_ : (heap_tracked_ && other.heap_tracked_);
}

void ZoneTree::merge_children(std::uint32_t into, const ZoneTree& other, std::uint32_t from) {
  for (std::uint32_t c = other.nodes_[from].first_child; c != ZoneNode::none; c = other.nodes_[c].next_sibling) {
    const ZoneNode& src = other.nodes_[c];
    std::uint32_t target = find_child(into, src.name.c_str());
    if (target == ZoneNode::none) {
      // Keep the source's key: it is a string literal (or null), never the source's own storage.
      target = child(into, src.name.c_str());
      nodes_[target].key = src.key;
    }
    ZoneNode& dst = nodes_[target];
    dst.cumulative_ns += src.cumulative_ns;
    dst.calls += src.calls;
    dst.heap.allocations += src.heap.allocations;
    dst.heap.bytes_allocated += src.heap.bytes_allocated;
    dst.heap.peak_growth_bytes = std::max(dst.heap.peak_growth_bytes, src.heap.peak_growth_bytes);
    dst.heap.growth_bytes += src.heap.growth_bytes;
    merge_children(target, other, c);
  }
}

// ---- ZoneRecorder ----

ZoneRecorder::ZoneRecorder(ZoneRecorderOptions options)
    : trace_(options.max_trace_events),
      tid_(current_tid()),
      heap_(options.heap && heap_tracking_active()),
      trace_on_(options.trace) {
  stack_.reserve(256);
  tree_.set_heap_tracked(heap_);
}

void ZoneRecorder::clear() {
  tree_.clear();
  tree_.set_heap_tracked(heap_);
  trace_.clear();
  stack_.clear();
  lost_ = 0;
  overflow_depth_ = 0;
}

namespace {
// The recorder's own storage grows on a zone's first visit; that is not the program's heap
// traffic, so the open zones' baselines move past it.
struct OwnAllocations {
  std::uint64_t allocations = heap_detail::t_counters.allocations;
  std::uint64_t bytes = heap_detail::t_counters.bytes_allocated;
};
}  // namespace

void ZoneRecorder::enter(const char* name) noexcept {
  if (overflow_depth_ > 0) {  // nesting is tracked by this counter until those zones close
    ++overflow_depth_;
    ++lost_;
    return;
  }
  const OwnAllocations before;
  const std::uint32_t parent = stack_.empty() ? ZoneTree::root : stack_.back().node;
  std::uint32_t node = ZoneNode::none;
  try {
    if (stack_.size() == stack_.capacity()) stack_.reserve(stack_.capacity() * 2);
    if (parent != ZoneNode::none) node = tree_.child(parent, name);
  } catch (...) {
    ++lost_;
    if (stack_.size() == stack_.capacity()) {
      ++overflow_depth_;
      return;
    }
  }
  heap_detail::ThreadCounters& t = heap_detail::t_counters;
  if (heap_ && t.allocations != before.allocations) {
    for (Frame& open : stack_) {
      open.allocations += t.allocations - before.allocations;
      open.bytes_allocated += t.bytes_allocated - before.bytes;
    }
  }
  Frame frame{node, 0, t.allocations, t.bytes_allocated, t.net_bytes, t.peak_bytes};
  if (heap_) t.peak_bytes = t.net_bytes;
  frame.start_ns = now_ns();
  stack_.push_back(frame);
}

void ZoneRecorder::leave(const char* name) noexcept {
  const std::int64_t end_ns = now_ns();
  if (overflow_depth_ > 0) {
    --overflow_depth_;
    return;
  }
  if (stack_.empty()) return;
  const Frame frame = stack_.back();
  stack_.pop_back();
  heap_detail::ThreadCounters& t = heap_detail::t_counters;
  if (frame.node != ZoneNode::none) {
    ZoneNode& node = tree_.mutable_node(frame.node);
    node.cumulative_ns += end_ns - frame.start_ns;
    ++node.calls;
    if (heap_) {
      node.heap.allocations += t.allocations - frame.allocations;
      node.heap.bytes_allocated += t.bytes_allocated - frame.bytes_allocated;
      node.heap.peak_growth_bytes = std::max(node.heap.peak_growth_bytes, t.peak_bytes - frame.net_bytes);
      node.heap.growth_bytes += t.net_bytes - frame.net_bytes;
    }
  }
  if (heap_) t.peak_bytes = std::max(frame.outer_peak, t.peak_bytes);
  if (trace_on_) {
    const OwnAllocations before;
    trace_.record(TraceEvent{name, frame.start_ns, end_ns - frame.start_ns, tid_});
    if (heap_ && t.allocations != before.allocations) {
      for (Frame& open : stack_) {
        open.allocations += t.allocations - before.allocations;
        open.bytes_allocated += t.bytes_allocated - before.bytes;
      }
    }
  }
}

// ---- ZoneRecording ----

ZoneRecording::ZoneRecording(ZoneRecorder& recorder) noexcept
    : previous_(hooks::set_zone_observer(&recorder)) {
  recorder.tid_ = current_tid();
}

ZoneRecording::~ZoneRecording() { hooks::set_zone_observer(previous_); }

}  // namespace ph::profilers
