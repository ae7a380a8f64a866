#pragma once
// SIGINT handling for a run: the first Ctrl-C asks the run to stop at the next
// case boundary (the report so far is written, marked incomplete); a second one
// ends the process at once, as users expect.
#include <atomic>

namespace ph::runner {

class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  const std::atomic<bool>& flag() const noexcept;
};

}  // namespace ph::runner
