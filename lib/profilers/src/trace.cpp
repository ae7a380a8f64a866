#include "perfharness/profilers/trace.hpp"

#include <unistd.h>

#include <algorithm>
#include <new>

namespace ph::profilers {

bool TraceBuffer::grow() noexcept {
  try {
    const std::size_t wanted = std::min(capacity_, std::max<std::size_t>(4096, events_.capacity() * 2));
    events_.reserve(wanted);
    return true;
  } catch (const std::bad_alloc&) {
    return false;
  }
}

void TraceBuffer::append(const TraceBuffer& other) {
  const std::size_t room = capacity_ - std::min(capacity_, events_.size());
  const std::size_t taken = std::min(room, other.events_.size());
  events_.insert(events_.end(), other.events_.begin(), other.events_.begin() + static_cast<std::ptrdiff_t>(taken));
  dropped_ += other.dropped_ + (other.events_.size() - taken);
}

void TraceBuffer::clear() noexcept {
  events_.clear();
  dropped_ = 0;
}

std::uint32_t current_tid() noexcept { return static_cast<std::uint32_t>(::gettid()); }

}  // namespace ph::profilers
