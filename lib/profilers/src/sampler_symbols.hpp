#pragma once
// Turns program counters into demangled function names, after sampling has stopped.
// Order of lookup: the module's ELF .symtab (covers static functions of the executable,
// which is not linked with -rdynamic), then dladdr (exported symbols of stripped shared
// libraries), then "[module+0xOFFSET]".
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sampler_elf.hpp"

namespace ph::profilers::detail {

/// abi::__cxa_demangle, or the input when it is not a mangled C++ name.
std::string demangle(const std::string& symbol);

class Symbolizer {
 public:
  Symbolizer();  // snapshots the loaded modules (dl_iterate_phdr)
  /// Name of the function containing `pc`; cached.
  const std::string& function_name(std::uintptr_t pc);

  /// True when `ret` is the return address of a call to the function containing `leaf_pc`:
  /// the instruction before it is a direct call to that function (or to a PLT stub), or an
  /// indirect call, and `ret` lies in executable code outside that function. Used to recover
  /// the caller of a leaf that had no frame record when it was sampled.
  bool returns_from_call_to(std::uintptr_t ret, std::uintptr_t leaf_pc);

 private:
  struct Module {
    std::string path;     // file to read symbols from
    std::string display;  // short name for unknown frames
    std::uintptr_t bias = 0;
    std::vector<std::pair<std::uintptr_t, std::uintptr_t>> ranges;  // loaded segments [lo, hi)
    std::vector<std::pair<std::uintptr_t, std::uintptr_t>> code;    // executable ones
    std::unique_ptr<ElfSymbols> symbols;                            // read on first use
  };
  Module* module_of(std::uintptr_t pc);
  std::string lookup(std::uintptr_t pc);
  bool is_code(std::uintptr_t addr, std::size_t len);
  /// [start, end) of the function containing pc; false when unknown.
  bool function_extent(std::uintptr_t pc, std::uintptr_t& start, std::uintptr_t& end);

  std::vector<Module> modules_;
  std::unordered_map<std::uintptr_t, std::string> cache_;
};

}  // namespace ph::profilers::detail
