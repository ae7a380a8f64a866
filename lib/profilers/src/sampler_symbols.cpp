// Symbolization of sampled program counters through libdw (see sampler_symbols.hpp).
#include "sampler_symbols.hpp"

#include <cxxabi.h>
#include <dlfcn.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <fcntl.h>
#include <link.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <memory>

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

// As dwfl_linux_proc_find_elf, but a rebuilt (replaced) executable is still read through
// /proc/self/exe, which keeps naming the file this process runs.
int find_elf(Dwfl_Module* mod, void** userdata, const char* module_name, Dwarf_Addr base, char** file_name,
             Elf** elf) {
  const int fd = dwfl_linux_proc_find_elf(mod, userdata, module_name, base, file_name, elf);
  if (fd >= 0 || *elf != nullptr) return fd;
  static const std::string self = executable_path();
  if (module_name == nullptr || std::strncmp(module_name, self.c_str(), self.size()) != 0) return fd;
  return ::open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
}

char* g_debuginfo_path = nullptr;  // libdw's default: next to the file, then /usr/lib/debug
const Dwfl_Callbacks kCallbacks = {find_elf, dwfl_standard_find_debuginfo, nullptr, &g_debuginfo_path};

}  // namespace

Symbolizer::Symbolizer() {
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* data) -> int {
        auto& modules = *static_cast<std::vector<Module>*>(data);
        Module m;
        const bool main_program = info->dlpi_name == nullptr || info->dlpi_name[0] == '\0';
        m.display = file_name_of(main_program ? executable_path().c_str() : info->dlpi_name);
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
  dwfl_ = dwfl_begin(&kCallbacks);
  if (dwfl_ != nullptr && (dwfl_linux_proc_report(dwfl_, ::getpid()) != 0 || dwfl_report_end(dwfl_, nullptr, nullptr) != 0)) {
    dwfl_end(dwfl_);
    dwfl_ = nullptr;
  }
}

Symbolizer::~Symbolizer() {
  if (dwfl_ != nullptr) dwfl_end(dwfl_);
}

const Symbolizer::Module* Symbolizer::module_of(std::uintptr_t pc) const {
  for (const auto& m : modules_)
    for (const auto& [lo, hi] : m.ranges)
      if (pc >= lo && pc < hi) return &m;
  return nullptr;
}

const std::vector<Symbolizer::Function>& Symbolizer::functions_of(Dwfl_Module* mod) {
  auto [it, added] = functions_.try_emplace(mod);
  if (!added) return it->second;
  std::vector<Function>& table = it->second;
  const int n = dwfl_module_getsymtab(mod);
  for (int i = 1; i < n; ++i) {
    GElf_Sym sym;
    GElf_Addr addr = 0;
    GElf_Word shndx = 0;
    const char* name = dwfl_module_getsym_info(mod, i, &sym, &addr, &shndx, nullptr, nullptr);
    const int type = GELF_ST_TYPE(sym.st_info);
    if (name == nullptr || name[0] == '\0' || shndx == SHN_UNDEF || (type != STT_FUNC && type != STT_GNU_IFUNC)) continue;
    table.push_back({static_cast<std::uintptr_t>(addr), static_cast<std::uintptr_t>(addr + sym.st_size), name});
  }
  // By address, the larger first where two start together (an alias of a longer function).
  std::sort(table.begin(), table.end(),
            [](const Function& a, const Function& b) { return a.start != b.start ? a.start < b.start : a.end > b.end; });
  return table;
}

const Symbolizer::Function* Symbolizer::function_at(Dwfl_Module* mod, std::uintptr_t pc) {
  const auto& table = functions_of(mod);
  auto it = std::upper_bound(table.begin(), table.end(), pc, [](std::uintptr_t a, const Function& f) { return a < f.start; });
  // Functions may nest (a local alias inside a larger one): step back to one that covers pc.
  for (int steps = 0; it != table.begin() && steps < 8; ++steps) {
    --it;
    if (pc < it->end) {
      // Prefer the first of several symbols at that start (sorted larger first).
      while (it != table.begin() && std::prev(it)->start == it->start && pc < std::prev(it)->end) --it;
      return &*it;
    }
  }
  return nullptr;
}

std::vector<SourceFrame> Symbolizer::lookup(std::uintptr_t pc) {
  Dwfl_Module* mod = dwfl_ != nullptr ? dwfl_addrmodule(dwfl_, pc) : nullptr;
  const Function* function = mod != nullptr ? function_at(mod, pc) : nullptr;
  const char* symbol = function != nullptr ? function->name : nullptr;
  if (symbol == nullptr) {
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(pc), &info) != 0 && info.dli_sname != nullptr) return {{demangle(info.dli_sname), {}}};
    const Module* m = module_of(pc);
    if (m == nullptr) return {{"[unknown]", {}}};
    char at[32];
    std::snprintf(at, sizeof at, "+0x%llx", static_cast<unsigned long long>(pc - m->bias));
    return {{"[" + m->display + at + "]", {}}};
  }
  std::vector<SourceFrame> frames{{demangle(symbol), {}}};
  if (!source_.has_own_dwarf(mod)) return frames;
  std::vector<SourceFrame> inlined;
  source_.inlined_at(mod, pc, inlined, frames.front().location);
  frames.insert(frames.end(), inlined.begin(), inlined.end());
  return frames;
}

const std::vector<SourceFrame>& Symbolizer::frames_at(std::uintptr_t pc) {
  auto it = cache_.find(pc);
  if (it == cache_.end()) it = cache_.emplace(pc, lookup(pc)).first;
  return it->second;
}

namespace {

std::mutex g_shared_mutex;
std::unique_ptr<Symbolizer> g_shared;
std::pair<unsigned long long, unsigned long long> g_shared_generation{0, 0};

// dl_iterate_phdr's counts of modules ever loaded and unloaded: equal counts, same modules.
std::pair<unsigned long long, unsigned long long> module_generation() {
  std::pair<unsigned long long, unsigned long long> g{0, 0};
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t size, void* data) -> int {
        auto& out = *static_cast<std::pair<unsigned long long, unsigned long long>*>(data);
        if (size >= offsetof(dl_phdr_info, dlpi_subs) + sizeof info->dlpi_subs) out = {info->dlpi_adds, info->dlpi_subs};
        return 1;
      },
      &g);
  return g;
}

}  // namespace

SymbolizerLease::SymbolizerLease() {
  g_shared_mutex.lock();
  const auto generation = module_generation();
  if (!g_shared || generation != g_shared_generation || generation == std::make_pair(0ull, 0ull)) {
    // The old one goes first: while its Dwfl still maps ELF files, those mappings show in
    // /proc/self/maps beside the loaded libraries, and libdw then reports modules with a wrong bias.
    g_shared.reset();
    g_shared = std::make_unique<Symbolizer>();
    g_shared_generation = generation;
  }
  symbolizer_ = g_shared.get();
}

SymbolizerLease::~SymbolizerLease() { g_shared_mutex.unlock(); }

}  // namespace ph::profilers::detail

namespace ph::profilers::detail {

bool Symbolizer::is_code(std::uintptr_t addr, std::size_t len) const {
  const Module* m = module_of(addr);
  if (m == nullptr) return false;
  for (const auto& [lo, hi] : m->code)
    if (addr >= lo && addr <= hi && len <= hi - addr) return true;
  return false;
}

bool Symbolizer::function_extent(std::uintptr_t pc, std::uintptr_t& start, std::uintptr_t& end) {
  Dwfl_Module* mod = dwfl_ != nullptr ? dwfl_addrmodule(dwfl_, pc) : nullptr;
  const Function* f = mod != nullptr ? function_at(mod, pc) : nullptr;
  if (f == nullptr) return false;
  start = f->start;
  end = f->end;
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
