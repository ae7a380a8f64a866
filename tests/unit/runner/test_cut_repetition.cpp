// A repetition that SIGINT cuts short leaves nothing behind in the profilers: its zones and
// counter readings go where its figures go (rolled back), decided by one reading of the flag.
// A fake executor raises the flag itself, so the moment of the "signal" is fixed.
#include <catch2/catch.hpp>

#include <atomic>
#include <limits>
#include <string>
#include <vector>

#include "executor.hpp"
#include "operation_profiling.hpp"
#include "repetition_mark.hpp"
#include "perfharness/hooks/zone.hpp"
#include "perfharness/runner/run.hpp"

using namespace ph;
using namespace ph::runner;

namespace {

scenario::Operation operation_with_profilers() {
  scenario::Operation op;
  op.name = "op";
  op.path = "operations[0]";
  op.spec = scenario::spec_of(OperationKind::Backtest);
  op.profile = {true, true, true, false};  // zones, memory, counters; no sampler
  return op;
}

// Each repetition enters the zone "work" once; the one marked to be cut enters it ten times and
// raises the flag from inside, so that its zones, were they kept, would show.
class FlagRaisingExecutor : public OperationExecutor {
 public:
  FlagRaisingExecutor(const scenario::Operation& op, std::atomic<bool>& flag) : OperationExecutor(op), flag_(flag) {}
  void run_once(RunContext&, bool measured) override {
    const bool cut = ++runs_ == cut_at;
    const RegionSample s = measure_region([&] {
      for (int i = 0; i < (cut ? 10 : 1); ++i) {
        PH_ZONE("work");
      }
      if (cut) flag_ = true;
    });
    if (measured) record_total(s);
  }
  int cut_at = 0;

 private:
  std::atomic<bool>& flag_;
  int runs_ = 0;
};

const report::ZoneStats* child_named(const report::ZoneStats& z, const std::string& name) {
  for (const auto& c : z.children)
    if (c.name == name) return &c;
  return nullptr;
}

// One operation under its profilers, its repetitions run by a FlagRaisingExecutor.
struct ProfiledOperation {
  explicit ProfiledOperation(int cut_at) { executor.cut_at = cut_at; }
  bool repetition() { return profiling.run(executor, ctx, true); }

  const scenario::Operation op = operation_with_profilers();
  std::atomic<bool> flag{false};
  scenario::Scenario sc;
  SeriesCache cache{[](const std::string&) { return OhlcvSeries{}; }};
  RunContext ctx{sc, cache, 1, std::nullopt, std::nullopt, flag};
  FlagRaisingExecutor executor{op, flag};
  OperationProfiling profiling{op, RunOptions{}};
};

}  // namespace

TEST_CASE("a repetition cut short keeps neither zones nor counter readings") {
  ProfiledOperation run(3);
  CHECK(run.repetition());
  CHECK(run.repetition());
  run.executor.result().repetitions = 2;
  CHECK_FALSE(run.repetition());  // the flag rose during this one

  report::OperationResult& result = run.executor.result();
  run.profiling.finish(result);
  REQUIRE(result.zones);
  const report::ZoneStats* work = child_named(*result.zones, "work");
  REQUIRE(work);
  CHECK(work->calls == 1);  // per kept repetition; 12 entries over 2 had the cut one been kept
  REQUIRE(result.counters.enabled);
  bool some_counter = false;
  for (const auto& c : result.counters.counters) {
    if (!c.available) continue;
    some_counter = true;
    INFO(c.name);
    CHECK(c.per_repetition.size() == 2);
  }
  CHECK(some_counter);  // context switches come from getrusage where perf events are refused
}

TEST_CASE("an operation whose every repetition was cut short has no zones") {
  ProfiledOperation run(1);
  CHECK_FALSE(run.repetition());
  run.executor.result().repetitions = 1;  // as if one had been kept: the zones must still be empty
  run.profiling.finish(run.executor.result());
  const auto& zones = run.executor.result().zones;
  CHECK((!zones || child_named(*zones, "work") == nullptr));
}

TEST_CASE("a sweep repetition cut short leaves its parameter sets' times as they were") {
  // A sweep times each parameter set as the fastest of its measured repetitions; sets a cut
  // repetition never reached would be left untimed (infinite, null in the report).
  struct Idle : OperationExecutor {
    using OperationExecutor::OperationExecutor;
    void run_once(RunContext&, bool) override {}
  };
  const scenario::Operation op = operation_with_profilers();
  const double untimed = std::numeric_limits<double>::infinity();
  Idle executor(op);
  executor.result().cases.resize(2);
  executor.result().cases[1].parameter_set_seconds = {0.5, 0.25};
  const RepetitionMark mark(executor);
  executor.result().cases[0].parameter_set_seconds = {untimed, untimed};  // the first repetition, cut
  executor.result().cases[1].parameter_set_seconds = {0.4, untimed};
  mark.roll_back(executor);
  CHECK(executor.result().cases[0].parameter_set_seconds.empty());
  CHECK(executor.result().cases[1].parameter_set_seconds == std::vector<double>{0.5, 0.25});
}
