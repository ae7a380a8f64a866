#include "grid_rows_text.hpp"

#include <charconv>
#include <cmath>

namespace ph::report::detail {
namespace {

void append_number(std::string& out, double x) {
  if (!std::isfinite(x)) {
    out += "null";  // as nlohmann prints them
    return;
  }
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, x).ptr;
  out.append(buf, end);
}

}  // namespace

std::string grid_rows_text(const SweepOutcome& r, std::size_t indent) {
  const std::size_t width = r.parameter_names.size();
  std::string out;
  out.reserve(r.metrics.size() * (width + 5) * 20 + 16);
  out += '[';
  for (std::size_t i = 0; i < r.metrics.size(); ++i) {
    out += i == 0 ? "\n" : ",\n";
    out.append(indent + 2, ' ');
    out += '[';
    for (std::size_t k = 0; k < width && i * width + k < r.parameter_values.size(); ++k) {
      append_number(out, r.parameter_values[i * width + k]);
      out += ',';
    }
    const Metrics& m = r.metrics[i];
    for (const double x : {m.sharpe_ratio, m.total_return, m.max_drawdown, m.win_rate}) {
      append_number(out, x);
      out += ',';
    }
    out += std::to_string(m.total_trades);
    out += ']';
  }
  if (!r.metrics.empty()) {
    out += '\n';
    out.append(indent, ' ');
  }
  out += ']';
  return out;
}

}  // namespace ph::report::detail
