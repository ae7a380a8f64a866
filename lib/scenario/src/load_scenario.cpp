// load_scenario: file -> document tree -> --set overrides -> every section read and
// checked -> cross-checks; a Scenario only when no problem was found.
#include "document.hpp"
#include "overrides.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/common/sha256.hpp"
#include "perfharness/plugins/plugin_loader.hpp"
#include "readers.hpp"
#include "source.hpp"

namespace ph::scenario {

using namespace detail;

namespace {

void read_operations(const Node& node, Context& cx, Scenario& s) {
  Problems& p = cx.problems;
  if (!node.is_seq()) {
    p.add(node, "operations", std::string("must be a list of operations (- name: ..., kind: ...), not ") +
                                  type_phrase(node.type));
    return;
  }
  if (node.items.empty()) {
    p.add(node, "operations", "lists no operations; add at least one");
    return;
  }
  if (node.items.size() > kMaxOperations) {
    p.add(node, "operations", "lists " + std::to_string(node.items.size()) + " operations; the limit is " +
                                  std::to_string(kMaxOperations) + ", split the scenario");
    return;
  }
  std::vector<const Node*> nodes;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    Operation op;
    if (read_operation(node.items[i], index("operations", i), cx, op)) {
      s.operations.push_back(std::move(op));
      nodes.push_back(&node.items[i]);
    }
  }
  check_operations(nodes, s.data, cx, s.operations);
}

// Before the operations: the strategies a plugin adds are known to them.
void read_plugins(const Node& node, Context& cx, Scenario& s) {
  Problems& p = cx.problems;
  if (!node.is_seq()) {
    p.add(node, "plugins", std::string("must be a list of plugin files (- plugins/libmine.so), not ") + type_phrase(node.type));
    return;
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const std::string path = index("plugins", i);
    const auto text = as_string(node.items[i], path, p);
    if (!text) continue;
    if (text->empty()) {
      p.add(node.items[i], path, "is empty; name a plugin's .so file, relative to the scenario file");
      continue;
    }
    const std::filesystem::path file = absolute_from(cx.base_dir, *text);
    if (cx.options.load_plugins) {
      try {
        plugins::load_plugin(file);
      } catch (const InputError& e) {
        p.add(node.items[i], path, e.what());
        continue;
      }
    }
    s.plugins.push_back(file);
  }
}

void read_scenario(const Node& root, Context& cx, Scenario& s) {
  Problems& p = cx.problems;
  if (root.type == Node::Type::Null) {
    p.add(SourcePos{}, "", "the scenario is empty; it needs at least name and operations");
    return;
  }
  MapReader m(root, "", p);
  if (!m.ok()) return;
  if (const Node* n = m.require("name", "e.g. name: nightly-backtests")) s.name = as_name(*n, "name", p).value_or("");
  if (const Node* n = m.get("description")) s.description = as_string(*n, "description", p).value_or("");
  if (const Node* n = m.get("seed")) s.seed = as_seed(*n, "seed", p).value_or(s.seed);
  if (const Node* n = m.get("plugins")) read_plugins(*n, cx, s);
  static const Node kEmpty;
  const Node* data = m.get("data");
  read_data(data ? *data : kEmpty, cx, s.seed, s.data);
  if (const Node* n = m.get("defaults")) read_defaults(*n, cx, s.defaults);
  if (const Node* n = m.get("thresholds")) read_thresholds(*n, "thresholds", p, s.thresholds);
  if (const Node* n = m.require("operations", "a list of what to run and measure")) read_operations(*n, cx, s);
  if (const Node* n = m.get("budgets"))
    read_budgets(*n, "budgets", run_budget_metrics(), "the run (top-level budgets)", p, s.run_budgets);
  if (const Node* n = m.get("gate")) {
    const auto gate = as_string(*n, "gate", p);
    if (gate && *gate != "all" && *gate != "instructions")
      p.add(*n, "gate", "is '" + *gate + "' but must be 'all' (every gating figure) or 'instructions' (exact counts only)");
    s.gate_instructions = gate && *gate == "instructions";
  }
  if (const Node* n = m.get("confirm")) s.confirm = as_bool(*n, "confirm", p).value_or(s.confirm);
  m.finish({"name", "description", "seed", "plugins", "gate", "confirm", "data", "defaults", "thresholds", "operations", "budgets"});
}

}  // namespace

LoadResult load_scenario(const std::filesystem::path& file, const LoadOptions& options) {
  Problems problems(file.string());
  Problems warnings(file.string());
  LoadResult result;
  auto doc = read_document(file, problems);
  if (doc) {
    Scenario s;
    std::error_code ec;
    s.path = std::filesystem::absolute(file, ec).lexically_normal();
    s.sha256 = sha256_hex(doc->bytes);
    apply_overrides(doc->root, options.overrides, problems);
    Context cx{problems, warnings, options, s.path.parent_path()};
    read_scenario(doc->root, cx, s);
    if (problems.count() == 0) result.scenario = std::move(s);
  }
  result.problems = problems.take();
  result.warnings = warnings.take();
  return result;
}

std::optional<Thresholds> load_thresholds(const std::filesystem::path& file, std::vector<Diagnostic>& out) {
  Problems problems(file.string());
  Thresholds t;
  if (auto doc = read_document(file, problems)) {
    MapReader m(doc->root, "", problems);
    if (m.ok()) {
      if (const Node* n = m.require("thresholds")) read_thresholds(*n, "thresholds", problems, t);
      m.finish({"thresholds"});
    }
  }
  const bool ok = problems.count() == 0;
  for (auto& d : problems.take()) out.push_back(std::move(d));
  return ok ? std::optional<Thresholds>(t) : std::nullopt;
}

}  // namespace ph::scenario
