#include "perfharness/data/series_cache.hpp"

namespace ph {

std::shared_ptr<const OhlcvSeries> SeriesCache::get(const std::string& symbol) {
  std::shared_ptr<Entry> entry;
  {
    std::lock_guard lock(mutex_);
    auto& slot = entries_[symbol];
    if (!slot) slot = std::make_shared<Entry>();
    entry = slot;
  }
  // call_once rethrows a loader's exception and lets the next caller try again.
  std::call_once(entry->once, [&] {
    entry->series = std::make_shared<const OhlcvSeries>(loader_(symbol));
    std::lock_guard lock(mutex_);
    ++loads_;
  });
  return entry->series;
}

}  // namespace ph
