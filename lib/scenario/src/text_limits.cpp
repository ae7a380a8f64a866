#include <algorithm>
#include <vector>

#include "source.hpp"

namespace ph::scenario::detail {

LineIndex::LineIndex(std::string_view text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
}

SourcePos LineIndex::at(std::size_t offset) const {
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const auto line = static_cast<std::size_t>(it - starts_.begin());  // >= 1
  return {static_cast<int>(line), static_cast<int>(offset - starts_[line - 1] + 1)};
}

int estimate_json_depth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

namespace {

// True when a block-context line's value is a block scalar header (| or >, with
// optional indentation and chomping indicators): the lines below it are text.
bool opens_block_scalar(std::string_view content) {
  while (!content.empty() && (content.back() == ' ' || content.back() == '\t')) content.remove_suffix(1);
  while (!content.empty() && (content.back() == '-' || content.back() == '+' ||
                              (content.back() >= '1' && content.back() <= '9')))
    content.remove_suffix(1);
  if (content.empty() || (content.back() != '|' && content.back() != '>')) return false;
  content.remove_suffix(1);
  return content.empty() || content.back() == ' ' || content.back() == '-';
}

}  // namespace

int estimate_yaml_depth(std::string_view text) {
  std::vector<int> indents;  // block levels open above the current line
  int flow = 0, deepest = 0;
  int block_scalar_parent = -1;  // indentation of the line that opened a block scalar
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    int indent = 0;
    while (static_cast<std::size_t>(indent) < line.size() && line[static_cast<std::size_t>(indent)] == ' ') ++indent;
    std::string_view rest = line.substr(static_cast<std::size_t>(indent));
    if (rest.empty() || rest.front() == '#' || rest.front() == '\r') continue;
    if (block_scalar_parent >= 0) {
      if (indent > block_scalar_parent) continue;
      block_scalar_parent = -1;
    }
    if (flow == 0) {
      while (!indents.empty() && indents.back() >= indent) indents.pop_back();
      indents.push_back(indent);
      // "- - x": each dash opens a deeper level on the same line.
      int column = indent;
      while (rest.size() >= 2 && rest[0] == '-' && rest[1] == ' ') {
        std::size_t skip = 2;
        while (skip < rest.size() && rest[skip] == ' ') ++skip;
        column += static_cast<int>(skip);
        rest.remove_prefix(skip);
        indents.push_back(column);
      }
    }
    // Flow brackets outside quotes and comments.
    char quote = 0;
    std::size_t content_end = rest.size();
    for (std::size_t i = 0; i < rest.size(); ++i) {
      const char c = rest[i];
      if (quote) {
        if (quote == '"' && c == '\\') ++i;
        else if (c == quote) quote = 0;
      } else if ((c == '"' || c == '\'') && (i == 0 || rest[i - 1] == ' ' || rest[i - 1] == '[' ||
                                             rest[i - 1] == '{' || rest[i - 1] == ',' || rest[i - 1] == ':')) {
        quote = c;
      } else if (c == '#' && (i == 0 || rest[i - 1] == ' ')) {
        content_end = i;
        break;
      } else if (c == '[' || c == '{') {
        ++flow;
        deepest = std::max(deepest, static_cast<int>(indents.size()) + flow);
      } else if ((c == ']' || c == '}') && flow > 0) {
        --flow;
      }
    }
    deepest = std::max(deepest, static_cast<int>(indents.size()) + flow);
    if (flow == 0 && opens_block_scalar(rest.substr(0, content_end))) block_scalar_parent = indent;
  }
  return deepest;
}

}  // namespace ph::scenario::detail
