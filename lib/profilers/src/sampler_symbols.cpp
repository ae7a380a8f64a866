// Symbolization of sampled program counters (see sampler_symbols.hpp for the lookup order).
#include "sampler_symbols.hpp"

#include <cxxabi.h>
#include <dlfcn.h>
#include <link.h>

#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <filesystem>

namespace ph::profilers::detail {

std::string demangle(const std::string& symbol) {
  int status = 0;
  char* out = abi::__cxa_demangle(symbol.c_str(), nullptr, nullptr, &status);
  if (status != 0 || out == nullptr) {
    std::free(out);
    return symbol;
  }
  std::string name(out);
  std::free(out);
  return name;
}

namespace {

std::string executable_path() {
  std::error_code ec;
  const auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("/proc/self/exe") : p.string();
}

}  // namespace

Symbolizer::Symbolizer() {
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* data) -> int {
        auto& modules = *static_cast<std::vector<Module>*>(data);
        Module m;
        const bool main_program = info->dlpi_name == nullptr || info->dlpi_name[0] == '\0';
        // The main program's symbols are read through /proc/self/exe, which stays valid
        // even if the file on disk was replaced by a rebuild.
        m.path = main_program ? "/proc/self/exe" : info->dlpi_name;
        const std::string shown = main_program ? executable_path() : std::string(info->dlpi_name);
        m.display = std::filesystem::path(shown).filename().string();
        m.bias = info->dlpi_addr;
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const auto& ph = info->dlpi_phdr[i];
          if (ph.p_type != PT_LOAD) continue;
          m.ranges.emplace_back(info->dlpi_addr + ph.p_vaddr, info->dlpi_addr + ph.p_vaddr + ph.p_memsz);
          if (ph.p_flags & PF_X) m.code.push_back(m.ranges.back());
        }
        modules.push_back(std::move(m));
        return 0;
      },
      &modules_);
}

Symbolizer::Module* Symbolizer::module_of(std::uintptr_t pc) {
  for (auto& m : modules_)
    for (const auto& [lo, hi] : m.ranges)
      if (pc >= lo && pc < hi) return &m;
  return nullptr;
}

std::string Symbolizer::lookup(std::uintptr_t pc) {
  Module* m = module_of(pc);
  if (m != nullptr) {
    if (!m->symbols) m->symbols = std::make_unique<ElfSymbols>(m->path);
    if (const ElfFunction* f = m->symbols->find(pc - m->bias)) return demangle(f->name);
  }
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(pc), &info) != 0 && info.dli_sname != nullptr) return demangle(info.dli_sname);
  if (m == nullptr) return "[unknown]";
  char offset[32];
  std::snprintf(offset, sizeof offset, "+0x%llx", static_cast<unsigned long long>(pc - m->bias));
  return "[" + m->display + offset + "]";
}

const std::string& Symbolizer::function_name(std::uintptr_t pc) {
  auto it = cache_.find(pc);
  if (it == cache_.end()) it = cache_.emplace(pc, lookup(pc)).first;
  return it->second;
}

}  // namespace ph::profilers::detail

namespace ph::profilers::detail {

bool Symbolizer::is_code(std::uintptr_t addr, std::size_t len) {
  Module* m = module_of(addr);
  if (m == nullptr) return false;
  for (const auto& [lo, hi] : m->code)
    if (addr >= lo && addr <= hi && len <= hi - addr) return true;
  return false;
}

bool Symbolizer::function_extent(std::uintptr_t pc, std::uintptr_t& start, std::uintptr_t& end) {
  Module* m = module_of(pc);
  if (m == nullptr) return false;
  if (!m->symbols) m->symbols = std::make_unique<ElfSymbols>(m->path);
  const ElfFunction* f = m->symbols->find(pc - m->bias);
  if (f == nullptr || f->size == 0) return false;
  start = f->address + m->bias;
  end = start + f->size;
  return true;
}

namespace {

#if defined(__x86_64__)
// Length of an indirect call (FF /2) from its ModRM and SIB bytes.
std::size_t indirect_call_length(const unsigned char* insn) {
  const unsigned modrm = insn[1], mod = modrm >> 6, rm = modrm & 7;
  if (mod == 3) return 2;
  std::size_t len = 2;
  if (rm == 4) {
    ++len;
    if (mod == 0 && (insn[2] & 7) == 5) len += 4;
  }
  if (mod == 0 && rm == 5) len += 4;
  if (mod == 1) len += 1;
  if (mod == 2) len += 4;
  return len;
}

// A PLT entry: jmp *GOT(%rip), possibly behind endbr64 and a bnd prefix.
bool is_plt_stub(const unsigned char* t) {
  std::size_t i = 0;
  if (t[0] == 0xF3 && t[1] == 0x0F && t[2] == 0x1E && t[3] == 0xFA) i = 4;
  if (t[i] == 0xF2) ++i;
  return t[i] == 0xFF && t[i + 1] == 0x25;
}
#endif

}  // namespace

bool Symbolizer::returns_from_call_to(std::uintptr_t ret, std::uintptr_t leaf_pc) {
  std::uintptr_t start = 0, end = 0;
  if (!function_extent(leaf_pc, start, end)) return false;
  if (ret >= start && ret < end) return false;  // a stale address inside the leaf itself
#if defined(__x86_64__)
  if (ret < 8 || !is_code(ret - 7, 7)) return false;
  unsigned char code[7];
  std::memcpy(code, reinterpret_cast<const void*>(ret - 7), sizeof code);
  if (code[2] == 0xE8) {  // call rel32, ending at ret
    std::int32_t rel = 0;
    std::memcpy(&rel, code + 3, sizeof rel);
    const std::uintptr_t target = ret + static_cast<std::uintptr_t>(static_cast<std::intptr_t>(rel));
    if (target == start) return true;
    if (is_code(target, 8)) {
      unsigned char stub[8];
      std::memcpy(stub, reinterpret_cast<const void*>(target), sizeof stub);
      if (is_plt_stub(stub)) return true;
    }
  }
  // Otherwise an indirect call (FF /2) of some length must end exactly at ret.
  for (const std::size_t k : {2u, 3u, 4u, 6u, 7u}) {
    const unsigned char* insn = code + (7 - k);
    if (insn[0] == 0xFF && ((insn[1] >> 3) & 7) == 2 && indirect_call_length(insn) == k) return true;
  }
  return false;
#elif defined(__aarch64__)
  if (ret < 4 || !is_code(ret - 4, 4)) return false;
  std::uint32_t insn = 0;
  std::memcpy(&insn, reinterpret_cast<const void*>(ret - 4), sizeof insn);
  if ((insn & 0xFC000000u) == 0x94000000u) {  // bl imm26
    std::int64_t imm = static_cast<std::int64_t>(insn & 0x03FFFFFFu);
    if (imm & 0x02000000) imm -= 0x04000000;
    const std::uintptr_t target = ret - 4 + static_cast<std::uintptr_t>(imm * 4);
    return target == start || module_of(target) == module_of(ret);  // direct, or via a PLT stub
  }
  return (insn & 0xFFFFFC1Fu) == 0xD63F0000u;  // blr
#else
  (void)ret;
  return false;
#endif
}

}  // namespace ph::profilers::detail
