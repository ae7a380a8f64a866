// Reading a report back (report_read.hpp): what a run measured comes back as it was written,
// field for field, and a damaged report is refused naming the file and the field.
#include <catch2/catch.hpp>

#include <string>

#include "golden_run.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/report/report_read.hpp"
#include "perfharness/report/reporter.hpp"

using namespace ph;
using namespace ph::report;

namespace {

// The report without its judgements, which a reader judges afresh.
std::string measured_part(nlohmann::ordered_json j) {
  for (const char* key : {"budgets", "optimization_opportunities", "executive_summary", "comparison", "verdict"}) j.erase(key);
  return j.dump(2);
}

}  // namespace

TEST_CASE("a report read back writes the same measured figures, cases and profiles", "[report][read]") {
  RunResult run = test::golden_run();
  run.shard = ShardInfo{2, 4, "--shard"};
  run.operations.back().cases.back().shard_share = ShardShare{0, 10, 5};
  const nlohmann::ordered_json written = report_json(run);
  const RunResult read = read_report_text(written.dump(2), "golden.json");
  CHECK(measured_part(report_json(read)) == measured_part(written));
  CHECK(read.exit_code == run.exit_code);
  REQUIRE(read.shard);
  CHECK(read.shard->count == 4);
}

TEST_CASE("a damaged report is refused with its file and field named", "[report][read]") {
  nlohmann::ordered_json j = report_json(test::golden_run());
  j["operations"][0]["cases"][0]["bars"] = "many";
  CHECK_THROWS_WITH(read_report_text(j.dump(), "shard1.json"),
                    Catch::StartsWith("shard1.json: operations[0].cases[0].bars: expected a whole number"));
  j = report_json(test::golden_run());
  j["operations"][0].erase("figures");
  CHECK_THROWS_WITH(read_report_text(j.dump(), "shard1.json"), Catch::StartsWith("shard1.json: operations[0].figures: missing"));
  j["schema_version"] = 99;
  CHECK_THROWS_WITH(read_report_text(j.dump(), "old.json"), Catch::Contains("schema_version"));
  CHECK_THROWS_WITH(read_report_text("{not json", "x.json"), Catch::StartsWith("x.json: not JSON"));
  CHECK_THROWS_AS(read_report_text("[]", "x.json"), InputError);
}
