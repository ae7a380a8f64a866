// Callgrind client requests. Each request is a magic instruction sequence that valgrind
// intercepts and that does nothing on a real CPU, so these calls are free outside valgrind.
#include "perfharness/profilers/callgrind.hpp"

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define PH_HAVE_CALLGRIND_H 1
#endif
#endif

#include <cstdlib>
#include <cstring>

namespace ph::profilers {
namespace {

// Nesting depth of InstructionRegion per thread: inner regions must not toggle collection
// back off in the middle of the outer one.
thread_local int t_region_depth = 0;
// Whether collection is on for this thread (only meaningful while t_region_depth > 0).
thread_local bool t_collecting = false;
// The outermost active region's label, for its parts' dumps; null outside regions.
thread_local const std::string* t_region_label = nullptr;
// The innermost active part's label; null outside parts.
thread_local const std::string* t_part_label = nullptr;

}  // namespace

bool callgrind_requests_compiled_in() noexcept {
#ifdef PH_HAVE_CALLGRIND_H
  return true;
#else
  return false;
#endif
}

bool running_on_valgrind() noexcept {
#ifdef PH_HAVE_CALLGRIND_H
  return RUNNING_ON_VALGRIND != 0;
#else
  return false;
#endif
}

void callgrind_zero_stats() noexcept {
#ifdef PH_HAVE_CALLGRIND_H
  CALLGRIND_ZERO_STATS;
#endif
}

void callgrind_toggle_collect() noexcept {
#ifdef PH_HAVE_CALLGRIND_H
  CALLGRIND_TOGGLE_COLLECT;
#endif
}

void callgrind_dump_stats(const char* label) noexcept {
#ifdef PH_HAVE_CALLGRIND_H
  CALLGRIND_DUMP_STATS_AT(label);
#else
  (void)label;
#endif
}

InstructionRegion::InstructionRegion(std::string label) noexcept : label_(std::move(label)) {
  if (!running_on_valgrind() || t_region_depth++ > 0) return;
  active_ = true;
  t_region_label = &label_;
  callgrind_zero_stats();
  callgrind_toggle_collect();
  t_collecting = true;
}

InstructionRegion::~InstructionRegion() {
  if (!running_on_valgrind()) return;
  --t_region_depth;
  if (!active_) return;
  if (t_collecting) callgrind_toggle_collect();
  t_collecting = false;
  t_region_label = nullptr;
  callgrind_dump_stats(label_.c_str());
}

InstructionPart::InstructionPart(const std::string& part) noexcept {
  if (t_region_label == nullptr || !running_on_valgrind()) return;
  const std::string& outer = t_part_label ? *t_part_label : *t_region_label;
  try {
    label_ = outer + kInstructionPartSeparator + part;
  } catch (...) {  // no memory for a label: the part stays the enclosing one's
    return;
  }
  outer_ = t_part_label;
  t_part_label = &label_;
  callgrind_dump_stats(outer.c_str());
}

InstructionPart::~InstructionPart() {
  if (label_.empty()) return;
  t_part_label = outer_;
  callgrind_dump_stats(label_.c_str());
}

InstructionCollection::InstructionCollection(bool on) noexcept {
  if (t_region_depth == 0 || t_collecting == on || !running_on_valgrind()) return;
  previous_ = t_collecting;
  changed_ = true;
  callgrind_toggle_collect();
  t_collecting = on;
}

InstructionCollection::~InstructionCollection() {
  if (!changed_) return;
  callgrind_toggle_collect();
  t_collecting = previous_;
}

bool is_callgrind_child() noexcept {
  const char* v = std::getenv(kCallgrindChildEnv);
  return v != nullptr && std::strcmp(v, "1") == 0;
}

}  // namespace ph::profilers
