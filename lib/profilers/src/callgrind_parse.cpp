// Parser of callgrind output: only the header fields of each part (trigger, events,
// summary/totals) are read; per-function cost lines are skipped.
#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <limits>
#include <fstream>
#include <sstream>

#include "perfharness/profilers/callgrind.hpp"
#include "perfharness/common/errors.hpp"

namespace ph::profilers {
namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

std::string trimmed(std::string s) {
  const auto b = s.find_first_not_of(" \t\r");
  const auto e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

struct PartState {
  CallgrindDump dump;
  bool has_summary = false;
  bool has_totals = false;
  std::uint64_t summary = 0;
  std::uint64_t totals = 0;
  bool started = false;  // saw any field of this part
};

std::uint64_t ir_of(const std::string& values, std::size_t ir_index, const std::filesystem::path& source,
                    const char* field, int line_no) {
  const auto w = words(values);
  // Trailing zero costs may be omitted in callgrind output, so a short line means 0.
  if (ir_index >= w.size()) return 0;
  std::uint64_t v = 0;
  const auto& t = w[ir_index];
  const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size())
    throw InputError(source.string() + ":" + std::to_string(line_no) + ": field '" + field + "' value '" + t +
                     "' is not a count; the file is not valid callgrind output");
  return v;
}

}  // namespace

std::vector<CallgrindDump> parse_callgrind_text(const std::string& text, const std::filesystem::path& source) {
  std::vector<CallgrindDump> dumps;
  std::vector<std::string> events;
  std::size_t ir_index = std::string::npos;
  PartState part;
  bool saw_header = false;

  auto finish = [&](int line_no) {
    if (!part.started) return;
    if (!part.has_summary && !part.has_totals)
      throw InputError(source.string() + ":" + std::to_string(line_no) +
                       ": a part has no 'summary:' or 'totals:' line; the file is truncated or not callgrind output");
    part.dump.instructions = part.has_summary ? part.summary : part.totals;
    part.dump.file = source;
    dumps.push_back(part.dump);
    part = PartState{};
  };

  std::istringstream in(text);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (starts_with(line, "# callgrind format") || starts_with(line, "version:") || starts_with(line, "creator:")) {
      saw_header = true;
    } else if (starts_with(line, "part:")) {
      // In combined dumps a new "part:" starts the next dump.
      if (part.has_summary || part.has_totals) finish(line_no);
      part.started = true;
      part.dump.part = std::atoi(line.c_str() + 5);
    } else if (starts_with(line, "desc: Trigger:")) {
      part.started = true;
      part.dump.trigger = trimmed(line.substr(14));
      const std::string request = "Client Request";
      if (starts_with(part.dump.trigger, request.c_str())) {
        std::string rest = part.dump.trigger.substr(request.size());
        if (starts_with(rest, ":")) rest = rest.substr(1);
        part.dump.label = trimmed(rest);
      }
    } else if (starts_with(line, "events:")) {
      events = words(line.substr(7));
      const auto it = std::find(events.begin(), events.end(), "Ir");
      ir_index = it == events.end() ? std::string::npos : static_cast<std::size_t>(it - events.begin());
    } else if (starts_with(line, "summary:") || starts_with(line, "totals:")) {
      const bool summary = line[0] == 's';
      const char* field = summary ? "summary" : "totals";
      if (ir_index == std::string::npos)
        throw InputError(source.string() + ":" + std::to_string(line_no) + ": field '" + field +
                         "' is not preceded by an 'events:' line naming Ir; the file is not callgrind output");
      const std::uint64_t v = ir_of(line.substr(summary ? 8 : 7), ir_index, source, field, line_no);
      part.started = true;
      (summary ? part.has_summary : part.has_totals) = true;
      (summary ? part.summary : part.totals) = v;
    }
  }
  finish(line_no);
  if (!saw_header && dumps.empty())
    throw InputError(source.string() + ": not callgrind output (no '# callgrind format' header and no parts)");
  if (dumps.empty())
    throw InputError(source.string() + ": callgrind output without any 'summary:' or 'totals:' line");
  return dumps;
}

std::vector<CallgrindDump> parse_callgrind_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError("cannot open callgrind output " + file.string() + "; check the path");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_callgrind_text(text.str(), file);
}

std::vector<std::filesystem::path> callgrind_files(const std::filesystem::path& dir, long pid) {
  const std::string base = "callgrind.out." + std::to_string(pid);
  std::vector<std::pair<long, std::filesystem::path>> found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name == base) {
      found.emplace_back(std::numeric_limits<long>::max(), entry.path());  // termination dump: last
    } else if (starts_with(name, (base + ".").c_str())) {
      const std::string n = name.substr(base.size() + 1);
      long part = 0;
      const auto [p, e] = std::from_chars(n.data(), n.data() + n.size(), part);
      if (e == std::errc() && p == n.data() + n.size()) found.emplace_back(part, entry.path());
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::filesystem::path> out;
  for (auto& [n, p] : found) out.push_back(std::move(p));
  return out;
}

std::map<std::string, std::uint64_t> instructions_by_label(const std::vector<CallgrindDump>& dumps) {
  std::map<std::string, std::uint64_t> out;
  for (const auto& d : dumps)
    if (starts_with(d.trigger, "Client Request")) out[d.label] += d.instructions;
  return out;
}

}  // namespace ph::profilers
