#pragma once
// Streaming statistics of an equity curve, fed one bar at a time: the moments of the
// bar returns, their downside, the maximum drawdown. The simulation loop feeds it in
// the same pass that produces the curve, so a backtest reads its bars once.
//
// Return moments are accumulated in blocks: within a block, plain sums of the returns
// shifted by the return just before the block (short dependency chains, no division); blocks
// are merged with Chan et al.'s pairwise update. This is as stable as Welford's update
// (each block's shift sits inside its data, the merge is exact in real arithmetic) and
// several times faster, since Welford's per-bar division sits on the loop's critical path.
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace ph {

class EquityStats {
 public:
  /// The next bar's equity (the first call sets the starting point).
  void add(double equity) noexcept {
    if (bars_ == 0) {
      peak_ = equity;
    } else {
      const double r = equity / prev_ - 1.0;
      const double d = r - shift_;
      block_sum_ += d;
      block_sq_ += d * d;
      // min(r, 0) without a branch: GCC turns std::min here into a jump that mispredicts
      // on every other bar in a position. r - |r| is exactly 2r or 0.
      const double neg = (r - std::fabs(r)) * 0.5;
      downside_sq_ += neg * neg;
      peak_ = std::max(peak_, equity);
      drawdown_ = std::min(drawdown_, equity / peak_ - 1.0);
      // The next block is shifted by this block's last return. Setting the shift here, on a
      // rarely taken branch, keeps it off the per-bar dependency chain (a per-bar
      // "first return of the block" select would chain every bar to the last division).
      if (++block_n_ == block_limit_) {
        merge_block();
        shift_ = r;
        block_limit_ = kBlock;
      }
    }
    prev_ = equity;
    ++bars_;
  }

  /// k bars at the same equity, with exactly the effect of k calls of add(equity): after
  /// the first, each return is 0, which leaves the peak, the drawdown and the downside as
  /// they are, so only the shifted block sums move, and without a division.
  void add_repeated(double equity, std::int64_t k) noexcept {
    if (k <= 0) return;
    if (bars_ == 0 || equity != prev_) {
      add(equity);
      --k;
    }
    while (k > 0) {
      const std::int64_t m = std::min(k, block_limit_ - block_n_);
      const double d = 0.0 - shift_;  // add()'s r - shift_ with r = equity / equity - 1 = 0
      const double dd = d * d;
      for (std::int64_t i = 0; i < m; ++i) {
        block_sum_ += d;
        block_sq_ += dd;
      }
      block_n_ += m;
      bars_ += m;
      k -= m;
      if (block_n_ == block_limit_) {
        merge_block();
        shift_ = 0.0;
        block_limit_ = kBlock;
      }
    }
  }

  /// Bars fed so far.
  std::int64_t bars() const noexcept { return bars_; }
  /// Mean of the bar returns (0 with none).
  double mean() noexcept { merge_block(); return mean_; }
  /// Sum of squared deviations of the returns from their mean.
  double m2() noexcept { merge_block(); return m2_; }
  /// Sum of the squared negative returns.
  double downside_sq() const noexcept { return downside_sq_; }
  /// Deepest fall from a running peak, as a fraction (<= 0).
  double max_drawdown() const noexcept { return drawdown_; }
  double last() const noexcept { return prev_; }

 private:
  static constexpr std::int64_t kBlock = 128;

  void merge_block() noexcept {
    if (block_n_ == 0) return;
    const double nb = static_cast<double>(block_n_);
    const double block_mean = shift_ + block_sum_ / nb;
    const double block_m2 = std::max(0.0, block_sq_ - block_sum_ * (block_sum_ / nb));
    const double na = static_cast<double>(returns_), n = na + nb;
    const double delta = block_mean - mean_;
    mean_ += delta * (nb / n);
    m2_ += block_m2 + delta * delta * (na * nb / n);
    returns_ += block_n_;
    block_n_ = 0;
    block_sum_ = block_sq_ = 0;
  }

  std::int64_t bars_ = 0, returns_ = 0, block_n_ = 0;
  std::int64_t block_limit_ = 1;  // the first block is the first return alone, which sets the first shift
  double prev_ = 0, peak_ = 0, drawdown_ = 0, downside_sq_ = 0;
  double shift_ = 0, block_sum_ = 0, block_sq_ = 0;
  double mean_ = 0, m2_ = 0;
};

}  // namespace ph
