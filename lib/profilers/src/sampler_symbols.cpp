// Symbolization of sampled program counters (see sampler_symbols.hpp for the lookup order).
#include "sampler_symbols.hpp"

#include <cxxabi.h>
#include <dlfcn.h>
#include <link.h>

#include <cstdio>
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
