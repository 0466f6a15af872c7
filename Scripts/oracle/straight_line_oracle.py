#!/usr/bin/env python3
"""Independent oracle for servicegap's straight-line mode.

Recomputes, with pyproj + shapely only and by brute force, the numbers the
brief defines for straight-line analysis, and writes them as JSON fixtures
that the Swift tests compare against:

  fixtures/oracle/straight_line_demo.json    Arjeplog–Skellefteå demo area
  fixtures/oracle/straight_line_random.json  seeded random points, incl.
                                             coincident points, exact ties,
                                             antimeridian and north pole

Usage (from the repository root):

  python3 Scripts/oracle/straight_line_oracle.py            # write both files
  python3 Scripts/oracle/straight_line_oracle.py --check    # compare, exit 1 on change

Definitions implemented (see BRIEF.md, "Definitions"):

* distance: geodesic on WGS84, pyproj.Geod(ellps="WGS84").inv, brute force
  over every service of the category (services never clipped); ties at
  exactly equal distance go to the lexicographically smallest service id.
* region of a point: the region polygon (EPSG:3006) that covers it (boundary
  counts as inside); else the nearest polygon within 1000 m (planar distance
  in EPSG:3006; equal distances -> first in file); else "outside".
* zones: region (EPSG:3006) minus the union of Point.buffer(t, quad_segs=16)
  around every service of the category; parts = polygons of the result with
  area > 0; zone population = units (of any region) whose EPSG:3006 point
  lies strictly inside (shapely `contains`) the zone.
* weighted quantiles: units with population > 0 sorted by distance; the
  q-quantile is the distance of the first unit whose cumulative population
  reaches q x total (evaluated in exact integer arithmetic:
  cum * 10 >= q10 * total); mean is population-weighted over reachable units;
  max over units with population > 0; beyond_t = distance > t (strict),
  unreachable units count as beyond every threshold.

Rounding: metres 6 decimals, km 9 decimals, km2 9 decimals, shares and
per-1000 rates 12 decimals. JSON is written with sorted keys and indent 1.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import sys
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import Point, shape
from shapely.ops import unary_union
from oracle_file import write_or_check  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
DEMO_DIR = REPO / "fixtures" / "demo_arjeplog_skelleftea"
OUT_DIR = REPO / "fixtures" / "oracle"

GEOD = Geod(ellps="WGS84")
TO_3006 = Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)

DEMO_CATEGORIES = ["grocery", "fuel", "pharmacy", "atm", "health", "school"]
THRESHOLDS = [("5km", 5000.0), ("10km", 10000.0), ("25km", 25000.0)]
REGION_TOLERANCE_M = 1000.0
QUAD_SEGS = 16
RANDOM_SEED = 20261126


# --------------------------------------------------------------------------- helpers

def r_m(x):
    return None if x is None else round(float(x), 6)


def r_km(x):
    return None if x is None else round(float(x), 9)


def r_km2(x):
    return None if x is None else round(float(x), 9)


def r_share(x):
    return None if x is None else round(float(x), 12)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def nearest_bruteforce(lon, lat, services):
    """services: list of (id, lon, lat). Returns dict with nearest id, distance
    (geodesic, metres), number of services at exactly that distance, and the
    distance of the best service at a strictly larger distance (or None)."""
    if not services:
        return {"nearest_id": None, "dist_m": None, "n_at_min": 0, "second_dist_m": None}
    ids = [s[0] for s in services]
    slon = np.array([s[1] for s in services], dtype=float)
    slat = np.array([s[2] for s in services], dtype=float)
    ulon = np.full(slon.shape, float(lon))
    ulat = np.full(slat.shape, float(lat))
    _, _, dist = GEOD.inv(ulon, ulat, slon, slat)
    dist = np.asarray(dist, dtype=float)
    dmin = float(dist.min())
    at_min = [ids[i] for i in np.nonzero(dist == dmin)[0]]
    rest = dist[dist > dmin]
    return {
        "nearest_id": min(at_min),
        "dist_m": dmin,
        "n_at_min": len(at_min),
        "second_dist_m": float(rest.min()) if rest.size else None,
    }


def to_3006(geom):
    # Vertex by vertex, no densification.
    return shapely.transform(geom, lambda x, y: TO_3006.transform(x, y), interleaved=False)


def point_3006(lon, lat):
    x, y = TO_3006.transform(lon, lat)
    return Point(x, y)


def assign_region(pt, regions):
    """regions: list of (name, geom3006). Returns (name, how, distance_m)."""
    for name, geom in regions:
        if geom.covers(pt):
            return name, "within", 0.0
    best = None
    for name, geom in regions:
        d = geom.distance(pt)
        if best is None or d < best[1]:
            best = (name, d)
    if best is not None and best[1] <= REGION_TOLERANCE_M:
        return best[0], "nearest", best[1]
    return "outside", "outside", (best[1] if best else None)


def weighted_stats(rows):
    """rows: list of (population:int, dist_m: float|None). Returns stats dict in km."""
    rows = [(p, d) for p, d in rows if p > 0]
    total = sum(p for p, _ in rows)
    reach = [(p, d) for p, d in rows if d is not None]
    reach_pop = sum(p for p, _ in reach)
    unreachable = total - reach_pop
    out = {"population": total, "unreachable_pop": unreachable}
    if reach_pop > 0:
        out["mean"] = r_km(sum(p * d for p, d in reach) / reach_pop / 1000.0)
    else:
        out["mean"] = None
    # Quantiles: unreachable people sort last (infinite distance) -> null.
    ordered = sorted(reach, key=lambda r: r[1]) + [(p, None) for p, d in rows if d is None]

    def quantile(num, den):
        if total == 0:
            return None
        cum = 0
        for p, d in ordered:
            cum += p
            if cum * den >= num * total:
                return None if d is None else r_km(d / 1000.0)
        return None

    out["median"] = quantile(1, 2)
    out["p90"] = quantile(9, 10)
    if total == 0:
        out["max"] = None
    elif unreachable > 0:
        out["max"] = None
    else:
        out["max"] = r_km(max(d for _, d in reach) / 1000.0)
    for label, t in THRESHOLDS:
        beyond = sum(p for p, d in rows if d is None or d > t)
        out[f"beyond_{label}_pop"] = beyond
        out[f"beyond_{label}_share"] = r_share(beyond / total) if total > 0 else None
    return out


# --------------------------------------------------------------------------- demo

def load_demo():
    units = []
    with open(DEMO_DIR / "population_tatorter_2020.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            units.append({
                "id": row["tatortskod"],
                "name": row["namn"],
                "population": int(row["befolkning"]),
                "lon": float(row["lon"]),
                "lat": float(row["lat"]),
                "kommun_kod": row["kommun_kod"],
            })
    with open(DEMO_DIR / "services.geojson", encoding="utf-8") as f:
        sfc = json.load(f)
    services = []
    for feat in sfc["features"]:
        p = feat["properties"]
        lon, lat = feat["geometry"]["coordinates"][:2]
        services.append({"id": p["id"], "category": p["category"], "name": p["name"],
                         "lon": float(lon), "lat": float(lat),
                         "in_study_area": p.get("in_study_area")})
    with open(DEMO_DIR / "kommuner.geojson", encoding="utf-8") as f:
        rfc = json.load(f)
    regions = []
    for feat in rfc["features"]:
        p = feat["properties"]
        g = to_3006(shape(feat["geometry"]))
        if not g.is_valid:
            raise SystemExit(f"region {p['kommun']} invalid in EPSG:3006: {shapely.is_valid_reason(g)}")
        regions.append({"id": p["kommun_kod"], "name": p["kommun"], "geom": g})
    return units, services, regions


def build_demo():
    units, services, regions = load_demo()
    reg_pairs = [(r["name"], r["geom"]) for r in regions]

    by_cat = {c: [(s["id"], s["lon"], s["lat"]) for s in services if s["category"] == c]
              for c in DEMO_CATEGORIES}

    unit_out = []
    for u in units:
        pt = point_3006(u["lon"], u["lat"])
        region, how, rdist = assign_region(pt, reg_pairs)
        rec = {
            "id": u["id"], "name": u["name"], "population": u["population"],
            "lon": u["lon"], "lat": u["lat"], "kommun_kod": u["kommun_kod"],
            "region": region, "region_match": how,
            "region_distance_m": r_m(rdist),
            "x_3006": r_m(pt.x), "y_3006": r_m(pt.y),
            "categories": {},
        }
        for c in DEMO_CATEGORIES:
            n = nearest_bruteforce(u["lon"], u["lat"], by_cat[c])
            rec["categories"][c] = {
                "nearest_id": n["nearest_id"], "dist_m": r_m(n["dist_m"]),
                "n_at_min": n["n_at_min"], "second_dist_m": r_m(n["second_dist_m"]),
            }
        u["_pt"] = pt
        u["_region"] = region
        unit_out.append(rec)

    svc_out = []
    for s in services:
        region, how, rdist = assign_region(point_3006(s["lon"], s["lat"]), reg_pairs)
        s["_region"] = region
        svc_out.append({"id": s["id"], "category": s["category"], "region": region,
                        "region_match": how, "in_study_area": s["in_study_area"]})

    # Zones
    unit_points = [(u["_pt"], u) for u in units]
    zones = []
    zone_area = {}
    for r in regions:
        for c in DEMO_CATEGORIES:
            pts3006 = [point_3006(s["lon"], s["lat"]) for s in services if s["category"] == c]
            for label, t in THRESHOLDS:
                if pts3006:
                    cover = unary_union([p.buffer(t, quad_segs=QUAD_SEGS) for p in pts3006])
                    zone = r["geom"].difference(cover)
                else:
                    zone = r["geom"]
                parts = [g for g in shapely.get_parts(zone)
                         if g.geom_type == "Polygon" and g.area > 0]
                part_recs = []
                for g in parts:
                    inside = [u for p, u in unit_points if g.contains(p)]
                    largest = None
                    if inside:
                        largest = sorted(inside, key=lambda u: (-u["population"], u["id"]))[0]["name"]
                    part_recs.append({
                        "area_km2": r_km2(g.area / 1e6),
                        "population": sum(u["population"] for u in inside),
                        "largest_place": largest,
                        "units": sorted(u["id"] for u in inside),
                    })
                part_recs.sort(key=lambda p: (-p["area_km2"], -p["population"]))
                pop = sum(u["population"] for p, u in unit_points if zone.contains(p))
                area = zone.area / 1e6
                zone_area[(r["name"], c, label)] = area
                zones.append({
                    "region": r["name"], "category": c, "threshold": label, "unit": "km",
                    "area_km2": r_km2(area), "parts": len(parts), "population": pop,
                    "part_list": part_recs,
                })

    # Summary
    region_names = [r["name"] for r in regions]
    any_outside = any(u["_region"] == "outside" for u in units)
    summary_regions = region_names + (["outside"] if any_outside else []) + ["ALL"]
    dist_lookup = {(rec["id"], c): rec["categories"][c]["dist_m"] for rec in unit_out for c in DEMO_CATEGORIES}
    summary = []
    for rn in summary_regions:
        for c in DEMO_CATEGORIES:
            if rn == "ALL":
                members = units
                nserv = sum(1 for s in services if s["category"] == c and s["_region"] != "outside")
            else:
                members = [u for u in units if u["_region"] == rn]
                nserv = sum(1 for s in services if s["category"] == c and s["_region"] == rn)
            rows = [(u["population"], dist_lookup[(u["id"], c)]) for u in members]
            st = weighted_stats(rows)
            row = {"region": rn, "category": c, "unit": "km", "services": nserv,
                   "services_per_1000": r_share(nserv / st["population"] * 1000) if st["population"] > 0 else None}
            row.update(st)
            for label, _ in THRESHOLDS:
                if rn == "ALL":
                    a = sum(zone_area[(n, c, label)] for n in region_names)
                elif rn == "outside":
                    a = None
                else:
                    a = zone_area[(rn, c, label)]
                row[f"beyond_{label}_area_km2"] = r_km2(a)
            summary.append(row)

    return {
        "description": "Oracle for servicegap straight-line mode on fixtures/demo_arjeplog_skelleftea "
                       "(generated by Scripts/oracle/straight_line_oracle.py; do not edit by hand).",
        "conventions": {
            "distance": "geodesic WGS84 (pyproj Geod.inv), brute force over all services of the category; "
                        "ties -> lexicographically smallest id",
            "region": "covers in EPSG:3006, else nearest polygon within 1000 m, else 'outside'",
            "zones": "region (EPSG:3006) minus union of Point.buffer(t, quad_segs=16) around all services "
                     "of the category; population = units strictly inside (contains); parts with area 0 dropped; "
                     "part_list sorted by area desc",
            "quantiles": "units with population>0 sorted by distance; first with cum_pop >= q*total",
            "summary_services_ALL": "services located in any of the regions (services in 'outside' excluded)",
            "units_of_measure": "dist_m metres; mean/median/p90/max km; area km2",
            "rounding": "metres 6 dp, km and km2 9 dp, shares and per-1000 12 dp",
            "n_at_min": "number of services at exactly the minimum distance (ties)",
            "second_dist_m": "smallest distance strictly greater than dist_m",
        },
        "inputs": {
            "units": "fixtures/demo_arjeplog_skelleftea/population_tatorter_2020.csv",
            "services": "fixtures/demo_arjeplog_skelleftea/services.geojson",
            "regions": "fixtures/demo_arjeplog_skelleftea/kommuner.geojson",
            "sha256": {
                "population_tatorter_2020.csv": sha256(DEMO_DIR / "population_tatorter_2020.csv"),
                "services.geojson": sha256(DEMO_DIR / "services.geojson"),
                "kommuner.geojson": sha256(DEMO_DIR / "kommuner.geojson"),
            },
        },
        "work_crs": "EPSG:3006",
        "categories": DEMO_CATEGORIES,
        "thresholds": [label for label, _ in THRESHOLDS],
        "regions": [{"id": r["id"], "name": r["name"], "area_km2": r_km2(r["geom"].area / 1e6)} for r in regions],
        "units": unit_out,
        "services": svc_out,
        "zones": zones,
        "summary": summary,
    }


# --------------------------------------------------------------------------- random

def build_random():
    rng = np.random.default_rng(RANDOM_SEED)
    rnd7 = lambda v: round(float(v), 7)

    # 300 units in a Scandinavian box.
    units = [[rnd7(rng.uniform(11, 24)), rnd7(rng.uniform(55, 69))] for _ in range(300)]
    n_main = 500
    cats = ["a", "b", "c"]
    svc = []  # [lon, lat, category, kind]

    # 10 services exactly on top of a unit.
    on_top_units = rng.choice(300, size=10, replace=False)
    for i, ui in enumerate(on_top_units):
        svc.append([units[ui][0], units[ui][1], cats[i % 3], "on_unit"])

    # 5 exact equidistant pairs: unit moved to a binary-exact position, two
    # services at the same latitude, longitudes lon0 - d and lon0 + d
    # (east-west mirror images: the geodesic distances are identical).
    remaining = [i for i in range(300) if i not in set(on_top_units.tolist())]
    eq_units = rng.choice(remaining, size=5, replace=False)
    eq_pairs = []
    for i, ui in enumerate(eq_units):
        lon0 = float(np.floor(units[ui][0] * 8) / 8)  # multiple of 1/8 degree: exact in binary
        lat0 = float(np.floor(units[ui][1] * 8) / 8)
        d = 0.03125  # 1/32 degree (~1.1-1.8 km here), exact in binary
        units[ui] = [lon0, lat0]
        cat = cats[i % 3]
        d1 = GEOD.inv(lon0, lat0, lon0 - d, lat0)[2]
        d2 = GEOD.inv(lon0, lat0, lon0 + d, lat0)[2]
        if d1 != d2:
            continue  # not exactly equal in floating point: skip this case
        eq_pairs.append(int(ui))
        svc.append([lon0 + d, lat0, cat, "equidistant"])
        svc.append([lon0 - d, lat0, cat, "equidistant"])

    # 10 pairs of services at exactly the same spot, about 0.5-3 km from a unit.
    pair_units = rng.choice([i for i in remaining if i not in set(eq_units.tolist())], size=10, replace=False)
    for i, ui in enumerate(pair_units):
        lon = rnd7(units[ui][0] + rng.uniform(-0.03, 0.03))
        lat = rnd7(units[ui][1] + rng.uniform(-0.015, 0.015))
        cat = cats[(i + 1) % 3]
        svc.append([lon, lat, cat, "coincident_pair"])
        svc.append([lon, lat, cat, "coincident_pair"])

    while len(svc) < n_main:
        svc.append([rnd7(rng.uniform(11, 24)), rnd7(rng.uniform(55, 69)),
                    cats[int(rng.integers(0, 3))], "random"])

    # Antimeridian: 50 units + 50 services, category d.
    def antimeridian_point():
        lon = rng.uniform(179, 181)
        if lon >= 180:
            lon -= 360
        return [rnd7(lon), rnd7(rng.uniform(-50, -40))]

    for _ in range(50):
        units.append(antimeridian_point())
    for _ in range(50):
        svc.append(antimeridian_point() + ["d", "antimeridian"])

    # North pole: 30 units + 30 services, category e.
    for _ in range(30):
        units.append([rnd7(rng.uniform(-180, 180)), rnd7(rng.uniform(89.5, 89.99))])
    for _ in range(30):
        svc.append([rnd7(rng.uniform(-180, 180)), rnd7(rng.uniform(89.5, 89.99)), "e", "pole"])

    unit_recs = [{"id": f"u{i + 1:04d}", "lon": lon, "lat": lat} for i, (lon, lat) in enumerate(units)]
    svc_recs = [{"id": f"s{i + 1:04d}", "lon": lon, "lat": lat, "category": c, "kind": k}
                for i, (lon, lat, c, k) in enumerate(svc)]
    for i in eq_pairs:
        unit_recs[i]["kind"] = "equidistant_pair"
    for i in on_top_units:
        unit_recs[int(i)]["kind"] = "service_on_top"
    for i in pair_units:
        unit_recs[int(i)]["kind"] = "coincident_pair_nearby"
    for u in unit_recs:
        u.setdefault("kind", "random" if int(u["id"][1:]) <= 300 else
                     ("antimeridian" if int(u["id"][1:]) <= 350 else "pole"))

    # Input order differs from id order, so "first in file wins" != "smallest id wins".
    order = rng.permutation(len(svc_recs))
    svc_recs = [svc_recs[i] for i in order]

    all_cats = cats + ["d", "e"]
    by_cat = {c: [(s["id"], s["lon"], s["lat"]) for s in svc_recs if s["category"] == c] for c in all_cats}
    for u in unit_recs:
        u["categories"] = {}
        for c in all_cats:
            n = nearest_bruteforce(u["lon"], u["lat"], by_cat[c])
            u["categories"][c] = {"nearest_id": n["nearest_id"], "dist_m": r_m(n["dist_m"]),
                                  "n_at_min": n["n_at_min"], "second_dist_m": r_m(n["second_dist_m"])}

    # Self-checks of the constructed cases.
    for u in unit_recs:
        if u["kind"] == "equidistant_pair":
            assert any(v["n_at_min"] >= 2 for v in u["categories"].values()), u["id"]
        if u["kind"] == "service_on_top":
            assert any(v["dist_m"] == 0 for v in u["categories"].values()), u["id"]

    return {
        "description": "Seeded random oracle for nearest-service search (generated by "
                       "Scripts/oracle/straight_line_oracle.py; do not edit by hand).",
        "conventions": {
            "distance": "geodesic WGS84 (pyproj Geod.inv), brute force; ties (exactly equal distance) -> "
                        "lexicographically smallest id",
            "coordinates": "lon/lat rounded to 7 decimals before computing",
            "services_order": "shuffled: file order is not id order",
            "kinds": "service kinds: on_unit (exactly at a unit), coincident_pair (two services at one spot), "
                     "equidistant (east-west mirror pair around a unit, exactly equal distances), random, "
                     "antimeridian (lon 179..180 / -180..-179, lat -50..-40, category d), "
                     "pole (lat 89.5..89.99, category e)",
            "rounding": "metres 6 dp",
        },
        "seed": RANDOM_SEED,
        "categories": all_cats,
        "units": unit_recs,
        "services": svc_recs,
    }


# --------------------------------------------------------------------------- main

def dump(obj) -> str:
    return json.dumps(obj, sort_keys=True, indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    args = ap.parse_args()
    outputs = {
        "straight_line_demo.json": dump(build_demo()),
        "straight_line_random.json": dump(build_random()),
    }
    status = 0
    for name, text in outputs.items():
        status |= write_or_check(args.out / name, text, args.check)
    return status


if __name__ == "__main__":
    sys.exit(main())
