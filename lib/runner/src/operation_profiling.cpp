#include "operation_profiling.hpp"

#include "backtest_executor.hpp"

#include <chrono>
#include <functional>
#include <map>

#include "measure.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/figures/catalogue.hpp"
#include "perfharness/profilers/callgrind.hpp"
#include "perfharness/profilers/counters.hpp"
#include "perfharness/profilers/heap.hpp"
#include "perfharness/profilers/sampler.hpp"

namespace ph::runner {

std::unique_ptr<OperationExecutor> make_data_load_executor(const scenario::Operation& op, const scenario::DataLoadSpec& spec);
std::unique_ptr<OperationExecutor> make_command_executor(const scenario::Operation& op, const scenario::CommandSpec& spec);
std::unique_ptr<OperationExecutor> make_sweep_executor(const scenario::Operation& op, const scenario::SweepSpec& spec);
std::unique_ptr<OperationExecutor> make_persistence_executor(const scenario::Operation& op,
                                                            const scenario::PersistenceSpec& spec, BacktestExecutor& source);

namespace {
// A frame of the collapsed-stack format: `;` separates frames and the last space the count,
// so a name keeps neither a `;` (an operation called "a;b") nor a line break.
std::string collapsed_frame(const std::string& name) {
  std::string out = name;
  for (char& c : out)
    if (c == ';') c = ':';
    else if (c == '\n' || c == '\r') c = ' ';
  return out;
}

// Sampling at 4 kHz needs about this many samples for a stable top list; short
// operations are run again, unmeasured, under the sampler until it has them.
constexpr std::uint64_t kMinSamples = 400;
constexpr double kMaxTopUpSeconds = 2.0;
constexpr double kSamplingHz = 4000;

// The catalogue figure a counter's readings become; empty for page-faults, which the os figure
// page_faults already measures.
std::string_view counter_figure(profilers::Counter c) noexcept {
  namespace key = figures::key;
  switch (c) {
    case profilers::Counter::task_clock: return key::task_clock;
    case profilers::Counter::page_faults: return {};
    case profilers::Counter::minor_faults: return key::minor_faults;
    case profilers::Counter::major_faults: return key::major_faults;
    case profilers::Counter::context_switches: return key::context_switches;
    case profilers::Counter::cpu_migrations: return key::cpu_migrations;
    case profilers::Counter::instructions: return key::retired_instructions;
    case profilers::Counter::cycles: return key::cycles;
    case profilers::Counter::cache_references: return key::cache_references;
    case profilers::Counter::cache_misses: return key::cache_misses;
    case profilers::Counter::branch_misses: return key::branch_misses;
  }
  return {};
}
}  // namespace

struct OperationProfiling::Extras {
  std::optional<profilers::CounterSet> counters;
  std::map<std::string, std::vector<double>> counter_samples;  // per measured repetition
  std::vector<profilers::CounterValue> last_counters;
  std::optional<profilers::CpuSampler> sampler;
  std::map<std::string, std::uint64_t> stacks;  // collapsed stack -> samples, top-ups included
  profilers::LeafLines leaf_lines;                // as the stacks: top-ups included
  std::map<std::string, std::uint64_t> measured_stacks;  // only those of measured repetitions
  std::map<std::string, std::uint64_t> repetition_stacks;  // the measured repetition in progress
  std::uint64_t samples = 0;
  double sampled_cpu_s = 0;
  std::string sampling_method, sampling_unavailable;
  bool in_callgrind_child = false;
  bool flamegraph = false;
};

OperationProfiling::OperationProfiling(const scenario::Operation& op, const RunOptions& options)
    : op_(&op),
      zones_(std::make_unique<ZoneCapture>(op.profile.zones, options.wants("trace"))),
      extras_(std::make_unique<Extras>()) {
  extras_->in_callgrind_child = profilers::is_callgrind_child();
  extras_->flamegraph = options.wants("flamegraph");
  if (extras_->in_callgrind_child) return;  // under valgrind only instructions are counted
  const bool command = op.kind() == OperationKind::Command;
  // A command's program is a child process: counted as the events' inheritor, never sampled.
  if (op.profile.counters) extras_->counters.emplace(profilers::all_counters(), profilers::CounterOptions{true, command});
  if (command && (op.profile.sampling || extras_->flamegraph))
    extras_->sampling_unavailable =
        "the sampler sees perfharness's own threads, not the program a command operation runs; profile it "
        "with `perf record -g -- PROGRAM` or its own profiler (python3 -m cProfile)";
  else if (op.profile.sampling || extras_->flamegraph)
    extras_->sampler.emplace(profilers::SamplerOptions{kSamplingHz});
}
OperationProfiling::~OperationProfiling() = default;
OperationProfiling::OperationProfiling(OperationProfiling&&) noexcept = default;

void OperationProfiling::sample(OperationExecutor& executor, RunContext& ctx, bool measured, const std::function<bool()>& again) {
  auto& sampler = *extras_->sampler;
  if (!sampler.start()) {
    extras_->sampling_unavailable = sampler.unavailable_reason();
    extras_->sampler.reset();
    executor.run_once(ctx, measured);
    return;
  }
  ctx.sampler = &sampler;
  try {
    do executor.run_once(ctx, measured);
    while (again && again());
  } catch (...) {
    ctx.sampler = nullptr;
    sampler.stop();
    throw;
  }
  ctx.sampler = nullptr;
  sampler.stop();
  extras_->sampling_method = sampler.method();
  extras_->sampled_cpu_s += sampler.sampled_cpu_seconds();
  const profilers::SampleProfile profile = sampler.profile();
  extras_->samples += profile.total_samples();
  for (const auto& [function, lines] : profile.leaf_lines())
    for (const auto& [line, count] : lines) extras_->leaf_lines[function][line] += count;
  for (const auto& st : profile.stacks()) {
    std::string key = collapsed_frame(op_->name);
    for (const auto& f : st.frames) key += ";" + collapsed_frame(f);
    extras_->stacks[key] += st.count;
    if (measured) extras_->repetition_stacks[key] += st.count;
  }
}

bool OperationProfiling::run(OperationExecutor& executor, RunContext& ctx, bool measured) {
  auto& counters = extras_->counters;
  {
    ZoneCapture::Worker main_thread(zones_.get(), measured);
    ctx.zones = zones_.get();
    struct Detach {
      RunContext& ctx;
      ~Detach() {
        ctx.zones = nullptr;
        t_region_counters.set = nullptr;
      }
    } detach{ctx};
    if (extras_->in_callgrind_child) {
      std::optional<profilers::InstructionRegion> region;
      if (measured) region.emplace(op_->name);
      // Collection stays off except inside measured regions' bodies (measure.hpp).
      const profilers::InstructionCollection outside_regions(false);
      executor.run_once(ctx, measured);
    } else {
      if (counters && measured) {
        counters->reset();
        t_region_counters.set = &*counters;  // measure.hpp: on around the measured body only
      }
      if (extras_->sampler && measured) sample(executor, ctx, measured, {});
      else executor.run_once(ctx, measured);
    }
  }  // every thread's zones are in the capture's repetition now
  const bool finished = !ctx.interrupted.load();
  if (!finished || !measured) {
    zones_->drop_repetition();
    extras_->repetition_stacks.clear();
    return finished;
  }
  zones_->keep_repetition();
  for (const auto& [stack, count] : extras_->repetition_stacks) extras_->measured_stacks[stack] += count;
  extras_->repetition_stacks.clear();
  if (counters) {  // never made in a callgrind child
    extras_->last_counters = counters->read();
    for (const auto& v : extras_->last_counters)
      if (v.value) extras_->counter_samples[v.name].push_back(static_cast<double>(*v.value));
  }
  return true;
}

void OperationProfiling::top_up_samples(OperationExecutor& executor, RunContext& ctx) {
  if (!extras_->sampler || executor.result().repetitions == 0 || extras_->samples >= kMinSamples) return;
  const auto start = std::chrono::steady_clock::now();
  const std::uint64_t before = extras_->samples;
  // Worker threads of a sweep are not reliably sampled; the top-up runs on the calling thread
  // alone so that its stacks show the work itself rather than threads waiting for it.
  const int threads = ctx.threads;
  ctx.threads = 1;
  struct Restore {
    RunContext& ctx;
    int threads;
    ~Restore() { ctx.threads = threads; }
  } restore{ctx, threads};
  sample(executor, ctx, false, [&] {
    return extras_->sampler->sample_count() + before < kMinSamples && !ctx.interrupted &&
           std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < kMaxTopUpSeconds;
  });
}

void OperationProfiling::finish(report::OperationResult& result) {
  if (zones_->enabled() && result.repetitions > 0) {
    const auto& tree = zones_->tree();
    result.zones = zone_stats(tree, result.name, result.repetitions);
    result.top_by_cumulative = report_hotspots(profilers::top_by_cumulative(tree, 10), result.repetitions);
    result.top_by_self = report_hotspots(profilers::top_by_self(tree, 10), result.repetitions);
  }
  const auto mem = profilers::process_memory();
  const auto mb = [](std::int64_t bytes) { return bytes >= 0 ? static_cast<double>(bytes) / (1024.0 * 1024.0) : -1.0; };
  result.memory.heap_tracking = profilers::heap_tracking_active();
  result.memory.rss_mb = mb(mem.rss_bytes);
  result.memory.rss_high_water_mb = mb(mem.rss_high_water_bytes);
  if (!result.memory.heap_tracking) result.memory.heap_tracking_reason = profilers::heap_tracking_unavailable_reason();

  result.counters.enabled = extras_->counters.has_value();
  if (extras_->counters) {
    for (const auto& v : extras_->last_counters) {
      report::CounterReading r;
      r.name = v.name;
      r.unit = profilers::counter_unit(v.counter);
      r.available = v.available();
      if (r.available) {
        r.per_repetition = extras_->counter_samples[v.name];
        if (const auto key = counter_figure(v.counter); !key.empty() && !r.per_repetition.empty()) {
          auto& figure = figure_of(result.figures, key);
          const double scale = v.counter == profilers::Counter::task_clock ? 1e-9 : 1.0;  // ns to s
          for (const double x : r.per_repetition) figure.samples.push_back(x * scale);
        }
        r.multiplexed = v.multiplexed;
        r.user_mode_only = v.user_mode_only;
        r.source = v.fallback;
      } else {
        r.reason = v.unavailable_reason;
      }
      result.counters.counters.push_back(std::move(r));
    }
    result.counters.access = profilers::perf_event_access().description;
  }

  auto& sampling = result.sampling;
  if (!op_->profile.sampling && !extras_->sampler && extras_->sampling_unavailable.empty()) {
    sampling.state = report::SamplingProfile::State::off;
  } else if (!extras_->sampling_unavailable.empty()) {
    sampling.state = report::SamplingProfile::State::unavailable;
    sampling.reason = extras_->sampling_unavailable;
  } else {
    if (result.repetitions > 0)
      result.warnings.push_back("the stack sampler ran during the measured repetitions: their times include its cost "
                                "(what `perf record` costs: about 20 µs of CPU per sample, ~9% at 4 kHz, on a 2-vCPU VM); time the operation "
                                "without sampling for figures to gate on");
    profilers::SampleProfile profile;
    std::vector<profilers::CollapsedStack> stacks;
    // The flame graph counts only measured repetitions' samples, so that widths compare across
    // operations; the top lists also use the top-up runs, which exist to make them stable.
    std::uint64_t measured_samples = 0;
    for (const auto& [key, count] : extras_->measured_stacks) {
      sampling.collapsed_stacks.push_back(key + " " + std::to_string(count));
      measured_samples += count;
    }
    if (extras_->flamegraph && result.repetitions > 0 && extras_->measured_stacks.empty())
      result.warnings.push_back("no stack sample fell in the measured repetitions (the sampler ticks every 0.25 ms of "
                                "CPU): the operation is not in the flame graph; give it more repetitions or work");
    for (const auto& [key, count] : extras_->stacks) {
      profilers::CollapsedStack s;
      std::size_t from = key.find(';');
      while (from != std::string::npos) {
        const std::size_t next = key.find(';', from + 1);
        s.frames.push_back(key.substr(from + 1, next == std::string::npos ? std::string::npos : next - from - 1));
        from = next;
      }
      s.count = count;
      stacks.push_back(std::move(s));
    }
    profile = profilers::SampleProfile(std::move(stacks), extras_->leaf_lines);
    auto rows = [](const std::vector<profilers::FunctionSamples>& v) {
      std::vector<report::FunctionShare> out;
      for (const auto& f : v) out.push_back({f.function, f.samples, f.fraction, f.line});
      return out;
    };
    sampling.state = report::SamplingProfile::State::available;
    sampling.method = extras_->sampling_method;
    sampling.samples = extras_->samples;
    sampling.measured_samples = measured_samples;
    sampling.effective_hz = extras_->sampled_cpu_s > 0 ? static_cast<double>(extras_->samples) / extras_->sampled_cpu_s : 0.0;
    sampling.top_self = rows(profile.top_self(10));
    sampling.top_inclusive = rows(profile.top_inclusive(10));
    if (extras_->samples < kMinSamples)
      result.warnings.push_back("sampling: only " + std::to_string(extras_->samples) + " samples; the top lists are rough");
  }
}

report::ProfilerAvailability profiler_availability() {
  report::ProfilerAvailability a;
  a.heap = profilers::heap_tracking_active();
  if (!a.heap) a.heap_reason = profilers::heap_tracking_unavailable_reason();
  const auto access = profilers::perf_event_access();
  a.perf_events = access.allowed;
  a.perf_events_detail = access.description;
  profilers::CounterSet hw(profilers::hardware_counters());
  const auto values = hw.read();
  a.hardware_counters = hw.any_available();
  if (!hw.any_available() && !values.empty()) a.hardware_counters_reason = values.front().unavailable_reason;
  a.callgrind = !profilers::find_valgrind().empty();
  return a;
}

std::unique_ptr<OperationExecutor> make_executor(const scenario::Operation& op, std::size_t index,
                                                 std::vector<BacktestExecutor*>& backtests) {
  struct Make {
    const scenario::Operation& op;
    std::size_t index;
    std::vector<BacktestExecutor*>& backtests;

    std::unique_ptr<OperationExecutor> operator()(const scenario::BacktestSpec& spec) const {
      auto executor = std::make_unique<BacktestExecutor>(op, spec);
      backtests.at(index) = executor.get();
      return executor;
    }
    std::unique_ptr<OperationExecutor> operator()(const scenario::DataLoadSpec& spec) const {
      return make_data_load_executor(op, spec);
    }
    std::unique_ptr<OperationExecutor> operator()(const scenario::SweepSpec& spec) const { return make_sweep_executor(op, spec); }
    std::unique_ptr<OperationExecutor> operator()(const scenario::CommandSpec& spec) const {
      return make_command_executor(op, spec);
    }
    std::unique_ptr<OperationExecutor> operator()(const scenario::PersistenceSpec& spec) const {
      // The scenario reader resolved the source to a backtest operation listed before this one.
      BacktestExecutor* source =
          spec.source_index && *spec.source_index < index ? backtests.at(*spec.source_index) : nullptr;
      if (!source) throw InputError(op.path + ".source: '" + spec.source + "' must name a backtest operation listed before it");
      return make_persistence_executor(op, spec, *source);
    }
  };
  return std::visit(Make{op, index, backtests}, op.spec);
}

}  // namespace ph::runner
