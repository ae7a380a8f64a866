#pragma once
// Kernel event counters via perf_event_open: software events (task clock, page faults,
// context switches, CPU migrations) on every Linux, hardware events (instructions, cycles,
// cache references and misses, branch misses) only where the CPU exposes a PMU to us.
//
// A counter that cannot be opened is reported as unavailable with the reason (e.g.
// "no hardware PMU: perf_event_open returned ENOENT"); its value is empty, never 0.
// Counting covers the thread that created the CounterSet (and, with
// CounterOptions::include_new_threads, threads it creates afterwards), not the whole process.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ph::profilers {

enum class Counter {
  task_clock,        // ns of CPU time of the counted thread
  page_faults,       // all page faults (minor + major)
  minor_faults,
  major_faults,
  context_switches,  // voluntary and involuntary
  cpu_migrations,
  instructions,      // hardware from here on
  cycles,
  cache_references,
  cache_misses,
  branch_misses,
};

/// perf's spelling: "task-clock", "page-faults", "instructions", ...
const char* counter_name(Counter counter) noexcept;
/// "ns" for task-clock, "count" otherwise.
const char* counter_unit(Counter counter) noexcept;
bool is_hardware_counter(Counter counter) noexcept;

std::vector<Counter> software_counters();
std::vector<Counter> hardware_counters();
std::vector<Counter> all_counters();

/// What the kernel lets this process count, from kernel.perf_event_paranoid and capabilities.
struct PerfEventAccess {
  std::optional<int> paranoid;   // empty when /proc/sys/kernel/perf_event_paranoid is unreadable
  bool privileged = false;       // CAP_PERFMON or CAP_SYS_ADMIN: the paranoid level does not apply
  bool allowed = false;          // may open events on its own threads at all
  bool kernel_allowed = false;   // may count kernel-mode activity (context switches need it)
  std::string description;       // one sentence for reports
};
PerfEventAccess perf_event_access();

struct CounterValue {
  Counter counter = Counter::task_clock;
  std::string name;                    // counter_name(counter)
  std::string unavailable_reason;      // non-empty exactly when value is empty
  std::optional<std::uint64_t> value;  // scaled estimate (raw * enabled / running)
  std::uint64_t raw = 0;               // what the kernel counted while the event was on the PMU
  std::uint64_t time_enabled_ns = 0;
  std::uint64_t time_running_ns = 0;
  bool multiplexed = false;            // running < enabled: value is extrapolated, not exact
  bool user_mode_only = false;         // kernel-mode activity excluded (paranoid level)
  /// Where a perf event was refused, what the value came from instead (context switches:
  /// "getrusage", whose voluntary + involuntary switches need no privilege); empty for perf_event.
  std::string fallback;

  bool available() const noexcept { return value.has_value(); }
};

struct CounterOptions {
  bool group_hardware = true;        // hardware events share one group: scheduled together, ratios consistent
  bool include_new_threads = false;  // perf "inherit": also count threads created after opening
};

/// A set of counters for the calling thread, opened disabled. Not copyable; movable.
class CounterSet {
 public:
  explicit CounterSet(std::vector<Counter> counters = all_counters(), CounterOptions options = {});
  ~CounterSet();
  CounterSet(CounterSet&& other) noexcept;
  CounterSet& operator=(CounterSet&& other) noexcept;
  CounterSet(const CounterSet&) = delete;
  CounterSet& operator=(const CounterSet&) = delete;

  void reset() noexcept;    // zero every count
  void enable() noexcept;   // start counting
  void disable() noexcept;  // stop counting; values stay readable

  /// Current values in the order the counters were requested.
  std::vector<CounterValue> read() const;
  /// One counter's value; unavailable with a reason if it was not requested.
  CounterValue read(Counter counter) const;
  bool any_available() const noexcept;

 private:
  struct Event {
    Counter counter;
    int fd = -1;
    bool leader = false;
    bool user_mode_only = false;
    std::string unavailable_reason;
    // The getrusage fallback of a refused context-switch counter: counts accumulated while
    // enabled, as a perf event does.
    bool from_rusage = false;
    bool rusage_running = false;
    std::uint64_t rusage_total = 0;
    std::uint64_t rusage_start = 0;
  };
  void close_all() noexcept;
  CounterValue read_event(const Event& e) const;

  std::vector<Event> events_;
  bool include_new_threads_ = false;
};

/// Resets and enables a CounterSet for a scope, disables it at scope exit.
class CounterRegion {
 public:
  explicit CounterRegion(CounterSet& set) noexcept : set_(set) {
    set_.reset();
    set_.enable();
  }
  ~CounterRegion() { set_.disable(); }
  CounterRegion(const CounterRegion&) = delete;
  CounterRegion& operator=(const CounterRegion&) = delete;

 private:
  CounterSet& set_;
};

}  // namespace ph::profilers
