#include "text_format.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <cstdio>

#include <fmt/format.h>

#include "perfharness/common/printable.hpp"

namespace ph::report {

std::string plain_number(double v) {
  char buf[64];
  if (!std::isfinite(v)) return std::isnan(v) ? "nan" : v > 0 ? "inf" : "-inf";
  const double a = std::fabs(v);
  if (v == std::trunc(v) && a < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else if (a >= 1e-3 && a < 1e15) {
    const int before = a >= 1 ? static_cast<int>(std::floor(std::log10(a))) + 1 : 0;
    const int decimals = before >= 4 ? 0 : 4 - before + (a < 1 ? static_cast<int>(-std::floor(std::log10(a))) - 1 : 0);
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
      while (s.back() == '0') s.pop_back();
      if (s.back() == '.') s.pop_back();
    }
    return s;
  } else {
    std::snprintf(buf, sizeof buf, "%.3g", v);
  }
  return buf;
}

std::string grouped_number(double v) {
  std::string s = plain_number(v);
  if (s.find_first_of("en") != std::string::npos) return s;  // exponent, nan, inf
  const std::size_t begin = s[0] == '-' ? 1 : 0;
  const std::size_t end = std::min(s.find('.'), s.size());
  for (std::size_t at = end; at > begin + 3; at -= 3) s.insert(at - 3, ",");
  return s;
}

namespace {

// A size given in MiB (the "MB" of figures and limits) in the binary unit that reads best.
std::string human_size(double mib, const char* suffix) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = mib * 1024.0 * 1024.0;
  std::size_t unit = 0;
  while (unit + 1 < std::size(kUnits) && std::fabs(v) >= 1024.0) {
    v /= 1024.0;
    ++unit;
  }
  return plain_number(v) + " " + kUnits[unit] + suffix;
}

}  // namespace

std::string with_unit(double v, const std::string& unit) {
  if (!std::isfinite(v)) return plain_number(v) + (unit.empty() || unit == "count" ? "" : " " + unit);
  if (unit == "s" || unit == "ms") {
    const double seconds = unit == "ms" ? v / 1e3 : v;
    const double a = std::fabs(seconds);
    if (a == 0) return "0 " + unit;
    if (a < 1e-6) return plain_number(seconds * 1e9) + " ns";
    if (a < 1e-3) return plain_number(seconds * 1e6) + " µs";
    if (a < 1) return plain_number(seconds * 1e3) + " ms";
    return plain_number(seconds) + " s";
  }
  if (unit == "MB") return v == 0 ? "0 B" : human_size(v, "");
  if (unit == "MB/1k bars") return v == 0 ? "0 B/1k bars" : human_size(v, "/1k bars");
  if (unit == "count") return grouped_number(v);
  if (unit == "ratio") return plain_number(v);
  if (unit == "instructions") return grouped_number(v) + " instructions";
  return unit.empty() ? plain_number(v) : plain_number(v) + " " + unit;
}

std::string signed_percent(double fraction) {
  if (std::isinf(fraction)) return fraction > 0 ? "+inf%" : "-inf%";
  return fmt::format("{:+.1f}%", 100.0 * fraction);
}

std::string band_percent(double fraction) {
  if (std::isinf(fraction)) return "±inf%";
  return fmt::format("±{:.1f}%", 100.0 * fraction);
}

std::size_t display_width(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string junit_seconds(double seconds) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.3f", std::isfinite(seconds) && seconds > 0 ? seconds : 0.0);
  return buf;
}

std::string budget_label(const BudgetOutcome& b) {
  if (b.operation.empty()) return b.metric;
  return b.metric + " " + std::string(stats::to_string(b.statistic)) +
         (b.across == stats::Across::total ? ", whole operation"
                                           : ", " + std::string(stats::to_string(b.across)) + " across cases");
}

std::string deciding_text(const BudgetOutcome& b) {
  if (b.deciding_case.empty() || b.slowest_parameter_set.empty()) return b.deciding_case;
  return b.deciding_case + " (slowest parameter set: " + b.slowest_parameter_set + ")";
}

bool ParameterSetRows::show(const FigureComparison& c) {
  return !c.parameter_set || ++moved_[{c.operation, c.case_label}] <= kShown;
}

std::vector<std::string> ParameterSetRows::left_out() const {
  std::vector<std::string> out;
  for (const auto& [where, moved] : moved_)
    if (moved > kShown)
      out.push_back(where.first + " [" + where.second + "]: " + std::to_string(moved - kShown) +
                    " more parameter sets moved (the JSON comparison lists them all)");
  return out;
}

std::string markup_text(const std::string& raw) {
  const std::string s = printable(raw, raw.size() * 6 + 16);
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace ph::report
