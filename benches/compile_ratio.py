#!/usr/bin/env python3
"""The crate-only debug build of greentic-types as a multiple of serde_json's.

    python3 benches/compile_ratio.py [--runs 3] [--features schema] [--keep]

Each run builds `greentic-types` (lib) with the given features in a fresh
target directory, `CARGO_INCREMENTAL=0`, with `cargo build --timings`, and
reads both crates' own compile durations from the timings report. A ratio
within one build is steadier than either time, though not independent of
the machine: `serde_json` compiles beside other dependencies, this crate
mostly alone after them, so the core count matters (it is printed). The
environment variables that would change what is measured (a compiler
wrapper such as sccache, `RUSTFLAGS`, profile and job overrides) are cleared
for the build. Dependencies are fetched first; the builds run `--offline`.
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


# Variables that change what a build measures: cleared for the builds.
CLEARED = ("RUSTC_WRAPPER", "RUSTC_WORKSPACE_WRAPPER", "RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS",
           "CARGO_BUILD_RUSTFLAGS", "CARGO_BUILD_JOBS", "CARGO_BUILD_BUILD_DIR",
           "CARGO_BUILD_RUSTC_WRAPPER", "CARGO_TARGET_DIR")


def clean_env() -> dict:
    """The environment without what would change the measurement."""
    env = {k: v for k, v in os.environ.items()
           if k not in CLEARED and not k.startswith("CARGO_PROFILE_")}
    env["CARGO_INCREMENTAL"] = "0"
    return env


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
            if unit["name"] in out:
                sys.exit(f"{unit['name']} was built twice in one build: which one to measure?")
            out[unit["name"]] = unit["duration"]
    return out


def one_run(features: str, keep: bool) -> tuple:
    target = tempfile.mkdtemp(prefix="gt-compile-ratio-")
    env = dict(clean_env(), CARGO_TARGET_DIR=target)
    try:
        build = subprocess.run(
            ["cargo", "build", "--quiet", "--offline", "--timings", "-p", "greentic-types",
             "--lib", "--features", features],
            cwd=ROOT, env=env, check=False,
        )
        if build.returncode != 0:
            sys.exit(f"the build failed (exit {build.returncode})")
        reports = glob.glob(os.path.join(target, "cargo-timings", "cargo-timing-*.html"))
        if not reports:
            sys.exit("cargo wrote no timings report")
        d = durations(reports[0])
        missing = [c for c in ("greentic-types", "serde_json") if c not in d]
        if missing:
            sys.exit(f"not in the timings report: {', '.join(missing)}")
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
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    fetch = subprocess.run(["cargo", "fetch", "--quiet"], cwd=ROOT, env=clean_env(), check=False)
    if fetch.returncode != 0:
        sys.exit("cargo fetch failed")
    print(f"{os.cpu_count()} cores; --features {args.features}")
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
