#include "parse_hint.hpp"

#include <vector>

#include "perfharness/common/did_you_mean.hpp"

namespace ph::cli {
namespace {

std::vector<std::string> option_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options()) {
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    for (const auto& name : option->get_snames()) names.push_back("-" + name);
  }
  return names;
}

}  // namespace

std::string parse_hint(const CLI::App& app) {
  const auto given = app.get_subcommands();
  const CLI::App& command = given.empty() ? app : *given.front();
  const std::vector<std::string> left = command.remaining();
  if (left.empty()) return "";
  std::string word = left.front();
  if (word.rfind("--", 0) == 0) word = word.substr(0, word.find('='));  // --thread=2
  if (word.rfind('-', 0) == 0) return did_you_mean(word, option_names(command));
  if (!given.empty()) return "";
  std::vector<std::string> subcommands;
  for (const CLI::App* sub : app.get_subcommands({})) subcommands.push_back(sub->get_name());
  return did_you_mean(word, subcommands);
}

}  // namespace ph::cli
