#!/usr/bin/env python3
"""Copies the per-stage tables of the benchmark reports into README.md.

Each report holds a block between `<!-- bench:RUN:begin -->` and `<!-- bench:RUN:end -->`
(written by Benchmarks/stage_table.py); this replaces the block with the same markers in
README.md's Performance section:

  straight  Benchmarks/results/report.md          (Benchmarks/run.sh)
  sweden    Benchmarks/results/sweden/report.md   (Benchmarks/run_sweden.sh)
  network   Benchmarks/results/network_report.md  (Benchmarks/run_network.sh)

Usage:
  python3 Benchmarks/update_readme.py            all three; a missing report is skipped
  python3 Benchmarks/update_readme.py sweden     only these runs
  python3 Benchmarks/update_readme.py --check    exit 1 if README.md is not up to date
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REPORTS = {
    "straight": REPO / "Benchmarks" / "results" / "report.md",
    "sweden": REPO / "Benchmarks" / "results" / "sweden" / "report.md",
    "network": REPO / "Benchmarks" / "results" / "network_report.md",
}


def block(run):
    return re.compile(rf"<!-- bench:{run}:begin -->\n.*?<!-- bench:{run}:end -->", re.S)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("runs", nargs="*", help=f"any of {', '.join(REPORTS)} (default: all)")
    ap.add_argument("--readme", type=Path, default=REPO / "README.md")
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 if a block differs")
    args = ap.parse_args()

    unknown = [r for r in args.runs if r not in REPORTS]
    if unknown:
        ap.error(f"unknown run {', '.join(unknown)}; choose from {', '.join(REPORTS)}")
    text = args.readme.read_text(encoding="utf-8")
    updated, stale = text, []
    for run in args.runs or list(REPORTS):
        report = REPORTS[run]
        found = block(run).search(report.read_text(encoding="utf-8")) if report.exists() else None
        if found is None:
            print(f"{run}: no stage table in {report.relative_to(REPO)}; README block left as it is",
                  file=sys.stderr)
            continue
        if len(block(run).findall(updated)) != 1:
            sys.exit(f"update_readme.py: {args.readme} needs exactly one "
                     f"<!-- bench:{run}:begin --> … <!-- bench:{run}:end --> block")
        new = block(run).sub(lambda _: found.group(0), updated)
        if new != updated:
            stale.append(run)
        updated = new
    if args.check:
        if stale:
            print(f"README.md out of date for: {', '.join(stale)}", file=sys.stderr)
        return 1 if stale else 0
    if stale:
        args.readme.write_text(updated, encoding="utf-8")
    print(f"README.md: {', '.join(stale) or 'nothing'} updated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
