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

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  // Close enough to be a typo: a third of the word's length, at least 1, at most 3 edits.
  const std::size_t allowed = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  const std::string* best = nullptr;
  std::size_t best_distance = allowed + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best = &c;
      best_distance = d;
    }
  }
  return best ? "; did you mean '" + *best + "'?" : "";
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
