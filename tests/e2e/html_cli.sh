#!/usr/bin/env bash
# The HTML report's command line (docs/html-report.md): `run --html`, `report --html` with and
# without --baseline, `history --html`; a missing chart library refused before anything runs
# (exit 2, the package named, no output written), a file that is not a report refused with its
# name, an HTML target that cannot be written refused before the work (exit 3). The pages' looks
# are checked in Chromium by tests/html.
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$src/tests/support/e2e_expect.sh"

cat >"$work/s.yaml" <<'YAML'
name: html cli
data: {synthetic: {first_date: 2020-01-01, last_date: 2021-12-31}}
defaults: {warmup: 0, repetitions: 3}
operations:
  - name: bt
    kind: backtest
    strategies: [sma_cross]
    symbols: [AAA]
    ranges: [{start: 2020-01-01, end: 2021-12-31}]
YAML

# page_data HTML: the page's JSON data, for python to read.
page_data() {
  /usr/bin/python3 - "$1" <<'PY'
import json, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<script type="application/json" id="ph-data">(.*?)</script>', page, re.S)
assert m, "no data element"
print(json.dumps(json.loads(m.group(1))))
PY
}

# ---- run --html beside -o: the page holds the report -o wrote.
expect 0 "$bin" run "$work/s.yaml" -q -o "$work/a.json" --html "$work/a.html"
page_data "$work/a.html" >"$work/a-data.json"
/usr/bin/python3 - "$work/a.json" "$work/a-data.json" <<'PY' || fail "run --html: the page's report differs from -o's"
import json, sys
report, data = (json.load(open(p)) for p in sys.argv[1:3])
assert data["page"] == "report" and data["report"] == report
PY
grep -q 'Chart.js v3' "$work/a.html" || fail "run --html: Chart.js is not inlined"
if grep -Eq '<script[^>]+src=|<link[^>]+href=' "$work/a.html"; then fail "run --html: the page loads a file"; fi

# ---- report --baseline: the comparison is drawn from the two reports.
expect 0 "$bin" run "$work/s.yaml" -q -o "$work/b.json"
expect 0 "$bin" report "$work/b.json" --baseline "$work/a.json" --html "$work/cmp.html"
[ ! -s "$work/out" ] || fail "report: printed on stdout: $(cat "$work/out")"
page_data "$work/cmp.html" >"$work/cmp-data.json"
/usr/bin/python3 - "$work/cmp-data.json" "$work/a.json" <<'PY' || fail "report --baseline: no comparison in the page"
import json, sys
data = json.load(open(sys.argv[1]))
c = data["report"]["comparison"]
assert c["baseline"] == sys.argv[2], c["baseline"]
assert {r["figure"] for r in c["comparisons"]} >= {"time"}, c["comparisons"]
PY
expect 0 "$bin" report "$work/b.json" --html "$work/plain.html"
page_data "$work/plain.html" | /usr/bin/python3 -c 'import json,sys; assert "comparison" not in json.load(sys.stdin)["report"]' ||
  fail "report without --baseline: a comparison appeared"

# ---- history --html
expect 0 "$bin" run "$work/s.yaml" -q --db "$work/h.db"
expect 0 "$bin" run "$work/s.yaml" -q --db "$work/h.db"
expect 0 "$bin" history --db "$work/h.db" --html "$work/h.html"
page_data "$work/h.html" | /usr/bin/python3 -c '
import json, sys
runs = json.load(sys.stdin)["history"]["runs"]
assert len(runs) == 2 and all(r["has_report"] and "bt / time" in r["figures"] for r in runs), runs' ||
  fail "history --html: the runs or their figures are missing"
expect 2 "$bin" history --db "$work/h.db" --html "$work/h2.html" --json
expect 2 "$bin" history --db "$work/missing.db" --html "$work/h3.html"
[ ! -e "$work/h3.html" ] || fail "history --html on a missing database wrote a page"

# ---- a missing chart library: refused before the run, with the package named; nothing written.
PERFHARNESS_CHARTJS="$work/no/chart.min.js" expect 2 "$bin" run "$work/s.yaml" -q -o "$work/c.json" --html "$work/c.html"
grep -q "libjs-chart.js" "$work/err" || fail "missing library: the package is not named: $(cat "$work/err")"
grep -q "apt-get install libjs-chart.js" "$work/err" || fail "missing library: no fix given: $(cat "$work/err")"
[ "$(wc -l <"$work/err")" -eq 1 ] || fail "missing library: more than one line: $(cat "$work/err")"
[ ! -e "$work/c.json" ] && [ ! -e "$work/c.html" ] || fail "missing library: the run went ahead"
PERFHARNESS_CHARTJS="$work/no/chart.min.js" expect 2 "$bin" report "$work/a.json" --html "$work/d.html"
grep -q "libjs-chart.js" "$work/err" || fail "report: the package is not named: $(cat "$work/err")"
PERFHARNESS_CHARTJS="$work/no/chart.min.js" expect 2 "$bin" history --db "$work/h.db" --html "$work/d.html"
[ ! -e "$work/d.html" ] || fail "missing library: a page was written"

# ---- not a report, not JSON, no file: exit 2 naming the file.
echo '{"schema_version": 1}' >"$work/not-report.json"
expect 2 "$bin" report "$work/not-report.json" --html "$work/e.html"
grep -q "not-report.json: not a perfharness report" "$work/err" || fail "a non-report: $(cat "$work/err")"
expect 2 "$bin" report "$work/a.json" --baseline "$work/not-report.json" --html "$work/e.html"
grep -q "not-report.json" "$work/err" || fail "a non-report baseline: $(cat "$work/err")"
echo 'nope' >"$work/garbage.json"
expect 2 "$bin" report "$work/garbage.json" --html "$work/e.html"
grep -q "garbage.json" "$work/err" || fail "a non-JSON report: $(cat "$work/err")"
expect 2 "$bin" report "$work/absent.json" --html "$work/e.html"
grep -q "absent.json" "$work/err" || fail "a missing report: $(cat "$work/err")"
[ ! -e "$work/e.html" ] || fail "a refused report wrote a page"
expect 2 "$bin" report "$work/a.json"
grep -q -- "--html" "$work/err" || fail "report without --html: $(cat "$work/err")"

# ---- an HTML target that is a folder: refused before the work (exit 3), the folder intact.
mkdir "$work/folder"
expect 3 "$bin" report "$work/a.json" --html "$work/folder"
[ -d "$work/folder" ] || fail "the folder was replaced"
expect 3 "$bin" run "$work/s.yaml" -q -o "$work/f.json" --html "$work/folder"
[ ! -e "$work/f.json" ] || fail "run --html FOLDER: the run went ahead"

# ---- a page replaces an existing file atomically and leaves no temporary file.
echo old >"$work/page.html"
expect 0 "$bin" report "$work/a.json" --html "$work/page.html"
grep -q '<!DOCTYPE html>' "$work/page.html" || fail "the page did not replace the old file"
[ -z "$(find "$work" -maxdepth 1 -name '.page.html.tmp.*')" ] || fail "a temporary file was left"
echo "html_cli: all checks passed"
