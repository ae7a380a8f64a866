#include "environment.hpp"

#include "perfharness/common/utc_time.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "perfharness/profilers/heap.hpp"

namespace ph::runner {
namespace {

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  return "unknown";
}

std::string os_name() {
  std::ifstream in("/etc/os-release");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("PRETTY_NAME=", 0) == 0) {
      std::string v = line.substr(12);
      if (v.size() >= 2 && v.front() == '"') v = v.substr(1, v.size() - 2);
      return v;
    }
  return "unknown";
}

}  // namespace

bool optimised_build() noexcept {
#if defined(__OPTIMIZE__) && defined(NDEBUG)
  return true;
#else
  return false;
#endif
}

bool sanitized_build() noexcept {
#if defined(__SANITIZE_ADDRESS__)
  return true;
#else
  return false;
#endif
}

const char* build_type() noexcept {
#if defined(__SANITIZE_ADDRESS__)
  return "Sanitize";
#elif defined(__OPTIMIZE__) && defined(NDEBUG)
  return "Release";
#elif defined(__OPTIMIZE__)
  return "Optimised (assertions on)";
#else
  return "Debug";
#endif
}

report::Environment read_environment(report::ProfilerAvailability profilers) {
  utsname u{};
  uname(&u);
  char host[256] = "unknown";
  gethostname(host, sizeof host - 1);
  report::Environment e;
  e.host = host;
  e.os = os_name();
  e.kernel = std::string(u.sysname) + " " + u.release;
  e.machine = u.machine;
  e.cpu_model = cpu_model();
  e.cores = std::thread::hardware_concurrency();
  e.compiler = std::string("g++ ") + __VERSION__;
  e.build_type = build_type();
  e.utc_time = utc_now_iso8601();
  e.profilers = std::move(profilers);
  return e;
}

}  // namespace ph::runner
