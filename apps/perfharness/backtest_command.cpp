// `perfharness backtest`: one backtest, its result as JSON on stdout.
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "perfharness/backtest/backtest.hpp"
#include "perfharness/common/errors.hpp"
#include "perfharness/common/exit_codes.hpp"
#include "perfharness/data/csv.hpp"
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
};

Date date_option(const std::string& text, const char* option) {
  const auto d = parse_iso_date(text);
  if (!d) throw InputError(std::string(option) + " '" + text + "' is not a date; write YYYY-MM-DD");
  return *d;
}

int run(const BacktestOptions& o) {
  const StrategyInfo& strategy = strategy_or_throw(o.strategy);
  std::vector<ParamAssignment> given;
  for (const auto& kv : o.params) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      throw InputError("--param '" + kv + "' is not KEY=VALUE; e.g. --param fast_period=5");
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
  cmd->footer("Exit codes: 0 success, 2 bad input (one-line error on stderr), 3 runtime failure.");
  auto* data = cmd->add_option("--data", o->data_file, "OHLCV CSV file (Date,Open,High,Low,Close[,Adj Close][,Volume])");
  auto* synth = cmd->add_option("--synthetic", o->synthetic_symbol, "generate deterministic synthetic bars for SYMBOL");
  data->excludes(synth);
  synth->excludes(data);
  cmd->add_option("--seed", o->seed, "seed of the synthetic generator")->capture_default_str();
  cmd->add_option("--strategy", o->strategy, "strategy name (see `perfharness list strategies`)")->required();
  cmd->add_option("--param", o->params, "strategy parameter KEY=VALUE (repeatable)");
  cmd->add_option("--start", o->start, "first date, YYYY-MM-DD (inclusive)");
  cmd->add_option("--end", o->end, "last date, YYYY-MM-DD (inclusive)");
  cmd->add_option("--capital", o->config.portfolio.capital, "starting capital")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--fees", o->config.portfolio.fees, "fees as a fraction of traded value")->capture_default_str()->check(CLI::Range(0.0, 0.5));
  cmd->add_option("--slippage", o->config.portfolio.slippage, "slippage as a fraction of price")->capture_default_str()->check(CLI::Range(0.0, 0.5));
  cmd->add_option("--annualization", o->config.annualization, "periods per year")->capture_default_str()->check(CLI::Range(1, 100000));
  cmd->callback([cmd, o] {
    if (o->data_file.empty() && o->synthetic_symbol.empty())
      throw CLI::ValidationError("backtest", "give --data FILE.csv or --synthetic SYMBOL");
  });
  return [o] { return run(*o); };
}

}  // namespace ph::cli
