// "did you mean": a typo within a third of the word's length, or a word cut short that begins
// exactly one candidate; nothing for a word unlike every candidate.
#include <catch2/catch.hpp>

#include "perfharness/common/did_you_mean.hpp"

TEST_CASE("did_you_mean names the candidate a typo or a cut-short word stands for", "[did-you-mean]") {
  const std::vector<std::string> options = {"--threads", "--threshold", "--trace", "--repeat"};
  CHECK(ph::did_you_mean("--thread", options) == "; did you mean '--threads'?");
  CHECK(ph::did_you_mean("--repaet", options) == "; did you mean '--repeat'?");
  CHECK(ph::did_you_mean("--colour", options).empty());
  CHECK(ph::closest_name("fast", {"fast_period", "slow_period"}) == "fast_period");
  CHECK(ph::closest_name("per", {"fast_period", "slow_period", "period"}) == "period");  // the one it begins
  CHECK(ph::closest_name("fa", {"fast_period"}).empty());                   // too short to stand for anything
  CHECK(ph::closest_name("period_", {"period_a", "period_b"}) == "period_a");  // one edit: the first found
  CHECK(ph::closest_name("xyz", {"period_a", "period_b"}).empty());
  CHECK(ph::closest_name("strategie", {"strategies"}) == "strategies");
  CHECK(ph::edit_distance("kitten", "sitting") == 3);
  CHECK(ph::edit_distance("", "abc") == 3);
}
