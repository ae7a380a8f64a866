#pragma once
// A daily OHLCV price series held column-wise in Eigen vectors.
#include <string>
#include <vector>

#include <Eigen/Core>

#include "perfharness/common/date.hpp"

namespace ph {

struct OhlcvSeries {
  std::string symbol;
  std::vector<Date> dates;  // strictly increasing
  Eigen::VectorXd open, high, low, close, adj_close, volume;

  Eigen::Index size() const noexcept { return static_cast<Eigen::Index>(dates.size()); }
  bool empty() const noexcept { return dates.empty(); }

  /// The bars with start <= date <= end (inclusive on both ends); may be empty.
  OhlcvSeries slice(Date start, Date end) const;

  /// Resizes every column to n bars.
  void resize(Eigen::Index n);
};

}  // namespace ph
