// The shared Symbolizer is rebuilt when a library is loaded or unloaded; the rebuilt one must
// still name the functions of libc and of a library loaded at run time. It once did not: the
// old symbolizer, still alive while the new one read /proc/self/maps, kept its private copies
// of ELF files mapped there, and a copy right below the library it was read from made libdw
// report that library with a wrong bias (a plugin's functions went unnamed in the hotspots of
// e2e.plugins, 3 runs in 10). Whether a copy lands right below its library depends on the
// address-space layout, so this test meets that layout only now and then; it checks every
// rebuild's names all the same.
#include <catch2/catch.hpp>

#include <dlfcn.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sampler_symbols.hpp"

using ph::profilers::detail::SymbolizerLease;

namespace {

// Functions libc exports under their own name, spread over its text.
const std::vector<std::string> kLibcFunctions = {"qsort", "getenv", "bsearch", "strtok",
                                                 "regcomp", "wordexp", "strftime", "sleep"};

std::uintptr_t inside(void* handle, const std::string& function) {
  void* start = dlsym(handle, function.c_str());
  REQUIRE(start != nullptr);
  return reinterpret_cast<std::uintptr_t>(start) + 1;  // within, not at, its first instruction
}

void check_libc_names(SymbolizerLease& symbolizer) {
  for (const auto& function : kLibcFunctions) {
    INFO("looking up " << function);
    CHECK_THAT(symbolizer->function_name(inside(RTLD_DEFAULT, function)), Catch::Contains(function));
  }
}

void check_names(void* crypt_library) {
  SymbolizerLease symbolizer;
  // Reading a library's symbols maps a copy of its file, which the next rebuild must not
  // take for the library.
  INFO("looking up libcrypt's crypt");
  CHECK_THAT(symbolizer->function_name(inside(crypt_library, "crypt")), Catch::Contains("crypt"));
  check_libc_names(symbolizer);
}

}  // namespace

TEST_CASE("a symbolizer rebuilt after a library was loaded still names the functions of every library",
          "[sampler][symbols]") {
  {
    // The first symbolizer: libdw loads libraries of its own (debuginfod's) on first use.
    SymbolizerLease symbolizer;
    check_libc_names(symbolizer);
  }
  // libcrypt1 is on every Debian system (login and perl-base, both essential, need it); this
  // test binary does not link it.
  void* crypt_library = dlopen("libcrypt.so.1", RTLD_NOW | RTLD_LOCAL);
  REQUIRE(crypt_library != nullptr);
  check_names(crypt_library);
  // Each further load forces a rebuild while the previous symbolizer's files are mapped.
  for (const char* library : {"libutil.so.1", "libanl.so.1", "libBrokenLocale.so.1", "libnss_files.so.2"}) {
    INFO("after loading " << library);
    void* handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) continue;  // not on this system: the others still force rebuilds
    check_names(crypt_library);
    dlclose(handle);
    check_names(crypt_library);
  }
  dlclose(crypt_library);
}
