#pragma once
// Source lines and inlined frames from a module's DWARF, for the symbolizer. Each compile
// unit is indexed once (its functions' address ranges), so an address costs a binary search
// and a walk down one function's scopes, not a walk over the unit's whole tree.
#include <elfutils/libdwfl.h>

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ph::profilers::detail {

/// One frame at an address: a function, and where in its source the address lies.
struct SourceFrame {
  std::string function;  // demangled
  std::string location;  // "file.cpp:42" (file name only), empty without line tables
};

class SourceIndex {
 public:
  /// Whether `mod`'s own file carries DWARF. Only such modules are looked up: a library whose
  /// debug information is a separately installed file is named from that file's symbols, but
  /// reading its DWARF would mean decompressing all of it (libc6-dbg's is ~10 MB).
  bool has_own_dwarf(Dwfl_Module* mod);
  /// The functions inlined at `pc` (loaded address), outermost first, each with its line at
  /// pc; and the line of the function they were inlined into (where the outermost was
  /// inlined, or pc's own line when nothing was).
  void inlined_at(Dwfl_Module* mod, std::uintptr_t pc, std::vector<SourceFrame>& inlined, std::string& outer_location);

 private:
  struct Unit {
    std::vector<std::pair<std::pair<Dwarf_Addr, Dwarf_Addr>, Dwarf_Off>> functions;  // [lo, hi) -> DIE, by lo
    Dwarf_Files* files = nullptr;
  };
  Unit& unit(Dwarf_Die* cu);

  std::unordered_map<Dwfl_Module*, bool> own_dwarf_;
  std::map<std::pair<Dwarf*, Dwarf_Off>, Unit> units_;
};

/// The last component of a path.
std::string file_name_of(const char* path);
/// "file.cpp:42" from a path and a line; empty when either is missing.
std::string location_of(const char* file, int line);

}  // namespace ph::profilers::detail
