#include <limits>
#include <vector>

#include "perfharness/indicators/indicators.hpp"

namespace ph::ind {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Monotonic deque of indices over the window x[t-period..t-1]: amortised O(1) per bar.
template <class Better>
void rolling_prev(const double* x, Index n, int period, double* out, Better better) {
  const Index p = period;
  std::vector<Index> dq(static_cast<std::size_t>(n > 0 ? n : 1));
  Index head = 0, tail = 0;
  for (Index t = 0; t < n; ++t) {
    if (t >= p && p >= 1) {
      while (dq[static_cast<std::size_t>(head)] < t - p) ++head;
      out[t] = x[dq[static_cast<std::size_t>(head)]];
    } else {
      out[t] = kNaN;
    }
    // Admit bar t for the windows of later bars.
    while (tail > head && !better(x[dq[static_cast<std::size_t>(tail - 1)]], x[t])) --tail;
    dq[static_cast<std::size_t>(tail++)] = t;
  }
}
}  // namespace

void rolling_max_prev(const double* x, Index n, int period, double* out) {
  rolling_prev(x, n, period, out, [](double kept, double incoming) { return kept > incoming; });
}

void rolling_min_prev(const double* x, Index n, int period, double* out) {
  rolling_prev(x, n, period, out, [](double kept, double incoming) { return kept < incoming; });
}

}  // namespace ph::ind
