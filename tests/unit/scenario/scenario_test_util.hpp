#pragma once
// Helpers for scenario tests: scenario text written to a private temporary folder,
// loaded, and its problems looked up by field path.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "perfharness/scenario/scenario.hpp"

namespace ph::scenario::test {

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("ph_scenario_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::create_directories(dir_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return dir_; }
  std::filesystem::path write(const std::string& name, std::string_view text) const {
    const auto file = dir_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  std::filesystem::path dir_;
};

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
