#pragma once
// What `run --trace` recorded: every zone call, and the spans the harness marks around them
// (each measured repetition of an operation, each of its cases), on the steady clock. The
// trace reporter writes it as a Chrome trace; a run without --trace leaves it empty.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ph::report {

struct Timeline {
  enum class Category : std::uint8_t { operation, case_, zone };

  /// 32 bytes: a full timeline of a million zone calls is 32 MB, not a string per call.
  struct Span {
    std::uint32_t name = 0;  // index into names
    Category category = Category::zone;
    std::uint32_t tid = 0;  // kernel thread id
    std::int64_t start_ns = 0;
    std::int64_t duration_ns = 0;
  };

  std::vector<std::string> names;
  std::vector<Span> spans;    // operation and case spans first, then zones
  std::uint64_t dropped = 0;  // zone calls over the recording bound, counted but not kept
  long pid = 0;               // of the process that ran them
};

constexpr std::string_view to_string(Timeline::Category c) noexcept {
  switch (c) {
    case Timeline::Category::operation: return "operation";
    case Timeline::Category::case_: return "case";
    case Timeline::Category::zone: return "zone";
  }
  return "zone";
}

/// Builds a Timeline, storing each distinct name once.
class TimelineBuilder {
 public:
  explicit TimelineBuilder(Timeline& out) : out_(out) {
    for (std::uint32_t i = 0; i < out_.names.size(); ++i) index_.emplace(out_.names[i], i);
  }
  void add(std::string_view name, Timeline::Category category, std::uint32_t tid, std::int64_t start_ns,
           std::int64_t duration_ns) {
    out_.spans.push_back({intern(name), category, tid, start_ns, duration_ns});
  }

 private:
  std::uint32_t intern(std::string_view name) {
    if (const auto it = index_.find(name); it != index_.end()) return it->second;
    const auto i = static_cast<std::uint32_t>(out_.names.size());
    out_.names.emplace_back(name);
    index_.emplace(out_.names.back(), i);
    return i;
  }

  struct NameHash {
    using is_transparent = void;  // finds by string_view: no string made per span
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  Timeline& out_;
  std::unordered_map<std::string, std::uint32_t, NameHash, std::equal_to<>> index_;
};

}  // namespace ph::report
