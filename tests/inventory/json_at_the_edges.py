#!/usr/bin/env python3
"""JSON is made by the JSON reporter and read by the report reader only (docs/architecture.md):
the runner, the profilers and the typed result headers hold no nlohmann/json type."""
import pathlib, sys

root = pathlib.Path(sys.argv[1])
report = root / "lib/report/include/perfharness/report"
typed = ["run_result.hpp", "case_records.hpp", "profiles.hpp", "run_info.hpp", "opportunity.hpp",
         "comparison.hpp", "reporters.hpp", "baseline.hpp"]
paths = sorted((root / "lib/runner").glob("**/*")) + sorted((root / "lib/profilers").glob("**/*")) + [report / t for t in typed]
found = []
for path in paths:
    if path.suffix not in {".cpp", ".hpp", ".h"}:
        continue
    if not path.exists():
        found.append(f"{path.relative_to(root)}: missing (update this list when a result header moves)")
        continue
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if "nlohmann" in line.split("//", 1)[0]:
            found.append(f"{path.relative_to(root)}:{n}: {line.strip()}")
for f in found:
    print(f)
if found:
    print(f"{len(found)} place(s) hold JSON outside the reporters and the report reader", file=sys.stderr)
    sys.exit(1)
print("the runner, the profilers and the result model are typed")
