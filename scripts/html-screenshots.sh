#!/usr/bin/env bash
# Redraws the pictures of docs/html-report.md: scripts/html-screenshots.sh
# Makes the test pages (tests/html/make_pages.sh) with build/apps/perfharness and photographs
# each section in headless Chromium into docs/images/html-*.png. Look at them before committing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/apps/perfharness
[ -x "$bin" ] || { echo "html-screenshots: build first (scripts/build.sh build)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash "$root/tests/html/make_pages.sh" "$bin" "$root" "$work/pages" 2>/dev/null
images=$root/docs/images
mkdir -p "$images"

shoot() {  # shoot PAGE SELECTOR=NAME...
  local page=$1; shift
  local args=()
  for spec in "$@"; do args+=(--element-screenshot "${spec%%=*}=$images/html-${spec#*=}.png"); done
  /usr/bin/python3 "$root/tests/html/check_page.py" --chromium /usr/bin/chromium "$work/pages/$page.html" \
    --screenshot "$work/$page.png" "${args[@]}"
}
shoot seed "#verdict=verdict" "#op-0 .grid2=distribution" "#op-0-cases=cases"
shoot failed "#verdict=verdict-failed" "#budgets=budgets"
shoot incomplete "#verdict=verdict-incomplete"
shoot sampled "#op-0 .zone-tree=zones" "#op-0 .flame=flame"
# The heatmap from a grid of 2,500 sets: the example sweep's 16 cells show little.
cat >"$work/grid.yaml" <<'YAML'
name: sma_cross over a 50 x 50 grid
data: {synthetic: {first_date: 2022-01-01, last_date: 2023-12-31}}
defaults: {warmup: 0, repetitions: 3}
operations:
  - name: grid
    kind: sweep
    strategy: sma_cross
    grid:
      fast_period: {from: 2, to: 100, step: 2}
      slow_period: {from: 104, to: 300, step: 4}
    symbols: [AAA]
    ranges: [{start: 2022-01-01, end: 2023-12-31}]
YAML
"$bin" run "$work/grid.yaml" -q --html "$work/pages/grid.html"
shoot grid "div:has(> canvas.heatmap)=heatmap"
shoot comparison "#comparison=comparison"
shoot history "#trends=trends"
ls -la "$images"/html-*.png
