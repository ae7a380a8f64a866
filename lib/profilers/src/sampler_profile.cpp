// SampleProfile: collapsed stacks and top-N function tables from symbolized samples.

#include <algorithm>
#include <map>
#include <set>

#include "perfharness/common/output_file.hpp"
#include "perfharness/profilers/sampler.hpp"

namespace ph::profilers {
namespace {

// flamegraph.pl splits frames on ';' and the count off the last space; keep names from
// breaking either rule.
std::string collapsed_frame(const std::string& name) {
  std::string out = name;
  for (char& c : out)
    if (c == ';') c = ':';
    else if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out.empty() ? std::string("[unknown]") : out;
}

std::vector<FunctionSamples> ranked(const std::map<std::string, std::uint64_t>& counts, std::uint64_t total,
                                    std::size_t n) {
  std::vector<FunctionSamples> out;
  out.reserve(counts.size());
  for (const auto& [name, count] : counts)
    out.push_back({name, count, total ? static_cast<double>(count) / static_cast<double>(total) : 0.0, {}});
  std::sort(out.begin(), out.end(), [](const FunctionSamples& a, const FunctionSamples& b) {
    return a.samples != b.samples ? a.samples > b.samples : a.function < b.function;
  });
  if (out.size() > n) out.resize(n);
  return out;
}

}  // namespace

SampleProfile::SampleProfile(std::vector<CollapsedStack> stacks, LeafLines leaf_lines)
    : leaf_lines_(std::move(leaf_lines)) {
  // Merge equal stacks so every collapsed line is unique.
  std::map<std::vector<std::string>, std::uint64_t> merged;
  for (auto& s : stacks)
    if (s.count > 0 && !s.frames.empty()) merged[std::move(s.frames)] += s.count;
  for (auto& [frames, count] : merged) {
    stacks_.push_back({frames, count});
    total_ += count;
  }
  std::stable_sort(stacks_.begin(), stacks_.end(),
                   [](const CollapsedStack& a, const CollapsedStack& b) { return a.count > b.count; });
}

std::vector<std::string> SampleProfile::collapsed_lines() const {
  std::vector<std::string> lines;
  lines.reserve(stacks_.size());
  for (const auto& s : stacks_) {
    std::string line;
    for (std::size_t i = 0; i < s.frames.size(); ++i) {
      if (i) line += ';';
      line += collapsed_frame(s.frames[i]);
    }
    line += ' ';
    line += std::to_string(s.count);
    lines.push_back(std::move(line));
  }
  return lines;
}

void SampleProfile::write_collapsed(const std::filesystem::path& path) const {
  std::string text;
  for (const auto& line : collapsed_lines()) text += line + '\n';
  write_output_file(path, text);
}

std::vector<FunctionSamples> SampleProfile::top_self(std::size_t n) const {
  std::map<std::string, std::uint64_t> counts;
  for (const auto& s : stacks_) counts[s.frames.back()] += s.count;
  auto rows = ranked(counts, total_, n);
  for (auto& row : rows) {
    const auto lines = leaf_lines_.find(row.function);
    if (lines == leaf_lines_.end()) continue;
    std::uint64_t most = 0;
    for (const auto& [line, count] : lines->second)  // ties: the first line in file order
      if (count > most) {
        most = count;
        row.line = line;
      }
  }
  return rows;
}

std::vector<FunctionSamples> SampleProfile::top_inclusive(std::size_t n) const {
  std::map<std::string, std::uint64_t> counts;
  for (const auto& s : stacks_) {
    // A recursive function is on the stack once per sample, however deep it recursed.
    const std::set<std::string> distinct(s.frames.begin(), s.frames.end());
    for (const auto& f : distinct) counts[f] += s.count;
  }
  return ranked(counts, total_, n);
}

}  // namespace ph::profilers
