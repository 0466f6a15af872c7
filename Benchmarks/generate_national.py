#!/usr/bin/env python3
"""Seeded generator of national-scale benchmark input for servicegap.

Writes to --out (default Benchmarks/data):

  population.csv        id,name,population,lon,lat   ~500,000 synthetic population
                        units, 10.4 M people: 9.0 M clustered around the 2,017
                        real SCB localities (fixtures/sweden/tatorter_2020.csv,
                        spread scaled with each locality's area) and a 1.4 M
                        rural tail on Sweden's land (inside
                        fixtures/sweden/kommuner.geojson), partly around towns,
                        partly anywhere.
  services.csv          id,name,category,lon,lat     ~20,000 services in 8
                        categories, weighted toward populated places, some rural.
  norway_services.csv   id,name,category,lon,lat     ~6,000 services in the same 8
                        categories near populated cells of the real Statistics
                        Norway 250 m grid, only with --norway-grid FILE (the
                        national ssb_pop_250m_2015.csv, not in the repository;
                        fixtures/norway_grid/README.md names its source).
  manifest.json         seed, counts and totals.

The output is a deterministic function of --seed (numpy default_rng) and the
input files. Synthetic: the points are NOT real people or real services.

Usage:  python3 Benchmarks/generate_national.py --seed 42 --out Benchmarks/data
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TATORTER = REPO / "fixtures" / "sweden" / "tatorter_2020.csv"
DEFAULT_KOMMUNER = REPO / "fixtures" / "sweden" / "kommuner.geojson"

CATEGORIES = ["grocery", "fuel", "pharmacy", "atm", "parcel", "school", "health", "post"]
# Sweden: ~20,000 services. (count, share placed at rural units)
SERVICE_MIX = {
    "grocery": (3500, 0.15),
    "fuel": (2900, 0.30),
    "pharmacy": (1400, 0.03),
    "atm": (2600, 0.05),
    "parcel": (3800, 0.05),
    "school": (4000, 0.20),
    "health": (1200, 0.10),
    "post": (600, 0.15),
}
NORWAY_SERVICES = 6000

CLUSTER_UNITS = 380_000
RURAL_UNITS = 120_000
CLUSTER_POP = 9_000_000
RURAL_POP = 1_400_000


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def load_land(kommuner_path):
    import geopandas as gpd

    k = gpd.read_file(kommuner_path).to_crs(3006)
    land = shapely.union_all(k.geometry.values)
    shapely.prepare(land)
    return k, land


def split_population(rng, total, n, sigma=1.0):
    """n positive integers summing to total (total >= n), lognormal-ish spread."""
    w = rng.lognormal(0.0, sigma, n)
    extra = rng.multinomial(total - n, w / w.sum())
    return extra + 1


def uniform_on_land(rng, land, n, bounds):
    minx, miny, maxx, maxy = bounds
    xs, ys = [], []
    got = 0
    while got < n:
        m = int((n - got) * 2.8) + 100
        x = rng.uniform(minx, maxx, m)
        y = rng.uniform(miny, maxy, m)
        ok = shapely.contains_xy(land, x, y)
        x, y = x[ok], y[ok]
        take = min(n - got, len(x))
        xs.append(x[:take])
        ys.append(y[:take])
        got += take
    return np.concatenate(xs), np.concatenate(ys)


def generate_sweden(rng, tatorter_path, kommuner_path):
    t = pd.read_csv(tatorter_path, dtype={"tatortskod": str, "kommun_kod": str})
    t = t.sort_values("tatortskod", kind="stable").reset_index(drop=True)
    kommuner, land = load_land(kommuner_path)
    land_near = shapely.buffer(land, 500.0)
    shapely.prepare(land_near)

    P = t["befolkning"].to_numpy(dtype=np.int64)
    # Scale real locality populations so the clusters total CLUSTER_POP exactly.
    scaled = np.floor(P * (CLUSTER_POP / P.sum())).astype(np.int64)
    short = CLUSTER_POP - scaled.sum()
    scaled[np.argsort(-(P * (CLUSTER_POP / P.sum()) - scaled), kind="stable")[:short]] += 1

    # Units per locality grow sub-linearly with population.
    raw = scaled.astype(float) ** 0.85
    n_units = np.maximum(3, np.round(raw * (CLUSTER_UNITS / raw.sum()))).astype(np.int64)
    n_units = np.minimum(n_units, scaled // 2)
    radius = np.sqrt(t["area_ha"].to_numpy(dtype=float) * 1e4 / np.pi)  # m
    cx = t["x_sweref99tm"].to_numpy(dtype=float)
    cy = t["y_sweref99tm"].to_numpy(dtype=float)

    xs, ys, pops, names = [], [], [], []
    for i in range(len(t)):
        n = int(n_units[i])
        # 85 % in the built-up core (sigma 0.6 r), 15 % in a fringe (sigma 2 r)
        core = rng.random(n) < 0.85
        sig = np.where(core, 0.6 * radius[i], 2.0 * radius[i])
        dx = rng.normal(0.0, 1.0, n) * sig
        dy = rng.normal(0.0, 1.0, n) * sig
        xs.append(cx[i] + dx)
        ys.append(cy[i] + dy)
        pops.append(split_population(rng, int(scaled[i]), n, sigma=0.9))
        names.append(np.full(n, t.at[i, "namn"], dtype=object))
    x = np.concatenate(xs)
    y = np.concatenate(ys)
    pop = np.concatenate(pops)
    name = np.concatenate(names)
    owner = np.repeat(np.arange(len(t)), n_units)

    # Points that landed in the sea: pull them toward their locality, then give up
    # and use the locality point itself.
    for _ in range(4):
        bad = ~shapely.contains_xy(land_near, x, y)
        if not bad.any():
            break
        x[bad] = cx[owner[bad]] + (x[bad] - cx[owner[bad]]) * 0.5
        y[bad] = cy[owner[bad]] + (y[bad] - cy[owner[bad]]) * 0.5
    bad = ~shapely.contains_xy(land_near, x, y)
    x[bad] = cx[owner[bad]]
    y[bad] = cy[owner[bad]]
    cluster_n = len(x)

    # Rural tail: 65 % around towns (1-25 km beyond the locality edge), 35 % anywhere on land.
    n_near = int(RURAL_UNITS * 0.65)
    n_any = RURAL_UNITS - n_near
    w = np.sqrt(scaled.astype(float))
    rx, ry = [], []
    got = 0
    while got < n_near:
        m = int((n_near - got) * 1.6) + 100
        k = rng.choice(len(t), size=m, p=w / w.sum())
        d = radius[k] + rng.uniform(1000.0, 25000.0, m)
        a = rng.uniform(0.0, 2 * np.pi, m)
        px = cx[k] + d * np.cos(a)
        py = cy[k] + d * np.sin(a)
        ok = shapely.contains_xy(land, px, py)
        px, py = px[ok], py[ok]
        take = min(n_near - got, len(px))
        rx.append(px[:take])
        ry.append(py[:take])
        got += take
    ax, ay = uniform_on_land(rng, land, n_any, land.bounds)
    rx = np.concatenate(rx + [ax])
    ry = np.concatenate(ry + [ay])
    rpop = split_population(rng, RURAL_POP, RURAL_UNITS, sigma=1.1)

    # Rural units are named after their municipality.
    pts = shapely.points(rx, ry)
    tree = shapely.STRtree(kommuner.geometry.values)
    idx = tree.query_nearest(pts, all_matches=False)
    kname = kommuner["kommun"].to_numpy(dtype=object)[idx[1]]
    rname = np.array([f"{k} landsbygd" for k in kname], dtype=object)

    x = np.concatenate([x, rx])
    y = np.concatenate([y, ry])
    pop = np.concatenate([pop, rpop])
    name = np.concatenate([name, rname])
    is_rural = np.concatenate([np.zeros(cluster_n, bool), np.ones(RURAL_UNITS, bool)])
    return x, y, pop, name, is_rural


def place_services(rng, x, y, pop, is_rural, mix, scale=1.0, jitter=300.0):
    """Services sampled at units (population-weighted, or uniformly among rural
    units for the rural share), jittered by a Gaussian of `jitter` metres."""
    rural_idx = np.nonzero(is_rural)[0]
    pw = pop.astype(float) / pop.sum()
    sx, sy, cats = [], [], []
    for cat in CATEGORIES:
        count, rural_share = mix[cat]
        count = int(round(count * scale))
        n_r = int(round(count * rural_share))
        n_u = count - n_r
        k_u = rng.choice(len(x), size=n_u, p=pw)
        k_r = rural_idx[rng.integers(0, len(rural_idx), n_r)]
        k = np.concatenate([k_u, k_r])
        sx.append(x[k] + rng.normal(0, jitter, count))
        sy.append(y[k] + rng.normal(0, jitter, count))
        cats.append(np.full(count, cat, dtype=object))
    return np.concatenate(sx), np.concatenate(sy), np.concatenate(cats)


def write_services(path, lon, lat, cats, prefix):
    n = len(lon)
    ids = np.array([f"{prefix}{i + 1:06d}" for i in range(n)], dtype=object)
    df = pd.DataFrame({
        "id": ids,
        "name": [f"{c} {i}" for c, i in zip(cats, ids)],
        "category": cats,
        "lon": np.round(lon, 6),
        "lat": np.round(lat, 6),
    })
    tmp = path.with_suffix(".csv.tmp")
    df.to_csv(tmp, index=False, float_format="%.6f", lineterminator="\n")
    tmp.replace(path)
    return df


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", type=Path, default=REPO / "Benchmarks" / "data")
    ap.add_argument("--tatorter", type=Path, default=DEFAULT_TATORTER)
    ap.add_argument("--kommuner", type=Path, default=DEFAULT_KOMMUNER)
    ap.add_argument("--norway-grid", type=Path, default=None)
    args = ap.parse_args()

    t0 = time.perf_counter()
    rng = np.random.default_rng(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    to_wgs = Transformer.from_crs("EPSG:3006", "EPSG:4326", always_xy=True)

    x, y, pop, name, is_rural = generate_sweden(rng, args.tatorter, args.kommuner)
    lon, lat = to_wgs.transform(x, y)
    ids = np.array([f"P{i + 1:07d}" for i in range(len(x))], dtype=object)
    popdf = pd.DataFrame({"id": ids, "name": name, "population": pop,
                          "lon": np.round(lon, 6), "lat": np.round(lat, 6)})
    tmp = args.out / "population.csv.tmp"
    popdf.to_csv(tmp, index=False, float_format="%.6f", lineterminator="\n")
    tmp.replace(args.out / "population.csv")
    log(f"population.csv: {len(popdf):,} units, {int(pop.sum()):,} people "
        f"({int(pop[is_rural].sum()):,} rural)  [{time.perf_counter() - t0:.1f}s]")

    sx, sy, scat = place_services(rng, x, y, pop, is_rural, SERVICE_MIX)
    slon, slat = to_wgs.transform(sx, sy)
    sdf = write_services(args.out / "services.csv", slon, slat, scat, "S")
    log(f"services.csv: {len(sdf):,} services  [{time.perf_counter() - t0:.1f}s]")

    # Norway: services near populated 250 m cells (cell centres in EPSG:25833).
    manifest_nor = None
    if args.norway_grid is not None:
        if not args.norway_grid.exists():
            sys.exit(f"generate_national.py: --norway-grid {args.norway_grid} does not exist")
        g = pd.read_csv(args.norway_grid, sep=";", dtype={"ru250m": str})
        cid = g["ru250m"].to_numpy(dtype=str)
        gx = np.array([int(c[:7]) for c in cid], dtype=float) - 2_000_000 + 125.0
        gy = np.array([int(c[7:]) for c in cid], dtype=float) + 125.0
        gpop = g["pop_tot"].to_numpy(dtype=np.int64)
        # "rural" cells: sparsely populated ones
        g_rural = gpop <= 10
        total = sum(c for c, _ in SERVICE_MIX.values())
        nx, ny, ncat = place_services(rng, gx, gy, gpop, g_rural, SERVICE_MIX,
                                      scale=NORWAY_SERVICES / total, jitter=300.0)
        to_wgs_n = Transformer.from_crs("EPSG:25833", "EPSG:4326", always_xy=True)
        nlon, nlat = to_wgs_n.transform(nx, ny)
        ndf = write_services(args.out / "norway_services.csv", nlon, nlat, ncat, "N")
        manifest_nor = {"grid": str(args.norway_grid.name), "cells": int(len(g)),
                        "people": int(gpop.sum()), "services": int(len(ndf)),
                        "by_category": {c: int((ncat == c).sum()) for c in CATEGORIES}}
        log(f"norway_services.csv: {len(ndf):,} services  [{time.perf_counter() - t0:.1f}s]")
    else:
        log("no --norway-grid: norway_services.csv not written")

    manifest = {
        "seed": args.seed,
        "generator": "Benchmarks/generate_national.py",
        "synthetic": True,
        "population": {"units": int(len(popdf)), "people": int(pop.sum()),
                       "cluster_units": int((~is_rural).sum()), "cluster_people": int(pop[~is_rural].sum()),
                       "rural_units": int(is_rural.sum()), "rural_people": int(pop[is_rural].sum())},
        "services": {"total": int(len(sdf)), "by_category": {c: int((scat == c).sum()) for c in CATEGORIES}},
        "norway": manifest_nor,
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    log(f"done in {time.perf_counter() - t0:.1f}s -> {args.out}")


if __name__ == "__main__":
    main()
