#!/usr/bin/env python3
"""The terminal belongs to apps/ (docs/architecture.md): no file under lib/ writes to stdout or
stderr, asks whether they are a terminal, sets the log level or reads GITHUB_STEP_SUMMARY. The
library reports through RunObserver and spdlog's logger; the app decides what is shown."""
import pathlib, re, sys

root = pathlib.Path(sys.argv[1])
forbidden = re.compile(r"std::cout|std::cerr|std::clog|\bisatty\b|spdlog::set_level|GITHUB_STEP_SUMMARY|"
                       r"\bf?printf\s*\(\s*(stderr|stdout)|\bputs\s*\(|std::printf\b")
found = []
for path in sorted(root.glob("lib/**/*")):
    if path.suffix not in {".cpp", ".hpp", ".h"}:
        continue
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        code = line.split("//", 1)[0]
        if forbidden.search(code):
            found.append(f"{path.relative_to(root)}:{n}: {line.strip()}")
for f in found:
    print(f)
if found:
    print(f"{len(found)} place(s) in lib/ use the terminal; report through RunObserver or spdlog instead", file=sys.stderr)
    sys.exit(1)
print("lib/ leaves the terminal to apps/")
