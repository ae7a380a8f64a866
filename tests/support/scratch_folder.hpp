#pragma once
// A folder of the test's own (mkdtemp), removed with everything in it when the test ends:
// tests never write to shared paths.
#include <filesystem>
#include <string>
#include <system_error>

#include "perfharness/common/output_file.hpp"

namespace ph_test {

class ScratchFolder {
 public:
  explicit ScratchFolder(const std::string& prefix = "ph-test") : path_(ph::make_temporary_folder(prefix)) {}
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path file(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace ph_test
