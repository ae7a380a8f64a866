// The trace reporter: a run's timeline as a Chrome trace, exactly, whatever the names hold.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "perfharness/report/reporter.hpp"

using namespace ph::report;
using Category = Timeline::Category;

namespace {

Timeline timeline_of(std::initializer_list<std::tuple<std::string, Category, std::int64_t, std::int64_t>> spans) {
  Timeline t;
  t.pid = 4242;
  TimelineBuilder builder(t);
  for (const auto& [name, category, start, duration] : spans) builder.add(name, category, 7, start, duration);
  return t;
}

}  // namespace

TEST_CASE("spans are X events on one time axis from the earliest, in microseconds to the nanosecond", "[trace]") {
  Timeline t = timeline_of({{"bt;\"one\"", Category::operation, 1'500'000, 3'000'000},
                            {"sma_cross AAA", Category::case_, 1'900'000, 1'200'000},
                            {"backtest", Category::zone, 2'000'001, 999'999}});
  t.dropped = 3;
  const auto doc = nlohmann::json::parse(chrome_trace(t));
  const auto& e = doc["traceEvents"];
  REQUIRE(e.size() == 4);  // the process name, then every span in order
  CHECK(e[0] == nlohmann::json::parse(
                    R"j({"name":"process_name","ph":"M","pid":4242,"tid":0,"args":{"name":"perfharness"}})j"));
  CHECK(e[1] == nlohmann::json::parse(
                    R"j({"name":"bt;\"one\"","cat":"operation","ph":"X","ts":0.0,"dur":3000.0,"pid":4242,"tid":7})j"));
  CHECK(e[2]["cat"] == "case");
  CHECK(e[2]["ts"].get<double>() == 400.0);
  CHECK(e[3]["cat"] == "zone");
  CHECK(doc["otherData"] == nlohmann::json::parse(R"j({"clock":"steady","events":1,"slices":2,"dropped_events":3})j"));
  CHECK(doc["displayTimeUnit"] == "ms");
  // Printed from integers, not through a double: every nanosecond digit is there.
  const std::string text = chrome_trace(t);
  CHECK(text.find("\"ts\":500.001,\"dur\":999.999") != std::string::npos);
}

TEST_CASE("names with quotes, backslashes and control characters stay one JSON string", "[trace]") {
  const Timeline t = timeline_of({{"a\\b\"c\n\td\x01", Category::zone, 0, 1}});
  const auto doc = nlohmann::json::parse(chrome_trace(t));
  CHECK(doc["traceEvents"][1]["name"] == "a\\b\"c\n\td\x01");
  CHECK(chrome_trace(t).find("\\u0001") != std::string::npos);
}

TEST_CASE("an empty timeline is a valid trace with no spans", "[trace]") {
  const auto doc = nlohmann::json::parse(chrome_trace(Timeline{}));
  CHECK(doc["traceEvents"].size() == 1);
  CHECK(doc["otherData"]["events"] == 0);
  CHECK(doc["otherData"]["slices"] == 0);
}

TEST_CASE("the timeline keeps each distinct name once", "[trace]") {
  const Timeline t = timeline_of({{"zone", Category::zone, 0, 1}, {"other", Category::zone, 1, 1}, {"zone", Category::zone, 2, 1}});
  CHECK(t.names == std::vector<std::string>{"zone", "other"});
  REQUIRE(t.spans.size() == 3);
  CHECK(t.spans[0].name == t.spans[2].name);
  CHECK(sizeof(Timeline::Span) == 32);
}
