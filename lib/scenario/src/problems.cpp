#include <algorithm>

#include "node.hpp"
#include "perfharness/common/printable.hpp"

namespace ph::scenario {

std::string Diagnostic::format() const {
  std::string out = file;
  if (pos.line > 0) {
    out += ':';
    out += std::to_string(pos.line);
    out += ':';
    out += std::to_string(pos.column);
  }
  out += ": ";
  if (!path.empty()) {
    out += path;
    out += ": ";
  }
  out += message;
  return out;
}

}  // namespace ph::scenario

namespace ph::scenario::detail {

const Node* Node::find(std::string_view key) const noexcept {
  for (const auto& e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

Node* Node::find(std::string_view key) noexcept {
  for (auto& e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

const char* type_phrase(Node::Type t) noexcept {
  switch (t) {
    case Node::Type::Null: return "empty (null)";
    case Node::Type::Bool: return "a boolean";
    case Node::Type::Number: return "a number";
    case Node::Type::String: return "a string";
    case Node::Type::Sequence: return "a list";
    case Node::Type::Map: return "a map";
  }
  return "a value";
}

std::string child(const std::string& path, std::string_view key) {
  // Keys are input, and an unknown one is named in its own path: escaped and capped there.
  return path.empty() ? printable(key) : path + "." + printable(key);
}

std::string quote(std::string_view text) { return "'" + printable(text) + "'"; }

std::string index(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

void Problems::add(SourcePos pos, std::string path, std::string message) {
  // Call sites quote input with quote() or printable(), which also caps its length; this
  // escapes what one forgot, so no control byte reaches a terminal or a CI log.
  list_.push_back({printable(file_, std::string::npos), pos, printable(path, std::string::npos),
                   printable(message, std::string::npos)});
}

void Problems::add(const Node& at, std::string path, std::string message) {
  if (!at.origin.empty()) message += " (value from " + at.origin + ")";
  add(at.pos, std::move(path), std::move(message));
}

std::vector<Diagnostic> Problems::take() {
  std::stable_sort(list_.begin(), list_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
    return a.pos.column < b.pos.column;
  });
  return std::move(list_);
}

std::string join(const std::vector<std::string>& words, std::string_view sep) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += sep;
    out += w;
  }
  return out;
}

}  // namespace ph::scenario::detail
