"""Shared by the layering checks: the code lines of C++ sources (comments after // dropped) that
match, and the verdict printed the same way by each check."""
import pathlib, sys


def matching_lines(root: pathlib.Path, paths, matches):
    """`path:line: text` of every code line of the C++ files among `paths` where matches(code)."""
    found = []
    for path in paths:
        if path.suffix not in {".cpp", ".hpp", ".h"}:
            continue
        if not path.exists():
            found.append(f"{path.relative_to(root)}: missing (update the check's list when a file moves)")
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if matches(line.split("//", 1)[0]):
                found.append(f"{path.relative_to(root)}:{n}: {line.strip()}")
    return found


def verdict(found, failure: str, success: str):
    """Prints each finding and exits 1 with `failure` (given their count), or prints `success`."""
    for f in found:
        print(f)
    if found:
        print(failure.format(count=len(found)), file=sys.stderr)
        sys.exit(1)
    print(success)
