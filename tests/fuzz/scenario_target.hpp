#pragma once
// Shared by the YAML and JSON scenario targets: load the input as a scenario file and,
// when it loads, check what the rest of perfharness relies on.
#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_file.hpp"
#include "perfharness/scenario/scenario.hpp"
#include "perfharness/scenario/scenario_json.hpp"

namespace ph::fuzz {

inline bool valid_symbol(const std::string& s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

inline void check_scenario(const scenario::Scenario& s, const scenario::LoadOptions& options) {
  if (s.operations.empty()) invariant_broken("a scenario without operations loaded");
  if (s.operations.size() > 1000) invariant_broken("more operations than the limit loaded");
  for (const auto& op : s.operations) {
    if (const scenario::CaseAxes* axes = op.axes()) {
      for (const auto& sym : axes->symbols)
        if (!valid_symbol(sym)) invariant_broken("symbol '" + sym + "' loaded");
      for (const auto& r : axes->ranges)
        if (r.start > r.end) invariant_broken("a reversed range loaded in " + op.path);
    }
    if (const auto* sweep = std::get_if<scenario::SweepSpec>(&op.spec)) {
      if (sweep->grid.size() > options.max_grid) invariant_broken("a grid over the cap loaded in " + op.path);
      if (sweep->grid.empty()) invariant_broken("an empty grid loaded");
    }
  }
  // `run` writes the scenario into its report and `validate --print` prints it: a loaded
  // scenario must serialise.
  try {
    (void)scenario::to_json(s).dump();
  } catch (const nlohmann::json::type_error& e) {
    if (e.id != 316) invariant_broken(std::string("a loaded scenario does not serialise: ") + e.what());
    invariant_broken("a scenario with invalid UTF-8 loaded");
  }
}

inline int load_one(const char* extension, const std::uint8_t* data, std::size_t size) {
  struct Scratch {
    std::filesystem::path path;
    ~Scratch() {
      std::error_code ec;
      std::filesystem::remove(path, ec);
    }
  };
  static const Scratch scratch{scratch_file(extension)};
  const std::filesystem::path& file = scratch.path;
  write_file(file, data, size);
  scenario::LoadOptions options;
  options.max_grid = 10'000;  // the grid cap is a limit under test; a small one keeps runs fast
  options.load_plugins = false;  // a fuzzed path must not dlopen whatever it names
  const scenario::LoadResult r = scenario::load_scenario(file, options);
  if (r.scenario) {
    if (!r.problems.empty()) invariant_broken("a scenario loaded with problems");
    check_scenario(*r.scenario, options);
  } else {
    if (r.problems.empty()) invariant_broken("a scenario was refused without a problem");
    for (const auto& p : r.problems) {
      const std::string line = p.format();
      if (p.message.empty()) invariant_broken("a problem without a message");
      if (has_control_char(line))
        invariant_broken("a message echoes control characters: " + line);
    }
  }
  return 0;
}

}  // namespace ph::fuzz
