#pragma once
// Helpers for scenario tests: scenario text written to a private temporary folder,
// loaded, and its problems looked up by field path.

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "perfharness/scenario/scenario.hpp"
#include "scratch_folder.hpp"

namespace ph::scenario::test {

/// A scratch folder of the test's own (mkdtemp, removed at the end) that scenario files are written into.
class TempDir {
 public:
  const std::filesystem::path& path() const { return folder_.path(); }
  std::filesystem::path write(const std::string& name, std::string_view text) const {
    const auto file = folder_.file(name);
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  ph_test::ScratchFolder folder_{"ph-scenario-test"};
};

/// An operation's spec, for a test that knows its kind (throws std::bad_variant_access otherwise).
inline const BacktestSpec& backtest_spec(const Operation& op) { return std::get<BacktestSpec>(op.spec); }
inline const SweepSpec& sweep_spec(const Operation& op) { return std::get<SweepSpec>(op.spec); }
inline const PersistenceSpec& persistence_spec(const Operation& op) { return std::get<PersistenceSpec>(op.spec); }

/// Loads `text` saved as scenario<ext> in a fresh temporary folder.
inline LoadResult load_text(std::string_view text, const std::string& ext = ".yaml", const LoadOptions& options = {}) {
  TempDir dir;
  return load_scenario(dir.write("scenario" + ext, text), options);
}

/// The first problem whose field path is exactly `path`, or nullptr.
inline const Diagnostic* problem_at(const LoadResult& r, std::string_view path) {
  for (const auto& d : r.problems)
    if (d.path == path) return &d;
  return nullptr;
}

/// Every problem, one per line, for failure messages.
inline std::string all_problems(const LoadResult& r) {
  std::string out;
  for (const auto& d : r.problems) out += d.format() + "\n";
  return out;
}

/// The problem at `path`; the test ends, listing every problem, when there is none.
inline const Diagnostic& require_problem(const LoadResult& r, std::string_view path) {
  const Diagnostic* d = problem_at(r, path);
  INFO(all_problems(r));
  REQUIRE(d);
  return *d;
}

/// A valid scenario around one operation given as YAML lines (indented by 4).
inline std::string with_operation(std::string_view operation_yaml) {
  return "name: t\n"
         "data:\n"
         "  synthetic: {first_date: 2020-01-01, last_date: 2023-12-31}\n"
         "operations:\n"
         "  - name: op\n" +
         std::string(operation_yaml);
}

}  // namespace ph::scenario::test
