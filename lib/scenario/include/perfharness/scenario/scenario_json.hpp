#pragma once
// A resolved scenario as JSON: what `perfharness validate --print` shows and what a
// report can embed to say exactly what ran (positions left out).
#include <nlohmann/json.hpp>

#include "perfharness/scenario/scenario.hpp"

namespace ph::scenario {

nlohmann::json to_json(const Scenario& s);
nlohmann::json to_json(const Thresholds& t);
nlohmann::json to_json(const Budget& b);
nlohmann::json to_json(const Parameters& p);  // {"strategy": name, "parameters": {name: value}}

}  // namespace ph::scenario
