#!/usr/bin/env python3
"""Every ctest entry of a Catch2 executable runs exactly the test case it is named after, and
every test case has an entry: python3 ctest_inventory.py BUILD_DIR.

catch_discover_tests turns each Catch2 test case into a ctest entry whose command line is a
name filter. A name that CMake or Catch2 reads specially (';' splits it into several entries;
',' '[' '*' '~' are filter syntax) yields an entry whose filter matches nothing or something
else. Such an entry used to print "No tests ran" and pass (tests/support/catch_main.cpp now
fails it; this check names the cause)."""
import collections
import json
import os
import subprocess
import sys

build = sys.argv[1]
listing = json.loads(subprocess.run(["ctest", "--test-dir", build, "--show-only=json-v1"], check=True,
                                    capture_output=True, text=True).stdout)
problems = []
entries = collections.defaultdict(list)  # executable -> [(entry name, filter argument)]
for test in listing["tests"]:
    command = test.get("command") or []
    if not command or not os.path.basename(command[0]).startswith("test_"):
        continue  # e2e scripts and this check
    if len(command) < 2:
        problems.append(f"{test['name']}: no test-case filter on its command line")
        continue
    entries[command[0]].append((test["name"], command[1]))


def names(executable, *spec):
    out = subprocess.run([executable, *spec, "--list-test-names-only"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line.strip()]


if not entries:
    problems.append("no Catch2 entries found in " + build)
for executable, tests in sorted(entries.items()):
    all_names = names(executable)
    prefix = os.path.basename(executable)[len("test_"):] + ":"  # ctest drops TEST_PREFIX's trailing space
    named = collections.Counter()
    for entry, spec in tests:
        matched = names(executable, spec)
        expected = entry[len(prefix):].lstrip(" ") if entry.startswith(prefix) else entry
        if matched != [expected]:
            problems.append(f"{entry}: its filter {spec!r} runs {matched or 'nothing'}")
        named[expected] += 1
    for name in all_names:
        if named[name] != 1:
            problems.append(f"{os.path.basename(executable)}: test case {name!r} has {named[name]} ctest entries")

checked = sum(len(t) for t in entries.values())
for p in problems:
    print("FAIL:", p)
print(f"ctest inventory: {checked} entries in {len(entries)} executables, {len(problems)} problems")
sys.exit(1 if problems else 0)
