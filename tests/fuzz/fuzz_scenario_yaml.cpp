// libFuzzer target: arbitrary bytes as a .yaml scenario (yaml-cpp, the depth and size
// limits, every section reader). Seeds: seeds/scenario_yaml.
#include "scenario_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return ph::fuzz::load_one(".yaml", data, size);
}
