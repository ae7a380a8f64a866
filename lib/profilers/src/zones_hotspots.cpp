// Flattening a zone tree into cProfile-style hotspot rows.
#include <algorithm>
#include <map>

#include "perfharness/profilers/zones.hpp"

namespace ph::profilers {
namespace {
constexpr double kSecondsPerNs = 1e-9;

void add_self_and_calls(Hotspot& row, const ZoneTree& tree, std::uint32_t index) {
  const ZoneNode& node = tree.node(index);
  row.self_time += static_cast<double>(tree.self_ns(index)) * kSecondsPerNs;
  row.call_count += node.calls;
  row.peak_growth_bytes = std::max(row.peak_growth_bytes, node.heap.peak_growth_bytes);
}

void add_inclusive(Hotspot& row, const ZoneNode& node) {
  row.cumulative_time += static_cast<double>(node.cumulative_ns) * kSecondsPerNs;
  row.allocations += node.heap.allocations;
  row.bytes_allocated += node.heap.bytes_allocated;
}

// Depth-first over the tree, with the names of the open ancestors: a zone nested in a zone of
// the same name (recursion) adds its calls and self time, but its inclusive figures are already
// inside the outer one's.
void collect_by_name(const ZoneTree& tree, std::uint32_t index, std::vector<const std::string*>& ancestors,
                     std::map<std::string, Hotspot>& rows) {
  const ZoneNode& node = tree.node(index);
  Hotspot& row = rows[node.name];
  row.function = node.name;
  add_self_and_calls(row, tree, index);
  const bool recursive = std::any_of(ancestors.begin(), ancestors.end(),
                                     [&](const std::string* name) { return *name == node.name; });
  if (!recursive) add_inclusive(row, node);
  ancestors.push_back(&node.name);
  for (std::uint32_t c = node.first_child; c != ZoneNode::none; c = tree.node(c).next_sibling) {
    collect_by_name(tree, c, ancestors, rows);
  }
  ancestors.pop_back();
}

void finish(Hotspot& row) {
  row.time_per_call = row.call_count > 0 ? row.cumulative_time / static_cast<double>(row.call_count) : 0.0;
}

template <class Field>
std::vector<Hotspot> top_by(const ZoneTree& tree, std::size_t limit, HotspotKey key, Field field) {
  std::vector<Hotspot> rows = hotspots(tree, key);
  std::sort(rows.begin(), rows.end(), [&](const Hotspot& a, const Hotspot& b) {
    if (field(a) != field(b)) return field(a) > field(b);
    return a.function < b.function;
  });
  if (rows.size() > limit) rows.resize(limit);
  return rows;
}
}  // namespace

std::vector<Hotspot> hotspots(const ZoneTree& tree, HotspotKey key) {
  std::vector<Hotspot> rows;
  if (key == HotspotKey::path) {
    rows.reserve(tree.nodes().size() - 1);
    for (std::uint32_t i = 1; i < tree.nodes().size(); ++i) {
      Hotspot row;
      row.function = tree.path(i);
      add_self_and_calls(row, tree, i);
      add_inclusive(row, tree.node(i));
      finish(row);
      rows.push_back(std::move(row));
    }
    return rows;
  }
  std::map<std::string, Hotspot> by_name;
  std::vector<const std::string*> ancestors;
  for (std::uint32_t c = tree.node(ZoneTree::root).first_child; c != ZoneNode::none; c = tree.node(c).next_sibling) {
    collect_by_name(tree, c, ancestors, by_name);
  }
  rows.reserve(by_name.size());
  for (auto& [name, row] : by_name) {
    finish(row);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<Hotspot> top_by_cumulative(const ZoneTree& tree, std::size_t limit, HotspotKey key) {
  return top_by(tree, limit, key, [](const Hotspot& h) { return h.cumulative_time; });
}

std::vector<Hotspot> top_by_self(const ZoneTree& tree, std::size_t limit, HotspotKey key) {
  return top_by(tree, limit, key, [](const Hotspot& h) { return h.self_time; });
}

}  // namespace ph::profilers
