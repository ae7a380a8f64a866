#include "perfharness/engine/portfolio.hpp"

#include "perfharness/engine/simulation_loop.hpp"
#include "perfharness/hooks/zone.hpp"

namespace ph {

void simulate(const Date* dates, const double* close, const std::uint8_t* entries, const std::uint8_t* exits,
              Eigen::Index n, const PortfolioConfig& cfg, double* equity, SimulationOutput& out) {
  PH_ZONE("simulation");
  simulate_bars(dates, close, entries, exits, n, cfg, out, [equity](Eigen::Index t, double e) { equity[t] = e; });
}

}  // namespace ph
