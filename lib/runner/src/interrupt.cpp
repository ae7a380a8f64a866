#include "interrupt.hpp"

#include <csignal>
#include <unistd.h>

namespace ph::runner {
namespace {
std::atomic<bool> g_interrupted{false};
struct sigaction g_previous {};

void on_sigint(int) {
  if (g_interrupted.exchange(true)) _exit(130);
}
}  // namespace

InterruptGuard::InterruptGuard() {
  g_interrupted = false;
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &g_previous);
}

InterruptGuard::~InterruptGuard() { sigaction(SIGINT, &g_previous, nullptr); }

const std::atomic<bool>& InterruptGuard::flag() const noexcept { return g_interrupted; }

}  // namespace ph::runner
