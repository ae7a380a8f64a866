#pragma once
// SHA-256 (FIPS 180-4), small and dependency-free: identifies the exact bytes of a
// scenario file in reports, so a result can be traced to the input that produced it.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ph {

class Sha256 {
 public:
  Sha256() noexcept;
  void update(const void* data, std::size_t size) noexcept;
  void update(std::string_view text) noexcept { update(text.data(), text.size()); }
  /// The 32-byte digest; the object must not be updated afterwards.
  std::array<std::uint8_t, 32> finish() noexcept;

 private:
  void block(const std::uint8_t* p) noexcept;
  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

/// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace ph
