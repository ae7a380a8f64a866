"""Writes a copy of a perfharness report with every time sample scaled: the baselines that make
a run look slower (factor < 1) or a report that is slower (factor > 1) in the e2e tests.

    python3 scale_times.py REPORT.json OUT.json FACTOR
"""
import json
import sys

source, target, factor = sys.argv[1], sys.argv[2], float(sys.argv[3])
report = json.load(open(source))
for op in report["operations"]:
    for where in [op] + op["cases"]:
        for name, figure in where["figures"].items():
            if name in ("time", "cpu_time"):
                figure["samples"] = [s * factor for s in figure["samples"]]
                figure["summary"]["median"] *= factor
json.dump(report, open(target, "w"))
