// Small DOM helpers: elements from tags, attributes and children; sortable, paged tables.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k === "style" && typeof v === "object") Object.assign(node.style, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// Work that needs the element laid out (its width): run once the page's content is in the document.
const pendingAfterMount = [];
function afterMount(fn) { pendingAfterMount.push(fn); }
function runAfterMount() { while (pendingAfterMount.length) pendingAfterMount.shift()(); }

function section(id, title, ...children) {
  return el("section", { id }, el("h2", { text: title }), ...children);
}

// columns: [{title, value: row => sortable value, show: row => text or node, num: bool}].
// Rows are sorted by clicking a header and shown a page at a time, so a 10,000-row sweep stays fast.
function sortableTable(columns, rows, { pageSize = 50, chart, initialSort } = {}) {
  const wrap = el("div", chart ? { "data-chart": chart } : {});
  let order = rows.slice();
  let sortColumn = -1;
  let descending = false;
  let page = 0;
  const head = el("tr");
  const body = el("tbody");
  const info = el("span", { class: "muted" });
  const prev = el("button", { text: "◀ previous", onclick: () => { page--; draw(); } });
  const next = el("button", { text: "next ▶", onclick: () => { page++; draw(); } });
  const compare = (a, b) => {
    if (a === b) return 0;
    if (a === null || a === undefined || Number.isNaN(a)) return 1;
    if (b === null || b === undefined || Number.isNaN(b)) return -1;
    return a < b ? -1 : 1;
  };
  function sortBy(i) { applySort(i, sortColumn === i ? !descending : columns[i].num === true); }
  function applySort(i, desc) {
    descending = desc;
    sortColumn = i;
    const key = columns[i].value;
    order = rows.slice().sort((x, y) => (descending ? -1 : 1) * compare(key(x), key(y)));
    page = 0;
    draw();
  }
  columns.forEach((c, i) => {
    head.append(el("th", { class: "sortable" + (c.num ? " num" : ""), title: "sort by " + c.title, onclick: () => sortBy(i) }, c.title));
  });
  function draw() {
    const pages = Math.max(1, Math.ceil(order.length / pageSize));
    page = Math.min(Math.max(page, 0), pages - 1);
    [...head.children].forEach((th, i) => {
      th.classList.toggle("sorted-asc", i === sortColumn && !descending);
      th.classList.toggle("sorted-desc", i === sortColumn && descending);
    });
    body.replaceChildren(...order.slice(page * pageSize, (page + 1) * pageSize).map((r) =>
      el("tr", {}, columns.map((c) => el("td", { class: c.num ? "num" : "" }, c.show ? c.show(r) : String(c.value(r)))))));
    info.textContent = order.length > pageSize ? `rows ${page * pageSize + 1}–${Math.min(order.length, (page + 1) * pageSize)} of ${order.length}` : `${order.length} rows`;
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }
  wrap.append(el("table", {}, el("thead", {}, head), body));
  if (rows.length > pageSize) wrap.append(el("div", { class: "pager" }, prev, next, info));
  if (initialSort) applySort(initialSort.column, initialSort.descending);
  else draw();
  return wrap;
}
