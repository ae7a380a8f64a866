// Cross-checks ph::ind against reference vectors produced by real TA-Lib (C code compiled to
// WebAssembly, npm `talib.js`), see scripts/talib_reference/generate.mjs. Regenerate with
//   cd scripts/talib_reference && npm ci && node generate.mjs
// Every value TA-Lib defines must match ours within 1e-9 relative; our output must be NaN
// exactly on the documented warm-up bars and defined everywhere after them.
#include <algorithm>
#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <fstream>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "perfharness/indicators/indicators.hpp"

namespace {

using nlohmann::json;
using ph::ind::Index;
using Vec = std::vector<double>;

constexpr double kRelTol = 1e-9;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string data_path(const char* file) { return std::string(PH_TEST_DATA_DIR) + "/talib/" + file; }

struct Reference {
  Vec close;
  json doc;
};

const Reference& reference() {
  static const Reference ref = [] {
    Reference r;
    std::ifstream csv(data_path("input.csv"));
    if (!csv) throw std::runtime_error("cannot open " + data_path("input.csv"));
    std::string line;
    std::getline(csv, line);
    if (line != "close") throw std::runtime_error("input.csv: expected header 'close', got '" + line + "'");
    while (std::getline(csv, line)) {
      if (line.empty()) continue;
      double v = 0;
      const auto [ptr, ec] = std::from_chars(line.data(), line.data() + line.size(), v);
      if (ec != std::errc{} || ptr != line.data() + line.size())
        throw std::runtime_error("input.csv: bad number '" + line + "'");
      r.close.push_back(v);
    }
    std::ifstream js(data_path("reference.json"));
    if (!js) throw std::runtime_error("cannot open " + data_path("reference.json"));
    r.doc = json::parse(js);
    return r;
  }();
  return ref;
}

std::vector<const json*> series_of(const std::string& indicator) {
  std::vector<const json*> out;
  for (const auto& s : reference().doc.at("series"))
    if (s.at("indicator") == indicator) out.push_back(&s);
  return out;
}

bool rel_equal(double ours, double ref) {
  if (ours == ref) return true;
  return std::abs(ours - ref) <= kRelTol * std::max(std::abs(ours), std::abs(ref));
}

std::string fmt(double v) {
  std::ostringstream os;
  os.precision(17);
  os << v;
  return os.str();
}

struct Outcome {
  long compared = 0;
  double worst_rel = 0;
};

// Compares one output series.
//   ours_warm: number of leading bars our API documents as NaN;
//   ref_first: first bar TA-Lib defines (== ours_warm except for the MACD line).
Outcome check_output(const std::string& label, const Vec& ours, const json& ref, Index ours_warm,
                     Index ref_first) {
  INFO(label);
  const auto n = static_cast<Index>(reference().close.size());
  REQUIRE(static_cast<Index>(ours.size()) == n);
  REQUIRE(ref.is_array());
  REQUIRE(static_cast<Index>(ref.size()) == n);

  std::vector<std::string> problems;
  auto problem = [&](std::string msg) {
    if (problems.size() < 12) problems.push_back(std::move(msg));
    else if (problems.size() == 12) problems.push_back("...");
  };
  Outcome o;
  for (Index i = 0; i < n; ++i) {
    const double v = ours[static_cast<std::size_t>(i)];
    const json& r = ref[static_cast<std::size_t>(i)];
    // Our documented warm-up: NaN before ours_warm, finite from it on.
    if (i < ours_warm && !std::isnan(v)) problem("bar " + std::to_string(i) + ": expected NaN (warm-up), got " + fmt(v));
    if (i >= ours_warm && !std::isfinite(v)) problem("bar " + std::to_string(i) + ": expected a value, got " + fmt(v));
    // TA-Lib's layout: null exactly before ref_first.
    if ((i < ref_first) != r.is_null())
      problem("bar " + std::to_string(i) + ": reference is " + (r.is_null() ? "null" : "defined") +
              ", expected first defined bar " + std::to_string(ref_first));
    if (r.is_null()) continue;
    const double t = r.get<double>();
    ++o.compared;
    if (std::isfinite(v) && v != t) {
      const double rel = std::abs(v - t) / std::max(std::abs(v), std::abs(t));
      o.worst_rel = std::max(o.worst_rel, rel);
    }
    if (!rel_equal(v, t))
      problem("bar " + std::to_string(i) + ": ours " + fmt(v) + " vs TA-Lib " + fmt(t) + " (diff " +
              fmt(v - t) + ")");
  }
  std::string all;
  for (const auto& p : problems) all += "\n  " + p;
  INFO("discrepancies:" << all);
  CHECK(problems.empty());
  return o;
}

void report(const std::string& what, long compared, double worst) {
  std::cout << "[talib] " << what << ": " << compared << " reference values compared, worst relative error "
            << worst << "\n";
}

struct Totals {
  long compared = 0;
  double worst = 0;
  void add(const Outcome& o) {
    compared += o.compared;
    worst = std::max(worst, o.worst_rel);
  }
};

// Single-output indicators with a pointer-form API and a period parameter.
template <class F>
void check_simple(const std::string& indicator, F fn, Index (*warm_of)(int)) {
  const auto all = series_of(indicator);
  REQUIRE_FALSE(all.empty());
  const Vec& x = reference().close;
  const auto n = static_cast<Index>(x.size());
  Totals tot;
  for (const json* s : all) {
    const int period = s->at("params").at("period").get<int>();
    const std::string label = indicator + "(" + std::to_string(period) + ") vs " + s->at("talib").get<std::string>();
    Vec ours(x.size(), 12345.0);  // sentinel: every bar must be written
    fn(x.data(), n, period, ours.data());
    tot.add(check_output(label, ours, s->at("outputs").at("value"), warm_of(period), warm_of(period)));
  }
  report(indicator, tot.compared, tot.worst);
  CHECK(tot.compared > 0);
}

Index warm_minus_one(int p) { return p - 1; }
Index warm_period(int p) { return p; }

Eigen::VectorXd as_eigen(const Vec& v) { return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Index>(v.size())); }

bool same_bits(const Eigen::VectorXd& a, const Vec& b) {
  if (static_cast<std::size_t>(a.size()) != b.size()) return false;
  for (std::size_t i = 0; i < b.size(); ++i) {
    const double u = a[static_cast<Index>(i)], v = b[i];
    if (!(u == v || (std::isnan(u) && std::isnan(v)))) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("TA-Lib reference data is complete", "[talib][indicators]") {
  const auto& ref = reference();
  REQUIRE(ref.close.size() == static_cast<std::size_t>(ref.doc.at("bars").get<int>()));
  REQUIRE(ref.close.size() >= 300);
  // Flat stretches must really be in the input (they exercise RSI's zero case and max/min ties).
  long repeats = 0;
  for (std::size_t i = 1; i < ref.close.size(); ++i) repeats += ref.close[i] == ref.close[i - 1];
  CHECK(repeats >= 40);

  auto has = [&](const std::string& ind, const json& params) {
    for (const json* s : series_of(ind))
      if (s->at("params") == params) return true;
    return false;
  };
  for (int p : {2, 5, 20}) CHECK(has("sma", {{"period", p}}));
  for (int p : {2, 12, 26}) CHECK(has("ema", {{"period", p}}));
  for (int p : {2, 14}) CHECK(has("rsi", {{"period", p}}));
  CHECK(has("macd", {{"fast", 12}, {"slow", 26}, {"signal", 9}}));
  CHECK(has("macd", {{"fast", 5}, {"slow", 13}, {"signal", 4}}));
  for (const char* b : {"bollinger", "bollinger_bbands"}) {
    CHECK(has(b, {{"period", 20}, {"k", 2.0}}));
    CHECK(has(b, {{"period", 10}, {"k", 1.5}}));
  }
  for (int p : {10, 20}) {
    CHECK(has("rolling_max_prev", {{"period", p}}));
    CHECK(has("rolling_min_prev", {{"period", p}}));
  }
  for (int p : {1, 20}) CHECK(has("pct_change", {{"period", p}}));

  long defined = 0;
  for (const auto& s : ref.doc.at("series"))
    for (const auto& [name, values] : s.at("outputs").items())
      for (const auto& v : values) defined += !v.is_null();
  std::cout << "[talib] reference: " << ref.close.size() << " bars, " << ref.doc.at("series").size()
            << " series, " << defined << " defined TA-Lib values\n";
  CHECK(defined > 10000);
}

TEST_CASE("sma matches TA-Lib SMA", "[talib][indicators]") {
  check_simple("sma", [](const double* x, Index n, int p, double* o) { ph::ind::sma(x, n, p, o); }, warm_minus_one);
}

TEST_CASE("ema matches TA-Lib EMA", "[talib][indicators]") {
  check_simple("ema", [](const double* x, Index n, int p, double* o) { ph::ind::ema(x, n, p, o); }, warm_minus_one);
}

TEST_CASE("rsi matches TA-Lib RSI", "[talib][indicators]") {
  check_simple("rsi", [](const double* x, Index n, int p, double* o) { ph::ind::rsi(x, n, p, o); }, warm_period);
}

TEST_CASE("rolling_max_prev matches TA-Lib MAX shifted one bar", "[talib][indicators]") {
  check_simple(
      "rolling_max_prev", [](const double* x, Index n, int p, double* o) { ph::ind::rolling_max_prev(x, n, p, o); },
      warm_period);
}

TEST_CASE("rolling_min_prev matches TA-Lib MIN shifted one bar", "[talib][indicators]") {
  check_simple(
      "rolling_min_prev", [](const double* x, Index n, int p, double* o) { ph::ind::rolling_min_prev(x, n, p, o); },
      warm_period);
}

TEST_CASE("pct_change matches TA-Lib ROCP", "[talib][indicators]") {
  check_simple(
      "pct_change", [](const double* x, Index n, int p, double* o) { ph::ind::pct_change(x, n, p, o); }, warm_period);
}

TEST_CASE("macd matches TA-Lib MACD", "[talib][indicators]") {
  const auto all = series_of("macd");
  REQUIRE(all.size() >= 2);
  const Vec& x = reference().close;
  const auto n = static_cast<Index>(x.size());
  Totals tot;
  for (const json* s : all) {
    const auto& prm = s->at("params");
    const int fast = prm.at("fast"), slow = prm.at("slow"), signal = prm.at("signal");
    const std::string label = s->at("talib").get<std::string>();
    Vec m(x.size(), 12345.0), g(x.size(), 12345.0), h(x.size(), 12345.0);
    ph::ind::macd(x.data(), n, fast, slow, signal, m.data(), g.data(), h.data());
    const auto& out = s->at("outputs");
    // Our MACD line is defined from slow-1; TA-Lib only outputs it from slow+signal-2.
    tot.add(check_output(label + " macd", m, out.at("macd"), slow - 1, slow + signal - 2));
    tot.add(check_output(label + " signal", g, out.at("signal"), slow + signal - 2, slow + signal - 2));
    tot.add(check_output(label + " hist", h, out.at("hist"), slow + signal - 2, slow + signal - 2));
  }
  report("macd", tot.compared, tot.worst);
}

TEST_CASE("bollinger matches TA-Lib SMA +/- k*STDDEV and TA-Lib BBANDS", "[talib][indicators]") {
  const Vec& x = reference().close;
  const auto n = static_cast<Index>(x.size());
  for (const char* source : {"bollinger", "bollinger_bbands"}) {
    const auto all = series_of(source);
    REQUIRE(all.size() >= 2);
    Totals tot;
    for (const json* s : all) {
      const int period = s->at("params").at("period");
      const double k = s->at("params").at("k");
      const std::string label = s->at("talib").get<std::string>();
      Vec up(x.size(), 12345.0), mid(x.size(), 12345.0), lo(x.size(), 12345.0);
      ph::ind::bollinger(x.data(), n, period, k, up.data(), mid.data(), lo.data());
      const auto& out = s->at("outputs");
      tot.add(check_output(label + " upper", up, out.at("upper"), period - 1, period - 1));
      tot.add(check_output(label + " middle", mid, out.at("middle"), period - 1, period - 1));
      tot.add(check_output(label + " lower", lo, out.at("lower"), period - 1, period - 1));
      // middle == nullptr must give the very same bands.
      Vec up2(x.size(), 12345.0), lo2(x.size(), 12345.0);
      ph::ind::bollinger(x.data(), n, period, k, up2.data(), nullptr, lo2.data());
      CHECK(same_bits(as_eigen(up2), up));
      CHECK(same_bits(as_eigen(lo2), lo));
    }
    report(source, tot.compared, tot.worst);
  }
}

TEST_CASE("Eigen convenience forms equal the pointer forms", "[talib][indicators]") {
  const Vec& x = reference().close;
  const auto n = static_cast<Index>(x.size());
  const Eigen::VectorXd ex = as_eigen(x);
  for (int p : {2, 14}) {
    Vec o(x.size());
    ph::ind::sma(x.data(), n, p, o.data());
    CHECK(same_bits(ph::ind::sma(ex, p), o));
    ph::ind::ema(x.data(), n, p, o.data());
    CHECK(same_bits(ph::ind::ema(ex, p), o));
    ph::ind::rsi(x.data(), n, p, o.data());
    CHECK(same_bits(ph::ind::rsi(ex, p), o));
    ph::ind::pct_change(x.data(), n, p, o.data());
    CHECK(same_bits(ph::ind::pct_change(ex, p), o));
    ph::ind::rolling_max_prev(x.data(), n, p, o.data());
    CHECK(same_bits(ph::ind::rolling_max_prev(ex, p), o));
    ph::ind::rolling_min_prev(x.data(), n, p, o.data());
    CHECK(same_bits(ph::ind::rolling_min_prev(ex, p), o));
  }
}

// Hand-computed cases, independent of the generated reference.
namespace {
void check_exact(const Vec& got, const Vec& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("bar " << i << ": got " << fmt(got[i]) << ", want " << fmt(want[i]));
    if (std::isnan(want[i])) CHECK(std::isnan(got[i]));
    else CHECK(got[i] == Approx(want[i]).epsilon(1e-12).margin(1e-15));
  }
}
template <class F>
Vec run(const Vec& x, F f) {
  Vec out(x.size(), 12345.0);
  f(x.data(), static_cast<Index>(x.size()), out.data());
  return out;
}
}  // namespace

TEST_CASE("hand-computed indicator values", "[talib][indicators]") {
  using namespace ph::ind;
  const double N = kNaN;
  const Vec one_to_five{1, 2, 3, 4, 5};

  SECTION("sma") {
    check_exact(run(one_to_five, [](auto x, auto n, auto o) { sma(x, n, 2, o); }), {N, 1.5, 2.5, 3.5, 4.5});
    check_exact(run(one_to_five, [](auto x, auto n, auto o) { sma(x, n, 5, o); }), {N, N, N, N, 3});
    check_exact(run({1, 2, 3}, [](auto x, auto n, auto o) { sma(x, n, 5, o); }), {N, N, N});
  }
  SECTION("ema seeded with the SMA of the first period values") {
    // seed (1+2+3)/3 = 2 at bar 2, k = 0.5: 3, then 4.
    check_exact(run(one_to_five, [](auto x, auto n, auto o) { ema(x, n, 3, o); }), {N, N, 2, 3, 4});
    // seed (2+4)/2 = 3, k = 2/3: 3 + (8-3)*2/3 = 19/3.
    check_exact(run({2, 4, 8}, [](auto x, auto n, auto o) { ema(x, n, 2, o); }), {N, 3, 19.0 / 3});
  }
  SECTION("rsi (Wilder)") {
    // diffs +1 +1 -1 +1; first avg gain 1, loss 0 -> 100; then g=.5 l=.5 -> 50; g=.75 l=.25 -> 75.
    check_exact(run({1, 2, 3, 2, 3}, [](auto x, auto n, auto o) { rsi(x, n, 2, o); }), {N, N, 100, 50, 75});
    // No movement at all: TA-Lib outputs 0, not NaN.
    check_exact(run({7, 7, 7, 7}, [](auto x, auto n, auto o) { rsi(x, n, 2, o); }), {N, N, 0, 0});
    check_exact(run({3, 2, 1}, [](auto x, auto n, auto o) { rsi(x, n, 2, o); }), {N, N, 0});
  }
  SECTION("macd") {
    // fast 2, slow 3, signal 2 on 1,2,4,8,16 (worked out with fractions):
    // macd 2/3 (bar 2), 7/6, 79/36; signal 11/12 (bar 3), 191/108; hist 1/4, 23/54.
    const Vec x{1, 2, 4, 8, 16};
    Vec m(5), g(5), h(5);
    macd(x.data(), 5, 2, 3, 2, m.data(), g.data(), h.data());
    check_exact(m, {N, N, 2.0 / 3, 7.0 / 6, 79.0 / 36});
    check_exact(g, {N, N, N, 11.0 / 12, 191.0 / 108});
    check_exact(h, {N, N, N, 0.25, 23.0 / 54});
  }
  SECTION("bollinger (population stddev)") {
    Vec up(4), mid(4), lo(4);
    const Vec x{1, 2, 3, 5};
    bollinger(x.data(), 4, 2, 2.0, up.data(), mid.data(), lo.data());
    check_exact(mid, {N, 1.5, 2.5, 4});
    check_exact(up, {N, 2.5, 3.5, 6});  // sd 0.5, 0.5, 1
    check_exact(lo, {N, 0.5, 1.5, 2});
    const Vec flat{5, 5, 5, 5};
    bollinger(flat.data(), 4, 3, 2.0, up.data(), nullptr, lo.data());
    check_exact(up, {N, N, 5, 5});
    check_exact(lo, {N, N, 5, 5});
  }
  SECTION("rolling max/min of the previous n bars") {
    const Vec x{3, 1, 4, 1, 5, 9, 2, 6};
    check_exact(run(x, [](auto p, auto n, auto o) { rolling_max_prev(p, n, 2, o); }), {N, N, 3, 4, 4, 5, 9, 9});
    check_exact(run(x, [](auto p, auto n, auto o) { rolling_min_prev(p, n, 2, o); }), {N, N, 1, 1, 1, 1, 5, 2});
    check_exact(run(x, [](auto p, auto n, auto o) { rolling_max_prev(p, n, 3, o); }), {N, N, N, 4, 4, 5, 9, 9});
    // The current bar is never part of its own window.
    check_exact(run({1, 2, 3, 4}, [](auto p, auto n, auto o) { rolling_max_prev(p, n, 1, o); }), {N, 1, 2, 3});
  }
  SECTION("pct_change") {
    check_exact(run({100, 110, 99, 99}, [](auto x, auto n, auto o) { pct_change(x, n, 1, o); }), {N, 0.1, -0.1, 0});
    check_exact(run({100, 110, 99, 99}, [](auto x, auto n, auto o) { pct_change(x, n, 2, o); }), {N, N, -0.01, -0.1});
  }
}
