// data_load operations: read or generate each symbol's series and slice it to each
// range, uncached, so every repetition pays the real cost.
#include "executor.hpp"

#include "perfharness/common/errors.hpp"
#include "perfharness/hooks/zone.hpp"

namespace ph::runner {
namespace {

class DataLoadExecutor : public OperationExecutor {
 public:
  DataLoadExecutor(const scenario::Operation& op, const scenario::DataLoadSpec& spec) : OperationExecutor(op), spec_(spec) {}

  void prepare(RunContext&) override {
    std::size_t i = 0;
    for (const auto& symbol : spec_.symbols)
      for (const auto& range : spec_.ranges) {
        auto& c = case_result(i++, symbol + " " + range.label);
        c.workload = report::DataLoadWorkload{symbol, range.label, format_iso_date(range.start), format_iso_date(range.end)};
      }
  }

  void run_once(RunContext& ctx, bool measured) override {
    const RegionSample total = measure_region([&] {
      std::size_t i = 0;
      for (const auto& symbol : spec_.symbols) {
        for (const auto& range : spec_.ranges) {
          if (ctx.interrupted) return;
          if (!runs_case(i)) {
            ++i;
            continue;
          }
          OhlcvSeries sliced;
          const RegionSample s = measure_case(result_.cases[i].label, [&] {
            PH_ZONE("data_load");
            sliced = load_series(ctx.scenario, symbol).slice(range.start, range.end);
          });
          auto& c = result_.cases[i++];
          if (sliced.empty())
            throw InputError(op_.path + ": symbol '" + symbol + "' has no bars in range '" + range.label +
                             "'; choose a range inside its data");
          c.bars = sliced.size();
          if (measured) {
            record_case(c, s);
            report::DataLoadOutcome r{c.bars, format_iso_date(sliced.dates.front()), format_iso_date(sliced.dates.back()),
                                      sliced.close[sliced.size() - 1]};
            c.results_digest = report::results_digest(r);
            c.results = std::move(r);
          }
        }
      }
    });
    if (measured) record_total(total);
  }

 private:
  const scenario::DataLoadSpec& spec_;
};

}  // namespace

std::unique_ptr<OperationExecutor> make_data_load_executor(const scenario::Operation& op,
                                                          const scenario::DataLoadSpec& spec) {
  return std::make_unique<DataLoadExecutor>(op, spec);
}

}  // namespace ph::runner
