// A sweep's heatmap: one cell per pair of values of two parameters, coloured by the chosen
// figure (Sharpe, return, drawdown, time per backtest, ...). With more than two parameters each
// cell shows the best set among those sharing its pair. The best sets are outlined.
const Heatmap = (() => {
  // Whether larger is better for a figure; times and counts of work are smaller-is-better.
  const largerIsBetter = (metric) => !["seconds", "instructions", "max_drawdown_abs"].includes(metric);

  function columnsOf(kase) {
    const grid = kase.results.grid;
    const columns = grid.metrics.map((m, k) => ({ name: m, label: m.replace(/_/g, " "), value: (i) => grid.rows[i][grid.parameters.length + k] }));
    if (kase.parameter_set_seconds && kase.parameter_set_seconds.length === grid.rows.length)
      columns.push({ name: "seconds", label: "time per backtest", value: (i) => kase.parameter_set_seconds[i] });
    if (kase.parameter_sets && kase.parameter_sets.length === grid.rows.length)
      columns.push({ name: "instructions", label: "instructions per backtest", value: (i) => kase.parameter_sets[i].instructions });
    return columns;
  }

  function colour(t) {  // 0 worst .. 1 best: red, yellow, green (viridis-like readability on white)
    const stops = [[215, 48, 39], [253, 219, 127], [26, 152, 80]];
    const s = t < 0.5 ? 0 : 1, u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
    const c = stops[s].map((a, i) => Math.round(a + (stops[s + 1][i] - a) * u));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  }

  function draw(kase, name) {
    const grid = kase.results.grid;
    const params = grid.parameters;
    const columns = columnsOf(kase);
    const xSel = el("select", {}, params.map((p, i) => el("option", { value: i, selected: i === 0 }, p)));
    const ySel = el("select", {}, params.map((p, i) => el("option", { value: i, selected: i === Math.min(1, params.length - 1) }, p)));
    const mSel = el("select", {}, columns.map((c, i) => el("option", { value: i, selected: c.name === "sharpe_ratio" }, c.label)));
    const canvas = el("canvas", { class: "heatmap", "data-chart": name });
    const best = el("div");
    const controls = el("div", { class: "heat-controls" }, el("label", {}, "x ", xSel), el("label", {}, "y ", ySel), el("label", {}, "colour ", mSel));

    function render() {
      const xi = Number(xSel.value), column = columns[Number(mSel.value)];
      // One parameter, or both axes on the same one: a single row.
      const yi = Number(ySel.value) === xi ? -1 : Number(ySel.value);
      const yOf = (r) => (yi < 0 ? "" : r[yi]);
      const better = largerIsBetter(column.name) ? (a, b) => a > b : (a, b) => a < b;
      const xs = [...new Set(grid.rows.map((r) => r[xi]))].sort((a, b) => a - b);
      const ys = [...new Set(grid.rows.map(yOf))].sort((a, b) => a - b);
      const xAt = new Map(xs.map((v, i) => [v, i])), yAt = new Map(ys.map((v, i) => [v, i]));
      const cell = new Map();  // "x,y" -> row index of the best set with that pair
      grid.rows.forEach((r, i) => {
        const v = column.value(i);
        if (!Fmt.finite(v)) return;
        const key = xAt.get(r[xi]) + "," + yAt.get(yOf(r));
        const held = cell.get(key);
        if (held === undefined || better(v, column.value(held))) cell.set(key, i);
      });
      const values = [...cell.values()].map(column.value);
      const lo = Math.min(...values), hi = Math.max(...values);
      const ranked = [...cell.entries()].sort((a, b) => (better(column.value(a[1]), column.value(b[1])) ? -1 : 1)).slice(0, 3);
      const size = Math.max(3, Math.min(40, Math.floor(640 / Math.max(xs.length, ys.length))));
      const left = 70, top = 10, bottom = 46, legend = 70;
      canvas.width = left + xs.length * size + legend + 20;
      canvas.height = top + ys.length * size + bottom;
      const g = canvas.getContext("2d");
      g.fillStyle = "#fff";
      g.fillRect(0, 0, canvas.width, canvas.height);
      for (const [key, i] of cell) {
        const [cx, cy] = key.split(",").map(Number);
        const t = hi > lo ? (column.value(i) - lo) / (hi - lo) : 1;
        g.fillStyle = colour(largerIsBetter(column.name) ? t : 1 - t);
        g.fillRect(left + cx * size, top + (ys.length - 1 - cy) * size, size, size);
      }
      g.lineWidth = 2;
      g.strokeStyle = "#1f2328";
      ranked.forEach(([key]) => {
        const [cx, cy] = key.split(",").map(Number);
        const x = left + cx * size, y = top + (ys.length - 1 - cy) * size;
        if (size >= 10) g.strokeRect(x + 1, y + 1, size - 2, size - 2);
        else { g.beginPath(); g.arc(x + size / 2, y + size / 2, 7, 0, 2 * Math.PI); g.stroke(); }  // cells too small to outline
      });
      // Hovering a cell names its set and value.
      canvas.onmousemove = (event) => {
        const r = canvas.getBoundingClientRect();
        const px = ((event.clientX - r.left) * canvas.width) / r.width, py = ((event.clientY - r.top) * canvas.height) / r.height;
        const cx = Math.floor((px - left) / size), cy = ys.length - 1 - Math.floor((py - top) / size);
        const i = cell.get(cx + "," + cy);
        canvas.title = i === undefined ? "" : params.map((p, k) => `${p}=${grid.rows[i][k]}`).join(", ") + ": " + column.label + " " + Fmt.metric(column.name, column.value(i));
      };
      g.fillStyle = "#1f2328";
      g.font = "11px sans-serif";
      const every = (n) => Math.max(1, Math.ceil(n / Math.max(1, Math.floor((n * size) / 28))));
      g.textAlign = "center";
      xs.forEach((v, i) => { if (i % every(xs.length) === 0) g.fillText(String(v), left + i * size + size / 2, top + ys.length * size + 14); });
      g.fillText(params[xi], left + (xs.length * size) / 2, top + ys.length * size + 34);
      g.textAlign = "right";
      ys.forEach((v, i) => { if (i % every(ys.length) === 0) g.fillText(String(v), left - 6, top + (ys.length - 1 - i) * size + size / 2 + 4); });
      g.save();
      g.translate(14, top + (ys.length * size) / 2);
      g.rotate(-Math.PI / 2);
      g.textAlign = "center";
      g.fillText(yi < 0 ? "" : params[yi], 0, 0);
      g.restore();
      const lx = left + xs.length * size + 20, lh = Math.max(60, ys.length * size);
      for (let k = 0; k < lh; k++) { g.fillStyle = colour(largerIsBetter(column.name) ? 1 - k / lh : k / lh); g.fillRect(lx, top + k, 14, 1); }
      g.fillStyle = "#1f2328";
      g.textAlign = "left";
      g.fillText(Fmt.metric(column.name, largerIsBetter(column.name) ? hi : lo), lx + 18, top + 10);
      g.fillText(Fmt.metric(column.name, largerIsBetter(column.name) ? lo : hi), lx + 18, top + lh);
      best.replaceChildren(el("p", { class: "muted" }, `Outlined: the best ${ranked.length} by ${column.label}` +
        (params.length > (yi < 0 ? 1 : 2) ? ` (each cell the best set over the other parameters)` : "") + ":"),
        el("ol", {}, ranked.map(([, i]) => el("li", {}, params.map((p, k) => `${p}=${grid.rows[i][k]}`).join(", ") + " → " + Fmt.metric(column.name, column.value(i))))));
    }
    [xSel, ySel, mSel].forEach((s) => s.addEventListener("change", render));
    render();
    return el("div", {}, controls, canvas, best);
  }
  return { draw };
})();
