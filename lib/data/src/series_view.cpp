#include "perfharness/data/series_view.hpp"

#include <algorithm>

namespace ph {

SeriesView view_of(const OhlcvSeries& s, Date start, Date end) noexcept {
  const auto first = std::lower_bound(s.dates.begin(), s.dates.end(), start);
  const auto last = std::upper_bound(s.dates.begin(), s.dates.end(), end);
  SeriesView v;
  if (start > end || first >= last) return v;
  const Eigen::Index from = first - s.dates.begin();
  v.dates = s.dates.data() + from;
  v.open = s.open.data() + from;
  v.high = s.high.data() + from;
  v.low = s.low.data() + from;
  v.close = s.close.data() + from;
  v.volume = s.volume.data() + from;
  v.size = last - first;
  return v;
}

SeriesView view_of(const OhlcvSeries& s) noexcept {
  if (s.empty()) return {};
  return view_of(s, s.dates.front(), s.dates.back());
}

}  // namespace ph
