// libFuzzer target: arbitrary bytes as OHLCV CSV text (ph::parse_ohlcv_csv), in memory.
// A refused input must be refused with InputError; an accepted one must hold what the
// backtest core relies on. Seeds: seeds/csv.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_file.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/data/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using ph::fuzz::invariant_broken;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ph::OhlcvSeries s;
  try {
    s = ph::parse_ohlcv_csv(text, "fuzz.csv", "FUZZ");
  } catch (const ph::InputError& e) {
    const std::string_view message = e.what();
    if (message.rfind("fuzz.csv:", 0) != 0) invariant_broken("a message that does not name the file: " + std::string(message));
    if (message.size() > 1000) invariant_broken("a message of " + std::to_string(message.size()) + " characters");
    if (ph::fuzz::has_control_char(message))
      invariant_broken("a message echoes control characters: " + std::string(message));
    return 0;
  }
  const auto n = s.size();
  if (n == 0) invariant_broken("an empty series accepted");
  for (const auto* col : {&s.open, &s.high, &s.low, &s.close, &s.adj_close, &s.volume})
    if (col->size() != n) invariant_broken("columns of different lengths");
  for (Eigen::Index i = 0; i < n; ++i) {
    if (i > 0 && s.dates[static_cast<std::size_t>(i)] <= s.dates[static_cast<std::size_t>(i) - 1])
      invariant_broken("dates not strictly increasing");
    for (const auto* col : {&s.open, &s.high, &s.low, &s.close, &s.adj_close})
      if (!std::isfinite((*col)[i]) || (*col)[i] <= 0) invariant_broken("a price that is not finite and positive");
    if (!std::isfinite(s.volume[i]) || s.volume[i] < 0) invariant_broken("a volume that is not finite and >= 0");
  }
  return 0;
}
