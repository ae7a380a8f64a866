#include "shard_merge_parts.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "perfharness/figures/catalogue.hpp"

namespace ph::runner::merge {
namespace {

using figures::Combine;

Combine rule_of(const std::string& key) {
  const figures::FigureInfo* info = figures::find(key);
  return info ? info->combine : Combine::sum;  // a key this build lacks cannot come from its own shards
}

report::Figure joined(const std::vector<const report::Figure*>& pieces, Combine rule, std::size_t n) {
  report::Figure out = *pieces.front();
  out.samples.resize(n);
  if (rule == Combine::whole) return out;
  for (std::size_t p = 1; p < pieces.size(); ++p)
    for (std::size_t r = 0; r < n; ++r) {
      const double x = pieces[p]->samples[r];
      out.samples[r] = rule == Combine::largest ? std::max(out.samples[r], x) : out.samples[r] + x;
    }
  return out;
}

// Worked out from the joined figures, repetition by repetition, as the executors work them out
// from one measurement: cpu_ratio = cpu_time / time, time_per_backtest = time / backtests.
void recompute(report::Figures& out, const std::string& key, double backtests) {
  const bool cpu_ratio = key == figures::key::cpu_ratio;
  if (!cpu_ratio && key != figures::key::time_per_backtest) return;
  const auto sample = [&out](std::string_view of, std::size_t r) {
    const auto it = out.find(of);
    return it != out.end() && r < it->second.samples.size() ? it->second.samples[r] : 0.0;
  };
  std::vector<double>& samples = out.at(key).samples;
  for (std::size_t r = 0; r < samples.size(); ++r) {
    const double top = sample(cpu_ratio ? figures::key::cpu_time : figures::key::time, r);
    const double bottom = cpu_ratio ? sample(figures::key::time, r) : backtests;
    samples[r] = bottom > 0 ? top / bottom : 0;
  }
}

}  // namespace

report::Figures join_figures(const std::vector<const report::Figures*>& pieces, double backtests, std::vector<std::string>& warnings) {
  if (pieces.size() == 1) return *pieces.front();
  std::map<std::string, std::vector<const report::Figure*>> by_key;
  for (const auto* figures : pieces)
    for (const auto& [key, figure] : *figures) by_key[key].push_back(&figure);
  report::Figures out;
  std::vector<std::string> recomputed;
  for (const auto& [key, of_key] : by_key) {
    std::size_t n = of_key.front()->samples.size();
    for (const auto* f : of_key) n = std::min(n, f->samples.size());
    bool uneven = of_key.size() != pieces.size() && rule_of(key) != Combine::whole && rule_of(key) != Combine::largest;
    for (const auto* f : of_key) uneven = uneven || f->samples.size() != n;
    if (uneven)
      warnings.push_back(key + ": the shards measured it unevenly (" + std::to_string(of_key.size()) + " of " +
                         std::to_string(pieces.size()) + " parts, " + std::to_string(n) + " common samples); joined over what they share");
    out.emplace(key, joined(of_key, rule_of(key), n));
    if (rule_of(key) == Combine::recomputed) recomputed.push_back(key);
  }
  for (const auto& key : recomputed) recompute(out, key, backtests);
  return out;
}

report::ZoneStats join_zones(const std::vector<const report::ZoneStats*>& pieces) {
  report::ZoneStats out = *pieces.front();
  out.children.clear();
  const auto add = [](std::int64_t a, std::int64_t b) { return a < 0 || b < 0 ? std::int64_t{-1} : a + b; };
  for (std::size_t p = 1; p < pieces.size(); ++p) {
    const report::ZoneStats& z = *pieces[p];
    out.cumulative_s += z.cumulative_s;
    out.self_s += z.self_s;
    out.calls += z.calls;
    out.allocations = add(out.allocations, z.allocations);
    out.bytes_allocated = add(out.bytes_allocated, z.bytes_allocated);
    out.peak_growth_bytes = std::max(out.peak_growth_bytes, z.peak_growth_bytes);
    out.growth_bytes += z.growth_bytes;
  }
  // Children by name, in the order they first appear.
  std::vector<std::string> names;
  std::map<std::string, std::vector<const report::ZoneStats*>> by_name;
  for (const auto* piece : pieces)
    for (const auto& child : piece->children) {
      auto& of_name = by_name[child.name];
      if (of_name.empty()) names.push_back(child.name);
      of_name.push_back(&child);
    }
  for (const auto& name : names) out.children.push_back(join_zones(by_name[name]));
  return out;
}

std::vector<report::Hotspot> join_hotspots(const std::vector<const std::vector<report::Hotspot>*>& pieces, bool cumulative) {
  std::map<std::string, report::Hotspot> by_function;
  std::size_t limit = 0;
  for (const auto* rows : pieces) {
    limit = std::max(limit, rows->size());
    for (const auto& h : *rows) {
      report::Hotspot& row = by_function[h.function];
      row.function = h.function;
      row.cumulative_time += h.cumulative_time;
      row.self_time += h.self_time;
      row.call_count += h.call_count;
    }
  }
  std::vector<report::Hotspot> out;
  for (auto& [name, row] : by_function) {
    row.time_per_call = row.call_count > 0 ? row.cumulative_time / static_cast<double>(row.call_count) : 0.0;
    out.push_back(row);
  }
  const auto field = [cumulative](const report::Hotspot& h) { return cumulative ? h.cumulative_time : h.self_time; };
  std::sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
    return field(a) != field(b) ? field(a) > field(b) : a.function < b.function;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

report::CountersProfile join_counters(const std::vector<const report::CountersProfile*>& pieces) {
  report::CountersProfile out = *pieces.front();
  for (std::size_t p = 1; p < pieces.size(); ++p) {
    out.enabled = out.enabled && pieces[p]->enabled;
    for (auto& counter : out.counters) {
      const auto& theirs = pieces[p]->counters;
      const auto it = std::find_if(theirs.begin(), theirs.end(), [&](const auto& c) { return c.name == counter.name; });
      if (it == theirs.end() || !it->available) {
        counter.available = false;
        counter.per_repetition.clear();
        if (counter.reason.empty()) counter.reason = it == theirs.end() ? "not read in every shard" : it->reason;
        continue;
      }
      const std::size_t n = std::min(counter.per_repetition.size(), it->per_repetition.size());
      counter.per_repetition.resize(n);
      for (std::size_t r = 0; r < n; ++r) counter.per_repetition[r] += it->per_repetition[r];
      counter.multiplexed = counter.multiplexed || it->multiplexed;
      counter.user_mode_only = counter.user_mode_only || it->user_mode_only;
    }
  }
  return out;
}

namespace {

std::vector<report::FunctionShare> join_shares(const std::vector<const std::vector<report::FunctionShare>*>& pieces,
                                               std::uint64_t total) {
  std::map<std::string, std::uint64_t> by_function;
  std::map<std::string, std::pair<std::uint64_t, std::string>> line_of;  // the line of the part with most samples
  std::size_t limit = 0;
  for (const auto* rows : pieces) {
    limit = std::max(limit, rows->size());
    for (const auto& f : *rows) {
      by_function[f.function] += f.samples;
      auto& [most, line] = line_of[f.function];
      if (!f.line.empty() && f.samples > most) {
        most = f.samples;
        line = f.line;
      }
    }
  }
  std::vector<report::FunctionShare> out;
  for (const auto& [name, samples] : by_function)
    out.push_back({name, samples, total > 0 ? static_cast<double>(samples) / static_cast<double>(total) : 0.0,
                   line_of[name].second});
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.samples > b.samples; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace

report::SamplingProfile join_sampling(const std::vector<const report::SamplingProfile*>& pieces) {
  using State = report::SamplingProfile::State;
  std::vector<const report::SamplingProfile*> sampled;
  for (const auto* p : pieces)
    if (p->state == State::available) sampled.push_back(p);
  if (sampled.empty()) return *pieces.front();
  report::SamplingProfile out;
  out.state = State::available;
  out.method = sampled.front()->method;
  double cpu_s = 0;
  std::map<std::string, std::uint64_t> stacks;
  std::vector<const std::vector<report::FunctionShare>*> self, inclusive;
  for (const auto* p : sampled) {
    out.samples += p->samples;
    out.measured_samples += p->measured_samples;
    if (p->effective_hz > 0) cpu_s += static_cast<double>(p->samples) / p->effective_hz;
    self.push_back(&p->top_self);
    inclusive.push_back(&p->top_inclusive);
    for (const auto& line : p->collapsed_stacks) {
      const auto space = line.rfind(' ');
      std::uint64_t count = 0;
      if (space == std::string::npos) continue;
      std::from_chars(line.data() + space + 1, line.data() + line.size(), count);
      stacks[line.substr(0, space)] += count;
    }
  }
  out.effective_hz = cpu_s > 0 ? static_cast<double>(out.samples) / cpu_s : 0.0;
  for (const auto& [stack, count] : stacks) out.collapsed_stacks.push_back(stack + " " + std::to_string(count));
  out.top_self = join_shares(self, out.samples);
  out.top_inclusive = join_shares(inclusive, out.samples);
  return out;
}

report::MemorySnapshot join_memory(const std::vector<const report::MemorySnapshot*>& pieces) {
  report::MemorySnapshot out = *pieces.front();
  for (const auto* m : pieces) {
    out.heap_tracking = out.heap_tracking && m->heap_tracking;
    out.rss_mb = std::max(out.rss_mb, m->rss_mb);
    out.rss_high_water_mb = std::max(out.rss_high_water_mb, m->rss_high_water_mb);
    if (out.heap_tracking_reason.empty()) out.heap_tracking_reason = m->heap_tracking_reason;
  }
  return out;
}

report::SweepThroughput join_throughput(const std::vector<const report::SweepThroughput*>& pieces) {
  report::SweepThroughput out = *pieces.front();
  if (pieces.size() == 1) return out;
  out.backtests_per_repetition = 0;
  std::size_t n = out.backtests_per_s.size();
  for (const auto* t : pieces) {
    out.backtests_per_repetition += t->backtests_per_repetition;
    out.threads = std::max(out.threads, t->threads);
    n = std::min(n, t->backtests_per_s.size());
  }
  // Repetition by repetition: all the backtests over the time the pieces took together.
  out.backtests_per_s.assign(n, 0.0);
  for (std::size_t r = 0; r < n; ++r) {
    double seconds = 0;
    for (const auto* t : pieces)
      if (t->backtests_per_s[r] > 0) seconds += t->backtests_per_repetition / t->backtests_per_s[r];
    out.backtests_per_s[r] = seconds > 0 ? out.backtests_per_repetition / seconds : 0.0;
  }
  return out;
}

void append_new(std::vector<std::string>& into, const std::vector<std::string>& more) {
  for (const auto& s : more)
    if (std::find(into.begin(), into.end(), s) == into.end()) into.push_back(s);
}

}  // namespace ph::runner::merge
