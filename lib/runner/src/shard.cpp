#include "perfharness/runner/shard.hpp"

#include <charconv>
#include <cstdlib>

#include "perfharness/common/errors.hpp"

namespace ph::runner {
namespace {

std::optional<long long> whole_number(std::string_view text) {
  long long v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

const char* const kAccepted =
    "give I/N (1 <= I <= N, as --shard 2/4), auto (from PERFHARNESS_SHARD, GitLab's CI_NODE_INDEX/CI_NODE_TOTAL "
    "or a Slurm array), or auto/N (the index from JOB_COMPLETION_INDEX, the count N)";

Shard checked(long long index, long long count, std::string source) {
  if (count < 1 || count > kMaxShards)
    throw InputError("--shard: the shard count " + std::to_string(count) + " (from " + source + ") must be from 1 to " +
                     std::to_string(kMaxShards));
  if (index < 1 || index > count)
    throw InputError("--shard: shard " + std::to_string(index) + " of " + std::to_string(count) + " (from " + source +
                     ") is out of range: shards are numbered 1 to " + std::to_string(count));
  return {static_cast<int>(index), static_cast<int>(count), std::move(source)};
}

// "I/N" from `source`; nullopt when the text is not of that form.
std::optional<Shard> fraction(std::string_view text, const std::string& source) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto index = whole_number(text.substr(0, slash));
  const auto count = whole_number(text.substr(slash + 1));
  if (!index || !count) return std::nullopt;
  return checked(*index, *count, source);
}

long long variable_number(const EnvironmentReader& env, const char* name) {
  const auto text = env(name);
  const auto v = text ? whole_number(*text) : std::nullopt;
  if (!v)
    throw InputError(std::string("--shard auto: ") + name + " is " + (text ? "'" + *text + "'" : "unset") +
                     ", not a whole number");
  return *v;
}

Shard from_environment(const EnvironmentReader& env, std::optional<long long> count) {
  if (const auto text = env("PERFHARNESS_SHARD")) {
    if (auto s = fraction(*text, "PERFHARNESS_SHARD")) return *s;
    throw InputError("--shard auto: PERFHARNESS_SHARD is '" + *text + "', not I/N (as 2/4)");
  }
  if (env("CI_NODE_INDEX"))  // GitLab `parallel:`, numbered from 1
    return checked(variable_number(env, "CI_NODE_INDEX"), count ? *count : variable_number(env, "CI_NODE_TOTAL"),
                   "CI_NODE_INDEX/CI_NODE_TOTAL");
  if (env("SLURM_ARRAY_TASK_ID")) {  // any --array=A-B[:S]: the tasks in order, numbered from 1
    const long long id = variable_number(env, "SLURM_ARRAY_TASK_ID");
    const long long min = variable_number(env, "SLURM_ARRAY_TASK_MIN");
    const long long step = env("SLURM_ARRAY_TASK_STEP") ? variable_number(env, "SLURM_ARRAY_TASK_STEP") : 1;
    if (step < 1 || (id - min) % step != 0)
      throw InputError("--shard auto: SLURM_ARRAY_TASK_ID " + std::to_string(id) + " is not on the array's steps from " +
                       std::to_string(min) + " by " + std::to_string(step) + "; give --shard I/N");
    return checked((id - min) / step + 1, count ? *count : variable_number(env, "SLURM_ARRAY_TASK_COUNT"),
                   "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT");
  }
  if (env("JOB_COMPLETION_INDEX")) {  // a Kubernetes Indexed Job, numbered from 0, without a count
    if (!count)
      throw InputError("--shard auto: a Kubernetes Indexed Job gives only JOB_COMPLETION_INDEX; give the count too: "
                       "--shard auto/N with N the Job's completions");
    return checked(variable_number(env, "JOB_COMPLETION_INDEX") + 1, *count, "JOB_COMPLETION_INDEX");
  }
  throw InputError("--shard auto: no scheduler's shard variables are set (PERFHARNESS_SHARD, CI_NODE_INDEX, "
                   "SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX); give --shard I/N");
}

}  // namespace

std::optional<std::string> process_environment(std::string_view name) {
  const char* v = std::getenv(std::string(name).c_str());
  if (!v) return std::nullopt;
  return std::string(v);
}

Shard resolve_shard(std::string_view text, const EnvironmentReader& env) {
  if (text == "auto") return from_environment(env, std::nullopt);
  if (text.substr(0, 5) == "auto/") {
    const auto count = whole_number(text.substr(5));
    if (!count) throw InputError("--shard: '" + std::string(text) + "' is not valid; " + kAccepted);
    return from_environment(env, *count);
  }
  if (auto s = fraction(text, "--shard")) return *s;
  throw InputError("--shard: '" + std::string(text) + "' is not valid; " + kAccepted);
}

}  // namespace ph::runner
