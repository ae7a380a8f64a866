#include "perfharness/data/synthetic.hpp"

#include <cmath>

#include "perfharness/hooks/zone.hpp"
#include "random.hpp"

namespace ph {

std::uint64_t symbol_hash(std::string_view symbol) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : symbol) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

OhlcvSeries generate_synthetic(std::string_view symbol, const SyntheticSpec& spec) {
  PH_ZONE("data.synthetic");
  OhlcvSeries s;
  s.symbol = std::string(symbol);
  const Eigen::Index n = spec.last_date >= spec.first_date ? spec.last_date - spec.first_date + 1 : 0;
  s.resize(n);
  detail::Xoshiro256 rng(spec.seed ^ symbol_hash(symbol));
  double price = spec.start_price;
  for (Eigen::Index i = 0; i < n; ++i) {
    // Draw order per bar is part of the data's definition: change it and every series changes.
    const double ret = spec.drift + spec.volatility * rng.normal();
    price *= 1.0 + ret;
    const double high_mult = rng.uniform(1.01, 1.05);
    const double low_mult = rng.uniform(0.95, 0.99);
    const double open_mult = rng.uniform(0.995, 1.005);
    const auto base_volume = rng.uniform_int(1'000'000, 10'000'000);
    const double volume_mult = std::exp(0.1 * rng.normal());
    s.dates[static_cast<std::size_t>(i)] = spec.first_date + static_cast<Date>(i);
    s.close[i] = price;
    s.adj_close[i] = price;
    s.high[i] = price * high_mult;
    s.low[i] = price * low_mult;
    s.open[i] = price * open_mult;
    s.volume[i] = std::floor(static_cast<double>(base_volume) * volume_mult);
  }
  return s;
}

}  // namespace ph
