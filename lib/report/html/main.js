// Reads the page's data and builds the report or history page. When done it sets
// <html data-ph-rendered="done"> (or "error"), which the tests wait for.
(function main() {
  const started = performance.now();
  const content = document.getElementById("content");
  const toc = document.getElementById("toc");
  const addToc = (id, text) => toc.append(el("a", { href: "#" + id }, text));

  function reportPage(report) {
    const scenario = report.scenario || {};
    const env = report.environment || {};
    document.getElementById("title").textContent = "perfharness · " + (scenario.name || "report");
    document.getElementById("subtitle").textContent = [scenario.description, env.utc_time, env.host, env.cpu_model,
      env.build_type ? env.build_type + " build" : null, report.tool ? "perfharness " + report.tool.version : null].filter(Boolean).join(" · ");
    const parts = [Sections.verdict(report), Sections.warnings(report), Sections.budgets(report)];
    if (report.comparison) parts.push(Sections.comparison(report.comparison));
    const ops = report.operations || [];
    parts.push(section("operations", "Operations", ops.length ? ops.map((op, i) => Sections.operation(op, i)) : el("p", { class: "muted", text: "No operation ran." })));
    parts.push(Sections.opportunities(report));
    content.replaceChildren(...parts.filter(Boolean));
    for (const s of content.querySelectorAll("section")) if (s.id !== "verdict") addToc(s.id, s.querySelector("h2").textContent.replace(/ \(.*/, ""));
  }

  const primary = ["time", "time_per_backtest", "peak_memory", "instructions", "cpu_time"];
  function historyPage(history) {
    const runs = history.runs || [];
    // Runs of several scenarios: each scenario's figures are their own series.
    if (new Set(runs.map((r) => r.scenario)).size > 1)
      for (const r of runs) {
        const named = (k) => r.scenario + " · " + k;
        r.figures = Object.fromEntries(Object.entries(r.figures || {}).map(([k, v]) => [named(k), v]));
        r.regressions = (r.regressions || []).map(named);
      }
    document.getElementById("title").textContent = "perfharness · history";
    document.getElementById("subtitle").textContent = `${runs.length} runs in ${history.database}`;
    const table = sortableTable([
      { title: "run", num: true, value: (r) => r.id, show: (r) => "#" + r.id },
      { title: "scenario", value: (r) => r.scenario },
      { title: "started", value: (r) => r.started_at },
      { title: "verdict", value: (r) => r.verdict || "unfinished",
        show: (r) => el("span", { class: r.verdict === "passed" ? "pass-text" : r.verdict ? "fail-text" : "muted" }, r.verdict || "unfinished") },
      { title: "exit", num: true, value: (r) => r.exit_code, show: (r) => (r.exit_code === undefined ? "–" : String(r.exit_code)) },
      { title: "regressions", value: (r) => (r.regressions || []).length, show: (r) => (r.regressions || []).join(", ") || "–" },
    ], runs, { chart: "runs", pageSize: 50, initialSort: { column: 0, descending: true } });
    const keys = [];
    for (const r of runs) for (const k of Object.keys(r.figures || {})) if (!keys.includes(k)) keys.push(k);
    const isPrimary = (k) => primary.includes(k.slice(k.lastIndexOf(" / ") + 3));
    const charted = keys.filter(isPrimary);
    const others = keys.filter((k) => !isPrimary(k));
    const trends = charted.length
      ? el("div", { class: "grid2" }, charted.map((k) => Charts.trend(k, runs, "trend")))
      : el("p", { class: "muted", text: "No run in this range kept a report with figures." });
    const rest = others.length ? el("details", {}, el("summary", { text: `The other ${others.length} figures (median per run)` }),
      sortableTable([{ title: "figure", value: (k) => k }].concat(runs.map((r) => ({ title: "#" + r.id, num: true,
        value: (k) => (r.figures && r.figures[k] ? r.figures[k].median : null),
        show: (k) => (r.figures && r.figures[k] ? Fmt.value(r.figures[k].median, r.figures[k].unit) : "–") }))), others)) : null;
    content.replaceChildren(section("runs", "Runs", table),
      section("trends", "Trends", el("p", { class: "muted", text: "Median per run, shaded from min to max; a red triangle marks a run whose comparison found the figure regressed." }), trends, rest));
    addToc("runs", "Runs");
    addToc("trends", "Trends");
  }

  try {
    const data = JSON.parse(document.getElementById("ph-data").textContent);
    if (data.page === "history") historyPage(data.history);
    else reportPage(data.report);
    runAfterMount();
    document.getElementById("footer").textContent = `Written by ${data.generator}. Charts: Chart.js 3.9.1 (MIT). Opens offline; makes no network request.`;
    // From the start of navigation: reading the page, Chart.js and the data, and drawing.
    window.phRenderMs = performance.now();
    window.phScriptMs = performance.now() - started;
    document.documentElement.dataset.phRendered = "done";
  } catch (e) {
    content.replaceChildren(el("div", { class: "error-box", text: "This report could not be drawn: " + e.message }));
    window.phRenderMs = performance.now();
    document.documentElement.dataset.phRendered = "error";
    console.error(e);
  }
})();
