// The scenario-wide sections: data, defaults, thresholds.
#include "perfharness/common/printable.hpp"
#include "readers.hpp"

namespace ph::scenario::detail {

std::filesystem::path absolute_from(const std::filesystem::path& base, const std::string& text) {
  return (base / std::filesystem::path(text)).lexically_normal();
}

namespace {

using ph::kMaxSyntheticBars;  // shared with `perfharness backtest --synthetic`

void read_synthetic(const Node& node, const std::string& path, Problems& p, std::uint64_t seed, SyntheticSpec& s) {
  MapReader m(node, path, p);
  s.seed = seed;
  if (!m.ok()) return;
  if (const Node* n = m.get("first_date")) s.first_date = as_date(*n, m.path_of("first_date"), p).value_or(s.first_date);
  if (const Node* n = m.get("last_date")) s.last_date = as_date(*n, m.path_of("last_date"), p).value_or(s.last_date);
  if (const Node* n = m.get("drift")) s.drift = as_number(*n, m.path_of("drift"), p, -0.5, 0.5).value_or(s.drift);
  if (const Node* n = m.get("volatility"))
    s.volatility = as_number(*n, m.path_of("volatility"), p, 0, 0.5).value_or(s.volatility);
  if (const Node* n = m.get("start_price"))
    s.start_price = as_number(*n, m.path_of("start_price"), p, 1e-6, 1e12).value_or(s.start_price);
  if (const Node* n = m.get("seed")) s.seed = as_seed(*n, m.path_of("seed"), p).value_or(s.seed);
  if (s.last_date < s.first_date) {
    p.add(node, path, "last_date " + format_iso_date(s.last_date) + " is before first_date " +
                          format_iso_date(s.first_date) + "; swap them");
  } else if (std::int64_t{s.last_date} - s.first_date + 1 > kMaxSyntheticBars) {
    p.add(node, path, "first_date to last_date spans " + std::to_string(std::int64_t{s.last_date} - s.first_date + 1) +
                          " daily bars; the limit is " + std::to_string(kMaxSyntheticBars) + ", shorten it");
  }
  m.finish({"first_date", "last_date", "drift", "volatility", "start_price", "seed"});
}

void read_csv(const Node& node, const std::string& path, Context& cx, DataSource& out) {
  Problems& p = cx.problems;
  MapReader m(node, path, p);
  if (!m.ok()) return;
  const Node* dir = m.get("dir");
  const Node* files = m.get("files");
  if (!dir && !files) p.add(node, path, "needs 'dir' (a folder of SYMBOL.csv files) or 'files' (symbol: file)");
  if (dir) {
    if (const auto s = as_name(*dir, m.path_of("dir"), p)) {
      out.csv_dir = absolute_from(cx.base_dir, *s);
      std::error_code ec;
      if (!std::filesystem::is_directory(out.csv_dir, ec))
        p.add(*dir, m.path_of("dir"),
              "folder " + printable(out.csv_dir.string(), 300) + " does not exist; paths are relative to the scenario file");
    }
  }
  if (files) {
    MapReader f(*files, m.path_of("files"), p);
    if (f.ok()) {
      for (const Entry& e : files->entries) {
        const std::string entry_path = f.path_of(e.key);
        f.allow(e.key);
        if (!valid_symbol(e.key)) {
          p.add(e.key_pos, entry_path,
                quote(e.key) + " is not a valid symbol (letters, digits, '.', '-', '_'; 1 to 32 characters)");
          continue;
        }
        const auto s = as_name(e.value, entry_path, p);
        if (!s) continue;
        const auto file = absolute_from(cx.base_dir, *s);
        std::error_code ec;
        if (!std::filesystem::is_regular_file(file, ec))
          p.add(e.value, entry_path,
                "file " + printable(file.string(), 300) + " does not exist; paths are relative to the scenario file");
        out.csv_files[e.key] = file;
      }
      f.finish({});
    }
  }
  m.finish({"dir", "files"});
}

}  // namespace

void read_data(const Node& node, Context& cx, std::uint64_t scenario_seed, DataSource& out) {
  Problems& p = cx.problems;
  out.synthetic.seed = scenario_seed;
  MapReader m(node, "data", p);
  if (!m.ok()) return;
  const Node* synthetic = m.get("synthetic");
  const Node* csv = m.get("csv");
  if (synthetic && csv) {
    p.add(node, "data", "give either 'synthetic' or 'csv', not both");
  } else if (csv) {
    out.kind = DataSource::Kind::Csv;
    read_csv(*csv, "data.csv", cx, out);
  } else if (synthetic) {
    read_synthetic(*synthetic, "data.synthetic", p, scenario_seed, out.synthetic);
  } else if (node.type == Node::Type::Map) {
    p.add(node, "data", "needs 'synthetic' (generated prices) or 'csv' (files)");
  }
  m.finish({"synthetic", "csv"});
}

void read_defaults(const Node& node, Context& cx, RunDefaults& out) {
  Problems& p = cx.problems;
  MapReader m(node, "defaults", p);
  if (!m.ok()) return;
  auto& pf = out.backtest.portfolio;
  if (const Node* n = m.get("capital")) pf.capital = as_number(*n, m.path_of("capital"), p, kCapitalRange.min, kCapitalRange.max).value_or(pf.capital);
  if (const Node* n = m.get("fees")) pf.fees = as_number(*n, m.path_of("fees"), p, kFeesRange.min, kFeesRange.max).value_or(pf.fees);
  if (const Node* n = m.get("slippage")) pf.slippage = as_number(*n, m.path_of("slippage"), p, kSlippageRange.min, kSlippageRange.max).value_or(pf.slippage);
  if (const Node* n = m.get("annualization"))
    out.backtest.annualization = as_number(*n, m.path_of("annualization"), p, kAnnualizationRange.min, kAnnualizationRange.max).value_or(out.backtest.annualization);
  if (const Node* n = m.get("warmup"))
    out.warmup = static_cast<int>(as_integer(*n, m.path_of("warmup"), p, 0, 1000).value_or(out.warmup));
  if (const Node* n = m.get("repetitions"))
    out.repetitions = static_cast<int>(as_integer(*n, m.path_of("repetitions"), p, 1, 10000).value_or(out.repetitions));
  if (const Node* n = m.get("processes"))
    out.processes = static_cast<int>(as_integer(*n, m.path_of("processes"), p, 0, kMaxProcesses).value_or(out.processes));
  if (const Node* n = m.get("values"))
    out.values = static_cast<int>(as_integer(*n, m.path_of("values"), p, 1, kMaxValues).value_or(out.values));
  if (const Node* n = m.get("min_time"))
    out.min_time_s = as_number(*n, m.path_of("min_time"), p, 0, kMaxMinTime).value_or(out.min_time_s);
  m.finish({"capital", "fees", "slippage", "annualization", "warmup", "repetitions", "processes", "values", "min_time"});
}

void read_thresholds(const Node& node, const std::string& path, Problems& p, Thresholds& t) {
  MapReader m(node, path, p);
  if (!m.ok()) return;
  const auto real = [&](const char* key, double& field) {
    if (const Node* n = m.get(key)) field = as_number(*n, m.path_of(key), p, 0, 1e12).value_or(field);
  };
  const auto whole = [&](const char* key, auto& field, std::int64_t min, std::int64_t max) {
    using T = std::remove_reference_t<decltype(field)>;
    if (const Node* n = m.get(key)) field = static_cast<T>(as_integer(*n, m.path_of(key), p, min, max).value_or(field));
  };
  whole("hotspot_top_n", t.hotspot_top_n, 1, 1000);
  real("hotspot_medium_s", t.hotspot_medium_s);
  real("hotspot_high_s", t.hotspot_high_s);
  real("memory_medium_mb", t.memory_medium_mb);
  real("memory_high_mb", t.memory_high_mb);
  real("slow_load_s", t.slow_load_s);
  real("slow_query_ms", t.slow_query_ms);
  whole("slow_query_bottleneck", t.slow_query_bottleneck, 0, 1'000'000'000);
  real("mb_per_1k_bars", t.mb_per_1k_bars);
  whole("full_scan_rows", t.full_scan_rows, 0, 1'000'000'000'000);
  const auto share = [&](const char* key, double& field) {
    if (const Node* n = m.get(key)) field = as_number(*n, m.path_of(key), p, 0, 1).value_or(field);
  };
  share("share_medium", t.share_medium);
  share("share_high", t.share_high);
  real("allocations_per_bar_medium", t.allocations_per_bar_medium);
  real("allocations_per_bar_high", t.allocations_per_bar_high);
  share("sweep_signals_share", t.sweep_signals_share);
  if (t.share_medium > t.share_high) p.add(node, path, "share_medium must not exceed share_high");
  if (t.allocations_per_bar_medium > t.allocations_per_bar_high)
    p.add(node, path, "allocations_per_bar_medium must not exceed allocations_per_bar_high");
  if (t.hotspot_medium_s > t.hotspot_high_s)
    p.add(node, path, "hotspot_medium_s must not exceed hotspot_high_s");
  if (t.memory_medium_mb > t.memory_high_mb) p.add(node, path, "memory_medium_mb must not exceed memory_high_mb");
  m.finish({"hotspot_top_n", "hotspot_medium_s", "hotspot_high_s", "memory_medium_mb", "memory_high_mb", "slow_load_s",
            "slow_query_ms", "slow_query_bottleneck", "mb_per_1k_bars", "full_scan_rows", "share_medium", "share_high",
            "allocations_per_bar_medium", "allocations_per_bar_high", "sweep_signals_share"});
}

}  // namespace ph::scenario::detail
