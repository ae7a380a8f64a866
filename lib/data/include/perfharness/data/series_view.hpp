#pragma once
// A non-owning window of an OhlcvSeries: what the core computes on, so that
// slicing to a date range costs two binary searches and no copy.
#include <Eigen/Core>

#include "perfharness/data/ohlcv.hpp"

namespace ph {

struct SeriesView {
  const Date* dates = nullptr;
  const double* open = nullptr;
  const double* high = nullptr;
  const double* low = nullptr;
  const double* close = nullptr;
  const double* volume = nullptr;
  Eigen::Index size = 0;
};

/// The bars of `s` with start <= date <= end; size 0 when none.
SeriesView view_of(const OhlcvSeries& s, Date start, Date end) noexcept;

/// The whole series.
SeriesView view_of(const OhlcvSeries& s) noexcept;

}  // namespace ph
