#pragma once
// Reading typed values out of the document tree, reporting each problem at its
// position and carrying on, so one pass finds every problem.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "node.hpp"
#include "perfharness/common/date.hpp"

namespace ph::scenario::detail {

/// The keys of one map: what was read, what was required, what nobody knows.
class MapReader {
 public:
  /// Reports "must be a map" when `node` is not one (an empty value reads as an empty map).
  MapReader(const Node& node, std::string path, Problems& problems);

  bool ok() const noexcept { return ok_; }
  const Node& node() const noexcept { return node_; }
  const std::string& path() const noexcept { return path_; }
  std::string path_of(std::string_view key) const { return child(path_, key); }

  /// The value of `key`, marked as known; nullptr when absent.
  const Node* get(std::string_view key);
  /// Same, reporting a missing key (with `hint` appended, e.g. an example).
  const Node* require(std::string_view key, std::string_view hint = {});
  /// Marks keys that are valid here without reading them.
  void allow(std::string_view key);
  /// Reports duplicate keys, and every key never read nor allowed, with a "did you
  /// mean" among `known` (or the list of `known` when none is close).
  void finish(const std::vector<std::string>& known);
  /// Keys not read so far (for callers with their own message about them).
  std::vector<const Entry*> unread() const;
  void mark_read(const Entry* e);

 private:
  const Node& node_;
  std::string path_;
  Problems& problems_;
  bool ok_ = true;
  std::vector<bool> read_;
};

std::optional<std::string> as_string(const Node& n, const std::string& path, Problems& p);
/// A non-empty string.
std::optional<std::string> as_name(const Node& n, const std::string& path, Problems& p);
std::optional<bool> as_bool(const Node& n, const std::string& path, Problems& p);
/// A finite number within [min, max].
std::optional<double> as_number(const Node& n, const std::string& path, Problems& p, double min, double max);
/// A whole number within [min, max].
std::optional<std::int64_t> as_integer(const Node& n, const std::string& path, Problems& p, std::int64_t min,
                                       std::int64_t max);
std::optional<std::uint64_t> as_seed(const Node& n, const std::string& path, Problems& p);
/// A YYYY-MM-DD date.
std::optional<Date> as_date(const Node& n, const std::string& path, Problems& p);
/// The number a Number node holds (no checks beyond parsing).
std::optional<double> number_value(const Node& n);

/// Copies a read value into `out`; false when there was none. (Plain values after
/// this keep GCC's -Wmaybe-uninitialized quiet about std::optional.)
template <class T>
bool assign(const std::optional<T>& v, T& out) {
  if (v) out = *v;
  return v.has_value();
}

/// Shortest text that reads back as the same double ("0.05", "10", "1e+20").
std::string number_text(double v);

}  // namespace ph::scenario::detail
