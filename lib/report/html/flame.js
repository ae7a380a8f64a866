// An icicle of the sampled stacks: the root at the top, callees below, width by samples.
// Clicking a frame zooms to it; clicking the root zooms out.
const Flame = (() => {
  function tree(lines) {
    const root = { name: "all", value: 0, children: new Map() };
    for (const line of lines) {
      const cut = line.lastIndexOf(" ");
      const n = Number(line.slice(cut + 1));
      if (cut <= 0 || !Number.isFinite(n)) continue;
      let node = root;
      root.value += n;
      for (const frame of line.slice(0, cut).split(";")) {
        let child = node.children.get(frame);
        if (!child) { child = { name: frame, value: 0, children: new Map() }; node.children.set(frame, child); }
        child.value += n;
        node = child;
      }
    }
    return root;
  }
  function depthOf(node) { let d = 0; for (const c of node.children.values()) d = Math.max(d, depthOf(c)); return d + 1; }
  function hue(name) { let h = 0; for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0; return h; }

  function draw(lines, name) {
    const root = tree(lines);
    const info = el("div", { class: "flame-info", text: "Click a frame to zoom in, the top bar to zoom out." });
    const frame = el("div", { class: "flame", "data-chart": name });
    const rowHeight = 18;
    const maxDepth = Math.min(depthOf(root), 60);
    frame.style.height = maxDepth * rowHeight + 4 + "px";
    // trail: the focused frame's ancestors from the root down, drawn as full-width bars above it.
    function render(focus, trail) {
      frame.replaceChildren();
      const width = frame.clientWidth || 1000;
      trail.forEach((ancestor, depth) => add(ancestor, depth, 0, width, trail.slice(0, depth)));
      const scale = width / focus.value;
      const walk = (node, depth, x, above) => {
        const w = node.value * scale;
        if (w < 0.5 || depth >= maxDepth) return;
        add(node, depth, x, w, above);
        let cx = x;
        for (const c of node.children.values()) { walk(c, depth + 1, cx, above.concat([node])); cx += c.value * scale; }
      };
      walk(focus, trail.length, 0, trail);
    }
    function add(node, depth, x, w, above) {
      const label = `${node.name}: ${node.value} samples, ${Fmt.percent(node.value / root.value)} of all`;
      const h = hue(node.name);
      frame.append(el("div", {
        title: label,
        style: { left: x + "px", width: Math.max(w, 1) + "px", top: depth * rowHeight + "px",
                 background: node === root ? "#d0d7de" : `hsl(${15 + (h % 40)}, ${60 + (h % 25)}%, ${62 + (h % 12)}%)` },
        onclick: () => { info.textContent = label + (node === root ? "" : " (click the top bar to zoom out)"); render(node, above); },
      }, w > 30 ? node.name : ""));
    }
    // Drawn once the frame is in the page and has a width.
    afterMount(() => render(root, []));
    return el("div", {}, info, frame);
  }
  return { draw, tree };
})();
