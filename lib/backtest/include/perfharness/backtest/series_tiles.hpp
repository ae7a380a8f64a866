#pragma once
// How a sweep shares indicator work across its grid: consecutive parameter sets are
// grouped into tiles, each with the distinct indicator series its sets read. A tile's
// series are computed once and read by every set in it; the tiles keep those series
// under a memory cap, so a grid on long histories is computed in several tiles instead
// of holding every series at once.
#include <cstddef>
#include <vector>

#include "perfharness/strategies/strategy.hpp"

namespace ph {

/// The cap on one tile's shared series (docs/performance.md): 64 MiB, 8.4 million values. It is
/// what a sweep's peak memory can grow by, so it stays well under a typical memory budget.
inline constexpr std::size_t kSharedSeriesBytes = std::size_t{64} << 20;

/// Parameter sets [first, first + count) of a grid and the distinct series they read.
struct SeriesTile {
  std::size_t first = 0;
  std::size_t count = 0;
  std::vector<SeriesKey> keys;  // sorted, each once

  /// A tile buffer holds keys.size() series of `bars` values, in key order.
  std::size_t buffer_values(Eigen::Index bars) const noexcept { return keys.size() * static_cast<std::size_t>(bars); }
  /// Where `key`'s values start in a tile buffer.
  std::size_t offset_of(const SeriesKey& key, Eigen::Index bars) const noexcept;
};

/// Cuts grid[first, first + n) into tiles in grid order, each as long as its series
/// (`bars` doubles each) fit `max_bytes` (a tile holds at least one set). Empty when the
/// grid's strategy has no shared form (a plugin's): its sets compute their own indicators.
std::vector<SeriesTile> plan_series_tiles(const std::vector<Parameters>& grid, std::size_t first, std::size_t n,
                                          Eigen::Index bars, std::size_t max_bytes = kSharedSeriesBytes);

/// Computes the tile's `key_index`-th series over `bars` into its place in `buffer`. Each
/// series is computed apart, so workers can share a tile's series between them.
void compute_tile_series(const SeriesView& bars, const SeriesTile& tile, std::size_t key_index, double* buffer);

/// Points series[i] at the values of the i-th key `params` reads, in a tile's buffer.
void shared_series_of(const SeriesTile& tile, const Parameters& params, const double* buffer, Eigen::Index bars,
                      const double* series[SharedSignals::kMaxSeries]);

}  // namespace ph
