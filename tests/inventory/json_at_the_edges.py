#!/usr/bin/env python3
"""JSON is made by the JSON reporter and read by the report reader only (docs/architecture.md):
the runner, the profilers and the typed result headers hold no nlohmann/json type."""
import pathlib, sys

from source_scan import matching_lines, verdict

root = pathlib.Path(sys.argv[1])
report = root / "lib/report/include/perfharness/report"
typed = ["run_result.hpp", "case_records.hpp", "profiles.hpp", "run_info.hpp", "opportunity.hpp",
         "comparison.hpp", "reporters.hpp", "baseline.hpp", "timeline.hpp"]
paths = sorted((root / "lib/runner").glob("**/*")) + sorted((root / "lib/profilers").glob("**/*")) + [report / t for t in typed]
found = matching_lines(root, paths, lambda code: "nlohmann" in code)
verdict(found, "{count} place(s) hold JSON outside the reporters and the report reader",
        "the runner, the profilers and the result model are typed")
