#pragma once
// Turning scenario text into the document tree, with the limits that protect the
// parsers from hostile input checked first.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "perfharness/common/utf8.hpp"
#include "node.hpp"

namespace ph::scenario::detail {

inline constexpr std::size_t kMaxFileBytes = 4u * 1024 * 1024;
inline constexpr int kMaxDepth = 64;
inline constexpr std::size_t kMaxOperations = 1000;
/// Values in one document after aliases are expanded: stops "billion laughs" YAML.
inline constexpr std::size_t kMaxDocumentValues = 1'000'000;

/// Nesting depth estimated without parsing: flow brackets, block indentation and "- "
/// items (YAML), brackets outside strings (JSON). Errs low, never high, so a valid
/// document is never refused; the exact depth is checked again while building the tree.
int estimate_yaml_depth(std::string_view text);
int estimate_json_depth(std::string_view text);

/// Refuses bytes that are not scenario text before a parser sees them: binary data, a
/// NUL byte, UTF-16 without a byte-order mark, and (YAML; nlohmann checks JSON itself)
/// invalid UTF-8. YAML with a UTF-16 or UTF-32 byte-order mark is left to yaml-cpp;
/// JSON with one is refused. False after reporting the problem.
bool check_text(std::string_view bytes, bool json, Problems& problems);

/// The tree of a YAML document, or nullopt after reporting why not (syntax errors
/// with line and column). `origin` marks every value (used for --set values).
std::optional<Node> parse_yaml(std::string_view text, Problems& problems, const std::string& origin = {});

/// The same for JSON: nlohmann's SAX parser decodes and checks the syntax; a scan of
/// the text in the same token order gives each value and key its line and column.
std::optional<Node> parse_json(std::string_view text, Problems& problems);

/// 1-based line and column of a byte offset.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  SourcePos at(std::size_t offset) const;

 private:
  std::vector<std::size_t> starts_;
};

}  // namespace ph::scenario::detail
