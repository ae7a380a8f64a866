#!/usr/bin/python3
"""Checks perfharness reports against docs/report.schema.json: validate_report.py [--schema FILE] REPORT...

Prints one line per problem, "REPORT: JSON-PATH: message", and exits 1 when there is any, 0
when every report validates, 2 on bad usage. The schema itself is checked against the draft
2020-12 metaschema first, so a broken schema cannot pass reports by accident.

Runs under Debian's /usr/bin/python3 with python3-jsonschema (4.10 or later), the standard
library and nothing else."""
import argparse
import json
import os
import sys

import jsonschema
from jsonschema import Draft202012Validator

DEFAULT_SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "report.schema.json")


class NotJson(ValueError):
    pass


def strict_object(pairs):
    # json.load keeps the last of duplicate keys silently; a reader of the report may keep the first.
    seen = set()
    for key, _ in pairs:
        if key in seen:
            raise NotJson(f"duplicate key {key!r}")
        seen.add(key)
    return dict(pairs)


def reject_constant(name):
    # Python accepts NaN and Infinity, which are not JSON: other readers refuse the file.
    raise NotJson(f"{name} is not JSON")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=strict_object, parse_constant=reject_constant)


def describe(error):
    # A failed oneOf/anyOf names only the whole value; the closest alternative's error says what is wrong.
    best = jsonschema.exceptions.best_match([error]) if error.context else error
    message = best.message if len(best.message) <= 400 else best.message[:400] + "..."
    return f"{best.json_path}: {message}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", default=DEFAULT_SCHEMA, help="the schema (default: docs/report.schema.json)")
    parser.add_argument("reports", nargs="+", metavar="REPORT")
    args = parser.parse_args()

    try:
        schema = load(args.schema)
        Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        print(f"{args.schema}: not a valid draft 2020-12 schema: {e}", file=sys.stderr)
        return 1
    validator = Draft202012Validator(schema)

    problems = 0
    for path in args.reports:
        try:
            report = load(path)
        except (OSError, UnicodeDecodeError, ValueError) as e:
            print(f"{path}: $: not a readable JSON document: {e}")
            problems += 1
            continue
        for error in sorted(validator.iter_errors(report), key=lambda e: list(map(str, e.absolute_path))):
            print(f"{path}: {describe(error)}")
            problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
