// A command operation's workload: the program, how it is started and what becomes of its output.
#include <algorithm>
#include <cstring>

#include "readers.hpp"

namespace ph::scenario::detail {
namespace {

void read_argv(const Node& node, const std::string& path, bool shell, Problems& p, CommandSpec& spec) {
  if (shell) {
    // One string for /bin/sh, as the user would type it; a list of one string is the same.
    const Node* text = &node;
    if (node.is_seq() && node.items.size() == 1) text = &node.items.front();
    if (text->is_seq() || text->is_map()) {
      p.add(node, path, "with shell: true, must be one string for /bin/sh -c, e.g. \"python3 bt.py | tail -1\"");
      return;
    }
    if (const auto s = as_name(*text, path, p)) spec.argv = {"/bin/sh", "-c", *s};
    return;
  }
  if (!node.is_seq()) {
    p.add(node, path, std::string("must be a list of arguments, e.g. [python3, backtest.py, --fast, 10], not ") +
                          type_phrase(node.type) + "; to run a line through /bin/sh, add shell: true");
    return;
  }
  if (node.items.empty()) {
    p.add(node, path, "must name the program to run, e.g. [python3, backtest.py]");
    return;
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const auto arg = i == 0 ? as_name(node.items[i], index(path, i), p) : as_string(node.items[i], index(path, i), p);
    if (!arg) continue;
    if (arg->find('\0') != std::string::npos) {
      p.add(node.items[i], index(path, i), "must not contain a NUL byte");
      continue;
    }
    spec.argv.push_back(*arg);
  }
}

void read_env(const Node& node, const std::string& path, Problems& p, CommandSpec& spec) {
  MapReader m(node, path, p);
  if (!m.ok()) return;
  std::vector<std::string> keys;
  for (const Entry& e : node.entries) {
    const std::string entry_path = m.path_of(e.key);
    m.allow(e.key);
    if (e.key.empty() || e.key.find('=') != std::string::npos || e.key.find('\0') != std::string::npos) {
      p.add(e.key_pos, entry_path, "an environment variable's name must be non-empty and hold no '=' or NUL byte");
      continue;
    }
    const auto value = as_string(e.value, entry_path, p);
    if (!value) continue;
    if (value->find('\0') != std::string::npos) {
      p.add(e.value, entry_path, "must not contain a NUL byte");
      continue;
    }
    spec.env.emplace_back(e.key, *value);
  }
  m.finish({});
}

void read_exit_codes(const Node& node, const std::string& path, Problems& p, CommandSpec& spec) {
  if (!node.is_seq()) {
    p.add(node, path, std::string("must be a list of exit statuses, e.g. [0, 1], not ") + type_phrase(node.type));
    return;
  }
  for (std::size_t i = 0; i < node.items.size(); ++i)
    if (const auto code = as_integer(node.items[i], index(path, i), p, 0, 255))
      spec.allowed_exit_codes.push_back(static_cast<int>(*code));
}

void read_output(const Node& node, const std::string& path, Context& cx, CommandSpec& spec) {
  Problems& p = cx.problems;
  if (node.type == Node::Type::String && node.text == "discard") return;
  if (!node.is_map()) {
    p.add(node, path, "must be 'discard' (the default) or a map of files, e.g. {stdout: out.txt, stderr: err.txt}");
    return;
  }
  MapReader m(node, path, p);
  const auto file = [&](const char* key, std::filesystem::path& out) {
    const Node* n = m.get(key);
    if (!n) return;
    if (const auto s = as_name(*n, m.path_of(key), p)) {
      out = absolute_from(cx.base_dir, *s);
      if (!std::filesystem::is_directory(out.parent_path()))
        p.add(*n, m.path_of(key),
              "folder " + quote(out.parent_path().string()) + " does not exist; paths are relative to the scenario file");
    }
  };
  file("stdout", spec.stdout_file);
  file("stderr", spec.stderr_file);
  m.finish({"stdout", "stderr"});
}

}  // namespace

const std::vector<std::string>& command_keys() {
  static const std::vector<std::string> keys = {"command", "shell", "working_dir", "env", "allowed_exit_codes", "timeout", "output"};
  return keys;
}

void read_spec(MapReader& m, Context& cx, CommandSpec& spec, Problems& p) {
  if (const Node* n = m.get("shell")) spec.shell = as_bool(*n, m.path_of("shell"), p).value_or(false);
  if (const Node* n = m.require("command", "e.g. command: [python3, backtest.py]"))
    read_argv(*n, m.path_of("command"), spec.shell, p, spec);
  spec.working_dir = cx.base_dir;
  if (const Node* n = m.get("working_dir"))
    if (const auto s = as_name(*n, m.path_of("working_dir"), p)) {
      spec.working_dir = absolute_from(cx.base_dir, *s);
      if (!std::filesystem::is_directory(spec.working_dir))
        p.add(*n, m.path_of("working_dir"),
              "folder " + quote(spec.working_dir.string()) + " does not exist; paths are relative to the scenario file");
    }
  if (const Node* n = m.get("env")) read_env(*n, m.path_of("env"), p, spec);
  if (const Node* n = m.get("allowed_exit_codes")) read_exit_codes(*n, m.path_of("allowed_exit_codes"), p, spec);
  if (const Node* n = m.get("timeout")) spec.timeout_s = as_number(*n, m.path_of("timeout"), p, 0.001, 86400);
  if (const Node* n = m.get("output")) read_output(*n, m.path_of("output"), cx, spec);
}

}  // namespace ph::scenario::detail
