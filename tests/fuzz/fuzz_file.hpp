#pragma once
// The scenario reader takes a path (its extension picks YAML or JSON, relative paths
// start at its folder), so each input is written to one scratch file per process.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace ph::fuzz {

inline std::filesystem::path scratch_file(const char* extension) {
  const char* dir = std::getenv("TMPDIR");
  std::filesystem::path base = dir && *dir ? dir : "/tmp";
  return base / ("ph-fuzz-" + std::to_string(getpid()) + extension);
}

inline void write_file(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  if (size > 0 && std::fwrite(data, 1, size, f) != size) std::abort();
  std::fclose(f);
}

/// Fails the run (a finding) with a message: an invariant of a successful parse broke.
[[noreturn]] inline void invariant_broken(const std::string& what) {
  std::fprintf(stderr, "invariant broken: %s\n", what.c_str());
  std::abort();
}

/// True when `text` holds a control character other than tab: a message echoing input raw.
inline bool has_control_char(std::string_view text) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) return true;
  }
  return false;
}

}  // namespace ph::fuzz
