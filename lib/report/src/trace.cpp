// The Chrome trace-event format of a run's timeline: "X" (complete) events with ts and dur in
// microseconds from the earliest span, read by Perfetto, chrome://tracing and speedscope.
// Written by hand, not through a JSON value: a full timeline holds a million spans.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "perfharness/report/reporter.hpp"
#include "reporter_factories.hpp"

namespace ph::report {
namespace {

void put_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
        else out += ch;
    }
  }
  out += '"';
}

// Microseconds with their nanosecond digits, exactly, from integers.
void put_micros(std::string& out, std::int64_t ns) {
  if (ns < 0) ns = 0;
  fmt::format_to(std::back_inserter(out), "{}.{:03}", ns / 1000, ns % 1000);
}

class TraceReporter final : public Reporter {
 public:
  std::string render(const RunResult& run) const override { return chrome_trace(run.timeline); }
};

}  // namespace

std::string chrome_trace(const Timeline& timeline) {
  std::int64_t origin = 0;
  if (!timeline.spans.empty())
    origin = std::min_element(timeline.spans.begin(), timeline.spans.end(), [](const auto& a, const auto& b) {
               return a.start_ns < b.start_ns;
             })->start_ns;
  std::size_t slices = 0, zones = 0;
  std::string out;
  out.reserve(256 + timeline.spans.size() * 96);
  fmt::format_to(std::back_inserter(out),
                 "{{\"traceEvents\":[\n{{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":{},\"tid\":0,"
                 "\"args\":{{\"name\":\"perfharness\"}}}}",
                 timeline.pid);
  for (const Timeline::Span& s : timeline.spans) {
    (s.category == Timeline::Category::zone ? zones : slices) += 1;
    out += ",\n{\"name\":";
    put_json_string(out, s.name < timeline.names.size() ? std::string_view(timeline.names[s.name]) : "");
    out += ",\"cat\":";
    put_json_string(out, to_string(s.category));
    out += ",\"ph\":\"X\",\"ts\":";
    put_micros(out, s.start_ns - origin);
    out += ",\"dur\":";
    put_micros(out, s.duration_ns);
    fmt::format_to(std::back_inserter(out), ",\"pid\":{},\"tid\":{}}}", timeline.pid, s.tid);
  }
  fmt::format_to(std::back_inserter(out),
                 "\n],\"displayTimeUnit\":\"ms\",\"otherData\":{{\"clock\":\"steady\",\"events\":{},\"slices\":{},"
                 "\"dropped_events\":{}}}}}\n",
                 zones, slices, timeline.dropped);
  return out;
}

std::unique_ptr<Reporter> make_trace_reporter() { return std::make_unique<TraceReporter>(); }

}  // namespace ph::report
