// Charts drawn with Chart.js: budgets against their limits, the distribution of an operation's
// values, trend lines across runs. Animations are off so a page is complete once drawn.
const Charts = (() => {
  const palette = ["#0969da", "#bf3989", "#1a7f37", "#9a6700", "#8250df", "#cf222e", "#1b7c83", "#953800"];
  Chart.defaults.animation = false;
  Chart.defaults.font.size = 12;
  Chart.defaults.maintainAspectRatio = false;

  function box(name, height) {
    const canvas = el("canvas", { "data-chart": name });
    return { wrap: el("div", { class: "chart-box", style: { height: height + "px" } }, canvas), canvas };
  }

  // Each budget as actual / limit: 100% is the limit, bars beyond it failed.
  function budgets(rows) {
    const shown = rows.filter((b) => b.available && Fmt.finite(b.actual) && b.limit > 0);
    const { wrap, canvas } = box("budgets", Math.max(120, 34 * shown.length + 60));
    const label = (b) => (b.operation || "run") + " · " + b.metric + (b.across && b.operation ? " (" + b.statistic + ", " + b.across + ")" : "");
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: shown.map(label),
        datasets: [{
          data: shown.map((b) => (100 * b.actual) / b.limit),
          backgroundColor: shown.map((b) => (b.passed ? "#2da44e" : "#cf222e")),
          barThickness: 18,
        }],
      },
      options: {
        indexAxis: "y",
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (ctx) => {
            const b = shown[ctx.dataIndex];
            return `${Fmt.value(b.actual, b.unit)} of ${Fmt.value(b.limit, b.unit)} (${ctx.parsed.x.toFixed(1)}%) ${b.passed ? "passed" : "FAILED"}`;
          } } },
        },
        scales: {
          // Up to twice the limit: a budget missed by orders of magnitude would flatten every other bar.
          x: { beginAtZero: true, max: Math.min(200, Math.max(110, ...shown.map((b) => (105 * b.actual) / b.limit))),
               title: { display: true, text: "actual, % of the limit (100% = limit; bars beyond 200% are cut, the table has their values)" },
               ticks: { callback: (v) => v + "%" },
               grid: { color: (ctx) => (ctx.tick && ctx.tick.value === 100 ? "#cf222e" : "#e5e8eb"), lineWidth: (ctx) => (ctx.tick && ctx.tick.value === 100 ? 2 : 1) } },
        },
      },
    });
    return wrap;
  }

  // A strip plot of one figure's values, one column per process (or one for the run's own
  // repetitions), with the median as a line and the noise band (min..max of the process
  // medians, or of the values) shaded.
  function distribution(figureName, figure, name) {
    const values = figure.samples || [];
    const groups = [];
    if (figure.per_process && figure.per_process.length) {
      let from = 0;
      figure.per_process.forEach((p, i) => { groups.push({ label: "process " + (i + 1), values: values.slice(from, from + p.values) }); from += p.values; });
    } else {
      groups.push({ label: "repetitions", values });
    }
    const median = figure.summary ? figure.summary.median : null;
    const centers = groups.map((g) => g.values.slice().sort((a, b) => a - b)[Math.floor((g.values.length - 1) / 2)]);
    const band = groups.length > 1 ? [Math.min(...centers), Math.max(...centers)] : [figure.summary.min, figure.summary.max];
    const { wrap, canvas } = box(name, 240);
    const datasets = groups.map((g, gi) => ({
      type: "scatter",
      label: g.label,
      data: g.values.map((v, k) => ({ x: gi + 1 + (((k * 0.618034) % 1) - 0.5) * 0.5, y: v })),
      backgroundColor: palette[gi % palette.length] + "cc",
      pointRadius: values.length > 400 ? 1.5 : 3,
    }));
    if (Fmt.finite(median)) {
      datasets.push({ type: "line", label: "median " + Fmt.value(median, figure.unit), data: [{ x: 0.4, y: median }, { x: groups.length + 0.6, y: median }],
                      borderColor: "#1f2328", borderWidth: 1.5, pointRadius: 0 });
      datasets.push({ type: "line", label: "noise band", data: [{ x: 0.4, y: band[1] }, { x: groups.length + 0.6, y: band[1] }],
                      borderColor: "transparent", backgroundColor: "rgba(140,149,159,0.18)", pointRadius: 0, fill: { target: { value: band[0] } } });
    }
    new Chart(canvas, {
      data: { datasets },
      options: {
        plugins: {
          legend: { labels: { boxWidth: 10, filter: (item) => groups.length > 1 || item.datasetIndex >= groups.length } },
          title: { display: true, text: figureName + " (" + values.length + " values" + (groups.length > 1 ? ", " + groups.length + " processes" : "") + ")" },
          tooltip: { callbacks: { label: (ctx) => ctx.dataset.label + ": " + Fmt.value(ctx.parsed.y, figure.unit) } },
        },
        scales: {
          x: { type: "linear", min: 0.4, max: groups.length + 0.6, ticks: { stepSize: 1, callback: (v) => (Number.isInteger(v) && groups[v - 1] ? groups[v - 1].label : "") } },
          y: flatScale(values, Fmt.axis(figure.unit)),
        },
      },
    });
    return wrap;
  }

  // Equal values: a band of ±10% around them, where Chart.js would centre them in ±1 unit.
  function flatScale(values, callback) {
    const lo = Math.min(...values), hi = Math.max(...values);
    const scale = { ticks: { callback } };
    if (values.length && lo === hi) {
      scale.min = lo === 0 ? 0 : lo - Math.abs(lo) * 0.1;
      scale.max = lo === 0 ? 1 : hi + Math.abs(hi) * 0.1;
    }
    return scale;
  }

  // Trend lines of one figure over runs; runs whose report judged it regressed are marked red.
  function trend(key, runs, name) {
    const points = runs.map((r, i) => ({ i, run: r, p: r.figures ? r.figures[key] : undefined })).filter((x) => x.p);
    const unit = points.length ? points[0].p.unit : "";
    const regressed = (x) => (x.run.regressions || []).includes(key);
    const { wrap, canvas } = box(name, 220);
    new Chart(canvas, {
      type: "line",
      data: {
        labels: runs.map((r) => "#" + r.id),
        datasets: [
          { label: "median", data: points.map((x) => ({ x: x.i, y: x.p.median })), borderColor: "#0969da", tension: 0,
            pointRadius: points.map((x) => (regressed(x) ? 7 : 3)), pointStyle: points.map((x) => (regressed(x) ? "triangle" : "circle")),
            pointBackgroundColor: points.map((x) => (regressed(x) ? "#cf222e" : "#0969da")), pointBorderColor: points.map((x) => (regressed(x) ? "#cf222e" : "#0969da")) },
          { label: "min–max", data: points.map((x) => ({ x: x.i, y: x.p.max })), borderColor: "transparent", pointRadius: 0,
            backgroundColor: "rgba(9,105,218,0.12)", fill: "+1" },
          { label: "min", data: points.map((x) => ({ x: x.i, y: x.p.min })), borderColor: "transparent", pointRadius: 0 },
        ],
      },
      options: {
        parsing: false,
        plugins: {
          title: { display: true, text: key },
          legend: { labels: { boxWidth: 10, filter: (item) => item.datasetIndex < 2 } },
          tooltip: { callbacks: {
            title: (items) => { const r = runs[items[0].parsed.x]; return "run #" + r.id + " · " + r.started_at; },
            label: (ctx) => ctx.dataset.label + ": " + Fmt.value(ctx.parsed.y, unit) + (ctx.datasetIndex === 0 && regressed(points[ctx.dataIndex]) ? " (regressed)" : ""),
          } },
        },
        scales: {
          x: { type: "linear", min: -0.3, max: runs.length - 0.7, ticks: { stepSize: 1, callback: (v) => (runs[v] ? "#" + runs[v].id : "") } },
          y: { ticks: { callback: Fmt.axis(unit) } },
        },
      },
    });
    return wrap;
  }

  return { budgets, distribution, trend };
})();
