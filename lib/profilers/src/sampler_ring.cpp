// Reading the kernel's sample ring (perf_event_open(2), "MMAP layout"). The kernel writes
// records at data_head; we read from data_tail and publish how far we got, so it can reuse the
// space. Records are 8-byte aligned; one may wrap around the end of the data area.
#include "sampler_ring.hpp"

#include <linux/perf_event.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "counters_perf_event.hpp"

namespace ph::profilers::detail {
namespace {

// 16 pages of ring per thread: at 4 kHz with 20-frame stacks the drainer wakes every ~40 ms,
// and 64 threads stay within the 8 MiB RLIMIT_MEMLOCK Debian gives an unprivileged user.
constexpr std::size_t kRingPages = 16;
constexpr int kPollTimeoutMs = 100;

std::size_t page_bytes() noexcept { return static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)); }

// The kernel refuses sample_max_stack above kernel.perf_event_max_stack (EOVERFLOW).
std::size_t kernel_max_stack() {
  std::ifstream in("/proc/sys/kernel/perf_event_max_stack");
  std::size_t frames = 0;
  if (in >> frames && frames > 0) return frames;
  return 127;  // the kernel's default
}

std::uint64_t read_u64(const unsigned char* at) noexcept {
  std::uint64_t v;
  std::memcpy(&v, at, sizeof v);
  return v;
}

}  // namespace

std::size_t SampleRing::data_bytes() noexcept { return kRingPages * page_bytes(); }

SampleRing::~SampleRing() { close(); }

int SampleRing::open(std::uint64_t period_ns, std::size_t max_depth) {
  close();
  perf_event_attr attr = make_perf_attr(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK);
  attr.sample_period = period_ns;
  attr.sample_type = PERF_SAMPLE_CALLCHAIN;
#if defined(__x86_64__)
  // The word at the stack pointer: the leaf's return address while it has no frame record.
  attr.sample_type |= PERF_SAMPLE_STACK_USER;
  attr.sample_stack_user = sizeof(std::uint64_t);
#elif defined(__aarch64__)
  attr.sample_type |= PERF_SAMPLE_REGS_USER;
  attr.sample_regs_user = std::uint64_t{1} << 30;  // the link register
#endif
  attr.disabled = 1;
  attr.exclude_kernel = 1;  // allowed at perf_event_paranoid 2
  attr.exclude_hv = 1;
  attr.exclude_callchain_kernel = 1;
  max_depth_ = std::min({max_depth, kernel_max_stack(), kMaxStackDepth});
  attr.sample_max_stack = static_cast<std::uint16_t>(max_depth_);
  attr.watermark = 1;
  attr.wakeup_watermark = static_cast<std::uint32_t>(data_bytes() / 2);
  const int fd = perf_event_open_fd(attr, 0, -1);
  if (fd < 0) return -fd;
  const std::size_t bytes = (kRingPages + 1) * page_bytes();
  void* map = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) {
    const int err = errno;
    ::close(fd);
    return err;
  }
  wrapped_.reserve(65536);  // a record's size is 16 bits: draining never allocates
  fd_ = fd;
  map_ = map;
  map_bytes_ = bytes;
  return 0;
}

void SampleRing::enable() noexcept {
  if (fd_ >= 0) ioctl(fd_, PERF_EVENT_IOC_ENABLE, 0);
}

void SampleRing::disable() noexcept {
  if (fd_ >= 0) ioctl(fd_, PERF_EVENT_IOC_DISABLE, 0);
}

std::uint64_t SampleRing::counted_ns() const noexcept {
  std::uint64_t ns = 0;
  if (fd_ < 0 || ::read(fd_, &ns, sizeof ns) != static_cast<ssize_t>(sizeof ns)) return 0;
  return ns;
}

void SampleRing::close() noexcept {
  if (map_ != nullptr) ::munmap(map_, map_bytes_);
  if (fd_ >= 0) ::close(fd_);
  map_ = nullptr;
  map_bytes_ = 0;
  fd_ = -1;
}

void SampleRing::drain(SampleBuffer& buffer, std::uint32_t thread) {
  if (map_ == nullptr) return;
  auto* meta = static_cast<perf_event_mmap_page*>(map_);
  const auto* data = static_cast<const unsigned char*>(map_) + page_bytes();
  const std::uint64_t size = data_bytes();
  const std::uint64_t head = __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE);
  std::uint64_t tail = meta->data_tail;
  while (head - tail >= sizeof(perf_event_header)) {
    perf_event_header header;
    std::memcpy(&header, data + tail % size, sizeof header);
    if (header.size < sizeof header || head - tail < header.size) break;  // not written yet
    const std::uint64_t at = tail % size;
    const unsigned char* record = data + at;
    if (at + header.size > size) {
      wrapped_.resize(header.size);
      const std::size_t first = static_cast<std::size_t>(size - at);
      std::memcpy(wrapped_.data(), data + at, first);
      std::memcpy(wrapped_.data() + first, data, header.size - first);
      record = wrapped_.data();
    }
    take(record, header.size, buffer, thread);
    tail += header.size;
  }
  __atomic_store_n(&meta->data_tail, tail, __ATOMIC_RELEASE);
}

void SampleRing::take(const unsigned char* record, std::size_t size, SampleBuffer& buffer, std::uint32_t thread) {
  perf_event_header header;
  std::memcpy(&header, record, sizeof header);
  const unsigned char* p = record + sizeof header;
  const unsigned char* end = record + size;
  if (header.type == PERF_RECORD_LOST) {
    if (end - p >= 16) buffer.dropped.fetch_add(read_u64(p + 8), std::memory_order_relaxed);  // {id, lost}
    return;
  }
  if (header.type != PERF_RECORD_SAMPLE || end - p < 8) return;
  const std::uint64_t nr = read_u64(p);
  p += 8;
  if (nr > static_cast<std::uint64_t>(end - p) / 8) return;
  std::uintptr_t frames[kMaxStackDepth];
  std::size_t depth = 0;
  for (std::uint64_t i = 0; i < nr; ++i) {
    const std::uint64_t ip = read_u64(p + 8 * i);
    if (ip >= static_cast<std::uint64_t>(PERF_CONTEXT_MAX)) continue;  // PERF_CONTEXT_USER and kin
    if (depth < kMaxStackDepth) frames[depth++] = static_cast<std::uintptr_t>(ip);
  }
  p += 8 * nr;
  std::uintptr_t candidate = 0;
#if defined(__x86_64__)
  // {u64 size; char data[size]; u64 dyn_size}: dyn_size < 8 when the stack top was closer.
  if (end - p >= 8) {
    const std::uint64_t dumped = read_u64(p);
    if (dumped >= 8 && static_cast<std::uint64_t>(end - p) >= 16 + dumped &&
        read_u64(p + 8 + dumped) >= 8)
      candidate = static_cast<std::uintptr_t>(read_u64(p + 8));
  }
#elif defined(__aarch64__)
  if (end - p >= 16 && read_u64(p) != PERF_SAMPLE_REGS_ABI_NONE) candidate = static_cast<std::uintptr_t>(read_u64(p + 8));
#endif
  if (depth == 0) return;
  store_sample(buffer, frames, depth, candidate, thread, depth >= max_depth_);
}

RingDrainer::~RingDrainer() { stop(); }

int RingDrainer::start(SampleBuffer* buffer) {
  buffer_ = buffer;
  stopping_ = false;
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd_ < 0) return errno;
  try {
    thread_ = std::thread([this] { run(); });
  } catch (const std::system_error& e) {
    ::close(wake_fd_);
    wake_fd_ = -1;
    return e.code().value();
  }
  return 0;
}

void RingDrainer::wake() noexcept {
  const std::uint64_t one = 1;
  if (wake_fd_ >= 0) (void)!::write(wake_fd_, &one, sizeof one);  // a full counter wakes the drainer as well
}

void RingDrainer::add(SampleRing* ring, std::uint32_t thread) {
  {
    std::lock_guard lock(mutex_);
    rings_.push_back({ring, thread});
    hung_.erase(std::remove(hung_.begin(), hung_.end(), ring->fd()), hung_.end());  // a reused number
  }
  wake();
}

void RingDrainer::remove(SampleRing* ring) {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(rings_.begin(), rings_.end(), [&](const Entry& e) { return e.ring == ring; });
  if (it == rings_.end()) return;
  it->ring->drain(*buffer_, it->thread);
  rings_.erase(it);
}

void RingDrainer::stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake();
  thread_.join();
  std::lock_guard lock(mutex_);
  drain_all();
  rings_.clear();
  ::close(wake_fd_);
  wake_fd_ = -1;
}

void RingDrainer::drain_now() {
  std::lock_guard lock(mutex_);
  drain_all();
}

void RingDrainer::drain_all() {
  for (const Entry& e : rings_) e.ring->drain(*buffer_, e.thread);
}

void RingDrainer::run() {
  std::vector<pollfd> fds;
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      fds.assign(1, pollfd{wake_fd_, POLLIN, 0});
      for (const Entry& e : rings_)
        if (std::find(hung_.begin(), hung_.end(), e.ring->fd()) == hung_.end()) fds.push_back({e.ring->fd(), POLLIN, 0});
    }
    // A ring removed meanwhile is closed under our feet; poll holds its own reference to the
    // file, and the next round rebuilds the set.
    const int ready = ::poll(fds.data(), fds.size(), kPollTimeoutMs);
    std::lock_guard lock(mutex_);
    if (ready > 0) {
      std::uint64_t count = 0;
      if (fds[0].revents & POLLIN) (void)!::read(wake_fd_, &count, sizeof count);
      for (std::size_t i = 1; i < fds.size(); ++i)
        if (fds[i].revents & (POLLHUP | POLLERR | POLLNVAL)) hung_.push_back(fds[i].fd);
    }
    drain_all();
  }
}

}  // namespace ph::profilers::detail
