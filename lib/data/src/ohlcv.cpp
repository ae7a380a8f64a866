#include "perfharness/data/ohlcv.hpp"

#include <algorithm>

namespace ph {

void OhlcvSeries::resize(Eigen::Index n) {
  dates.resize(static_cast<std::size_t>(n));
  open.resize(n);
  high.resize(n);
  low.resize(n);
  close.resize(n);
  adj_close.resize(n);
  volume.resize(n);
}

OhlcvSeries OhlcvSeries::slice(Date start, Date end) const {
  OhlcvSeries out;
  out.symbol = symbol;
  const auto first = std::lower_bound(dates.begin(), dates.end(), start);
  const auto last = std::upper_bound(dates.begin(), dates.end(), end);
  if (start > end || first >= last) {
    out.resize(0);
    return out;
  }
  const Eigen::Index from = first - dates.begin();
  const Eigen::Index n = last - first;
  out.dates.assign(first, last);
  out.open = open.segment(from, n);
  out.high = high.segment(from, n);
  out.low = low.segment(from, n);
  out.close = close.segment(from, n);
  out.adj_close = adj_close.segment(from, n);
  out.volume = volume.segment(from, n);
  return out;
}

}  // namespace ph
