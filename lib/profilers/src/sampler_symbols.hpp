#pragma once
// Turns program counters into source frames, after sampling has stopped, through elfutils'
// libdw: the ELF symbol that contains the address (the executable's own .symtab, a shared
// library's .dynsym, or the symbols of its separate debug file when one is installed under
// /usr/lib/debug), then the functions inlined at that address and its source line from the
// module's own DWARF (this project builds with -g1; see SourceIndex). Addresses no module
// covers are named by dladdr (the vdso), else "[module+0xOFFSET]".
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sampler_dwarf.hpp"

namespace ph::profilers::detail {

/// abi::__cxa_demangle, or the input when it is not a mangled C++ name.
std::string demangle(const std::string& symbol);

class Symbolizer {
 public:
  Symbolizer();  // snapshots the loaded modules
  ~Symbolizer();
  Symbolizer(const Symbolizer&) = delete;
  Symbolizer& operator=(const Symbolizer&) = delete;

  /// The frames at `pc`, outermost first: the function whose code holds it, then each function
  /// inlined into it, down to the innermost. Each frame's location is its line at `pc` (for an
  /// outer one, the line its inner function was inlined at). Cached; never empty.
  const std::vector<SourceFrame>& frames_at(std::uintptr_t pc);
  /// Name of the function whose code holds `pc` (the outermost frame).
  const std::string& function_name(std::uintptr_t pc) { return frames_at(pc).front().function; }

  /// True when `ret` is the return address of a call to the function containing `leaf_pc`:
  /// the instruction before it is a direct call to that function (or to a PLT stub), or an
  /// indirect call, and `ret` lies in executable code outside that function. Used to recover
  /// the caller of a leaf that had no frame record when it was sampled.
  bool returns_from_call_to(std::uintptr_t ret, std::uintptr_t leaf_pc);

 private:
  struct Module {
    std::string display;  // file name, for addresses without a symbol
    std::uintptr_t bias = 0;
    std::vector<std::pair<std::uintptr_t, std::uintptr_t>> ranges;  // loaded segments [lo, hi)
    std::vector<std::pair<std::uintptr_t, std::uintptr_t>> code;    // executable ones
  };
  struct Function {
    std::uintptr_t start, end;  // loaded addresses
    const char* name;           // mangled; owned by libdw
  };
  /// A module's function symbols, sorted by address: libdw's own lookup scans the whole
  /// table for every address, too slow for thousands of them.
  const std::vector<Function>& functions_of(Dwfl_Module* mod);
  /// The function whose code holds pc, or nullptr.
  const Function* function_at(Dwfl_Module* mod, std::uintptr_t pc);
  const Module* module_of(std::uintptr_t pc) const;
  std::vector<SourceFrame> lookup(std::uintptr_t pc);
  bool is_code(std::uintptr_t addr, std::size_t len) const;
  /// [start, end) of the function containing pc; false when unknown.
  bool function_extent(std::uintptr_t pc, std::uintptr_t& start, std::uintptr_t& end);

  Dwfl* dwfl_ = nullptr;  // null when libdw could not read this process: dladdr names only
  std::vector<Module> modules_;
  std::unordered_map<std::uintptr_t, std::vector<SourceFrame>> cache_;
  std::unordered_map<Dwfl_Module*, std::vector<Function>> functions_;
  SourceIndex source_;
};

/// The process's one Symbolizer, held for the lease's scope. Reading debug information is
/// the costly part (a shared library's installed debug file is decompressed whole), so it is
/// kept for the life of the process and rebuilt only when a module was loaded or unloaded.
class SymbolizerLease {
 public:
  SymbolizerLease();
  ~SymbolizerLease();
  SymbolizerLease(const SymbolizerLease&) = delete;
  SymbolizerLease& operator=(const SymbolizerLease&) = delete;
  Symbolizer& operator*() const noexcept { return *symbolizer_; }
  Symbolizer* operator->() const noexcept { return symbolizer_; }

 private:
  Symbolizer* symbolizer_;
};

}  // namespace ph::profilers::detail
