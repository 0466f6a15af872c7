#!/usr/bin/env python3
"""Baseline: the straight-line analysis as a careful GIS analyst would write it
with geopandas + shapely + pyproj, for comparison with `servicegap analyze`.

Steps (timed separately):
  read      CSVs -> GeoDataFrames (EPSG:4326) -> to_crs(3006); regions likewise
  regions   sjoin(predicate="within"), then sjoin_nearest(max_distance=1 km)
            for the rest, else "outside" (units and services)
  nearest   per category: sjoin_nearest in EPSG:3006 finds the nearest service,
            pyproj Geod(WGS84).inv gives the geodesic distance of that pair
  zones     per category x threshold: union of buffers (quad_segs=16) of all
            services of the category; overlay(regions, cover, "difference");
            explode into parts; zone population by sjoin(predicate="within")
  summary   per region x category: population, services, services_per_1000,
            population-weighted mean / median / p90 / max (km),
            beyond_<t>_pop / _share / _area_km2, unreachable_pop; plus ALL

  write     summary.csv

Writes --out/summary.csv (same columns as servicegap's summary.csv) and
--out/timings.json, and prints stage timings with the peak memory so far after
each stage (ru_maxrss, MiB; `peak_mb` in timings.json, "start" being the peak
after the imports).

Usage:
  python3 Benchmarks/baseline_geopandas.py --data Benchmarks/data \
      --regions fixtures/sweden/kommuner.geojson
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod

REPO = Path(__file__).resolve().parents[1]
CATEGORIES = ["grocery", "fuel", "pharmacy", "atm", "parcel", "school", "health", "post"]
THRESHOLDS = [("5km", 5000.0), ("10km", 10000.0), ("25km", 25000.0)]
WORK_CRS = 3006
TOLERANCE_M = 1000.0


def peak_mb():
    """Peak resident memory of this process so far, in MiB (ru_maxrss is in KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class Timer:
    def __init__(self):
        self.t0 = time.perf_counter()
        self.last = self.t0
        self.stages = {}
        self.peaks = [["start", peak_mb()]]

    def lap(self, name):
        now = time.perf_counter()
        self.stages[name] = now - self.last
        self.last = now
        self.peaks.append([name, peak_mb()])
        print(f"  {name:<10} {self.stages[name]:8.2f} s {self.peaks[-1][1]:8.0f} MB", flush=True)

    @property
    def total(self):
        return time.perf_counter() - self.t0


def read_points(path):
    df = pd.read_csv(path, dtype={"id": str, "name": str})
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs=4326)
    return gdf.to_crs(WORK_CRS)


def assign_regions(points, regions, name_field):
    """Region name per point: within a polygon, else nearest within TOLERANCE_M, else 'outside'."""
    j = gpd.sjoin(points[["geometry"]], regions[[name_field, "geometry"]], how="left", predicate="within")
    j = j[~j.index.duplicated(keep="first")]
    region = j[name_field].reindex(points.index)
    missing = region.isna()
    if missing.any():
        n = gpd.sjoin_nearest(points.loc[missing, ["geometry"]], regions[[name_field, "geometry"]],
                              how="left", max_distance=TOLERANCE_M)
        n = n[~n.index.duplicated(keep="first")]
        region.loc[missing] = n[name_field].reindex(region.index[missing]).values
    return region.fillna("outside")


def weighted_quantile(dist_sorted, pop_sorted, q, total):
    cum = np.cumsum(pop_sorted)
    i = int(np.searchsorted(cum, q * total, side="left"))
    if i >= len(dist_sorted):
        return np.nan
    return dist_sorted[i]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO / "Benchmarks" / "data")
    ap.add_argument("--population", type=Path, help="default: DATA/population.csv")
    ap.add_argument("--services", type=Path, help="default: DATA/services.csv")
    ap.add_argument("--regions", type=Path, default=REPO / "fixtures" / "sweden" / "kommuner.geojson")
    ap.add_argument("--region-name-field", default="kommun")
    ap.add_argument("--categories", default=",".join(CATEGORIES))
    ap.add_argument("--out", type=Path, default=REPO / "Benchmarks" / "results" / "baseline")
    ap.add_argument("--no-zones", action="store_true")
    args = ap.parse_args()
    cats = args.categories.split(",")
    rf = args.region_name_field

    print(f"baseline (geopandas {gpd.__version__}, shapely {shapely.__version__}, GEOS {shapely.geos_version_string})")
    T = Timer()

    # --- read
    units = read_points(args.population or args.data / "population.csv")
    services = read_points(args.services or args.data / "services.csv")
    regions = gpd.read_file(args.regions).to_crs(WORK_CRS)
    region_names = list(regions[rf])
    T.lap("read")

    # --- regions
    units["region"] = assign_regions(units, regions, rf)
    services["region"] = assign_regions(services, regions, rf)
    T.lap("regions")

    # --- nearest (planar candidate via sjoin_nearest, geodesic distance of the pair)
    geod = Geod(ellps="WGS84")
    for c in cats:
        sc = services[services["category"] == c].sort_values("id")
        if len(sc) == 0:
            units[f"{c}_nearest"] = None
            units[f"{c}_dist_m"] = np.nan
            continue
        j = gpd.sjoin_nearest(units[["geometry"]], sc[["id", "lon", "lat", "geometry"]], how="left")
        j = j[~j.index.duplicated(keep="first")]
        _, _, d = geod.inv(units["lon"].to_numpy(), units["lat"].to_numpy(),
                           j["lon"].to_numpy(), j["lat"].to_numpy())
        units[f"{c}_nearest"] = j["id"].to_numpy()
        units[f"{c}_dist_m"] = d
    T.lap("nearest")

    # --- zones
    zone_area = {}
    zone_rows = []
    if not args.no_zones:
        reg = regions[[rf, "geometry"]]
        for c in cats:
            sc = services[services["category"] == c]
            for label, t in THRESHOLDS:
                if len(sc):
                    cover = shapely.union_all(sc.geometry.buffer(t, quad_segs=16).values)
                    cover_gdf = gpd.GeoDataFrame(geometry=[cover], crs=regions.crs)
                    zones = gpd.overlay(reg, cover_gdf, how="difference", keep_geom_type=True)
                else:
                    zones = reg.copy()
                parts = zones.explode(index_parts=False).reset_index(drop=True)
                parts = parts[parts.geometry.area > 0]
                parts["area_km2"] = parts.geometry.area / 1e6
                inside = gpd.sjoin(units[["population", "geometry"]], parts[["geometry"]],
                                   how="inner", predicate="within")
                parts["population"] = inside.groupby("index_right")["population"].sum() \
                    .reindex(parts.index, fill_value=0)
                for rname, a in parts.groupby(rf)["area_km2"].sum().items():
                    zone_area[(rname, c, label)] = a
                zone_rows.append((c, label, len(parts), float(parts["area_km2"].sum()),
                                  int(parts["population"].sum())))
    T.lap("zones")

    # --- summary
    rows = []
    groups = region_names + (["outside"] if (units["region"] == "outside").any() else []) + ["ALL"]
    svc_counts = services.groupby(["region", "category"]).size()
    populated = units[units["population"] > 0]
    members = populated.groupby("region").indices
    pop_all = populated["population"].to_numpy()
    dist_all = {c: populated[f"{c}_dist_m"].to_numpy() for c in cats}
    for rname in groups:
        idx = np.arange(len(populated)) if rname == "ALL" else members.get(rname, np.array([], dtype=int))
        p = pop_all[idx]
        pop_total = int(p.sum())
        for c in cats:
            if rname == "ALL":
                nserv = int(sum(svc_counts.get((r, c), 0) for r in region_names))
            else:
                nserv = int(svc_counts.get((rname, c), 0))
            d = dist_all[c][idx]
            reach = ~np.isnan(d)
            row = {"region": rname, "category": c, "population": pop_total, "services": nserv,
                   "services_per_1000": nserv / pop_total * 1000 if pop_total else np.nan}
            if pop_total and reach.any():
                order = np.argsort(np.where(reach, d, np.inf), kind="stable")
                ds, ps = np.where(reach, d, np.inf)[order], p[order]
                row["mean"] = float(np.average(d[reach], weights=p[reach])) / 1000
                for q, key in ((0.5, "median"), (0.9, "p90")):
                    v = weighted_quantile(ds, ps, q, pop_total)
                    row[key] = v / 1000 if np.isfinite(v) else np.nan
                row["max"] = float(ds[-1]) / 1000 if np.isfinite(ds[-1]) else np.nan
            else:
                row.update({"mean": np.nan, "median": np.nan, "p90": np.nan, "max": np.nan})
            row["unit"] = "km"
            for label, t in THRESHOLDS:
                b = int(p[~reach | (d > t)].sum())
                row[f"beyond_{label}_pop"] = b
                row[f"beyond_{label}_share"] = b / pop_total if pop_total else np.nan
                if args.no_zones or rname == "outside":
                    row[f"beyond_{label}_area_km2"] = np.nan
                elif rname == "ALL":
                    row[f"beyond_{label}_area_km2"] = sum(zone_area.get((r, c, label), 0.0) for r in region_names)
                else:
                    row[f"beyond_{label}_area_km2"] = zone_area.get((rname, c, label), 0.0)
            row["unreachable_pop"] = int(p[~reach].sum())
            rows.append(row)
    summary = pd.DataFrame(rows)
    T.lap("summary")

    # --- write
    args.out.mkdir(parents=True, exist_ok=True)
    summary.to_csv(args.out / "summary.csv", index=False, float_format="%.6f", lineterminator="\n")
    T.lap("write")

    total = T.total
    print(f"  {'total':<10} {total:8.2f} s")
    print(f"units {len(units):,}  people {int(units['population'].sum()):,}  services {len(services):,}  "
          f"regions {len(regions)}  zone parts {sum(z[2] for z in zone_rows):,}")
    allrow = summary[(summary.region == "ALL")].set_index("category")
    print(allrow[["population", "services", "mean", "median", "p90", "max",
                  "beyond_10km_pop", "beyond_25km_pop"]].to_string())
    (args.out / "timings.json").write_text(json.dumps(
        {"stages_s": T.stages, "peak_mb": T.peaks, "total_s": total, "units": int(len(units)),
         "services": int(len(services))}, indent=1) + "\n")


if __name__ == "__main__":
    sys.exit(main())
