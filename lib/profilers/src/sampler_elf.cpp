// ELF64 .symtab/.dynsym reader for the sampler's symbolizer. Reads section headers and the
// symbol and string tables only, with every offset bounds-checked against the file size.
#include "sampler_elf.hpp"

#include <elf.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>

namespace ph::profilers::detail {
namespace {

bool read_at(std::ifstream& in, std::uint64_t offset, void* out, std::size_t size, std::uint64_t file_size) {
  if (offset > file_size || size > file_size - offset) return false;
  in.seekg(static_cast<std::streamoff>(offset));
  return static_cast<bool>(in.read(static_cast<char*>(out), static_cast<std::streamsize>(size)));
}

}  // namespace

ElfSymbols::ElfSymbols(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error_ = "cannot open " + path;
    return;
  }
  in.seekg(0, std::ios::end);
  const auto file_size = static_cast<std::uint64_t>(in.tellg());
  Elf64_Ehdr eh;
  if (!read_at(in, 0, &eh, sizeof eh, file_size) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
      eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_shentsize != sizeof(Elf64_Shdr)) {
    error_ = path + " is not an ELF64 file";
    return;
  }
  std::vector<Elf64_Shdr> sections(eh.e_shnum);
  if (eh.e_shnum == 0 ||
      !read_at(in, eh.e_shoff, sections.data(), sections.size() * sizeof(Elf64_Shdr), file_size)) {
    error_ = path + " has no readable section headers";
    return;
  }
  for (const Elf64_Shdr& sh : sections) {
    if (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM) continue;
    if (sh.sh_link >= sections.size() || sh.sh_entsize != sizeof(Elf64_Sym)) continue;
    const Elf64_Shdr& strtab = sections[sh.sh_link];
    std::string strings(strtab.sh_size, '\0');
    std::vector<Elf64_Sym> symbols(sh.sh_size / sizeof(Elf64_Sym));
    if (!read_at(in, strtab.sh_offset, strings.data(), strings.size(), file_size) ||
        !read_at(in, sh.sh_offset, symbols.data(), symbols.size() * sizeof(Elf64_Sym), file_size))
      continue;
    for (const Elf64_Sym& sym : symbols) {
      const unsigned type = ELF64_ST_TYPE(sym.st_info);
      if ((type != STT_FUNC && type != STT_GNU_IFUNC) || sym.st_shndx == SHN_UNDEF || sym.st_value == 0) continue;
      if (sym.st_name >= strings.size()) continue;
      const char* name = strings.c_str() + sym.st_name;
      functions_.push_back({sym.st_value, sym.st_size, std::string(name, strnlen(name, strings.size() - sym.st_name))});
    }
  }
  std::sort(functions_.begin(), functions_.end(), [](const ElfFunction& a, const ElfFunction& b) {
    return a.address != b.address ? a.address < b.address : a.size > b.size;
  });
  // .symtab and .dynsym repeat exported functions; keep the first of each address.
  functions_.erase(std::unique(functions_.begin(), functions_.end(),
                               [](const ElfFunction& a, const ElfFunction& b) { return a.address == b.address; }),
                   functions_.end());
  if (functions_.empty()) error_ = path + " has no function symbols (stripped?)";
}

const ElfFunction* ElfSymbols::find(std::uint64_t address) const {
  auto it = std::upper_bound(functions_.begin(), functions_.end(), address,
                             [](std::uint64_t a, const ElfFunction& f) { return a < f.address; });
  if (it == functions_.begin()) return nullptr;
  --it;
  if (address < it->address + std::max<std::uint64_t>(it->size, 1)) return &*it;
  return nullptr;
}

}  // namespace ph::profilers::detail
