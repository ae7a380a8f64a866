// The catalogue of figures is the one source: its entries are consistent and docs/figures.md
// lists them as they are (tests/unit/runner checks that a run records no other figure).
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "perfharness/figures/catalogue.hpp"
#include "perfharness/figures/limit_unit.hpp"
#include "file_text.hpp"

#include <nlohmann/json.hpp>

using namespace ph;
using figures::FigureInfo;

namespace {

std::string kinds_text(unsigned kinds) {
  if (kinds == figures::kAllKinds) return "all";
  std::string out;
  for (const OperationKind kind : kOperationKinds)
    if (kinds & figures::kind_bit(kind)) out += (out.empty() ? "" : ", ") + std::string(to_string(kind));
  return out;
}

const char* source_text(figures::Source s) {
  switch (s) {
    case figures::Source::clock: return "clock";
    case figures::Source::os: return "os";
    case figures::Source::heap: return "heap";
    case figures::Source::database: return "database";
    case figures::Source::callgrind: return "callgrind";
    case figures::Source::counters: return "counters";
  }
  return "?";
}


}  // namespace

TEST_CASE("catalogue entries are unique and consistent", "[figures]") {
  std::set<std::string_view> keys;
  for (const FigureInfo& f : figures::catalogue()) {
    INFO(f.key);
    CHECK(keys.insert(f.key).second);
    CHECK(figures::find(f.key) == &f);
    CHECK(f.kinds != 0);
    CHECK(!f.description.empty());
    CHECK(!figures::limit_units_for(f).empty());
    // The console shows gating figures only, and a figure no way is better cannot gate.
    if (f.headline) CHECK(f.role == figures::Role::gates);
    if (f.direction == figures::Direction::neither) CHECK(f.role == figures::Role::describes);
    CHECK(figures::judged_against_baselines(f.key) == (f.role == figures::Role::gates));
  }
  CHECK(figures::find("no_such_figure") == nullptr);
  CHECK(figures::judged_against_baselines("a_figure_of_a_later_version"));
}

TEST_CASE("limit keys read back as the unit they name", "[figures]") {
  for (const auto key : figures::limit_keys()) {
    const auto unit = figures::parse_limit_key(key);
    REQUIRE(unit);
    if (key != "max_slow_queries") CHECK(figures::limit_key(*unit) == key);
  }
  CHECK(figures::parse_limit_key("max_slow_queries") == figures::LimitUnit::count);
  CHECK(!figures::parse_limit_key("max_ratio"));
  CHECK(figures::in_limit_unit(0.25, "s", figures::LimitUnit::ms) == 250);
  CHECK(figures::in_limit_unit(250, "ms", figures::LimitUnit::s) == 0.25);
  CHECK(figures::in_limit_unit(7, "MB", figures::LimitUnit::mb) == 7);
}

TEST_CASE("docs/figures.md lists every figure as the catalogue defines it", "[figures][docs]") {
  const std::string doc = ph_test::file_text(std::string(PH_SOURCE_DIR) + "/docs/figures.md");
  REQUIRE(!doc.empty());
  std::size_t rows = 0;
  std::istringstream lines(doc);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("| `", 0) == 0) ++rows;
  CHECK(rows == figures::catalogue().size());
  for (const FigureInfo& f : figures::catalogue()) {
    const std::string row = "| `" + std::string(f.key) + "` | " + std::string(f.unit) + " | " +
                            (f.role == figures::Role::gates ? "gates" : "describes") + " | " +
                            std::string(stats::to_string(f.budget_statistic)) + " | " + (f.exact ? "yes" : "no") + " | " +
                            source_text(f.source) + " | " + kinds_text(f.kinds) + " |";
    INFO(row);
    CHECK(doc.find(row + "\n") != std::string::npos);
  }
}

TEST_CASE("docs/report.schema.json allows operations and cases exactly the catalogue's figures", "[figures][docs]") {
  const auto schema = nlohmann::json::parse(ph_test::file_text(std::string(PH_SOURCE_DIR) + "/docs/report.schema.json"));
  std::set<std::string> in_schema, in_catalogue;
  for (const char* where : {"operation_figures", "case_figures"})
    for (const auto& [key, value] : schema.at("$defs").at(where).at("properties").items()) in_schema.insert(key);
  for (const FigureInfo& f : figures::catalogue()) in_catalogue.insert(std::string(f.key));
  CHECK(in_schema == in_catalogue);
}
