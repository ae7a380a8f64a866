// `perfharness backtest`: one backtest, its result as JSON on stdout.
#include <charconv>
#include <cmath>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

#include "commands.hpp"
#include "plugin_option.hpp"
#include "perfharness/backtest/backtest.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/common/exit_codes.hpp"
#include "perfharness/common/printable.hpp"
#include "perfharness/data/csv.hpp"
#include "perfharness/data/symbol.hpp"
#include "perfharness/data/synthetic.hpp"
#include "perfharness/report/backtest_json.hpp"

namespace ph::cli {
namespace {

struct BacktestOptions {
  std::string data_file;
  std::string synthetic_symbol;
  std::uint64_t seed = 42;
  std::string strategy;
  std::vector<std::string> params;
  std::string start, end;
  BacktestConfig config;
  std::vector<std::string> plugins;
};

Date date_option(const std::string& text, const char* option) {
  const auto d = parse_iso_date(text);
  if (!d) throw InputError(std::string(option) + " '" + printable(text, 40) + "' is not a date; write YYYY-MM-DD");
  return *d;
}

// Limits as a person reads them: small whole numbers in full, others in their shortest form
// (1e+15, not sixteen digits to count).
std::string limit_text(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e7) return std::to_string(static_cast<long long>(v));
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, ec == std::errc() ? end : buffer);
}

// CLI::Range and CLI::PositiveNumber let NaN through (every comparison with it is false) and
// print an open bound as DBL_MAX's 309 digits; the same limits as a scenario's `defaults` apply.
CLI::Validator number_in(SettingRange range) {
  const auto [min, max] = range;
  const std::string limits = "from " + limit_text(min) + " to " + limit_text(max);
  return CLI::Validator(
      [min, max, limits](std::string& text) -> std::string {
        std::string_view digits = text;
        if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
        double v = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
        const bool parsed = ec == std::errc() && end == digits.data() + digits.size();
        if (parsed && std::isfinite(v) && v >= min && v <= max) return "";
        return "'" + printable(text, 40) + "' is not a number " + limits + "; give one in that range";
      },
      "[" + limit_text(min) + ", " + limit_text(max) + "]");
}

// CLI11 reads an unsigned option through strtoull, which wraps "-1" to 2^64-1.
const CLI::Validator kSeed(
    [](std::string& text) -> std::string {
      std::uint64_t v = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec == std::errc() && end == text.data() + text.size()) return "";
      return "'" + printable(text, 40) + "' is not a whole number from 0 to " +
             std::to_string(std::numeric_limits<std::uint64_t>::max());
    },
    "");

const CLI::Validator kSymbol(
    [](std::string& text) -> std::string {
      if (valid_symbol(text)) return "";
      return "'" + printable(text, 40) + "' is not a valid symbol (" + std::string(kSymbolRule) + "); e.g. AAPL";
    },
    "SYMBOL");

// The scenario's limit on data.synthetic, for the same reason: an --end centuries away is a
// typo rather than a workload, and its compounded figures (a 1e108 total return) mean nothing.
void check_synthetic_span(const SyntheticSpec& spec, const std::string& end_text) {
  const std::int64_t bars = std::int64_t{spec.last_date} - spec.first_date + 1;
  if (bars <= kMaxSyntheticBars) return;
  const Date last_allowed = static_cast<Date>(spec.first_date + kMaxSyntheticBars - 1);
  throw InputError("--end " + end_text + " asks for " + std::to_string(bars) + " synthetic daily bars from " +
                   format_iso_date(spec.first_date) + "; the limit is " + std::to_string(kMaxSyntheticBars) +
                   "; give --end " + format_iso_date(last_allowed) + " or earlier");
}

int run(const BacktestOptions& o) {
  load_plugins(o.plugins);
  const StrategyInfo& strategy = strategy_or_throw(o.strategy);
  std::vector<ParamAssignment> given;
  for (const auto& kv : o.params) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      throw InputError("--param '" + printable(kv, 60) + "' is not KEY=VALUE; e.g. --param fast_period=5");
    given.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  const Parameters params = resolve_parameters(strategy, given);
  const Date start = o.start.empty() ? std::numeric_limits<Date>::min() : date_option(o.start, "--start");
  const Date end = o.end.empty() ? std::numeric_limits<Date>::max() : date_option(o.end, "--end");
  if (start > end) throw InputError("--start " + o.start + " is after --end " + o.end + "; swap them");

  OhlcvSeries series;
  if (!o.data_file.empty()) {
    std::string symbol = std::filesystem::path(o.data_file).stem().string();
    series = read_ohlcv_csv(o.data_file, symbol);
  } else {
    SyntheticSpec spec;
    spec.seed = o.seed;
    if (!o.end.empty()) spec.last_date = std::max(spec.last_date, end);
    check_synthetic_span(spec, o.end);
    series = generate_synthetic(o.synthetic_symbol, spec);
  }
  BacktestWorkspace ws;
  const BacktestResult result = run_backtest(series, params, start, end, o.config, ws);
  std::cout << backtest_json(result).dump(2) << '\n';
  return exit_code::kOk;
}

}  // namespace

Action add_backtest_command(CLI::App& app) {
  auto o = std::make_shared<BacktestOptions>();
  CLI::App* cmd = app.add_subcommand("backtest", "Run one backtest and print its result as JSON on stdout.");
  cmd->footer("Exit codes: 0 the result is on stdout, " + exit_code::describe({exit_code::kBadInput, exit_code::kRuntime}) + ".");
  auto* data = cmd->add_option("--data", o->data_file, "OHLCV CSV file (Date,Open,High,Low,Close[,Adj Close][,Volume])");
  auto* synth = cmd->add_option("--synthetic", o->synthetic_symbol, "generate deterministic synthetic bars for SYMBOL")
                    ->check(kSymbol);
  data->excludes(synth);
  synth->excludes(data);
  cmd->add_option("--seed", o->seed, "seed of the synthetic generator")->capture_default_str()->check(kSeed);
  cmd->add_option("--strategy", o->strategy, "strategy name (see `perfharness list strategies`)")->required();
  cmd->add_option("--param", o->params, "strategy parameter KEY=VALUE (repeatable)");
  add_plugin_option(cmd, o->plugins);
  cmd->add_option("--start", o->start, "first date, YYYY-MM-DD (inclusive)");
  cmd->add_option("--end", o->end, "last date, YYYY-MM-DD (inclusive)");
  cmd->add_option("--capital", o->config.portfolio.capital, "starting capital")->capture_default_str()->check(number_in(kCapitalRange));
  cmd->add_option("--fees", o->config.portfolio.fees, "fees as a fraction of traded value")->capture_default_str()->check(number_in(kFeesRange));
  cmd->add_option("--slippage", o->config.portfolio.slippage, "slippage as a fraction of price")->capture_default_str()->check(number_in(kSlippageRange));
  cmd->add_option("--annualization", o->config.annualization, "periods per year")->capture_default_str()->check(number_in(kAnnualizationRange));
  cmd->callback([cmd, o] {
    if (o->data_file.empty() && o->synthetic_symbol.empty())
      throw CLI::ValidationError("backtest", "give --data FILE.csv or --synthetic SYMBOL");
  });
  return [o] { return run(*o); };
}

}  // namespace ph::cli
