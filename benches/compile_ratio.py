#!/usr/bin/env python3
"""The crate-only debug build of greentic-types as a multiple of serde_json's.

    python3 benches/compile_ratio.py [--runs 3] [--features schema] [--keep]

Each run builds `greentic-types` (lib) with the given features in a fresh
target directory, `CARGO_INCREMENTAL=0`, with `cargo build --timings`, and
reads both crates' own compile durations from the timings report. A ratio
within one build is steadier than either time: both crates compete for the
same machine. Dependencies are fetched first, so runs offline after that.
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def durations(report: str) -> dict:
    """Compile seconds per crate name (its lib unit), from a timings report."""
    with open(report, encoding="utf-8") as f:
        html = f.read()
    match = re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S)
    if not match:
        sys.exit(f"no UNIT_DATA in {report}: has cargo's timings format changed?")
    out = {}
    for unit in json.loads(match.group(1)):
        # The lib unit; build scripts and their runs name their target.
        if unit["target"].strip() in ("", "(lib)"):
            out[unit["name"]] = max(out.get(unit["name"], 0.0), unit["duration"])
    return out


def one_run(features: str, keep: bool) -> tuple:
    target = tempfile.mkdtemp(prefix="gt-compile-ratio-")
    env = dict(os.environ, CARGO_INCREMENTAL="0", CARGO_TARGET_DIR=target)
    try:
        subprocess.run(
            ["cargo", "build", "--quiet", "--timings", "-p", "greentic-types", "--lib",
             "--features", features],
            cwd=ROOT, env=env, check=True,
        )
        reports = glob.glob(os.path.join(target, "cargo-timings", "cargo-timing-*.html"))
        if not reports:
            sys.exit("cargo wrote no timings report")
        d = durations(reports[0])
        return d["greentic-types"], d["serde_json"]
    finally:
        if not keep:
            shutil.rmtree(target, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--features", default="schema")
    parser.add_argument("--keep", action="store_true", help="keep the target directories")
    args = parser.parse_args()
    subprocess.run(["cargo", "fetch", "--quiet"], cwd=ROOT, check=True)
    ratios = []
    for i in range(args.runs):
        ours, theirs = one_run(args.features, args.keep)
        ratios.append(ours / theirs)
        print(f"run {i + 1}: greentic-types {ours:.2f} s, serde_json {theirs:.2f} s, "
              f"ratio {ours / theirs:.2f}")
    print(f"ratio {min(ratios):.2f}-{max(ratios):.2f} over {len(ratios)} runs "
          f"(--features {args.features})")


if __name__ == "__main__":
    main()
