#pragma once
// A sweep's grid rows as JSON text, written directly: they are most of a large sweep's report
// (a row per parameter set), and building them as a JSON tree to print it again cost more
// than the sweep itself on a 4,700-set grid. One row per line.
#include <string>

#include "perfharness/report/case_records.hpp"

namespace ph::report::detail {

/// The rows of sweep_grid_json(r), `[[params..., sharpe_ratio, total_return, max_drawdown,
/// win_rate, total_trades], ...]`, each row on its own line indented by `indent` spaces.
/// Numbers are the shortest text that reads back to the same double; NaN and infinities null.
std::string grid_rows_text(const SweepOutcome& r, std::size_t indent);

}  // namespace ph::report::detail
