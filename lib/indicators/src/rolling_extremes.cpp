#include <algorithm>
#include <limits>
#include <vector>

#include "perfharness/indicators/indicators.hpp"

namespace ph::ind {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// van Herk/Gil-Werman: cut the series into blocks of `period` bars. A window of `period`
// bars spans the tail of one block and the head of the next, so its extreme is the
// better of that block's suffix extreme (computed once per block) and the next block's
// running prefix extreme: about three comparisons per bar, branch-free. A monotonic
// deque does fewer, but its data-dependent pops mispredict on every other bar and cost
// several times more. Extremes are exact, so the values equal the deque's for any
// non-NaN input. The suffix scratch is per thread and reused: no allocation per call.
template <class Pick>
void rolling_prev(const double* x, Index n, int period, double* out, Pick pick) {
  const Index p = period;
  for (Index t = 0; t < std::min(n, p < 1 ? n : p); ++t) out[t] = kNaN;
  if (p < 1 || n <= p) return;
  thread_local std::vector<double> suffix_scratch;
  if (static_cast<Index>(suffix_scratch.size()) < p) suffix_scratch.resize(static_cast<std::size_t>(p));
  double* suffix = suffix_scratch.data();

  // Bar t sees the window [j, e] = [t-p, t-1]; blocks are [kp, kp+p). `prefix` is the
  // extreme of e's block from its start up to e.
  double prefix = x[0];
  for (Index e = 1; e < p - 1; ++e) prefix = pick(prefix, x[e]);
  Index e_offset = (p - 1) % p, j_offset = 0;  // e mod p, j mod p at t = p
  for (Index t = p; t < n; ++t) {
    const Index e = t - 1, j = t - p;
    if (j_offset == 0) {
      // The window's start enters a new block [j, j+p): its suffix extremes, once.
      suffix[p - 1] = x[e];
      for (Index k = p - 2; k >= 0; --k) suffix[k] = pick(x[j + k], suffix[k + 1]);
    }
    prefix = e_offset == 0 ? x[e] : pick(prefix, x[e]);
    out[t] = pick(suffix[j_offset], prefix);
    if (++j_offset == p) j_offset = 0;
    if (++e_offset == p) e_offset = 0;
  }
}
}  // namespace

void rolling_max_prev(const double* x, Index n, int period, double* out) {
  rolling_prev(x, n, period, out, [](double a, double b) { return std::max(a, b); });
}

void rolling_min_prev(const double* x, Index n, int period, double* out) {
  rolling_prev(x, n, period, out, [](double a, double b) { return std::min(a, b); });
}

}  // namespace ph::ind
