"""Writes a copy of a perfharness report with every time sample scaled: the baselines that make
a run look slower (factor < 1) or a report that is slower (factor > 1) in the e2e tests.

    python3 scale_times.py REPORT.json OUT.json FACTOR [--even] [--times-only]

Time figures are those in seconds or milliseconds (time, cpu_time, fetch_time, ...).
--even first replaces each time figure's samples by values within +-0.5% of their median
(same count, the same median up to rounding, no ties). A comparison of such a report with
its scaled copy no longer depends on how noisy the measured samples were: with FACTOR 2 the
two sets are completely separated, so the rank test's p-value is the smallest the counts
allow, whatever load the machine was under when the samples were taken.
--times-only drops every other figure, so a baseline compared with a fresh run judges times
alone (counts such as page faults move between processes).
"""
import json
import statistics
import sys

source, target, factor = sys.argv[1], sys.argv[2], float(sys.argv[3])
even = "--even" in sys.argv[4:]
times_only = "--times-only" in sys.argv[4:]
report = json.load(open(source))
for op in report["operations"]:
    for where in [op] + op["cases"]:
        figures = where["figures"]
        for name in list(figures):
            figure = figures[name]
            if figure.get("unit") not in ("s", "ms"):
                if times_only:
                    del figures[name]
                continue
            samples = figure["samples"]
            if not samples:
                continue
            if even:
                median, n = statistics.median(samples), len(samples)
                samples = [median * (1 + 0.01 * ((i + 0.5) / n - 0.5)) for i in range(n)]
            figure["samples"] = [s * factor for s in samples]
            figure["summary"]["median"] = statistics.median(figure["samples"])
json.dump(report, open(target, "w"))
