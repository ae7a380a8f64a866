// Lines and inlined frames through libdw (see sampler_dwarf.hpp).
#include "sampler_dwarf.hpp"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <gelf.h>

#include <algorithm>
#include <cstring>

#include "sampler_symbols.hpp"

namespace ph::profilers::detail {
namespace {

// The name an inlined function's DIE gives, through its abstract origin: the demangled linkage
// name (qualified, with parameters, as symbols are shown), else the plain name.
std::string inlined_name(Dwarf_Die* die) {
  Dwarf_Attribute attr;
  for (const int name : {DW_AT_linkage_name, DW_AT_MIPS_linkage_name})
    if (dwarf_attr_integrate(die, name, &attr) != nullptr)
      if (const char* s = dwarf_formstring(&attr)) return demangle(s);
  if (dwarf_attr_integrate(die, DW_AT_name, &attr) != nullptr)
    if (const char* s = dwarf_formstring(&attr)) return s;
  return "[inlined]";
}

// Where an inlined subroutine was inlined: its DW_AT_call_file and DW_AT_call_line.
std::string call_site_of(Dwarf_Die* die, Dwarf_Files* files) {
  Dwarf_Attribute attr;
  Dwarf_Word file = 0, line = 0;
  if (files == nullptr || dwarf_attr(die, DW_AT_call_file, &attr) == nullptr || dwarf_formudata(&attr, &file) != 0 ||
      dwarf_attr(die, DW_AT_call_line, &attr) == nullptr || dwarf_formudata(&attr, &line) != 0)
    return {};
  return location_of(dwarf_filesrc(files, file, nullptr, nullptr), static_cast<int>(line));
}

// Tags under which a function's out-of-line code can be described.
bool may_hold_functions(int tag) {
  switch (tag) {
    case DW_TAG_compile_unit: case DW_TAG_partial_unit: case DW_TAG_namespace: case DW_TAG_subprogram:
    case DW_TAG_lexical_block: case DW_TAG_class_type: case DW_TAG_structure_type: case DW_TAG_union_type:
      return true;
    default:
      return false;
  }
}

template <typename Visit>
void each_child(Dwarf_Die* parent, Visit visit) {
  Dwarf_Die child;
  if (dwarf_child(parent, &child) != 0) return;
  do visit(&child);
  while (dwarf_siblingof(&child, &child) == 0);
}

void index_functions(Dwarf_Die* die, std::vector<std::pair<std::pair<Dwarf_Addr, Dwarf_Addr>, Dwarf_Off>>& out) {
  each_child(die, [&](Dwarf_Die* child) {
    const int tag = dwarf_tag(child);
    if (tag == DW_TAG_subprogram) {
      Dwarf_Addr base = 0, lo = 0, hi = 0;
      for (std::ptrdiff_t at = 0; (at = dwarf_ranges(child, at, &base, &lo, &hi)) > 0;)
        out.push_back({{lo, hi}, dwarf_dieoffset(child)});
    }
    if (may_hold_functions(tag)) index_functions(child, out);
  });
}

}  // namespace

std::string file_name_of(const char* path) {
  const char* slash = std::strrchr(path, '/');
  return slash != nullptr ? slash + 1 : path;
}

std::string location_of(const char* file, int line) {
  if (file == nullptr || line <= 0) return {};
  return file_name_of(file) + ":" + std::to_string(line);
}

bool SourceIndex::has_own_dwarf(Dwfl_Module* mod) {
  auto [it, added] = own_dwarf_.try_emplace(mod, false);
  if (!added) return it->second;
  GElf_Addr bias = 0;
  Elf* elf = dwfl_module_getelf(mod, &bias);
  std::size_t names = 0;
  if (elf == nullptr || elf_getshdrstrndx(elf, &names) != 0) return false;
  for (Elf_Scn* scn = nullptr; (scn = elf_nextscn(elf, scn)) != nullptr;) {
    GElf_Shdr header;
    const char* name = gelf_getshdr(scn, &header) != nullptr ? elf_strptr(elf, names, header.sh_name) : nullptr;
    if (name != nullptr && std::strcmp(name, ".debug_info") == 0) return it->second = true;
  }
  return false;
}

SourceIndex::Unit& SourceIndex::unit(Dwarf_Die* cu) {
  auto [it, added] = units_.try_emplace({dwarf_cu_getdwarf(cu->cu), dwarf_dieoffset(cu)});
  if (added) {
    index_functions(cu, it->second.functions);
    std::sort(it->second.functions.begin(), it->second.functions.end());
    if (dwarf_getsrcfiles(cu, &it->second.files, nullptr) != 0) it->second.files = nullptr;
  }
  return it->second;
}

void SourceIndex::inlined_at(Dwfl_Module* mod, std::uintptr_t pc, std::vector<SourceFrame>& inlined,
                             std::string& outer_location) {
  inlined.clear();
  outer_location.clear();
  if (Dwfl_Line* line = dwfl_module_getsrc(mod, pc)) {
    int lineno = 0;
    const char* file = dwfl_lineinfo(line, nullptr, &lineno, nullptr, nullptr, nullptr);
    outer_location = location_of(file, lineno);
  }
  Dwarf_Addr bias = 0;
  Dwarf_Die* cu = dwfl_module_addrdie(mod, pc, &bias);
  if (cu == nullptr) return;
  const Dwarf_Addr at = pc - bias;
  Unit& u = unit(cu);
  auto it = std::upper_bound(u.functions.begin(), u.functions.end(), at,
                             [](Dwarf_Addr a, const auto& f) { return a < f.first.first; });
  if (it == u.functions.begin() || at >= std::prev(it)->first.second) return;
  Dwarf_Die scope;
  if (dwarf_offdie(dwarf_cu_getdwarf(cu->cu), std::prev(it)->second, &scope) == nullptr) return;
  // Down the function's scopes that hold pc; each inlined subroutine on the way is a frame.
  std::vector<Dwarf_Die> chain;
  for (bool deeper = true; deeper;) {
    deeper = false;
    Dwarf_Die next;
    each_child(&scope, [&](Dwarf_Die* child) {
      const int tag = dwarf_tag(child);
      if (deeper || (tag != DW_TAG_inlined_subroutine && tag != DW_TAG_lexical_block) || dwarf_haspc(child, at) != 1)
        return;
      next = *child;
      deeper = true;
    });
    if (!deeper) break;
    scope = next;
    if (dwarf_tag(&scope) == DW_TAG_inlined_subroutine) chain.push_back(scope);
  }
  // Innermost first: each frame's line is pc's, or where the frame inside it was inlined.
  std::string location = outer_location;
  for (auto die = chain.rbegin(); die != chain.rend(); ++die) {
    inlined.push_back({inlined_name(&*die), location});
    location = call_site_of(&*die, u.files);
  }
  std::reverse(inlined.begin(), inlined.end());
  outer_location = location;
}

}  // namespace ph::profilers::detail
