#pragma once
// Signal loops with their indicators fused in: each indicator is a stream computed bar
// by bar inside the loop that compares it, so no N-length indicator buffer is written
// and read back (on long series that traffic, not the arithmetic, dominated). The
// streams are the ones the array indicators run on, so values are bit-identical.
#include <cstdint>

#include "perfharness/strategies/strategy.hpp"

namespace ph::strategy_rules {

/// rule(t, entry, exit) sets bar t's two flags, for t = 0..n-1 in order.
template <class Rule>
void fill_signals(Eigen::Index n, Signals& out, Rule&& rule) {
  out.resize(n);
  std::uint8_t* entries = out.entries.data();
  std::uint8_t* exits = out.exits.data();
  for (Eigen::Index t = 0; t < n; ++t) {
    bool entry, exit;
    rule(t, entry, exit);
    entries[t] = entry;
    exits[t] = exit;
  }
}

/// "a crosses above b" at t: a[t] > b[t] and a[t-1] <= b[t-1] (and "below" mirrored);
/// lines(t) returns the pair {a[t], b[t]}. NaN compares false, so warm-up bars never fire.
template <class Lines>
void crossings(Eigen::Index n, Signals& out, Lines&& lines) {
  out.resize(n);
  if (n == 0) return;
  std::uint8_t* entries = out.entries.data();
  std::uint8_t* exits = out.exits.data();
  auto [a0, b0] = lines(Eigen::Index{0});
  entries[0] = exits[0] = 0;
  for (Eigen::Index t = 1; t < n; ++t) {
    const auto [a, b] = lines(t);
    entries[t] = (a > b) & (a0 <= b0);
    exits[t] = (a < b) & (a0 >= b0);
    a0 = a;
    b0 = b;
  }
}

}  // namespace ph::strategy_rules
