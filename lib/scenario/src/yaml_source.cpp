// YAML text to the document tree (yaml-cpp 0.7: 0-based marks; plain scalars are
// tagged "?", so quoted '10' stays a string while plain 10 is a number).
#include <yaml-cpp/yaml.h>

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

class Converter {
 public:
  Converter(Problems& problems, const std::string& origin) : problems_(problems), origin_(origin) {}

  bool convert(const YAML::Node& in, Node& out, int depth, const std::string& path) {
    if (++values_ > kMaxValues) {
      problems_.add(pos_of(in.Mark()), path,
                    "the document expands to more than " + std::to_string(kMaxValues) +
                        " values (aliases?); simplify it");
      return false;
    }
    // A value from --set has no place in the file; its origin says where it came from.
    out.pos = origin_.empty() ? pos_of(in.Mark()) : SourcePos{};
    out.origin = origin_;
    switch (in.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.type = Node::Type::Null;
        return true;
      case YAML::NodeType::Scalar:
        scalar(in, out);
        return true;
      case YAML::NodeType::Sequence:
      case YAML::NodeType::Map:
        break;
    }
    if (depth >= kMaxDepth) {
      problems_.add(out.pos, path, "nesting deeper than " + std::to_string(kMaxDepth) + " levels; flatten it");
      return false;
    }
    if (in.IsSequence()) {
      out.type = Node::Type::Sequence;
      out.items.reserve(in.size());
      std::size_t i = 0;
      for (const auto& item : in) {
        out.items.emplace_back();
        if (!convert(item, out.items.back(), depth + 1, index(path, i++))) return false;
      }
      return true;
    }
    out.type = Node::Type::Map;
    for (auto it = in.begin(); it != in.end(); ++it) {
      Entry e;
      e.key_pos = origin_.empty() ? pos_of(it->first.Mark()) : SourcePos{};
      if (!it->first.IsScalar()) {
        problems_.add(e.key_pos, path, "a key must be a plain word, not " +
                                           std::string(it->first.IsNull() ? "empty" : "a list or map"));
        continue;
      }
      e.key = it->first.Scalar();
      if (!convert(it->second, e.value, depth + 1, child(path, e.key))) return false;
      // yaml-cpp marks an empty value at the next token; the key is where it was written.
      if (e.value.type == Node::Type::Null) e.value.pos = e.key_pos;
      out.entries.push_back(std::move(e));
    }
    return true;
  }

 private:
  static void scalar(const YAML::Node& in, Node& out) {
    out.text = in.Scalar();
    out.type = Node::Type::String;
    if (in.Tag() != "?") return;  // quoted or explicitly tagged: a string as written
    if (out.text == "true" || out.text == "True" || out.text == "TRUE") {
      out.type = Node::Type::Bool;
      out.text = "true";
    } else if (out.text == "false" || out.text == "False" || out.text == "FALSE") {
      out.type = Node::Type::Bool;
      out.text = "false";
    } else if (is_plain_number(out.text)) {
      out.type = Node::Type::Number;
    }
  }

  Problems& problems_;
  const std::string& origin_;
  std::size_t values_ = 0;
};

}  // namespace

std::optional<Node> parse_yaml(std::string_view text, Problems& problems, const std::string& origin) {
  if (estimate_yaml_depth(text) > kMaxDepth) {
    problems.add(SourcePos{}, "", "nesting deeper than " + std::to_string(kMaxDepth) + " levels; flatten it");
    return std::nullopt;
  }
  try {
    const std::vector<YAML::Node> documents = YAML::LoadAll(std::string(text));
    if (documents.size() > 1) {
      problems.add(pos_of(documents[1].Mark()), "",
                   "the file holds " + std::to_string(documents.size()) +
                       " YAML documents; a scenario is one document (remove the '---' separators)");
      return std::nullopt;
    }
    Node root;
    if (documents.empty()) return root;
    Converter converter(problems, origin);
    if (!converter.convert(documents.front(), root, 0, "")) return std::nullopt;
    return root;
  } catch (const YAML::Exception& e) {
    problems.add(pos_of(e.mark), "", "YAML syntax error: " + e.msg);
  } catch (const std::exception& e) {
    problems.add(SourcePos{}, "", std::string("cannot parse the YAML: ") + e.what());
  }
  return std::nullopt;
}

}  // namespace ph::scenario::detail
