// JSON text to the document tree. nlohmann's parser gives no positions per value,
// so a light scan of the same text lists where each token starts; SAX events arrive
// in the same order (one per key and per value), and each takes the next position.
#include <nlohmann/json.hpp>

#include "perfharness/common/printable.hpp"
#include "source.hpp"

namespace ph::scenario::detail {
namespace {

bool is_delimiter(char c) {
  return c == ',' || c == ':' || c == '[' || c == ']' || c == '{' || c == '}' || c == ' ' || c == '\t' ||
         c == '\n' || c == '\r';
}

// Start offsets of every key and value token, in document order.
std::vector<std::size_t> token_starts(std::string_view text) {
  std::vector<std::size_t> starts;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':' || c == ']' || c == '}') {
      ++i;
    } else if (c == '[' || c == '{') {
      starts.push_back(i++);
    } else if (c == '"') {
      starts.push_back(i++);
      while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
      ++i;
    } else {
      starts.push_back(i);
      while (i < text.size() && !is_delimiter(text[i])) ++i;
    }
  }
  return starts;
}

class TreeBuilder : public nlohmann::json_sax<nlohmann::json> {
 public:
  TreeBuilder(std::string_view text, Problems& problems)
      : lines_(text), starts_(token_starts(text)), problems_(problems) {}

  bool null() override { return scalar(Node::Type::Null, {}); }
  bool boolean(bool v) override { return scalar(Node::Type::Bool, v ? "true" : "false"); }
  bool number_integer(number_integer_t v) override { return scalar(Node::Type::Number, std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return scalar(Node::Type::Number, std::to_string(v)); }
  bool number_float(number_float_t, const string_t& s) override { return scalar(Node::Type::Number, s); }
  bool string(string_t& v) override { return scalar(Node::Type::String, v); }
  bool binary(binary_t&) override { return false; }

  bool start_object(std::size_t) override { return open(Node::Type::Map); }
  bool start_array(std::size_t) override { return open(Node::Type::Sequence); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& k) override {
    Entry e;
    e.key = k;
    e.key_pos = next_pos();
    stack_.back().entries.push_back(std::move(e));
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    // The message starts "[json.exception.parse_error.101] parse error at line L, column C: ".
    std::string message = ex.what();
    const auto column = message.find("column ");
    const auto colon = column == std::string::npos ? column : message.find(": ", column);
    if (colon != std::string::npos) message = message.substr(colon + 2);
    // "last read: '...'" quotes the input: escaped (DEL, invalid UTF-8) and capped.
    message = "JSON syntax error: " + printable(message, 300);
    if (message.find("UTF-8") != std::string::npos) message += "; save the file as UTF-8";
    problems_.add(lines_.at(position > 0 ? position - 1 : 0), "", std::move(message));
    return false;
  }

  std::optional<Node> root;

 private:
  SourcePos next_pos() { return next_ < starts_.size() ? lines_.at(starts_[next_++]) : SourcePos{}; }

  bool scalar(Node::Type type, std::string text) {
    Node n;
    n.type = type;
    n.text = std::move(text);
    n.pos = next_pos();
    return attach(std::move(n));
  }

  bool open(Node::Type type) {
    if (static_cast<int>(stack_.size()) >= kMaxDepth) {
      problems_.add(next_pos(), "", "nesting deeper than " + std::to_string(kMaxDepth) + " levels; flatten it");
      return false;
    }
    Node n;
    n.type = type;
    n.pos = next_pos();
    stack_.push_back(std::move(n));
    return true;
  }

  bool close() {
    Node done = std::move(stack_.back());
    stack_.pop_back();
    return attach(std::move(done));
  }

  bool attach(Node n) {
    if (++values_ > kMaxDocumentValues) {
      problems_.add(n.pos, "", "the document holds more than " + std::to_string(kMaxDocumentValues) + " values");
      return false;
    }
    if (stack_.empty()) {
      root = std::move(n);
    } else if (stack_.back().is_seq()) {
      stack_.back().items.push_back(std::move(n));
    } else {
      stack_.back().entries.back().value = std::move(n);
    }
    return true;
  }

  LineIndex lines_;
  std::vector<std::size_t> starts_;
  std::size_t next_ = 0;
  std::size_t values_ = 0;
  std::vector<Node> stack_;
  Problems& problems_;
};

}  // namespace

std::optional<Node> parse_json(std::string_view text, Problems& problems) {
  if (estimate_json_depth(text) > kMaxDepth) {
    problems.add(SourcePos{}, "", "nesting deeper than " + std::to_string(kMaxDepth) + " levels; flatten it");
    return std::nullopt;
  }
  TreeBuilder builder(text, problems);
  const std::size_t before = problems.count();
  bool ok = false;
  try {
    ok = nlohmann::json::sax_parse(text, &builder);
  } catch (const std::exception& e) {
    problems.add(SourcePos{}, "", "cannot parse the JSON: " + printable(e.what(), 300));
    return std::nullopt;
  }
  if (!ok || !builder.root) {
    if (problems.count() == before) problems.add(SourcePos{}, "", "cannot parse the JSON");
    return std::nullopt;
  }
  return std::move(builder.root);
}

}  // namespace ph::scenario::detail
