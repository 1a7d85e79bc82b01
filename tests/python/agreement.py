#!/usr/bin/env python3
"""Python's `jsonschema` verdicts for the agreement test (tests/agreement.rs).

usage: agreement.py INPUT OUTPUT

INPUT is a JSON list of {"schema": <draft 2020-12 schema>, "docs": [<JSON text>, ...]};
OUTPUT gets a JSON list of lists of booleans: whether each document validates.
Documents are parsed by Python's own `json` (integers exact at any size).
"""
import json
import sys

from jsonschema import Draft202012Validator


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        models = json.load(f)
    verdicts = []
    for model in models:
        schema = model["schema"]
        Draft202012Validator.check_schema(schema)
        validator = Draft202012Validator(schema)
        verdicts.append([validator.is_valid(json.loads(doc)) for doc in model["docs"]])
    with open(argv[2], "w", encoding="utf-8") as f:
        json.dump(verdicts, f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
