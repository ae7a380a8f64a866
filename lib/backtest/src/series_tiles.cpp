#include "perfharness/backtest/series_tiles.hpp"

#include <algorithm>
#include <set>

namespace ph {

std::size_t SeriesTile::offset_of(const SeriesKey& key, Eigen::Index bars) const noexcept {
  const auto at = std::lower_bound(keys.begin(), keys.end(), key);
  return static_cast<std::size_t>(at - keys.begin()) * static_cast<std::size_t>(bars);
}

std::vector<SeriesTile> plan_series_tiles(const std::vector<Parameters>& grid, std::size_t first, std::size_t n,
                                          Eigen::Index bars, std::size_t max_bytes) {
  std::vector<SeriesTile> tiles;
  if (n == 0) return tiles;
  const SharedSignals& shared = grid[first].strategy().shared;
  if (!shared.keys) return tiles;
  const std::size_t series_bytes = std::max<std::size_t>(1, static_cast<std::size_t>(bars) * sizeof(double));
  const std::size_t max_series = std::max<std::size_t>(SharedSignals::kMaxSeries, max_bytes / series_bytes);
  std::set<SeriesKey> keys;
  SeriesTile tile{first, 0, {}};
  auto close_tile = [&] {
    tile.keys.assign(keys.begin(), keys.end());
    tiles.push_back(std::move(tile));
    keys.clear();
  };
  for (std::size_t i = first; i < first + n; ++i) {
    SeriesKey wanted[SharedSignals::kMaxSeries];
    const int count = shared.keys(grid[i], wanted);
    std::size_t fresh = 0;
    for (int k = 0; k < count; ++k) fresh += !keys.contains(wanted[k]);
    if (tile.count > 0 && keys.size() + fresh > max_series) {
      close_tile();
      tile = SeriesTile{i, 0, {}};
    }
    keys.insert(wanted, wanted + count);
    ++tile.count;
  }
  close_tile();
  return tiles;
}

void compute_tile_series(const SeriesView& bars, const SeriesTile& tile, std::size_t key_index, double* buffer) {
  compute_series(bars, tile.keys[key_index], buffer + key_index * static_cast<std::size_t>(bars.size));
}

void shared_series_of(const SeriesTile& tile, const Parameters& params, const double* buffer, Eigen::Index bars,
                      const double* series[SharedSignals::kMaxSeries]) {
  SeriesKey wanted[SharedSignals::kMaxSeries];
  const int count = params.strategy().shared.keys(params, wanted);
  for (int k = 0; k < count; ++k) series[k] = buffer + tile.offset_of(wanted[k], bars);
}

}  // namespace ph
