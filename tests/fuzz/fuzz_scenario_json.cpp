// libFuzzer target: arbitrary bytes as a .json scenario (nlohmann's SAX parser, the
// position scan, every section reader). Seeds: seeds/scenario_json.
#include "scenario_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return ph::fuzz::load_one(".json", data, size);
}
