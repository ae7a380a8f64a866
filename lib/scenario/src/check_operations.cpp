// Checks that need more than one operation, or the data: unique names, persistence
// sources, a CSV file for every symbol, bars in every range.
#include <algorithm>
#include <map>

#include "perfharness/common/errors.hpp"
#include "perfharness/common/printable.hpp"
#include "perfharness/data/csv.hpp"
#include "readers.hpp"

namespace ph::scenario::detail {
namespace {

// CSV files up to this size are read during validation, so their defects and empty
// ranges are reported before anything runs; bigger ones are only checked to exist.
constexpr std::uintmax_t kReadCsvBytes = 16u * 1024 * 1024;

struct Span {
  bool known = false;      // false: a CSV file too big to read during validation
  bool from_file = false;  // `dates` holds every bar of a CSV file
  Date first = 0, last = 0;
  std::vector<Date> dates;
};

class DataCoverage {
 public:
  DataCoverage(const DataSource& data, Problems& p) : data_(data), problems_(p) {}

  // The span of `symbol`, or nullopt when its data is missing (reported at `at`).
  std::optional<const Span*> span(const std::string& symbol, const Node& at, const std::string& path) {
    if (data_.kind == DataSource::Kind::Synthetic) {
      synthetic_.known = true;
      synthetic_.first = data_.synthetic.first_date;
      synthetic_.last = data_.synthetic.last_date;
      return &synthetic_;
    }
    std::filesystem::path file;
    if (const auto it = data_.csv_files.find(symbol); it != data_.csv_files.end()) file = it->second;
    else if (!data_.csv_dir.empty()) file = data_.csv_dir / (symbol + ".csv");
    if (file.empty()) {
      problems_.add(at, path, "no CSV file for symbol " + quote(symbol) + ": add it to data.csv.files or set data.csv.dir");
      return std::nullopt;
    }
    const auto cached = spans_.find(file.string());
    if (cached != spans_.end()) return cached->second ? std::optional<const Span*>(&*cached->second) : std::nullopt;
    std::optional<Span> result = read_span(file, symbol, at, path);
    const auto& stored = spans_.emplace(file.string(), std::move(result)).first->second;
    return stored ? std::optional<const Span*>(&*stored) : std::nullopt;
  }

 private:
  std::optional<Span> read_span(const std::filesystem::path& file, const std::string& symbol, const Node& at,
                                const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      // data.csv.files entries were reported where they are written.
      if (!data_.csv_files.count(symbol))
        problems_.add(at, path,
                      "no CSV file for symbol " + quote(symbol) + ": " + printable(file.string(), 300) + " does not exist");
      return std::nullopt;
    }
    Span s;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec || size > kReadCsvBytes) return s;  // too big to read now: the run reports its defects
    try {
      const OhlcvSeries series = read_ohlcv_csv(file, symbol);
      s.known = true;
      s.from_file = true;
      s.dates = series.dates;
      if (!series.empty()) {
        s.first = series.dates.front();
        s.last = series.dates.back();
      }
    } catch (const InputError& e) {
      problems_.add(at, path, "data of symbol " + quote(symbol) + ": " + e.what());
      return std::nullopt;
    }
    return s;
  }

  const DataSource& data_;
  Problems& problems_;
  Span synthetic_;
  std::map<std::string, std::optional<Span>> spans_;
};

bool has_bars(const Span& s, const DateRange& r) {
  if (!s.from_file) return s.first <= r.end && r.start <= s.last;
  const auto it = std::lower_bound(s.dates.begin(), s.dates.end(), r.start);
  return it != s.dates.end() && *it <= r.end;
}

// Where range r was written: invalid ranges were dropped, so find it by its label
// (labels are unique; a missing label reads as "start..end").
std::pair<const Node*, std::string> range_written(const Operation& op, const CaseAxes& axes, std::size_t r,
                                                  const Node* ranges, const Node& op_node) {
  if (ranges && ranges->is_seq())
    for (std::size_t j = 0; j < ranges->items.size(); ++j) {
      const Node& item = ranges->items[j];
      const Node* label = item.find("label");
      const Node* start = item.find("start");
      const Node* end = item.find("end");
      const std::string written = label ? label->text : (start && end ? start->text + ".." + end->text : "");
      if (written == axes.ranges[r].label) return {&item, index(op.path + ".ranges", j)};
    }
  return {&op_node, op.path + ".ranges"};
}

void check_coverage(const Operation& op, const CaseAxes& axes, const Node& node, DataCoverage& coverage, Problems& p,
                    Problems& warnings) {
  const Node* symbols = node.find("symbols");
  const Node* ranges = node.find("ranges");
  for (std::size_t i = 0; i < axes.symbols.size(); ++i) {
    // Positions: the symbol as written (symbols hold no duplicates, so the index matches
    // unless an invalid one was dropped; then fall back to the list).
    const Node* at = symbols;
    std::string at_path = op.path + ".symbols";
    if (symbols && symbols->is_seq())
      for (std::size_t j = 0; j < symbols->items.size(); ++j)
        if (symbols->items[j].text == axes.symbols[i]) {
          at = &symbols->items[j];
          at_path = index(at_path, j);
        }
    if (!at) at = &node;
    const auto span = coverage.span(axes.symbols[i], *at, at_path);
    if (!span || !(*span)->known) continue;
    const Span& s = **span;
    for (std::size_t r = 0; r < axes.ranges.size(); ++r) {
      const DateRange& range = axes.ranges[r];
      const auto [range_node, range_path] = range_written(op, axes, r, ranges, node);
      const std::string span_text = s.from_file && s.dates.empty()
                                        ? "no bars at all"
                                        : format_iso_date(s.first) + ".." + format_iso_date(s.last);
      if (has_bars(s, range)) {
        // It runs, on less than the range says: the report's dates show it, a reader of the
        // scenario would not. A week of slack: a range of calendar dates begins and ends on
        // weekends and holidays that no data has bars for.
        constexpr Date kSlackDays = 7;
        if (range.start + kSlackDays < s.first || s.last + kSlackDays < range.end)
          warnings.add(*range_node, range_path,
                       "range '" + range.label + "' (" + format_iso_date(range.start) + ".." + format_iso_date(range.end) +
                           ") reaches outside the data of '" + axes.symbols[i] + "' (its data spans " + span_text +
                           "): its cases cover only the part inside");
        continue;
      }
      p.add(*range_node, range_path,
            "range '" + axes.ranges[r].label + "' holds no bars of '" + axes.symbols[i] + "' (its data spans " +
                span_text + "); move the range into the data's span");
    }
  }
}

}  // namespace

void check_operations(const std::vector<const Node*>& nodes, const DataSource& data, Context& cx,
                      std::vector<Operation>& ops) {
  Problems& p = cx.problems;
  std::map<std::string, std::size_t> first_with_name;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (ops[i].name.empty()) continue;
    const auto [it, fresh] = first_with_name.emplace(ops[i].name, i);
    if (!fresh) {
      const Node* name = nodes[i]->find("name");
      p.add(name ? *name : *nodes[i], ops[i].path + ".name",
            "operation name " + quote(ops[i].name) + " is already used by " + ops[it->second].path +
                " (line " + std::to_string(ops[it->second].pos.line) + "); names must be unique");
    }
  }
  DataCoverage coverage(data, p);
  for (std::size_t i = 0; i < ops.size(); ++i) {
    Operation& op = ops[i];
    if (const CaseAxes* axes = op.axes()) {
      check_coverage(op, *axes, *nodes[i], coverage, p, cx.warnings);
      continue;
    }
    auto* persistence = std::get_if<PersistenceSpec>(&op.spec);
    if (!persistence || persistence->source.empty()) continue;
    auto& spec = *persistence;
    const Node* source = nodes[i]->find("source");
    const auto it = first_with_name.find(spec.source);
    if (it == first_with_name.end()) {
      std::vector<std::string> backtests;
      for (const auto& o : ops)
        if (o.kind() == OperationKind::Backtest && !o.name.empty()) backtests.push_back(o.name);
      p.add(*source, op.path + ".source",
            "no operation is named " + quote(spec.source) + did_you_mean(spec.source, backtests) +
                (backtests.empty() ? "; add a backtest operation to save" : " (backtest operations: " + join(backtests) + ")"));
      continue;
    }
    const Operation& src = ops[it->second];
    if (src.kind() != OperationKind::Backtest) {
      p.add(*source, op.path + ".source",
            "operation " + quote(spec.source) + " is a " + std::string(to_string(src.kind())) + "; a persistence source must be a backtest");
      continue;
    }
    if (it->second > i) {
      p.add(*source, op.path + ".source",
            "backtest " + quote(spec.source) + " runs after this operation (it is " + src.path +
                "); list it before the persistence operation that saves its results");
      continue;
    }
    spec.source_index = it->second;
    const auto& strategies = std::get<BacktestSpec>(src.spec).strategies;
    if (!spec.bulk_strategy.empty()) {
      const bool used = std::any_of(strategies.begin(), strategies.end(),
                                    [&](const Parameters& s) { return s.strategy().name == spec.bulk_strategy; });
      if (!used && !strategies.empty()) {
        const Node* bulk = nodes[i]->find("bulk_strategy");
        p.add(*bulk, op.path + ".bulk_strategy",
              quote(spec.bulk_strategy) + " is not a strategy of " + quote(spec.source) +
                  ", so the bulk query would find nothing; use one of its strategies");
      }
    }
    if (spec.bulk_strategy.empty() && !strategies.empty()) spec.bulk_strategy = strategies.front().strategy().name;
  }
}

}  // namespace ph::scenario::detail
