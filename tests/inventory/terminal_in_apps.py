#!/usr/bin/env python3
"""The terminal belongs to apps/ (docs/architecture.md): no file under lib/ writes to stdout or
stderr, asks whether they are a terminal, sets the log level or reads GITHUB_STEP_SUMMARY. The
library reports through RunObserver and spdlog's logger; the app decides what is shown."""
import pathlib, re, sys

from source_scan import matching_lines, verdict

root = pathlib.Path(sys.argv[1])
forbidden = re.compile(r"std::cout|std::cerr|std::clog|\bisatty\b|spdlog::set_level|GITHUB_STEP_SUMMARY|"
                       r"\bf?printf\s*\(\s*(stderr|stdout)|\bputs\s*\(|std::printf\b")
found = matching_lines(root, sorted(root.glob("lib/**/*")), forbidden.search)
verdict(found, "{count} place(s) in lib/ use the terminal; report through RunObserver or spdlog instead",
        "lib/ leaves the terminal to apps/")
