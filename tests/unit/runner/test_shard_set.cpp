// The reports merge is given (shard_set.hpp): all N shards once, of one scenario and version,
// put in shard order; anything else refused naming the file.
#include <catch2/catch.hpp>

#include "perfharness/common/errors.hpp"
#include "shard_set.hpp"

using namespace ph;
using namespace ph::runner;

namespace {

ShardReport shard(int index, int count, std::string file = "") {
  ShardReport r;
  r.file = file.empty() ? "s" + std::to_string(index) + ".json" : file;
  r.run.shard = report::ShardInfo{index, count, "--shard"};
  r.run.scenario.sha256 = "ab12";
  r.run.tool.version = "1.0";
  report::OperationResult op;
  op.name = "grid";
  op.repetitions = 3;
  op.cases.emplace_back();
  r.run.operations.push_back(op);
  return r;
}

}  // namespace

TEST_CASE("shards given in any order come back in shard order", "[merge]") {
  const auto ordered = ordered_shard_set({shard(3, 3), shard(1, 3), shard(2, 3)});
  REQUIRE(ordered.size() == 3);
  CHECK(ordered[0].file == "s1.json");
  CHECK(ordered[2].file == "s3.json");
}

TEST_CASE("a missing, repeated or foreign shard is refused with its file named", "[merge]") {
  CHECK_THROWS_WITH(ordered_shard_set({shard(1, 3), shard(3, 3)}), Catch::StartsWith("merge: shard 2 of 3 is missing"));
  CHECK_THROWS_WITH(ordered_shard_set({shard(1, 2), shard(2, 2), shard(2, 2, "again.json")}),
                    Catch::StartsWith("again.json: is shard 2 again"));
  auto foreign = shard(2, 2, "other.json");
  foreign.run.scenario.sha256 = "cd34";
  CHECK_THROWS_WITH(ordered_shard_set({shard(1, 2), foreign}), Catch::StartsWith("other.json: ran another scenario"));
  auto newer = shard(2, 2, "newer.json");
  newer.run.tool.version = "1.1";
  CHECK_THROWS_WITH(ordered_shard_set({shard(1, 2), newer}), Catch::StartsWith("newer.json: was written by perfharness 1.1"));
  CHECK_THROWS_WITH(ordered_shard_set({shard(1, 2), shard(2, 3, "three.json")}), Catch::StartsWith("three.json: is shard 2 of 3"));
  auto whole = shard(1, 1, "whole.json");
  whole.run.shard.reset();
  CHECK_THROWS_WITH(ordered_shard_set({whole}), Catch::StartsWith("whole.json: not a shard's report"));
  auto fewer = shard(2, 2, "fewer.json");
  fewer.run.operations[0].repetitions = 2;
  CHECK_THROWS_WITH(ordered_shard_set({shard(1, 2), fewer}), Catch::Contains("same --repeat"));
  auto cut = shard(2, 2, "cut.json");
  cut.run.interrupted = true;
  CHECK_THROWS_WITH(ordered_shard_set({shard(1, 2), cut}), Catch::StartsWith("cut.json: the shard was interrupted"));
  CHECK_THROWS_AS(ordered_shard_set({}), InputError);
}
