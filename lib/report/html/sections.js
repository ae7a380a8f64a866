// The report's sections, each built from the report JSON (docs/report-format.md).
const Sections = (() => {
  const exitMeaning = { 0: "every budget held", 1: "a budget failed", 2: "bad input", 3: "a run-time failure", 4: "a regression against the baseline", 130: "interrupted" };

  function verdict(report) {
    const v = report.verdict || {};
    const code = v.exit_code;
    const kind = code === 0 ? "pass" : code === 1 || code === 4 || code === 3 ? "fail" : "warn";
    const headline = code === 0 ? "PASSED" : code === 130 ? "INTERRUPTED" : code === 3 ? "INCOMPLETE" : "FAILED";
    return el("section", { id: "verdict" },
      el("div", { class: "banner " + kind, "data-chart": "verdict" },
        el("strong", {}, headline),
        el("span", { class: "code" }, "exit " + code + (exitMeaning[code] ? " · " + exitMeaning[code] : "")),
        el("span", { class: "reason" }, v.reason || ""),
        report.complete === false ? el("span", { class: "reason" }, "· report incomplete: an operation failed or the run was interrupted") : null));
  }

  function warnings(report) {
    const all = (report.warnings || []).map((w) => ["run", w]);
    for (const op of report.operations || []) for (const w of op.warnings || []) all.push([op.name, w]);
    for (const op of report.operations || []) if (op.error) all.unshift([op.name, "failed: " + op.error]);
    if (!all.length) return null;
    return section("warnings", "Warnings", el("ul", { class: "warn-list" }, all.map(([who, w]) => el("li", {}, el("strong", {}, who + ": "), w))));
  }

  function budgets(report) {
    const rows = report.budgets || [];
    if (!rows.length) return section("budgets", "Budgets", el("p", { class: "muted", text: "The scenario sets no budget." }));
    const failed = rows.filter((b) => b.available && !b.passed).length;
    const table = sortableTable([
      { title: "operation", value: (b) => b.operation || "(run)" },
      { title: "metric", value: (b) => b.metric + (b.operation ? ` (${b.statistic}, ${b.across})` : "") },
      { title: "actual", num: true, value: (b) => b.actual, show: (b) => (b.available ? Fmt.value(b.actual, b.unit) : "not measured") },
      { title: "limit", num: true, value: (b) => b.limit, show: (b) => Fmt.value(b.limit, b.unit) },
      { title: "of limit", num: true, value: (b) => (b.available ? b.actual / b.limit : null), show: (b) => (b.available ? Fmt.percent(b.actual / b.limit) : "–") },
      { title: "result", value: (b) => (b.available ? (b.passed ? 1 : 0) : 2),
        show: (b) => el("span", { class: b.available ? (b.passed ? "pass-text" : "fail-text") : "muted" }, b.available ? (b.passed ? "✓ passed" : "✗ failed") : "n/a") },
      { title: "decided by", value: (b) => (b.deciding_case ? b.deciding_case + (b.slowest_parameter_set ? ` (slowest parameter set: ${b.slowest_parameter_set})` : "") : "–") },
      { title: "detail", value: (b) => b.detail || "" },
    ], rows, { pageSize: 100 });
    return section("budgets", `Budgets (${rows.length - failed} of ${rows.length} held)`, Charts.budgets(rows), table);
  }

  // The figures worth a distribution: time first, then the others the operation measured.
  const preferred = ["time", "time_per_backtest", "cpu_time", "peak_memory", "allocations", "instructions"];
  function figureNames(op) {
    const names = Object.keys(op.figures || {});
    return preferred.filter((n) => names.includes(n)).concat(names.filter((n) => !preferred.includes(n)));
  }

  function figuresTable(op) {
    const rows = figureNames(op).map((n) => ({ n, f: op.figures[n] }));
    return sortableTable([
      { title: "figure", value: (r) => r.n },
      { title: "median", num: true, value: (r) => r.f.summary.median, show: (r) => Fmt.value(r.f.summary.median, r.f.unit) },
      { title: "min", num: true, value: (r) => r.f.summary.min, show: (r) => Fmt.value(r.f.summary.min, r.f.unit) },
      { title: "max", num: true, value: (r) => r.f.summary.max, show: (r) => Fmt.value(r.f.summary.max, r.f.unit) },
      { title: "MAD", num: true, value: (r) => r.f.summary.mad, show: (r) => Fmt.value(r.f.summary.mad, r.f.unit) },
      { title: "n", num: true, value: (r) => r.f.summary.n },
    ], rows, { pageSize: 40 });
  }

  function cases(op, index) {
    const rows = op.cases || [];
    if (!rows.length) return null;
    const fig = (c, n) => (c.figures && c.figures[n] ? c.figures[n].summary.median : null);
    const unit = (n) => { for (const c of rows) if (c.figures && c.figures[n]) return c.figures[n].unit; return ""; };
    const names = ["time", "time_per_backtest", "peak_memory", "allocations", "instructions"].filter((n) => rows.some((c) => fig(c, n) !== null));
    const columns = [{ title: "case", value: (c) => c.label }, { title: "bars", num: true, value: (c) => c.bars }];
    for (const n of names) columns.push({ title: n.replace(/_/g, " "), num: true, value: (c) => fig(c, n), show: (c) => Fmt.value(fig(c, n), unit(n)) });
    if (rows.some((c) => c.results && c.results.metrics)) {
      columns.push({ title: "sharpe", num: true, value: (c) => (c.results && c.results.metrics ? c.results.metrics.sharpe_ratio : null),
                     show: (c) => Fmt.metric("sharpe_ratio", c.results && c.results.metrics ? c.results.metrics.sharpe_ratio : null) });
      columns.push({ title: "return", num: true, value: (c) => (c.results && c.results.metrics ? c.results.metrics.total_return : null),
                     show: (c) => Fmt.metric("total_return", c.results && c.results.metrics ? c.results.metrics.total_return : null) });
    }
    return el("div", { id: `op-${index}-cases` }, el("h4", { text: `Cases (${rows.length}), click a column to sort` }),
      sortableTable(columns, rows, { chart: "cases", initialSort: names.length ? { column: 2, descending: true } : undefined }));
  }

  function zoneTree(zones) {
    if (!zones) return null;
    const total = zones.cumulative_time || 0;
    const row = (z) => el("div", { class: "zone-row" },
      el("span", {}, z.name),
      el("div", { class: "bar", title: `cumulative ${Fmt.seconds(z.cumulative_time)}, self ${Fmt.seconds(z.self_time)}` },
        el("span", { style: { width: (total > 0 ? (100 * z.cumulative_time) / total : 0) + "%" } }),
        el("span", { class: "self", style: { width: (total > 0 ? (100 * z.self_time) / total : 0) + "%" } })),
      el("span", { class: "num" }, Fmt.seconds(z.cumulative_time)),
      el("span", { class: "num muted" }, "self " + Fmt.seconds(z.self_time)),
      el("span", { class: "num muted" }, Fmt.count(z.call_count) + "×"));
    const node = (z, depth) => {
      const kids = (z.children || []).slice().sort((a, b) => b.cumulative_time - a.cumulative_time);
      if (!kids.length) return el("div", { class: "leaf", style: { marginLeft: depth * 14 + "px" } }, row(z));
      return el("details", { open: depth < 3, style: { marginLeft: depth * 14 + "px" } }, el("summary", {}, row(z)), kids.map((k) => node(k, depth + 1)));
    };
    return el("div", { class: "zone-tree", "data-chart": "zones" },
      el("p", { class: "muted", text: "Per measured repetition. Light bar: cumulative time, dark: self time, as shares of the operation." }), node(zones, 0));
  }

  function hotspots(op) {
    const rows = (op.hotspots && op.hotspots.top_by_self) || [];
    const sampled = op.sampling && op.sampling.available && op.sampling.top_self ? op.sampling.top_self : [];
    if (!rows.length && !sampled.length) return null;
    const parts = [];
    if (rows.length)
      parts.push(el("h4", { text: "Hotspots by self time (zones)" }), sortableTable([
        { title: "zone", value: (h) => h.function },
        { title: "self", num: true, value: (h) => h.self_time, show: (h) => Fmt.seconds(h.self_time) },
        { title: "cumulative", num: true, value: (h) => h.cumulative_time, show: (h) => Fmt.seconds(h.cumulative_time) },
        { title: "calls", num: true, value: (h) => h.call_count, show: (h) => Fmt.count(h.call_count) },
        { title: "per call", num: true, value: (h) => h.time_per_call, show: (h) => Fmt.seconds(h.time_per_call) },
      ], rows, { chart: "hotspots", initialSort: { column: 1, descending: true } }));
    if (sampled.length)
      parts.push(el("h4", { text: "Hottest functions (sampled, self)" }), sortableTable([
        { title: "function", value: (f) => f.function },
        { title: "hottest line", value: (f) => f.line || "" },
        { title: "samples", num: true, value: (f) => f.samples },
        { title: "share", num: true, value: (f) => f.fraction, show: (f) => Fmt.percent(f.fraction) },
      ], sampled, { chart: "hotspots", initialSort: { column: 2, descending: true } }));
    return el("div", {}, parts);
  }

  function operation(op, index) {
    const names = figureNames(op);
    const shown = names.filter((n) => ["time", "time_per_backtest", "peak_memory", "instructions"].includes(n)).slice(0, 4);
    const parts = [el("h3", { text: `${op.name} · ${op.kind}` }),
      el("p", { class: "muted" }, `${op.repetitions} measured repetitions after ${op.warmup} warm-up` +
        (op.timing && op.timing.processes ? `; timing from ${op.timing.processes} fresh processes × ${op.timing.values} values` : "") +
        (op.backtests_per_repetition ? `; ${Fmt.count(op.backtests_per_repetition)} backtests per repetition on ${op.threads} threads` : ""))];
    if (op.error) parts.push(el("div", { class: "error-box", text: "This operation failed: " + op.error }));
    if (shown.length) parts.push(el("div", { class: "grid2" }, shown.map((n) => Charts.distribution(n, op.figures[n], "distribution"))));
    if (names.length) parts.push(el("details", {}, el("summary", { text: `All ${names.length} figures` }), figuresTable(op)));
    parts.push(cases(op, index));
    for (const c of op.cases || [])
      if (c.results && c.results.grid && c.results.grid.rows.length)
        parts.push(el("h4", { text: "Sweep: " + c.label }), Heatmap.draw(c, "heatmap"));
    if (op.zones) parts.push(el("h4", { text: "Zones" }), zoneTree(op.zones));
    parts.push(hotspots(op));
    if (op.sampling && op.sampling.available && op.sampling.stacks && op.sampling.stacks.length)
      parts.push(el("h4", { text: `Sampled stacks (${Fmt.count(op.sampling.measured_samples)} samples)` }), Flame.draw(op.sampling.stacks, "flame"));
    return el("div", { class: "op", id: `op-${index}` }, parts);
  }

  function comparison(cmp) {
    if (!cmp || !cmp.comparisons) return null;
    const rows = cmp.comparisons;
    const span = Math.max(0.1, ...rows.map((r) => Math.max(Fmt.finite(r.change) ? Math.abs(r.change) : 0, r.noise_band || 0))) * 1.1;
    const pos = (x) => 50 + (50 * Math.max(-span, Math.min(span, x))) / span;
    const bar = (r) => el("div", { class: "change-bar", title: `change ${Fmt.signedPercent(r.change)}, noise band ±${Fmt.percent(r.noise_band || 0)}` },
      el("div", { class: "band", style: { left: pos(-(r.noise_band || 0)) + "%", width: pos(r.noise_band || 0) - pos(-(r.noise_band || 0)) + "%" } }),
      el("div", { class: "zero", style: { left: "50%" } }),
      Fmt.finite(r.change) ? el("div", { class: "dot", style: { left: pos(r.change) + "%", background: r.verdict === "regressed" ? "#cf222e" : r.verdict === "improved" ? "#1a7f37" : "#57606a" } }) : null);
    const subject = (r) => r.operation + (r.case ? ` [${r.case}]` : "") + (r.parameters ? ` (${r.parameters})` : "");
    const head = el("p", {}, `Against ${cmp.baseline || "the baseline"}: ${cmp.regressions} regressed, ${cmp.improvements} improved of ${rows.length} figures; ` +
      `threshold ${Fmt.percent(cmp.threshold)}, α ${cmp.alpha}` + (Fmt.finite(cmp.geometric_mean_ratio) ? `; geometric mean of the ratios ${cmp.geometric_mean_ratio.toFixed(3)}` : ""));
    const table = sortableTable([
      { title: "operation", value: subject },
      { title: "figure", value: (r) => r.figure },
      { title: "base", num: true, value: (r) => r.base_median, show: (r) => Fmt.value(r.base_median, r.unit) },
      { title: "new", num: true, value: (r) => r.new_median, show: (r) => Fmt.value(r.new_median, r.unit) },
      { title: "change", num: true, value: (r) => r.change, show: (r) => Fmt.signedPercent(r.change) },
      { title: "change and noise band", value: (r) => r.change, show: bar },
      { title: "p", num: true, value: (r) => r.p_value, show: (r) => (r.p_value === null || r.p_value === undefined ? (r.exact ? "exact" : "–") : r.p_value.toPrecision(2)) },
      { title: "verdict", value: (r) => r.verdict, show: (r) => el("span", { class: "verdict-" + r.verdict, title: r.reason }, r.verdict) },
    ], rows, { chart: "comparison", pageSize: 100 });
    const warns = (cmp.warnings || []).length ? el("ul", { class: "warn-list" }, cmp.warnings.map((w) => el("li", {}, w))) : null;
    return section("comparison", "Comparison with the baseline", head, warns, table);
  }

  function opportunities(report) {
    const rows = report.optimization_opportunities || [];
    if (!rows.length) return null;
    return section("opportunities", "Optimization opportunities", sortableTable([
      { title: "priority", value: (o) => ({ High: 0, Medium: 1, Low: 2 })[o.priority] ?? 3, show: (o) => o.priority },
      { title: "operation", value: (o) => o.operation },
      { title: "where", value: (o) => o.function },
      { title: "issue", value: (o) => o.issue },
    ], rows, { initialSort: { column: 0, descending: false } }));
  }

  return { verdict, warnings, budgets, operation, comparison, opportunities };
})();
