#include "overrides.hpp"

#include <charconv>
#include <variant>

#include "source.hpp"

namespace ph::scenario::detail {
namespace {

using Segment = std::variant<std::string, std::size_t>;  // a key, or a list index

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// "operations[0].symbols" -> {"operations", 0, "symbols"}; an empty result means malformed.
std::vector<Segment> parse_key(std::string_view key) {
  std::vector<Segment> out;
  std::size_t i = 0;
  while (i < key.size()) {
    if (key[i] == '[') {
      const std::size_t close = key.find(']', i);
      if (close == std::string_view::npos || close == i + 1) return {};
      std::size_t n = 0;
      const auto [ptr, ec] = std::from_chars(key.data() + i + 1, key.data() + close, n);
      if (ec != std::errc() || ptr != key.data() + close) return {};
      out.emplace_back(n);
      i = close + 1;
      if (i < key.size() && key[i] != '.' && key[i] != '[') return {};
      if (i < key.size() && key[i] == '.') ++i;
      if (i == key.size() && key.back() == '.') return {};
      continue;
    }
    const std::size_t from = i;
    while (i < key.size() && is_key_char(key[i])) ++i;
    if (i == from) return {};
    out.emplace_back(std::string(key.substr(from, i - from)));
    if (i < key.size() && key[i] == '.') {
      ++i;
      if (i == key.size()) return {};
    } else if (i < key.size() && key[i] != '[') {
      return {};
    }
  }
  return out;
}

std::string describe(const std::vector<Segment>& segments, std::size_t upto) {
  std::string out;
  for (std::size_t i = 0; i < upto; ++i) {
    if (const auto* k = std::get_if<std::string>(&segments[i])) out = child(out, *k);
    else out = index(out, std::get<std::size_t>(segments[i]));
  }
  return out.empty() ? "the document" : "'" + out + "'";
}

// The node KEY names, created as needed; nullptr after reporting why it cannot be.
Node* locate(Node& root, const std::vector<Segment>& segments, const std::string& what, Problems& p) {
  Node* at = &root;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (const auto* key = std::get_if<std::string>(&segments[i])) {
      if (at->type == Node::Type::Null) at->type = Node::Type::Map;
      if (!at->is_map()) {
        p.add(SourcePos{}, what, describe(segments, i) + " is " + type_phrase(at->type) + ", so it has no key '" + *key + "'");
        return nullptr;
      }
      Node* next = at->find(*key);
      if (!next) {
        at->entries.push_back(Entry{*key, {}, Node{}});
        next = &at->entries.back().value;
      }
      at = next;
    } else {
      const std::size_t n = std::get<std::size_t>(segments[i]);
      if (!at->is_seq()) {
        p.add(SourcePos{}, what, describe(segments, i) + " is " + type_phrase(at->type) + ", not a list, so [" +
                                     std::to_string(n) + "] does not apply");
        return nullptr;
      }
      if (n >= at->items.size()) {
        p.add(SourcePos{}, what, describe(segments, i) + " has " + std::to_string(at->items.size()) +
                                     " entries; index " + std::to_string(n) + " is out of range");
        return nullptr;
      }
      at = &at->items[n];
    }
  }
  return at;
}

}  // namespace

void apply_overrides(Node& root, const std::vector<std::string>& overrides, Problems& p) {
  for (const std::string& text : overrides) {
    const std::string what = "--set " + text;
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
      p.add(SourcePos{}, what, "is not KEY=VALUE; e.g. --set defaults.repetitions=3");
      continue;
    }
    const auto segments = parse_key(std::string_view(text).substr(0, eq));
    if (segments.empty()) {
      p.add(SourcePos{}, what,
            quote(std::string_view(text).substr(0, eq)) +
                " is not a key path; write keys with dots and list indices, e.g. operations[0].symbols");
      continue;
    }
    // A file's bytes are checked when it is read; a value from the command line is not
    // in the file, and invalid UTF-8 in it would fail only at the report write.
    if (const auto bad = first_invalid_utf8(text)) {  // the key is ASCII: checked above
      p.add(SourcePos{}, what, "VALUE is not valid UTF-8 at column " + std::to_string(*bad - eq) +
                                   "; pass it as UTF-8 (check the shell's or the script's encoding)");
      continue;
    }
    // Problems of VALUE have positions within VALUE, not the file: restate them.
    Problems value_problems(p.file());
    auto value = parse_yaml(std::string_view(text).substr(eq + 1), value_problems, what);
    if (!value || value_problems.count() > 0) {
      for (const Diagnostic& d : value_problems.take())
        p.add(SourcePos{}, what, "VALUE " + d.message + " at column " + std::to_string(d.pos.column));
      continue;
    }
    if (Node* target = locate(root, segments, what, p)) *target = std::move(*value);
  }
}

}  // namespace ph::scenario::detail
