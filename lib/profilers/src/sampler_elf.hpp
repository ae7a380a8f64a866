#pragma once
// A small ELF64 symbol-table reader: function symbols (name, address, size) from .symtab,
// plus .dynsym, of one file. The executable is linked without -rdynamic, so dladdr() cannot
// name its functions (static ones least of all); its .symtab can.
#include <cstdint>
#include <string>
#include <vector>

namespace ph::profilers::detail {

struct ElfFunction {
  std::uint64_t address = 0;  // link-time address (st_value)
  std::uint64_t size = 0;
  std::string name;           // mangled
};

class ElfSymbols {
 public:
  /// Reads the function symbols of `path`. Unreadable or non-ELF64 files give an empty table
  /// and error() says why; nothing throws, since symbols are a best effort.
  explicit ElfSymbols(const std::string& path);

  /// The function containing link-time address `address`, or nullptr.
  const ElfFunction* find(std::uint64_t address) const;
  std::size_t size() const noexcept { return functions_.size(); }
  const std::string& error() const noexcept { return error_; }

 private:
  std::vector<ElfFunction> functions_;  // sorted by address
  std::string error_;
};

}  // namespace ph::profilers::detail
