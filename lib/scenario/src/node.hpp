#pragma once
// The syntax-neutral document tree both readers (YAML, JSON) produce: every value
// with its position, maps in file order (duplicates kept, so they can be reported).
// Validating this one tree is what makes the two syntaxes give identical scenarios.
#include <string>
#include <string_view>
#include <vector>

#include "perfharness/common/did_you_mean.hpp"
#include "perfharness/scenario/scenario.hpp"

namespace ph::scenario::detail {

struct Entry;

struct Node {
  enum class Type { Null, Bool, Number, String, Sequence, Map };
  Type type = Type::Null;
  std::string text;    // scalars: the decoded string; a number as written; "true"/"false"
  SourcePos pos;
  std::string origin;  // "--set KEY=VALUE" for a value given on the command line
  std::vector<Node> items;     // Sequence
  std::vector<Entry> entries;  // Map, in file order

  bool is_map() const noexcept { return type == Type::Map; }
  bool is_seq() const noexcept { return type == Type::Sequence; }
  /// The first entry with this key, or nullptr.
  const Node* find(std::string_view key) const noexcept;
  Node* find(std::string_view key) noexcept;
};

struct Entry {
  std::string key;
  SourcePos key_pos;
  Node value;
};

/// "a map", "a list", "a string", …: what a message calls a value of this type.
const char* type_phrase(Node::Type t) noexcept;

/// Paths as messages show them: child("operations[2]", "budgets") = "operations[2].budgets".
std::string child(const std::string& path, std::string_view key);
std::string index(const std::string& path, std::size_t i);
/// Input text quoted for a message: 'text', with control bytes and invalid UTF-8 escaped
/// as \xNN and the length capped (ph::printable).
std::string quote(std::string_view text);

/// Collects every problem of one file.
class Problems {
 public:
  explicit Problems(std::string file) : file_(std::move(file)) {}
  void add(SourcePos pos, std::string path, std::string message);
  /// At a value; a value from --set is marked as such in the message.
  void add(const Node& at, std::string path, std::string message);
  std::size_t count() const noexcept { return list_.size(); }
  const std::string& file() const noexcept { return file_; }
  /// Every problem, in file order (whole-file ones first).
  std::vector<Diagnostic> take();

 private:
  std::string file_;
  std::vector<Diagnostic> list_;
};

/// "a, b, c"
std::string join(const std::vector<std::string>& words, std::string_view sep = ", ");

}  // namespace ph::scenario::detail
