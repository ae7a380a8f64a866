// Every way a plugin can be unusable gets one line naming the file and the fix, and adds nothing.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "perfharness/common/errors.hpp"
#include "perfharness/plugins/plugin_loader.hpp"
#include "perfharness/strategies/strategy.hpp"
#include "scratch_folder.hpp"

using namespace ph;

namespace {

std::string test_plugin(const std::string& variant) {
  return std::string(PH_TEST_PLUGIN_DIR) + "/libph_test_plugin_" + variant + ".so";
}

// The message of the InputError loading `file` throws; nothing of it is added meanwhile.
std::string refusal(const std::string& file) {
  const std::size_t known = all_strategies().size();
  try {
    plugins::load_plugin(file);
  } catch (const InputError& e) {
    CHECK(all_strategies().size() == known);
    const std::string message = e.what();
    CHECK(message.find('\n') == std::string::npos);
    return message;
  }
  FAIL("loading " << file << " was not refused");
  return {};
}

}  // namespace

TEST_CASE("a plugin file that does not exist is named with the fix", "[plugins]") {
  const ph_test::ScratchFolder folder;
  const std::string file = folder.file("libmissing.so").string();
  const std::string message = refusal(file);
  CHECK_THAT(message, Catch::StartsWith("plugin " + file + ": no such file"));
}

TEST_CASE("a file that is not a shared library is refused before dlopen", "[plugins]") {
  const ph_test::ScratchFolder folder;
  const std::string file = folder.file("notes.so").string();
  std::ofstream(file) << "not a library\n";
  CHECK_THAT(refusal(file), Catch::Contains("notes.so: is not a shared library"));
  CHECK_THAT(refusal(folder.path().string()), Catch::Contains("is a folder"));
}

TEST_CASE("an ELF file that is not a loadable library gets dlopen's reason", "[plugins]") {
  const ph_test::ScratchFolder folder;
  const std::string file = folder.file("truncated.so").string();
  std::ofstream(file, std::ios::binary) << "\x7f" "ELF" << std::string(8, '\0');
  CHECK_THAT(refusal(file), Catch::Contains("truncated.so: cannot be loaded as a shared library: "));
}

TEST_CASE("a library without the entry point names the function to export", "[plugins]") {
  const std::string message = refusal(test_plugin("no_entry"));
  CHECK_THAT(message, Catch::Contains("libph_test_plugin_no_entry.so: exports no entry point 'perfharness_plugin'"));
  CHECK_THAT(message, Catch::Contains("PH_PLUGIN_EXPORT"));
}

TEST_CASE("a plugin built for another API version names both versions", "[plugins]") {
  CHECK_THAT(refusal(test_plugin("version")),
             Catch::Contains("libph_test_plugin_version.so: was built for plugin API version 99; this perfharness loads version 1"));
  CHECK(find_strategy("test_version") == nullptr);
}

TEST_CASE("a plugin strategy may not take a name that is already known", "[plugins]") {
  CHECK_THAT(refusal(test_plugin("duplicate")),
             Catch::Contains("libph_test_plugin_duplicate.so: strategy 'sma_cross' is already defined by perfharness (built in); rename it"));
  CHECK(find_strategy("sma_cross")->built_in());
}

TEST_CASE("a parameter whose default is outside its declared range is refused", "[plugins]") {
  CHECK_THAT(refusal(test_plugin("out_of_range")),
             Catch::Contains("strategy 'test_out_of_range': parameter 'period' has the default 500, outside its range 1..100"));
  CHECK(find_strategy("test_out_of_range") == nullptr);
}
