// YAML text to the document tree, built from yaml-cpp's parser events (0-based
// marks; plain scalars are tagged "?", so quoted '10' stays a string while plain 10
// is a number). The events are used rather than YAML::LoadAll, which loops forever
// on some broken input (yaml-cpp issue #1319, fixed after 0.7); each document is
// parsed at most once, and aliases are expanded here under a size limit.
#include <map>
#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "perfharness/common/printable.hpp"
#include "source.hpp"

namespace ph::scenario::detail {
namespace {

SourcePos pos_of(const YAML::Mark& m) {
  if (m.is_null()) return {};
  return {m.line + 1, m.column + 1};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// [-+]? (digits [. digits?] | . digits) ([eE] [-+]? digits)?
bool is_plain_number(const std::string& s) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t from = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    return i > from;
  };
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  const bool whole = digits();
  bool fraction = false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    fraction = digits();
  }
  if (!whole && !fraction) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

std::size_t count_values(const Node& n) {
  std::size_t count = 1;
  for (const auto& item : n.items) count += count_values(item);
  for (const auto& e : n.entries) count += count_values(e.value);
  return count;
}

// Thrown from the event handler to stop the parser; the problem is already recorded.
struct Stop {};

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(Problems& problems, const std::string& origin) : problems_(problems), origin_(origin) {}

  std::optional<Node> root;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { add(start(Node::Type::Null, mark), anchor); }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      problems_.add(pos_of(mark), "", "an alias refers to the node that contains it; YAML cannot express that loop");
      throw Stop{};
    }
    count(it->second.second, pos_of(mark));
    Node copy = it->second.first;
    copy.pos = origin_.empty() ? pos_of(mark) : SourcePos{};
    add(std::move(copy), 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Node n = start(Node::Type::String, mark);
    n.text = value;
    if (tag == "?") {  // plain: YAML 1.2 core schema booleans and numbers
      if (value == "true" || value == "True" || value == "TRUE") {
        n.type = Node::Type::Bool;
        n.text = "true";
      } else if (value == "false" || value == "False" || value == "FALSE") {
        n.type = Node::Type::Bool;
        n.text = "false";
      } else if (is_plain_number(value)) {
        n.type = Node::Type::Number;
      }
    }
    add(std::move(n), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(start(Node::Type::Sequence, mark), anchor);
  }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(start(Node::Type::Map, mark), anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Node node;
    YAML::anchor_t anchor = 0;
    bool has_key = false;  // maps: a key was read, its value comes next
    Entry pending;
  };

  Node start(Node::Type type, const YAML::Mark& mark) {
    Node n;
    n.type = type;
    n.pos = origin_.empty() ? pos_of(mark) : SourcePos{};
    n.origin = origin_;
    count(1, n.pos);
    return n;
  }

  void count(std::size_t n, SourcePos at) {
    values_ += n;
    if (values_ > kMaxDocumentValues) {
      problems_.add(at, "", "the document expands to more than " + std::to_string(kMaxDocumentValues) +
                                " values (aliases?); simplify it");
      throw Stop{};
    }
  }

  void open(Node n, YAML::anchor_t anchor) {
    if (static_cast<int>(stack_.size()) >= kMaxDepth) {
      problems_.add(n.pos, "", "nesting deeper than " + std::to_string(kMaxDepth) + " levels; flatten it");
      throw Stop{};
    }
    stack_.push_back(Frame{std::move(n), anchor, false, {}});
  }

  void close() {
    Frame done = std::move(stack_.back());
    stack_.pop_back();
    add(std::move(done.node), done.anchor);
  }

  void add(Node n, YAML::anchor_t anchor) {
    if (anchor != 0) anchors_[anchor] = {n, count_values(n)};
    if (stack_.empty()) {
      root = std::move(n);
      return;
    }
    Frame& parent = stack_.back();
    if (parent.node.is_seq()) {
      parent.node.items.push_back(std::move(n));
    } else if (!parent.has_key) {
      if (n.type != Node::Type::String && n.type != Node::Type::Number && n.type != Node::Type::Bool) {
        problems_.add(n.pos, "", std::string("a key must be a plain word, not ") + type_phrase(n.type));
        throw Stop{};
      }
      parent.pending = Entry{n.text, n.pos, Node{}};
      parent.has_key = true;
    } else {
      // yaml-cpp marks an empty value at the next token; the key is where it was written.
      if (n.type == Node::Type::Null) n.pos = parent.pending.key_pos;
      parent.pending.value = std::move(n);
      parent.node.entries.push_back(std::move(parent.pending));
      parent.has_key = false;
    }
  }

  Problems& problems_;
  const std::string& origin_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, std::pair<Node, std::size_t>> anchors_;  // node, its value count
  std::size_t values_ = 0;
};

// Where the first character of content is: not blank, not a comment, not a marker.
std::optional<SourcePos> first_content(std::string_view text) {
  const LineIndex lines(text);
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos && line[first] != '#') {
      const std::string_view rest = line.substr(first);
      const bool marker = rest.substr(0, 3) == "---" || rest.substr(0, 3) == "...";
      const bool null_word = rest == "~" || rest == "null" || rest == "Null" || rest == "NULL";
      if (!marker && !null_word && rest.front() != '%') return lines.at(pos + first);
    }
    pos = end + 1;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Node> parse_yaml(std::string_view text, Problems& problems, const std::string& origin) {
  if (estimate_yaml_depth(text) > kMaxDepth) {
    problems.add(SourcePos{}, "", "nesting deeper than " + std::to_string(kMaxDepth) + " levels; flatten it");
    return std::nullopt;
  }
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    TreeBuilder first(problems, origin);
    if (!parser.HandleNextDocument(first) || !first.root) return Node{};  // no document: empty
    Node root = std::move(*first.root);
    if (root.type == Node::Type::Null) {
      // yaml-cpp 0.7 reads some broken documents (one starting with ',') as null.
      if (const auto at = first_content(text)) {
        problems.add(*at, "", "YAML syntax error: no value can start here");
        return std::nullopt;
      }
      return root;
    }
    TreeBuilder second(problems, origin);
    if (parser.HandleNextDocument(second)) {
      problems.add(second.root ? second.root->pos : SourcePos{}, "",
                   "the file holds more than one YAML document; a scenario is one document (remove the '---' separators)");
      return std::nullopt;
    }
    return root;
  } catch (const Stop&) {
  } catch (const YAML::Exception& e) {
    // yaml-cpp quotes input: "unknown escape character: " is followed by the raw byte.
    problems.add(pos_of(e.mark), "", "YAML syntax error: " + printable(e.msg, 300));
  } catch (const std::exception& e) {
    problems.add(SourcePos{}, "", "cannot parse the YAML: " + printable(e.what(), 300));
  }
  return std::nullopt;
}

}  // namespace ph::scenario::detail
