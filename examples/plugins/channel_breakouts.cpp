// Two channel-breakout strategies as a perfharness plugin (docs/plugins.md): a Donchian
// channel and a Keltner channel. Built by perfharness's CMake as libph_channel_breakouts.so:
//   perfharness list strategies --plugin build/examples/plugins/libph_channel_breakouts.so
#include <cmath>
#include <cstdio>

#include "perfharness/plugin.hpp"

namespace {

// ---- Donchian: long when the close breaks above the highest high of the previous
// entry_period bars; flat when it breaks below the lowest low of the previous exit_period bars.

// Highest (or lowest) of x[i - period .. i - 1] for every i >= period, into out[i], in O(n):
// a monotonic queue of indices kept in a scratch buffer (whole numbers, exact in a double).
template <typename Better>
void previous_extreme(const double* x, int64_t n, int64_t period, double* queue, double* out, Better better) {
  int64_t head = 0, tail = 0;  // queue[head, tail): indices, their values worsening
  for (int64_t i = 0; i < n; ++i) {
    if (i >= period) {
      while (static_cast<int64_t>(queue[head]) < i - period) ++head;
      out[i] = x[static_cast<int64_t>(queue[head])];
    }
    while (tail > head && !better(x[static_cast<int64_t>(queue[tail - 1])], x[i])) --tail;
    queue[tail++] = static_cast<double>(i);
  }
}

const ph_plugin_param kDonchianParams[] = {
    {"entry_period", 1, 20, 1, 100000, "bars whose highest high the close must break (entry)"},
    {"exit_period", 1, 10, 1, 100000, "bars whose lowest low the close must break (exit)"},
};

int donchian_check(const double* values, char* message, size_t size) {
  if (values[1] <= values[0]) return 0;
  std::snprintf(message, size, "exit_period (%g) must not exceed entry_period (%g)", values[1], values[0]);
  return 1;
}

void donchian(const ph_plugin_bars* bars, const double* values, const ph_plugin_scratch* scratch, uint8_t* entries,
              uint8_t* exits) {
  const int64_t n = bars->size;
  const auto entry_period = static_cast<int64_t>(values[0]);
  const auto exit_period = static_cast<int64_t>(values[1]);
  double* queue = scratch->buffer(scratch->context, 0, n);
  double* upper = scratch->buffer(scratch->context, 1, n);
  double* lower = scratch->buffer(scratch->context, 2, n);
  {
    PH_ZONE("donchian.channel");
    previous_extreme(bars->high, n, entry_period, queue, upper, [](double a, double b) { return a > b; });
    previous_extreme(bars->low, n, exit_period, queue, lower, [](double a, double b) { return a < b; });
  }
  PH_ZONE("donchian.signals");
  for (int64_t i = 0; i < n; ++i) {
    entries[i] = i >= entry_period && bars->close[i] > upper[i];
    exits[i] = i >= exit_period && bars->close[i] < lower[i];
  }
}

// ---- Keltner: long when the close rises above EMA + multiplier x ATR; flat when it falls
// below the EMA. The EMA starts from the SMA of its first ema_period closes and the ATR from the
// mean of its first atr_period true ranges, then Wilder's smoothing (as TA-Lib's EMA and ATR).

const ph_plugin_param kKeltnerParams[] = {
    {"ema_period", 1, 20, 2, 100000, "EMA window of the middle line (bars)"},
    {"atr_period", 1, 10, 1, 100000, "ATR window (bars)"},
    {"multiplier", 0, 2.0, 0.1, 20, "band width in ATRs above the middle line"},
};

void keltner(const ph_plugin_bars* bars, const double* values, const ph_plugin_scratch* scratch, uint8_t* entries,
             uint8_t* exits) {
  const int64_t n = bars->size;
  const auto ema_period = static_cast<int64_t>(values[0]);
  const auto atr_period = static_cast<int64_t>(values[1]);
  const double multiplier = values[2];
  double* ema = scratch->buffer(scratch->context, 0, n);
  double* atr = scratch->buffer(scratch->context, 1, n);
  const double* close = bars->close;
  {
    PH_ZONE("keltner.ema");
    double sum = 0;
    const double alpha = 2.0 / static_cast<double>(ema_period + 1);
    for (int64_t i = 0; i < n; ++i) {
      if (i < ema_period) {
        sum += close[i];
        ema[i] = i == ema_period - 1 ? sum / static_cast<double>(ema_period) : NAN;
      } else {
        ema[i] = ema[i - 1] + alpha * (close[i] - ema[i - 1]);
      }
    }
  }
  {
    PH_ZONE("keltner.atr");
    double sum = 0;
    for (int64_t i = 0; i < n; ++i) {
      if (i == 0) {
        atr[i] = NAN;
        continue;
      }
      const double range = std::fmax(bars->high[i] - bars->low[i],
                                     std::fmax(std::fabs(bars->high[i] - close[i - 1]), std::fabs(bars->low[i] - close[i - 1])));
      if (i <= atr_period) {
        sum += range;
        atr[i] = i == atr_period ? sum / static_cast<double>(atr_period) : NAN;
      } else {
        atr[i] = (atr[i - 1] * static_cast<double>(atr_period - 1) + range) / static_cast<double>(atr_period);
      }
    }
  }
  PH_ZONE("keltner.signals");
  for (int64_t i = 0; i < n; ++i) {
    // NaN (not yet defined) compares false: no signal during warm-up.
    entries[i] = close[i] > ema[i] + multiplier * atr[i];
    exits[i] = close[i] < ema[i];
  }
}

const ph_plugin_strategy kStrategies[] = {
    {"donchian_breakout",
     "Long when the close breaks above the highest high of the previous entry_period bars; flat when it breaks "
     "below the lowest low of the previous exit_period bars.",
     kDonchianParams, 2, donchian_check, "exit_period <= entry_period", donchian},
    {"keltner_breakout",
     "Long when the close rises above EMA + multiplier x ATR; flat when it falls below the EMA.", kKeltnerParams, 3,
     nullptr, nullptr, keltner},
};

const ph_plugin kPlugin = {PH_PLUGIN_API_VERSION, kStrategies, 2};

}  // namespace

PH_PLUGIN_EXPORT const ph_plugin* perfharness_plugin(const ph_plugin_host* host) {
  perfharness::plugin::set_host(host);
  return &kPlugin;
}
