// Plugins that exist to be refused or to crash (tests/unit/plugins, tests/e2e/plugins.sh): one
// source, one shared library per PH_TEST_PLUGIN variant (tests/plugins/CMakeLists.txt).
#include <csignal>
#include <cstdlib>

#include "perfharness/plugin.hpp"

namespace {

// Flat all the time, except where the variant makes it crash.
void quiet(const ph_plugin_bars*, const double*, const ph_plugin_scratch*, uint8_t*, uint8_t*) {}

[[maybe_unused]] void crash(const ph_plugin_bars*, const double* values, const ph_plugin_scratch*, uint8_t*, uint8_t*) {
  if (values[0] == 0) std::raise(SIGSEGV);
  else std::abort();
}

// One heap allocation per bar, freed at once: what the "Allocations per bar" advice is for.
[[maybe_unused]] void allocates(const ph_plugin_bars* bars, const double*, const ph_plugin_scratch*, uint8_t*, uint8_t*) {
  for (int64_t i = 0; i < bars->size; ++i) {
    volatile char* bytes = static_cast<char*>(std::malloc(64));
    if (bytes == nullptr) return;
    bytes[0] = static_cast<char>(i);
    std::free(const_cast<char*>(bytes));
  }
}

[[maybe_unused]] const ph_plugin_param kHow[] = {{"how", 1, 0, 0, 1, "0: SIGSEGV, 1: abort()"}};
[[maybe_unused]] const ph_plugin_param kOutOfRange[] = {{"period", 1, 500, 1, 100, "its default is outside its range"}};

#if PH_TEST_PLUGIN_CRASH
const ph_plugin_strategy kStrategies[] = {{"test_crash", "Crashes when it runs: how=0 SIGSEGV, how=1 abort().", kHow, 1,
                                           nullptr, nullptr, crash},
                                          {"test_flat", "Never trades.", nullptr, 0, nullptr, nullptr, quiet},
                                          {"test_allocates", "Never trades; allocates once per bar.", nullptr, 0,
                                           nullptr, nullptr, allocates}};
#elif PH_TEST_PLUGIN_DUPLICATE
const ph_plugin_strategy kStrategies[] = {{"sma_cross", "Takes a built-in strategy's name.", nullptr, 0, nullptr, nullptr, quiet}};
#elif PH_TEST_PLUGIN_OUT_OF_RANGE
const ph_plugin_strategy kStrategies[] = {{"test_out_of_range", "Declares a default outside its range.", kOutOfRange, 1,
                                           nullptr, nullptr, quiet}};
#else
const ph_plugin_strategy kStrategies[] = {{"test_version", "Built for another API version.", nullptr, 0, nullptr, nullptr, quiet}};
#endif

#if PH_TEST_PLUGIN_VERSION
const ph_plugin kPlugin = {PH_PLUGIN_API_VERSION + 98, kStrategies, 1};
#else
const ph_plugin kPlugin = {PH_PLUGIN_API_VERSION, kStrategies, static_cast<int32_t>(sizeof kStrategies / sizeof kStrategies[0])};
#endif

}  // namespace

#if !PH_TEST_PLUGIN_NO_ENTRY
PH_PLUGIN_EXPORT const ph_plugin* perfharness_plugin(const ph_plugin_host* host) {
  perfharness::plugin::set_host(host);
  return &kPlugin;
}
#else
// The entry point under another name: the library loads, but perfharness finds no entry.
PH_PLUGIN_EXPORT const ph_plugin* perfharness_plugin_misnamed(const ph_plugin_host*) { return &kPlugin; }
#endif
