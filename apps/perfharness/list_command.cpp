// `perfharness list strategies`: the built-in strategies with their parameters, as
// a table or as JSON.
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "plugin_option.hpp"
#include "perfharness/common/did_you_mean.hpp"
#include "perfharness/common/exit_codes.hpp"
#include "perfharness/strategies/strategy.hpp"

namespace ph::cli {
namespace {

struct ListOptions {
  std::string what;
  bool json = false;
  std::vector<std::string> plugins;
};

const char* type_name(ParamType t) { return t == ParamType::Integer ? "integer" : "real"; }

nlohmann::json number(const ParamSpec& p, double v) {
  if (p.type == ParamType::Integer) return static_cast<long long>(v);
  return v;
}

nlohmann::json strategies_json() {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : all_strategies()) {
    nlohmann::json params = nlohmann::json::array();
    for (const auto& p : s.params)
      params.push_back({{"name", p.name},
                        {"type", type_name(p.type)},
                        {"default", number(p, p.default_value)},
                        {"min", number(p, p.min)},
                        {"max", number(p, p.max)},
                        {"description", p.description}});
    out.push_back({{"name", s.name},
                   {"source", s.built_in() ? nlohmann::json("built-in") : nlohmann::json(s.source)},
                   {"description", s.description},
                   {"constraint", s.constraint.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.constraint)},
                   {"parameters", params}});
  }
  return out;
}

std::string text(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

void print_strategies() {
  for (const auto& s : all_strategies()) {
    std::cout << s.name << ": " << s.description << '\n';
    if (!s.built_in()) std::cout << "  from plugin " << s.source << '\n';
    for (const auto& p : s.params)
      std::cout << "  " << std::left << std::setw(20) << p.name << std::setw(8) << type_name(p.type) << " default "
                << std::setw(6) << text(p.default_value) << " range " << text(p.min) << ".." << text(p.max) << "  "
                << p.description << '\n';
    if (!s.constraint.empty()) std::cout << "  constraint: " << s.constraint << '\n';
    std::cout << '\n';
  }
}

int run(const ListOptions& o) {
  load_plugins(o.plugins);
  if (o.json) std::cout << strategies_json().dump(2) << '\n';
  else print_strategies();
  return exit_code::kOk;
}

}  // namespace

Action add_list_command(CLI::App& app) {
  auto o = std::make_shared<ListOptions>();
  CLI::App* cmd = app.add_subcommand("list", "List what scenarios can use: `list strategies` prints each strategy "
                                             "with its parameters, types, defaults, limits and constraint.");
  const CLI::Validator listable(
      [](std::string& what) {
        return what == "strategies" ? std::string()
                                    : "'" + what + "' is not something perfharness lists" + did_you_mean(what, {"strategies"}) +
                                          "; it lists: strategies";
      },
      "{strategies}");
  cmd->add_option("what", o->what, "what to list: strategies")->required()->check(listable);
  cmd->add_flag("--json", o->json, "print a JSON array instead of a table");
  add_plugin_option(cmd, o->plugins);
  cmd->footer("Exit codes: 0 listed, 2 bad usage (an unknown WHAT or option).");
  return [o] { return run(*o); };
}

}  // namespace ph::cli
