#include "shard_plan.hpp"

#include <algorithm>
#include <functional>
#include <utility>

namespace ph::runner {
namespace {

// Cost positions × shard counts overflow 64 bits on large grids (`__extension__`: GCC's, not ISO).
__extension__ typedef unsigned __int128 Wide;

// A case or whole operation of no bars (a command) still counts: one bar.
std::uint64_t at_least_one(std::uint64_t bars) { return std::max<std::uint64_t>(bars, 1); }

// Operations that go whole to one shard, each mapped to the first of its group (the piece that
// carries them all); -1 for operations cut by case.
std::vector<int> whole_groups(const std::vector<OperationWork>& ops) {
  const int n = static_cast<int>(ops.size());
  std::vector<int> root(ops.size());
  for (int i = 0; i < n; ++i) {
    int r = i;
    for (int hops = 0; ops[static_cast<std::size_t>(r)].runs_with >= 0 && hops < n; ++hops) r = ops[static_cast<std::size_t>(r)].runs_with;
    root[static_cast<std::size_t>(i)] = r;
  }
  std::vector<bool> whole(ops.size(), false);
  for (int i = 0; i < n; ++i)
    if (ops[static_cast<std::size_t>(i)].whole || ops[static_cast<std::size_t>(i)].runs_with >= 0) whole[static_cast<std::size_t>(root[static_cast<std::size_t>(i)])] = true;
  std::vector<int> head(ops.size(), -1);
  std::vector<int> first_of_root(ops.size(), -1);
  for (int i = 0; i < n; ++i) {
    const auto r = static_cast<std::size_t>(root[static_cast<std::size_t>(i)]);
    if (!whole[r]) continue;
    if (first_of_root[r] < 0) first_of_root[r] = i;
    head[static_cast<std::size_t>(i)] = first_of_root[r];
  }
  return head;
}

using Visit = std::function<void(int shard, std::size_t op, const CaseShare& share, std::uint64_t cost)>;

// Walks the line of work once, handing each piece to the 0-based shard its middle falls in.
void lay_out(const std::vector<OperationWork>& ops, int count, const Visit& visit) {
  const std::vector<int> head = whole_groups(ops);
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    std::uint64_t op_cost = 0;
    for (const auto bars : ops[i].case_bars) op_cost += bars * std::max<std::size_t>(1, ops[i].grid_size);
    total += head[i] >= 0 && static_cast<std::size_t>(head[i]) == i && op_cost == 0 ? 1 : op_cost;
  }
  total = at_least_one(total);
  const Wide n = static_cast<Wide>(count);
  // The shard of a point given doubled (2 × position), so that a middle stays a whole number.
  const auto shard_of = [&](Wide doubled) {
    return static_cast<int>(std::min<Wide>(n - 1, doubled * n / (2 * static_cast<Wide>(total))));
  };
  std::uint64_t position = 0;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const OperationWork& op = ops[i];
    if (head[i] >= 0) {
      if (static_cast<std::size_t>(head[i]) != i) continue;  // carried by its group's first operation
      std::uint64_t cost = 0;
      for (std::size_t j = i; j < ops.size(); ++j)
        if (head[j] == head[i])
          for (const auto bars : ops[j].case_bars) cost += bars * std::max<std::size_t>(1, ops[j].grid_size);
      if (cost == 0) cost = 1;
      const int shard = shard_of(2 * static_cast<Wide>(position) + cost);
      std::uint64_t unvisited = cost;  // the group's cost goes with its first case
      for (std::size_t j = i; j < ops.size(); ++j)
        if (head[j] == head[i])
          for (std::size_t c = 0; c < ops[j].case_bars.size(); ++c) visit(shard, j, {c, 0, 0}, std::exchange(unvisited, 0));
      position += cost;
      continue;
    }
    for (std::size_t c = 0; c < op.case_bars.size(); ++c) {
      const std::uint64_t bars = op.case_bars[c];
      if (op.grid_size == 0) {
        visit(shard_of(2 * static_cast<Wide>(position) + bars), i, {c, 0, 0}, bars);
        position += bars;
        continue;
      }
      // Parameter set j's middle lies at position + (j + 1/2) × bars; its shard never decreases with j.
      const auto set_shard = [&](std::size_t j) { return shard_of(2 * static_cast<Wide>(position) + static_cast<Wide>(2 * j + 1) * bars); };
      const std::size_t sets = op.grid_size;
      std::size_t first = 0;
      while (first < sets) {
        const int shard = set_shard(first);
        std::size_t lo = first + 1, hi = sets;  // the first set beyond this shard, by bisection
        while (lo < hi) {
          const std::size_t mid = lo + (hi - lo) / 2;
          if (set_shard(mid) > shard) hi = mid;
          else lo = mid + 1;
        }
        visit(shard, i, {c, first, lo - first}, bars * (lo - first));
        first = lo;
      }
      position += bars * sets;
    }
  }
}

}  // namespace

ShardWork shard_work(const std::vector<OperationWork>& operations, int index, int count) {
  ShardWork work(operations.size());
  lay_out(operations, count, [&](int shard, std::size_t op, const CaseShare& share, std::uint64_t) {
    if (shard == index - 1) work[op].push_back(share);
  });
  return work;
}

std::vector<std::uint64_t> shard_costs(const std::vector<OperationWork>& operations, int count) {
  std::vector<std::uint64_t> costs(static_cast<std::size_t>(count), 0);
  lay_out(operations, count, [&](int shard, std::size_t, const CaseShare&, std::uint64_t cost) {
    costs[static_cast<std::size_t>(shard)] += cost;
  });
  return costs;
}

}  // namespace ph::runner
