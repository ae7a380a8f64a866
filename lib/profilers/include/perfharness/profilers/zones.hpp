#pragma once
// Zone profiler, the cProfile of perfharness: a call tree of the core's named zones (PH_ZONE)
// with cumulative and self time, call counts and, when heap tracking is active, the heap traffic
// of each zone. It sees only instrumented zones, on the threads where a recorder is installed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "perfharness/hooks/zone.hpp"
#include "perfharness/profilers/trace.hpp"

namespace ph::profilers {

/// Heap traffic of a zone, counted on the thread that ran it (children included).
struct ZoneHeap {
  std::uint64_t allocations = 0;
  std::uint64_t bytes_allocated = 0;
  /// Largest rise of the thread's live heap above its level at zone entry, over all calls.
  std::int64_t peak_growth_bytes = 0;
  /// Live heap at exit minus live heap at entry, summed over calls: what the zone kept.
  std::int64_t growth_bytes = 0;
};

struct ZoneNode {
  static constexpr std::uint32_t none = 0xffffffffu;

  std::string name;
  const char* key = nullptr;  // the literal last seen under this name: compared by pointer first
  std::uint32_t parent = none;
  std::uint32_t first_child = none;
  std::uint32_t next_sibling = none;
  std::int64_t cumulative_ns = 0;  // time between entry and exit, summed over completed calls
  std::uint64_t calls = 0;         // completed calls
  ZoneHeap heap;
};

/// A call tree of zones. Node 0 is the root, a placeholder with no time of its own; zones with
/// the same name under the same parent share one node.
class ZoneTree {
 public:
  static constexpr std::uint32_t root = 0;

  ZoneTree();

  const std::vector<ZoneNode>& nodes() const noexcept { return nodes_; }
  const ZoneNode& node(std::uint32_t index) const { return nodes_.at(index); }
  bool empty() const noexcept { return nodes_.size() == 1; }

  /// The child of `parent` named `name`, or ZoneNode::none.
  std::uint32_t find_child(std::uint32_t parent, const char* name) const noexcept;
  /// The child of `parent` named `name`, created if missing (the only allocating path).
  std::uint32_t child(std::uint32_t parent, const char* name);
  /// The node at a '/'-separated path of names below the root ("backtest/signals"), or none.
  std::uint32_t find_path(const std::string& path) const;

  ZoneNode& mutable_node(std::uint32_t index) noexcept { return nodes_[index]; }

  /// Cumulative time of the node's direct children.
  std::int64_t children_ns(std::uint32_t index) const noexcept;
  /// Cumulative minus the children's cumulative: time spent in the zone's own code.
  std::int64_t self_ns(std::uint32_t index) const noexcept;
  /// Names from the root down to the node, joined by '/'.
  std::string path(std::uint32_t index) const;

  /// Adds another tree into this one (threads, repetitions): times, calls, allocations and bytes
  /// are summed node by node, matched by path; peak growth keeps the larger.
  void merge(const ZoneTree& other);
  void clear();

  /// Whether heap figures were recorded (heap tracking was active for every merged tree).
  bool heap_tracked() const noexcept { return heap_tracked_; }
  void set_heap_tracked(bool tracked) noexcept { heap_tracked_ = tracked; }

 private:
  void merge_children(std::uint32_t into, const ZoneTree& other, std::uint32_t from);

  std::vector<ZoneNode> nodes_;
  bool heap_tracked_ = false;
};

struct ZoneRecorderOptions {
  bool heap = true;   // per-zone heap figures when heap tracking is active
  bool trace = false;  // also keep every call as a trace event
  std::size_t max_trace_events = TraceBuffer::default_capacity;
};

/// Builds a ZoneTree from the zones of the thread it is installed on (see ZoneRecording).
/// After a node's first visit, entering and leaving it allocates nothing.
class ZoneRecorder final : public hooks::ZoneObserver {
 public:
  explicit ZoneRecorder(ZoneRecorderOptions options = {});

  void enter(const char* name) noexcept override;
  void leave(const char* name) noexcept override;

  const ZoneTree& tree() const noexcept { return tree_; }
  const TraceBuffer& trace() const noexcept { return trace_; }
  /// Zones entered and not yet left.
  std::size_t open_zones() const noexcept { return stack_.size(); }
  /// Zones that could not be recorded because memory ran out (their time is lost).
  std::uint64_t lost_zones() const noexcept { return lost_; }
  /// Forgets everything recorded; only valid with no zone open.
  void clear();

 private:
  friend class ZoneRecording;  // sets tid_ to the thread the recorder is installed on

  struct Frame {
    std::uint32_t node;
    std::int64_t start_ns;
    std::uint64_t allocations;
    std::uint64_t bytes_allocated;
    std::int64_t net_bytes;
    std::int64_t outer_peak;  // the enclosing zone's heap peak, restored on exit
  };

  ZoneTree tree_;
  std::vector<Frame> stack_;
  TraceBuffer trace_;
  std::uint64_t lost_ = 0;
  std::uint64_t overflow_depth_ = 0;  // zones open beyond what the stack could hold
  std::uint32_t tid_;
  bool heap_;
  bool trace_on_;
};

/// Installs a recorder as the calling thread's zone observer for its lifetime, then puts the
/// previous observer back. Must be destroyed on the thread that created it, and the recorder
/// must outlive every zone opened while it was installed.
class ZoneRecording {
 public:
  explicit ZoneRecording(ZoneRecorder& recorder) noexcept;
  ~ZoneRecording();
  ZoneRecording(const ZoneRecording&) = delete;
  ZoneRecording& operator=(const ZoneRecording&) = delete;

 private:
  hooks::ZoneObserver* previous_;
};

/// One row of a hotspot list (cProfile's columns). Times in seconds.
struct Hotspot {
  std::string function;  // zone path ("backtest/signals") or zone name, depending on the key
  double cumulative_time = 0;
  double self_time = 0;
  std::uint64_t call_count = 0;
  double time_per_call = 0;  // cumulative_time / call_count
  std::uint64_t allocations = 0;
  std::uint64_t bytes_allocated = 0;
  std::int64_t peak_growth_bytes = 0;
};

enum class HotspotKey {
  path,  // one row per tree node: the same zone under two callers gives two rows
  name,  // one row per zone name, like cProfile's per-function rows; recursion is not double-counted
};

/// Every zone of the tree as a row, in no particular order.
std::vector<Hotspot> hotspots(const ZoneTree& tree, HotspotKey key = HotspotKey::path);
/// The `limit` rows with the most cumulative time, descending (ties by function, ascending).
std::vector<Hotspot> top_by_cumulative(const ZoneTree& tree, std::size_t limit, HotspotKey key = HotspotKey::path);
/// The `limit` rows with the most self time, descending (ties by function, ascending).
std::vector<Hotspot> top_by_self(const ZoneTree& tree, std::size_t limit, HotspotKey key = HotspotKey::path);

}  // namespace ph::profilers
