#pragma once
// Per-run cache of loaded series: each symbol is read or generated once per run.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "perfharness/data/ohlcv.hpp"

namespace ph {

class SeriesCache {
 public:
  using Loader = std::function<OhlcvSeries(const std::string& symbol)>;
  explicit SeriesCache(Loader loader) : loader_(std::move(loader)) {}

  /// The full series of `symbol`, loading it on first use. Thread-safe; concurrent
  /// first requests for one symbol load it once.
  std::shared_ptr<const OhlcvSeries> get(const std::string& symbol);

  /// Loads without caching (what a data_load operation measures).
  OhlcvSeries load_uncached(const std::string& symbol) const { return loader_(symbol); }

  std::size_t loads() const noexcept { return loads_; }

 private:
  struct Entry {
    std::once_flag once;
    std::shared_ptr<const OhlcvSeries> series;
  };
  Loader loader_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Entry>> entries_;
  std::size_t loads_ = 0;
};

}  // namespace ph
