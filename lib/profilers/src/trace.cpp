#include "perfharness/profilers/trace.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <new>

#include "perfharness/common/errors.hpp"
#include "perfharness/common/output_file.hpp"

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

namespace {
// Writes a JSON string literal (quotes included).
void put_json_string(std::FILE* out, const char* text) {
  std::fputc('"', out);
  for (const char* p = text; *p != '\0'; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    switch (c) {
      case '"': std::fputs("\\\"", out); break;
      case '\\': std::fputs("\\\\", out); break;
      case '\n': std::fputs("\\n", out); break;
      case '\r': std::fputs("\\r", out); break;
      case '\t': std::fputs("\\t", out); break;
      default:
        if (c < 0x20) {
          std::fprintf(out, "\\u%04x", c);
        } else {
          std::fputc(c, out);
        }
    }
  }
  std::fputc('"', out);
}

// Microseconds with nanosecond digits, printed exactly from integers.
void put_micros(std::FILE* out, std::int64_t ns) {
  if (ns < 0) ns = 0;
  std::fprintf(out, "%" PRId64 ".%03" PRId64, ns / 1000, ns % 1000);
}

void put_event(std::FILE* out, const char* name, const char* category, std::int64_t start_ns, std::int64_t duration_ns,
               long pid, std::uint32_t tid) {
  std::fputs(",\n{\"name\":", out);
  put_json_string(out, name);
  std::fputs(",\"cat\":", out);
  put_json_string(out, category);
  std::fputs(",\"ph\":\"X\",\"ts\":", out);
  put_micros(out, start_ns);
  std::fputs(",\"dur\":", out);
  put_micros(out, duration_ns);
  std::fprintf(out, ",\"pid\":%ld,\"tid\":%" PRIu32 "}", pid, tid);
}

void write_events(std::FILE* out, std::span<const TraceEvent> events, std::uint64_t dropped,
                  std::span<const TraceSlice> slices) {
  std::int64_t origin = 0;
  bool any = false;
  for (const TraceEvent& e : events) {
    origin = any ? std::min(origin, e.start_ns) : e.start_ns;
    any = true;
  }
  for (const TraceSlice& s : slices) {
    origin = any ? std::min(origin, s.start_ns) : s.start_ns;
    any = true;
  }
  const long pid = static_cast<long>(::getpid());
  std::fprintf(out, "{\"traceEvents\":[\n");
  std::fprintf(out, "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":%ld,\"tid\":0,\"args\":{\"name\":\"perfharness\"}}",
               pid);
  for (const TraceSlice& s : slices)
    put_event(out, s.name.c_str(), s.category.c_str(), s.start_ns - origin, s.duration_ns, pid, s.tid);
  for (const TraceEvent& e : events)
    put_event(out, e.name != nullptr ? e.name : "", "zone", e.start_ns - origin, e.duration_ns, pid, e.tid);
  std::fprintf(out,
               "\n],\"displayTimeUnit\":\"ms\",\"otherData\":{\"clock\":\"steady\",\"events\":%zu,"
               "\"slices\":%zu,\"dropped_events\":%" PRIu64 "}}\n",
               events.size(), slices.size(), dropped);
}

[[noreturn]] void fail(const std::string& path, const char* what, int error) {
  throw RuntimeFailure("cannot write trace file '" + path + "': " + what + ": " + std::strerror(error) +
                       " (check that the directory exists and is writable)");
}
}  // namespace

void write_chrome_trace(const std::string& path, std::span<const TraceEvent> events, std::uint64_t dropped_events,
                        std::span<const TraceSlice> slices) {
  OutputFile file(path);
  // A stdio stream on a duplicate of the output's descriptor: fclose closes the duplicate,
  // the OutputFile still commits (or removes) its own.
  const int fd = ::dup(file.descriptor());
  if (fd < 0) fail(path, "cannot duplicate its descriptor", errno);
  std::FILE* out = ::fdopen(fd, "wb");
  if (out == nullptr) {
    const int error = errno;
    ::close(fd);
    fail(path, "cannot open a stream on it", error);
  }
  static_cast<void>(std::setvbuf(out, nullptr, _IOFBF, 1 << 20));
  write_events(out, events, dropped_events, slices);
  int error = 0;
  if (std::fflush(out) != 0 || std::ferror(out) != 0) error = errno ? errno : EIO;
  if (std::fclose(out) != 0 && error == 0) error = errno ? errno : EIO;
  if (error != 0) fail(path, "write failed", error);
  file.commit();
}

void write_chrome_trace(const std::string& path, const TraceBuffer& trace, std::span<const TraceSlice> slices) {
  write_chrome_trace(path, trace.events(), trace.dropped(), slices);
}

}  // namespace ph::profilers
