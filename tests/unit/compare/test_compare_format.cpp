// The table and the JSON rendering of a comparison.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "perfharness/report/compare.hpp"
#include "report_builder.hpp"

using namespace test_reports;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {
ph::report::ComparisonResult slowdown() {
  const auto base = report(json::array({operation(
      "bt", json{{"time", figure({0.0010, 0.0011, 0.0012, 0.0013, 0.0014})},
                 {"instructions", figure({4812331}, "count", true)}})}));
  const auto next = report(json::array({operation(
      "bt", json{{"time", figure({0.0020, 0.0022, 0.0024, 0.0026, 0.0028})},
                 {"instructions", figure({4812331}, "count", true)}})}));
  return ph::report::compare_reports(base, next);
}
}  // namespace

TEST_CASE("the table lists each figure with scaled units and ends with the conclusion", "[compare][format]") {
  const std::string text = ph::report::format_comparison(slowdown());
  std::istringstream in(text);
  std::string header, time_row, instr_row, geomean, conclusion;
  std::getline(in, header);
  std::getline(in, time_row);
  std::getline(in, instr_row);
  std::getline(in, geomean);
  std::getline(in, conclusion);
  CHECK_THAT(header, StartsWith("operation  figure"));
  CHECK_THAT(time_row, StartsWith("bt         time"));
  CHECK_THAT(time_row, Contains("1.2 ms"));
  CHECK_THAT(time_row, Contains("2.4 ms"));
  CHECK_THAT(time_row, Contains("+100.0%"));
  CHECK_THAT(time_row, Contains("0.00794"));
  CHECK_THAT(time_row, Contains("regressed"));
  CHECK_THAT(instr_row, Contains("4,812,331"));
  CHECK_THAT(instr_row, Contains("exact"));
  CHECK_THAT(instr_row, Contains("unchanged"));
  // sqrt(2 * 1) = 1.414
  CHECK(geomean == "geometric mean of the median ratios (new / base) over 2 figures: 1.414 (+41.4%)");
  CHECK_THAT(conclusion, StartsWith("1 regression, 0 improvements (regressed: beyond +5.0% and the noise band, and "
                                    "p < 0.05"));
  CHECK(text.back() == '\n');
}

TEST_CASE("the JSON form carries every comparison field", "[compare][format]") {
  const auto j = ph::report::to_json(slowdown());
  REQUIRE(j["comparisons"].size() == 2);
  const auto& t = j["comparisons"][0];
  CHECK(t["operation"] == "bt");
  CHECK(t["figure"] == "time");
  CHECK(t["unit"] == "s");
  CHECK(t["base_median"].get<double>() == Approx(0.0012));
  CHECK(t["new_median"].get<double>() == Approx(0.0024));
  CHECK(t["change"].get<double>() == Approx(1.0));
  CHECK(t["p_value"].get<double>() == Approx(2.0 / 252.0));
  CHECK(t["verdict"] == "regressed");
  CHECK(j["comparisons"][1]["p_value"].is_null());
  CHECK(j["comparisons"][1]["exact"] == true);
  CHECK(j["geometric_mean_ratio"].get<double>() == Approx(std::sqrt(2.0)));
  CHECK(j["regressions"] == 1);
  CHECK(j["warnings"].is_array());
  CHECK(j["threshold"] == 0.05);
  CHECK(j["alpha"] == 0.05);
}

TEST_CASE("the table pads by display width: a µs column stays aligned", "[compare][format]") {
  const auto base = report(json::array({operation("bt", json{{"time", figure({2e-6, 2e-6, 2e-6, 2e-6, 2e-6})},
                                                             {"cpu_time", figure({0.5, 0.5, 0.5, 0.5, 0.5})}})}));
  const std::string text = ph::report::format_comparison(ph::report::compare_reports(base, base));
  std::istringstream in(text);
  std::string header, first, second;
  std::getline(in, header);
  std::getline(in, first);
  std::getline(in, second);
  INFO(text);
  CHECK_THAT(text, Contains("2 µs"));
  // Every column ends at the same display column in both rows: the 'unchanged' verdicts line up.
  const auto column = [](const std::string& line) {
    const auto at = line.find("unchanged");
    std::size_t width = 0;
    for (std::size_t i = 0; i < at; ++i) width += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
    return width;
  };
  CHECK(column(first) == column(second));
}
