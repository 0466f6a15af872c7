#!/usr/bin/env python3
"""Inputs of the geopandas baseline for the national SCB grid run (run_sweden.sh).

servicegap reads SCB's grid as it is published (`rutid_scb` ids, no coordinates); the
baseline reads points. This writes, into --out:

  population.csv  id,name,population,lon,lat: one row per SCB 1 km cell of
                  fixtures/sweden/befolkning_1km_2024.csv, at the cell centre (lower-left
                  corner + 500 m) converted from EPSG:3006 with pyproj
  services.csv    id,name,category,lon,lat of fixtures/sweden/services_sweden.csv

The conversion is the baseline's own work, not timed (servicegap's is timed, inside its
load).
"""

import argparse
import csv
from pathlib import Path

from pyproj import Transformer

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    to_lonlat = Transformer.from_crs("EPSG:3006", "EPSG:4326", always_xy=True)
    with open(REPO / "fixtures/sweden/befolkning_1km_2024.csv", newline="") as source:
        rows = list(csv.DictReader(source))
    xs = [int(r["rutid_scb"][:6]) + int(r["rutstorl"]) / 2 for r in rows]
    ys = [int(r["rutid_scb"][6:]) + int(r["rutstorl"]) / 2 for r in rows]
    lons, lats = to_lonlat.transform(xs, ys)
    with open(args.out / "population.csv", "w", newline="") as target:
        out = csv.writer(target, lineterminator="\n")
        out.writerow(["id", "name", "population", "lon", "lat"])
        for row, lon, lat in zip(rows, lons, lats):
            cell = row["rutid_scb"]
            out.writerow([cell, cell, row["beftotalt"], f"{lon:.9f}", f"{lat:.9f}"])
    with open(REPO / "fixtures/sweden/services_sweden.csv", newline="") as source:
        services = list(csv.DictReader(source))
    with open(args.out / "services.csv", "w", newline="") as target:
        out = csv.writer(target, lineterminator="\n")
        out.writerow(["id", "name", "category", "lon", "lat"])
        for row in services:
            out.writerow([row["id"], row["name"], row["category"], row["lon"], row["lat"]])
    print(f"{len(rows)} cells, {len(services)} services -> {args.out}")


if __name__ == "__main__":
    main()
