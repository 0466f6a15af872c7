#!/usr/bin/env python3
"""Times the independent Python oracle (Scripts/oracle/transit_oracle.py) on a benchmark problem.

The oracle script itself only runs its fixed, stratified 150-cell Norrbotten sample (five times:
nominal, two perturbations, two ablations, plus self-tests). This wrapper imports its
functions unchanged and runs one nominal pass -- one view, all route types, no self-test,
perturbation or reference re-derivation -- on any SCB grid CSV and GTFS zip:

  read the feed -> transfer rules + walking legs (Walking) -> the day's timetable
  (build_timetable) -> connections of the window (Network) -> per cell: direct walks,
  access legs, the vectorised connection scan over every departure minute, percentiles.

--sample N times N seeded random cells and extrapolates to all cells
(setup + N-cell seconds per cell x all cells; printed as "extrapolated");
--sample 0 runs every cell (printed as "measured").

  python3 Benchmarks/transit/oracle_timing.py --gtfs fixtures/gtfs/norrbotten_2022-12-14.zip \
      --population fixtures/sweden/norrbotten_1km_2024.csv --sample 0
  python3 Benchmarks/transit/oracle_timing.py --gtfs /tmp/sweden_synthetic.zip \
      --population fixtures/sweden/befolkning_1km_2024.csv --sample 40

The last line of stdout is a JSON object (read by run.sh).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "Scripts" / "oracle"))
import transit_oracle as O  # noqa: E402  (the oracle, unchanged)


def load_cells(path: Path, prefix: str):
    cells = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if prefix and not row["kommun_kod"].startswith(prefix):
                continue
            rid = row["rutid_scb"]
            size = float(row.get("rutstorl") or 1000)
            e, n = float(int(rid[:6])), float(int(rid[6:]))
            cells.append((rid, row["kommun_kod"], int(row["beftotalt"]), e + size / 2, n + size / 2))
    x = np.array([c[3] for c in cells])
    y = np.array([c[4] for c in cells])
    lon, lat = O.T_3006_4326.transform(x, y)
    return [{"id": c[0], "kommun_kod": c[1], "pop": c[2], "lon": float(lo), "lat": float(la)}
            for c, lo, la in zip(cells, lon, lat)]


def hm(s):
    h, m = s.split(":")
    return int(h) * 3600 + int(m) * 60


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gtfs", type=Path, required=True)
    ap.add_argument("--population", type=Path, required=True, help="SCB grid CSV (rutid_scb, beftotalt, kommun_kod)")
    ap.add_argument("--services", type=Path, default=REPO / "fixtures" / "sweden" / "services_sweden.csv")
    ap.add_argument("--kommun-prefix", default="", help="keep cells whose kommun_kod starts with this")
    ap.add_argument("--categories", default="grocery,pharmacy,health")
    ap.add_argument("--date", default="2023-01-17")
    ap.add_argument("--departure", default="08:00-10:00", help="window, start included, end excluded")
    ap.add_argument("--sample", type=int, default=0, help="seeded random cells to time; 0 = all")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--csv-out", type=Path, help="per cell and category: median and p90 minutes")
    args = ap.parse_args()

    cats = [c.strip() for c in args.categories.split(",") if c.strip()]
    O.CATEGORIES = cats                # direct_walks and load_services read the module constant
    O.SERVICES_CSV = args.services
    a, b = args.departure.split("-")
    deps = np.arange(hm(a), hm(b), O.STEP, dtype=float)
    day = dt.date.fromisoformat(args.date)

    stages = {}
    t0 = time.time()
    feed = O.read_zip_feed(args.gtfs)
    stages["read_feed"] = time.time() - t0
    t = time.time()
    cells = load_cells(args.population, args.kommun_prefix)
    services = O.load_services()
    stages["read_cells_services"] = time.time() - t
    t = time.time()
    rules = O.TransferRules(feed)
    walking = O.Walking(feed, services, cats, rules)
    stages["walking_legs"] = time.time() - t
    t = time.time()
    trips, facts = O.build_timetable(feed, day, [])
    stages["timetable"] = time.time() - t
    t = time.time()
    net = O.Network(trips, walking, (float(deps.min()), float(deps.max()) + O.CAP))
    stages["connections"] = time.time() - t
    del feed
    setup = time.time() - t0

    if args.sample and args.sample < len(cells):
        rng = np.random.default_rng(args.seed)
        pick = sorted(rng.choice(len(cells), size=args.sample, replace=False).tolist())
    else:
        pick = list(range(len(cells)))
    rows = []
    t = time.time()
    with_stop = 0
    for i in pick:
        cell = cells[i]
        direct = O.direct_walks(cell, services)
        acc, _ = walking.access(cell["lon"], cell["lat"])
        with_stop += bool(acc)
        best, _ = O.scan(net, acc, direct, deps, cats)
        for c in cats:
            s, _ = O.summarise(best[c], deps)
            rows.append((cell["id"], c, s["median_min"], s["p90_min"]))
    per_cells = time.time() - t
    per_cell = per_cells / max(1, len(pick))
    measured = len(pick) == len(cells)
    total = setup + per_cell * len(cells)
    if args.csv_out:
        with open(args.csv_out, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "category", "median_min", "p90_min"])
            for r in rows:
                w.writerow(["" if v is None else (f"{v:.4f}" if isinstance(v, float) else v) for v in r])
    res = {
        "gtfs": str(args.gtfs), "cells_total": len(cells), "cells_timed": len(pick),
        "cells_timed_with_stop_in_reach": with_stop,
        "departures": len(deps), "categories": cats,
        "connections_in_window": net.n_conns, "trips_on_day": facts["trips_service_day"],
        "setup_s": round(setup, 2), "stages_s": {k: round(v, 2) for k, v in stages.items()},
        "cells_s": round(per_cells, 2), "per_cell_s": round(per_cell, 4),
        "total_s": round(total, 1), "total_kind": "measured" if measured else "extrapolated",
    }
    print(f"oracle: setup {setup:.1f} s ({', '.join(f'{k} {v:.1f}' for k, v in stages.items())}); "
          f"{len(pick)} of {len(cells)} cells in {per_cells:.1f} s = {per_cell:.3f} s/cell; "
          f"{'measured' if measured else 'extrapolated'} total {total:.1f} s")
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
