#pragma once
// Scratch vectors reused across backtests: a sweep of thousands of backtests on
// the same bars allocates on the first one only. Large Eigen temporaries would be
// fresh mmaps, page-faulted and zeroed on every call.
#include <array>

#include <Eigen/Core>

namespace ph {

class Workspace {
 public:
  static constexpr int kBuffers = 6;
  /// Scratch buffer `slot` with at least n elements (contents unspecified).
  double* buffer(int slot, Eigen::Index n) {
    auto& b = buffers_[static_cast<std::size_t>(slot)];
    if (b.size() < n) b.resize(n);
    return b.data();
  }

 private:
  std::array<Eigen::VectorXd, kBuffers> buffers_;
};

}  // namespace ph
