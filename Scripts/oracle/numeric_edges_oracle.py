#!/usr/bin/env python3
"""Independent oracle for servicegap's numeric edge cases (issue 6, item 7).

Builds small scenarios where the numbers are easy to get wrong — a unit on a service,
a unit exactly at a threshold, services on one spot, units on region borders and shared
vertices, the antimeridian, the North Pole, the southern hemisphere, a region across a
UTM zone boundary, categories with no services where people live — and recomputes with
pyproj and shapely only, by brute force, what the brief defines:

  fixtures/oracle/numeric_edges.json

Usage (from the repository root):

  python3 Scripts/oracle/numeric_edges_oracle.py            # write the file
  python3 Scripts/oracle/numeric_edges_oracle.py --check    # compare, exit 1 on change

Definitions implemented (BRIEF.md "Definitions", README "What the numbers mean"):

* distance: geodesic on WGS84, pyproj.Geod(ellps="WGS84").inv, over every service of
  the category; ties (equal distances) go to the smallest id (string order). The second
  distance (criticality) is the smallest distance to any other service of the category,
  a coincident one included.
* sole_pop_<t> of a service: people (population > 0) whose nearest service it is, whose
  distance is <= t and whose second distance is > t (or who have no other service).
* beyond_t: distance > t (strict); unreachable counts as beyond.
* working CRS: given; SWEREF99 TM (EPSG:3006) for the scenarios built in Sweden; else
  the UTM zone of the centre of the units' bounding box, the box
  taken on the shorter side of the globe (so data across the antimeridian is centred on
  it); EPSG:326zz north of the equator (latitude >= 0), 327zz south. The expected code
  is looked up with pyproj.database.query_utm_crs_info (an independent table of zones).
* projection: pyproj Transformer (always_xy) vertex by vertex; longitude -180 is
  projected as 180 (the same meridian), so the halves of a region cut at the
  antimeridian meet exactly.
* regions: the union of their parts in the working CRS, made valid with shapely's
  make_valid (keeping the polygons) when not valid, as servicegap does with GEOS.
* region of a point: the first region (in the listed order) whose polygon in the working
  CRS lies within 1 micrometre of the point (so the border counts as inside); else the
  nearest region within the tolerance (equal distances: the first); else "outside".
* zones: region (the union of its parts in the working CRS) minus the union of
  Point.buffer(t, quad_segs=16) around every service of the category; parts = polygons
  with area > 0; population = units within 1 micrometre of the part (its border counts,
  as for regions), each in the zones of the region whose polygon holds it (the first
  such region; units joined by the tolerance lie in no zone);
  largest_place = the most populous unit with people in the part (null when nobody
  lives there). Areas in km2 of the working CRS; where `geodesic_area_km2` is given it is
  the same part's area on the ellipsoid (Geod.geometry_area_perimeter after 100 m
  segmentisation in the working CRS), to show how far the working CRS's scale is from 1.
* summary: as straight_line_oracle.py (weighted quantiles, mean over reachable units,
  shares and per-1000 null when a row has nobody; ALL counts services in some region).

Rounding: metres 6 decimals, km 9 decimals, km2 9 decimals, shares 12 decimals.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import shapely
from pyproj import Geod, Transformer
from pyproj.aoi import AreaOfInterest
from pyproj.database import query_utm_crs_info
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.ops import unary_union
from oracle_file import write_or_check  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "fixtures" / "oracle" / "numeric_edges.json"
GEOD = Geod(ellps="WGS84")
QUAD_SEGS = 16
ON_BORDER_M = 1e-6


def r_m(x):
    return None if x is None else round(float(x), 6)


def r_km(x):
    return None if x is None else round(float(x), 9)


def r_share(x):
    return None if x is None else round(float(x), 12)


def threshold_m(label):
    assert label.endswith("km")
    return float(label[:-2]) * 1000.0


# --------------------------------------------------------------------------- geometry

class Work:
    """The working CRS: projection of points and polygons (vertex by vertex)."""

    def __init__(self, crs):
        self.crs = crs
        self.fwd = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        self.inv = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)

    def xy(self, lon, lat):
        return self.fwd.transform(180.0 if lon == -180.0 else lon, lat)

    def point(self, lon, lat):
        return Point(*self.xy(lon, lat))

    def region(self, polygons):
        parts = [Polygon([self.xy(*p) for p in poly[0]], [[self.xy(*p) for p in hole] for hole in poly[1:]])
                 for poly in polygons]
        geom = unary_union(parts)
        if not geom.is_valid:
            # As servicegap does with GEOS MakeValid; only the polygonal part is a region.
            geom = unary_union([g for g in shapely.get_parts(shapely.make_valid(geom))
                                if g.geom_type in ("Polygon", "MultiPolygon")])
        assert geom.is_valid, shapely.is_valid_reason(geom)
        return geom

    def geodesic_area_km2(self, geom):
        dense = shapely.segmentize(geom, 100.0)
        lonlat = shapely.transform(dense, lambda x, y: self.inv.transform(x, y), interleaved=False)
        area, _ = GEOD.geometry_area_perimeter(lonlat)
        return abs(area) / 1e6


def auto_work_crs(units, in_sweden=False):
    """The expected automatic working CRS: SWEREF99 TM for data in Sweden (scenarios built
    there say so), else the UTM zone looked up in PROJ's database."""
    if in_sweden:
        return "EPSG:3006"
    lons = [u["lon"] for u in units]
    lats = [u["lat"] for u in units]
    west, east = min(lons), max(lons)
    shifted = [lon + 360 if lon < 0 else lon for lon in lons]
    if max(shifted) - min(shifted) < east - west:
        west, east = min(shifted), max(shifted)
    lon = (west + east) / 2
    if lon > 180:
        lon -= 360
    lat = (min(lats) + max(lats)) / 2
    return utm_lookup(lon, lat)


def utm_lookup(lon, lat):
    """The UTM zone of a point from query_utm_crs_info; on a boundary the eastern zone,
    on the equator the northern one. Beyond 84 N / 80 S (no UTM area of use) the zone
    of the longitude alone."""
    found = query_utm_crs_info(datum_name="WGS 84", area_of_interest=AreaOfInterest(lon, lat, lon, lat))
    codes = sorted({c.code for c in found if c.code.startswith(("326", "327"))})
    if not codes:
        probe_lat = 0.5 if lat >= 0 else -0.5
        found = query_utm_crs_info(datum_name="WGS 84",
                                   area_of_interest=AreaOfInterest(lon, probe_lat, lon, probe_lat))
        codes = sorted({c.code for c in found if c.code.startswith(("326", "327"))})
    north = [c for c in codes if c.startswith("326")]
    south = [c for c in codes if c.startswith("327")]
    pick = (north if lat >= 0 else south) or codes
    # The eastern of two zones (zone numbers grow eastwards; 1 follows 60 at 180).
    zones = sorted(int(c[3:]) for c in pick)
    zone = zones[-1]
    if zones == [1, 60]:
        zone = 1 if lon <= -180 else 60
    prefix = "326" if lat >= 0 else "327"
    return f"EPSG:{prefix}{zone:02d}"


# --------------------------------------------------------------------------- analysis

def nearest(unit, services):
    if not services:
        return None
    rows = []
    for s in services:
        d = GEOD.inv(unit["lon"], unit["lat"], s["lon"], s["lat"])[2]
        rows.append((d, s["id"]))
    d1, id1 = min(rows)
    others = [d for d, sid in rows if sid != id1]
    return {"nearest_id": id1, "dist_m": d1, "second_dist_m": min(others) if others else None}


def assign(point, regions, tolerance):
    for name, geom in regions:
        if geom.distance(point) <= ON_BORDER_M:
            return name, "within", 0.0
    best = None
    for name, geom in regions:
        d = geom.distance(point)
        if best is None or d < best[1]:
            best = (name, d)
    if best is not None and best[1] <= tolerance:
        return best[0], "nearest", best[1]
    return "outside", "outside", best[1] if best else None


def weighted(rows, thresholds):
    rows = [(p, d) for p, d in rows if p > 0]
    total = sum(p for p, _ in rows)
    reach = [(p, d) for p, d in rows if d is not None]
    reach_pop = sum(p for p, _ in reach)
    out = {"population": total, "unreachable_pop": total - reach_pop}
    out["mean"] = r_km(sum(p * d for p, d in reach) / reach_pop / 1000) if reach_pop > 0 else None
    ordered = sorted(reach, key=lambda r: r[1]) + [(p, None) for p, d in rows if d is None]

    def quantile(num, den):
        cum = 0
        for p, d in ordered:
            cum += p
            if cum * den >= num * total:
                return None if d is None else r_km(d / 1000)
        return None

    out["median"] = quantile(1, 2) if total > 0 else None
    out["p90"] = quantile(9, 10) if total > 0 else None
    out["max"] = r_km(max(d for _, d in reach) / 1000) if reach else None
    for label in thresholds:
        t = threshold_m(label)
        beyond = sum(p for p, d in rows if d is None or d > t)
        out[f"beyond_{label}_pop"] = beyond
        out[f"beyond_{label}_share"] = r_share(beyond / total) if total > 0 else None
    return out


def run_scenario(sc, run):
    work_crs = run.get("work_crs") or auto_work_crs(sc["units"], sc.get("in_sweden", False))
    work = Work(work_crs)
    tolerance = run.get("region_tolerance_m", 1000.0)
    regions = [(r["name"], work.region(r["polygons"])) for r in sc["regions"]]
    categories = sc["categories"]

    units = []
    for u in sc["units"]:
        pt = work.point(u["lon"], u["lat"])
        name, how, dist = assign(pt, regions, tolerance)
        units.append({"id": u["id"], "region": name, "region_match": how, "region_distance_m": r_m(dist),
                      "_pt": pt, "_u": u, "_in": name if how == "within" else None})
    services = []
    for s in sc["services"]:
        name, how, dist = assign(work.point(s["lon"], s["lat"]), regions, tolerance)
        services.append({"id": s["id"], "region": name})
    region_of_service = {s["id"]: s["region"] for s in services}

    zones = []
    zone_area = {}
    for rname, rgeom in regions:
        for c in categories:
            members = [s for s in sc["services"] if s["category"] == c]
            for label in sc["thresholds"][c]:
                t = threshold_m(label)
                discs = [work.point(s["lon"], s["lat"]).buffer(t, quad_segs=QUAD_SEGS) for s in members]
                zone = rgeom.difference(unary_union(discs)) if discs else rgeom
                parts = [g for g in shapely.get_parts(zone) if g.geom_type == "Polygon" and g.area > 0]
                recs = []
                for g in parts:
                    inside = [u for u in units
                              if u["_in"] == rname and g.distance(u["_pt"]) <= ON_BORDER_M]
                    people = [u for u in inside if u["_u"]["population"] > 0]
                    largest = None
                    if people:
                        top = sorted(people, key=lambda u: (-u["_u"]["population"], u["id"]))[0]["_u"]
                        largest = top["name"] or top["id"]
                    rec = {"area_km2": r_km(g.area / 1e6),
                           "population": sum(u["_u"]["population"] for u in inside),
                           "largest_place": largest, "units": sorted(u["id"] for u in inside)}
                    if run.get("geodesic_areas"):
                        rec["geodesic_area_km2"] = r_km(work.geodesic_area_km2(g))
                    recs.append(rec)
                recs.sort(key=lambda p: (-p["area_km2"], -p["population"]))
                zone_area[(rname, c, label)] = zone.area / 1e6
                zones.append({"region": rname, "category": c, "threshold": label,
                              "area_km2": r_km(zone.area / 1e6), "parts": recs})

    names = [r["name"] for r in sc["regions"]]
    # Without regions ALL is everybody: no "outside" row repeating it.
    rows_regions = names + (["outside"] if names and any(u["region"] == "outside" for u in units)
                            else []) + ["ALL"]
    distances = {}
    for u in units:
        for c in categories:
            n = nearest(u["_u"], [s for s in sc["services"] if s["category"] == c])
            distances[(u["id"], c)] = None if n is None else n["dist_m"]
    summary = []
    for rn in rows_regions:
        for c in categories:
            members = units if rn == "ALL" else [u for u in units if u["region"] == rn]
            if rn == "ALL":
                count = sum(1 for s in sc["services"] if s["category"] == c
                            and (region_of_service[s["id"]] != "outside" or not names))
            else:
                count = sum(1 for s in sc["services"] if s["category"] == c and region_of_service[s["id"]] == rn)
            st = weighted([(u["_u"]["population"], distances[(u["id"], c)]) for u in members], sc["thresholds"][c])
            row = {"region": rn, "category": c, "services": count,
                   "services_per_1000": r_share(count / st["population"] * 1000) if st["population"] > 0 else None}
            row.update(st)
            for label in sc["thresholds"][c]:
                if rn == "ALL":
                    area = sum(zone_area[(n, c, label)] for n in names) if names else None
                elif rn == "outside":
                    area = None
                else:
                    area = zone_area[(rn, c, label)]
                row[f"beyond_{label}_area_km2"] = r_km(area)
            summary.append(row)

    out = {"work_crs": work_crs, "region_tolerance_m": tolerance,
           "units": [{k: v for k, v in u.items() if not k.startswith("_")} for u in units],
           "services": services, "zones": zones, "summary": summary}
    if run.get("work_crs"):
        out["work_crs_given"] = True
    if run.get("geodesic_areas"):
        out["regions_geodesic_area_km2"] = {n: r_km(work.geodesic_area_km2(g)) for n, g in regions}
        out["regions_area_km2"] = {n: r_km(g.area / 1e6) for n, g in regions}
    return out


def distances_and_criticality(sc):
    units = []
    for u in sc["units"]:
        cats = {}
        for c in sc["categories"]:
            n = nearest(u, [s for s in sc["services"] if s["category"] == c])
            cats[c] = None if n is None else {"nearest_id": n["nearest_id"], "dist_m": r_m(n["dist_m"]),
                                              "second_dist_m": r_m(n["second_dist_m"])}
        units.append({"id": u["id"], "categories": cats})
    sole = {s["id"]: [0] * len(sc["thresholds"].get(s["category"], [])) for s in sc["services"]
            if s["category"] in sc["categories"]}
    for u, rec in zip(sc["units"], units):
        if u["population"] <= 0:
            continue
        for c in sc["categories"]:
            n = rec["categories"][c]
            if n is None:
                continue
            for i, label in enumerate(sc["thresholds"][c]):
                t = threshold_m(label)
                second = n["second_dist_m"]
                if n["dist_m"] <= t and (second is None or second > t):
                    sole[n["nearest_id"]][i] += u["population"]
    return units, sole


# --------------------------------------------------------------------------- scenarios

def square(w, s, e, n):
    return [[[w, s], [e, s], [e, n], [w, n], [w, s]]]


def fwd(lon, lat, azimuth, metres):
    x, y, _ = GEOD.fwd(lon, lat, azimuth, metres)
    return x, y


def scenarios():
    out = {}

    # 1. A unit on a service, services on one spot, an exact east-west tie (Umeå).
    mirror = (20.2, 63.75)
    half = 0.03125  # exact in binary: the two services are mirror images
    a_w, a_e = (mirror[0] - half, mirror[1]), (mirror[0] + half, mirror[1])
    assert GEOD.inv(*mirror, *a_w)[2] == GEOD.inv(*mirror, *a_e)[2]
    out["on_service_and_ties"] = {
        "in_sweden": True,
        "description": "A unit exactly on a fuel station; two grocery stores on one spot "
                       "(listed b before a) with a unit on them and one nearby; a unit exactly "
                       "halfway between two ATMs (east-west mirror images, equal distances).",
        "units": [
            {"id": "u-on-fuel", "name": "OnFuel", "lon": 20.1, "lat": 63.8, "population": 100},
            {"id": "u-on-twins", "name": "OnTwins", "lon": 20.25, "lat": 63.83, "population": 50},
            {"id": "u-near-twins", "name": "NearTwins", "lon": 20.27, "lat": 63.84, "population": 30},
            {"id": "u-mirror", "name": "Mirror", "lon": mirror[0], "lat": mirror[1], "population": 20},
            {"id": "u-far", "name": "Far", "lon": 20.45, "lat": 63.93, "population": 10},
        ],
        "services": [
            {"id": "g-b", "name": "Twin B", "category": "grocery", "lon": 20.25, "lat": 63.83},
            {"id": "g-a", "name": "Twin A", "category": "grocery", "lon": 20.25, "lat": 63.83},
            {"id": "g-c", "name": "Third", "category": "grocery", "lon": 20.3, "lat": 63.85},
            {"id": "f-1", "name": "Fuel", "category": "fuel", "lon": 20.1, "lat": 63.8},
            {"id": "a-w", "name": "ATM west", "category": "atm", "lon": a_w[0], "lat": a_w[1]},
            {"id": "a-e", "name": "ATM east", "category": "atm", "lon": a_e[0], "lat": a_e[1]},
        ],
        "regions": [{"id": "R", "name": "Umea", "polygons": [square(20.0, 63.7, 20.5, 63.95)]}],
        "categories": ["grocery", "fuel", "atm"],
        "thresholds": {"grocery": ["5km", "10km"], "fuel": ["5km", "10km"], "atm": ["1km", "5km"]},
        "runs": [{}],
    }

    # 2. Exactly at the threshold (equator: the geodesic along it is a * longitude).
    at = 0.04491576420597607
    assert GEOD.inv(0.0, 0.0, at, 0.0)[2] == 5000.0
    inside = fwd(0.0, 0.0, 90.0, 4999.999)
    beyond = fwd(0.0, 0.0, 90.0, 5000.001)
    out["threshold_exact"] = {
        "description": "Units 4999.999 m, exactly 5000.0 m (in double precision) and 5000.001 m "
                       "along the equator from the only service; threshold 5km.",
        "units": [
            {"id": "u-inside", "name": "Inside", "lon": inside[0], "lat": inside[1], "population": 1},
            {"id": "u-at", "name": "At", "lon": at, "lat": 0.0, "population": 10},
            {"id": "u-beyond", "name": "Beyond", "lon": beyond[0], "lat": beyond[1], "population": 100},
        ],
        "services": [{"id": "s0", "name": "Only", "category": "grocery", "lon": 0.0, "lat": 0.0}],
        "regions": [],
        "categories": ["grocery"],
        "thresholds": {"grocery": ["5km"]},
        "runs": [{}],
    }

    # 3. Borders: four squares meeting at (15.0, 63.05), on SWEREF99 TM's central
    # meridian (x = 500000 exactly along it). Listed (and with ids in the order) A = SE,
    # B = NW, C = NE, D = SW, so "first in order" differs from any geometric rule.
    regions = [
        {"id": "A", "name": "SE", "polygons": [square(15.0, 63.0, 15.2, 63.05)]},
        {"id": "B", "name": "NW", "polygons": [square(14.8, 63.05, 15.0, 63.1)]},
        {"id": "C", "name": "NE", "polygons": [square(15.0, 63.05, 15.2, 63.1)]},
        {"id": "D", "name": "SW", "polygons": [square(14.8, 63.0, 15.0, 63.05)]},
    ]
    sweref = Work("EPSG:3006")
    north_edge = shapely.LineString([sweref.xy(14.8, 63.1), sweref.xy(15.0, 63.1)])
    mid = north_edge.interpolate(0.5, normalized=True)
    # Points due north of the edge's midpoint, rounded to 7 decimals (as a CSV would hold).
    def north_of_edge(metres):
        lon, lat = sweref.inv.transform(mid.x, mid.y + metres)
        return round(lon, 7), round(lat, 7)
    n999 = north_of_edge(999.0)
    n1001 = north_of_edge(1001.0)
    out["borders"] = {
        "in_sweden": True,
        "description": "Four square regions meeting at a vertex on SWEREF99 TM's central "
                       "meridian: units on the shared vertex, on the shared meridian borders "
                       "(exactly on them in the working CRS), on a shared parallel (straight "
                       "edges in the working CRS decide), on a region's outer corner, 999 m "
                       "and 1001 m outside every region; a service on a border.",
        "units": [
            {"id": "u-vertex", "name": "Vertex", "lon": 15.0, "lat": 63.05, "population": 1},
            {"id": "u-border-south", "name": "BorderSouth", "lon": 15.0, "lat": 63.02, "population": 2},
            {"id": "u-border-north", "name": "BorderNorth", "lon": 15.0, "lat": 63.08, "population": 4},
            {"id": "u-parallel", "name": "Parallel", "lon": 14.9, "lat": 63.05, "population": 8},
            {"id": "u-outer-corner", "name": "OuterCorner", "lon": 14.8, "lat": 63.0, "population": 16},
            {"id": "u-out-999", "name": "Out999", "lon": n999[0], "lat": n999[1], "population": 32},
            {"id": "u-out-1001", "name": "Out1001", "lon": n1001[0], "lat": n1001[1], "population": 64},
        ],
        "services": [
            {"id": "s-ne", "name": "NE shop", "category": "grocery", "lon": 15.1, "lat": 63.07},
            {"id": "s-border", "name": "Border shop", "category": "grocery", "lon": 15.0, "lat": 63.06},
        ],
        "regions": regions,
        "categories": ["grocery"],
        "thresholds": {"grocery": ["5km"]},
        "runs": [{}, {"region_tolerance_m": 0.0}],
    }

    # 4. Antimeridian (Taveuni, Fiji): a region cut at 180 as RFC 7946 asks.
    out["antimeridian"] = {
        "description": "A region in two halves cut at the antimeridian; units and services on "
                       "both sides and on the line itself; the automatic working CRS and three "
                       "explicit ones (UTM 60S, UTM 1S, PDC Mercator EPSG:3832).",
        "units": [
            {"id": "u-on-grocery", "name": "OnGrocery", "lon": 179.9, "lat": -16.8, "population": 10},
            {"id": "u-east", "name": "East", "lon": 179.95, "lat": -16.85, "population": 20},
            {"id": "u-west", "name": "West", "lon": -179.95, "lat": -16.85, "population": 30},
            {"id": "u-line-east", "name": "LineEast", "lon": 180.0, "lat": -16.75, "population": 40},
            {"id": "u-line-west", "name": "LineWest", "lon": -180.0, "lat": -16.95, "population": 50},
        ],
        "services": [
            {"id": "g", "name": "Grocery", "category": "grocery", "lon": 179.9, "lat": -16.8},
            {"id": "f", "name": "Fuel", "category": "fuel", "lon": -179.9, "lat": -16.8},
        ],
        "regions": [{"id": "T", "name": "Taveuni", "polygons": [
            square(179.8, -17.0, 180.0, -16.7), square(-180.0, -17.0, -179.8, -16.7)]}],
        "categories": ["grocery", "fuel"],
        "thresholds": {"grocery": ["5km", "10km"], "fuel": ["10km", "20km"]},
        "runs": [{}, {"work_crs": "EPSG:32760"}, {"work_crs": "EPSG:32701"}, {"work_crs": "EPSG:3832"}],
    }

    # 5. North Pole: units at 89.9 N, services across the pole; a region near the pole.
    out["pole"] = {
        "description": "Units at 89.9 N with services on the far side of the pole (the geodesic "
                       "runs over the pole), and a region between 89.7 and 89.85 N.",
        "units": [
            {"id": "p-0", "name": "Zero", "lon": 0.0, "lat": 89.9, "population": 10},
            {"id": "p-120", "name": "OneTwenty", "lon": 120.0, "lat": 89.9, "population": 20},
            {"id": "p-m150", "name": "MinusOneFifty", "lon": -150.0, "lat": 89.85, "population": 5},
            {"id": "p-wedge", "name": "Wedge", "lon": 5.0, "lat": 89.8, "population": 7},
        ],
        "services": [
            {"id": "s-180", "name": "Across", "category": "grocery", "lon": 180.0, "lat": 89.9},
            {"id": "s-m60", "name": "NearPole", "category": "grocery", "lon": -60.0, "lat": 89.95},
        ],
        "regions": [{"id": "W", "name": "Wedge", "polygons": [square(-20.0, 89.7, 20.0, 89.85)]}],
        "categories": ["grocery"],
        "thresholds": {"grocery": ["5km", "10km"]},
        "runs": [{}],
    }

    # 5b. A region around the North Pole, drawn as RFC 7946 draws one: along 89.8 N from
    # -180 to 180, then up the antimeridian to the pole and back.
    out["pole_cap"] = {
        "description": "A region around the North Pole (89.8 N to the pole, closed along the "
                       "antimeridian); its zones enclose the pole.",
        "units": out["pole"]["units"][:3],
        "services": out["pole"]["services"],
        "regions": [{"id": "P", "name": "Cap", "polygons": [[[
            [-180.0, 89.8], [-90.0, 89.8], [0.0, 89.8], [90.0, 89.8], [180.0, 89.8],
            [180.0, 90.0], [-180.0, 90.0], [-180.0, 89.8]]]]}],
        "categories": ["grocery"],
        "thresholds": {"grocery": ["5km", "10km"]},
        "runs": [{}],
    }

    # 6. Southern hemisphere (Victoria, Australia): UTM 55S; a region without units;
    # zero-population units.
    out["southern"] = {
        "description": "Two regions in Victoria, Australia (UTM zone 55 south), one without "
                       "units; a unit with no people farther than everyone, one alone in a zone.",
        "units": [
            {"id": "v-1", "name": "Town", "lon": 146.2, "lat": -36.8, "population": 1200},
            {"id": "v-2", "name": "Village", "lon": 146.45, "lat": -36.7, "population": 300},
            {"id": "v-3", "name": "Hamlet", "lon": 146.1, "lat": -36.95, "population": 40},
            {"id": "v-empty", "name": "Empty", "lon": 146.55, "lat": -36.97, "population": 0},
            {"id": "v-empty2", "name": "Empty2", "lon": 146.02, "lat": -36.62, "population": 0},
        ],
        "services": [
            {"id": "g-1", "name": "Store", "category": "grocery", "lon": 146.22, "lat": -36.79},
            {"id": "g-2", "name": "East store", "category": "grocery", "lon": 146.8, "lat": -36.8},
        ],
        "regions": [
            {"id": "V1", "name": "West", "polygons": [square(146.0, -37.0, 146.6, -36.6)]},
            {"id": "V2", "name": "East", "polygons": [square(146.6, -37.0, 147.0, -36.6)]},
        ],
        "categories": ["grocery"],
        "thresholds": {"grocery": ["5km", "10km"]},
        "runs": [{"geodesic_areas": True}],
    }

    # 7. A region across the UTM 32/33 boundary at 12 E (Thuringia/Saxony).
    out["utm_boundary"] = {
        "description": "One region from 11.5 to 12.5 E (across the boundary of UTM zones 32 and "
                       "33 at 12 E); the automatic zone (32: the units' centre is 11.95 E) and "
                       "zone 33 given explicitly.",
        "units": [
            {"id": "d-w", "name": "WestTown", "lon": 11.6, "lat": 50.1, "population": 500},
            {"id": "d-e", "name": "EastTown", "lon": 12.3, "lat": 50.3, "population": 700},
            {"id": "d-m", "name": "Middle", "lon": 11.99, "lat": 50.2, "population": 100},
        ],
        "services": [
            {"id": "s-w", "name": "West", "category": "grocery", "lon": 11.62, "lat": 50.12},
            {"id": "s-e", "name": "East", "category": "grocery", "lon": 12.4, "lat": 50.35},
        ],
        "regions": [{"id": "G", "name": "Border", "polygons": [square(11.5, 50.0, 12.5, 50.4)]}],
        "categories": ["grocery"],
        "thresholds": {"grocery": ["5km", "10km"]},
        "runs": [{"geodesic_areas": True}, {"work_crs": "EPSG:32633", "geodesic_areas": True}],
    }

    # 8. Empty categories (Västerbotten inland).
    out["empty_categories"] = {
        "in_sweden": True,
        "description": "Categories with no service where people live: 'far' (services 60 km "
                       "away), 'edge' (a service just outside the regions), 'none' (no service "
                       "anywhere); 'grocery' has a store in E1. Region E2 has no units; z0 has "
                       "no people and lies alone in a grocery zone.",
        "units": [
            {"id": "a", "name": "Alpha", "lon": 17.1, "lat": 65.0, "population": 100},
            {"id": "b", "name": "Beta", "lon": 17.15, "lat": 64.98, "population": 50},
            {"id": "z0", "name": "Nobody", "lon": 17.35, "lat": 65.08, "population": 0},
        ],
        "services": [
            {"id": "far-1", "name": "Far away", "category": "far", "lon": 18.5, "lat": 65.0},
            {"id": "edge-1", "name": "Edge", "category": "edge", "lon": 17.0, "lat": 64.88},
            {"id": "groc-1", "name": "Store", "category": "grocery", "lon": 17.12, "lat": 64.99},
        ],
        "regions": [
            {"id": "E1", "name": "Inland", "polygons": [square(17.0, 64.9, 17.4, 65.1)]},
            {"id": "E2", "name": "Empty", "polygons": [square(17.4, 64.9, 17.6, 65.1)]},
        ],
        "categories": ["far", "edge", "none", "grocery"],
        "thresholds": {"far": ["5km", "10km"], "edge": ["5km", "10km"], "none": ["5km", "10km"],
                       "grocery": ["5km", "10km"]},
        "runs": [{}],
    }
    return out


def utm_table():
    """Points (as a pair of units) whose automatic working CRS is checked."""
    cases = [
        ("Melbourne", [(144.96, -37.81)]),
        ("Santiago de Chile", [(-70.65, -33.45)]),
        ("Perth", [(115.86, -31.95)]),
        ("Cape Town", [(18.42, -33.92)]),
        ("Quito (just south of the equator)", [(-78.47, -0.18)]),
        ("on the equator", [(32.58, 0.0)]),
        ("on the zone boundary at 12 E", [(11.9, 50.0), (12.1, 50.2)]),
        ("Taveuni across the antimeridian", [(179.9, -16.8), (-179.95, -16.85)]),
        ("west of the antimeridian only", [(-179.9, -16.8), (-179.95, -16.85)]),
        ("Chukotka across the antimeridian", [(177.5, 64.7), (-176.0, 65.0)]),
        ("lon 180", [(180.0, 10.0)]),
        ("lon -180", [(-180.0, 10.0)]),
        ("North Pole", [(0.0, 89.9), (120.0, 89.9), (-150.0, 89.85)]),
    ]
    rows = []
    for name, points in cases:
        units = [{"lon": lon, "lat": lat} for lon, lat in points]
        rows.append({"name": name, "points": [list(p) for p in points], "epsg": auto_work_crs(units)})
    return rows


def build():
    scs = scenarios()
    result = {}
    for name, sc in scs.items():
        units, sole = distances_and_criticality(sc)
        result[name] = {
            "description": sc["description"],
            "input": {k: sc[k] for k in ("units", "services", "regions", "categories", "thresholds")},
            "in_sweden": sc.get("in_sweden", False),
            "distances": units,
            "sole_pop": sole,
            "runs": [run_scenario(sc, run) for run in sc["runs"]],
        }
    return {
        "description": "Oracle for servicegap's numeric edge cases (generated by "
                       "Scripts/oracle/numeric_edges_oracle.py; do not edit by hand).",
        "conventions": {
            "distance": "geodesic WGS84 (pyproj Geod.inv), brute force; ties -> smallest id",
            "region": "first region (listed order) within 1e-6 m in the working CRS, else nearest "
                      "within region_tolerance_m (ties: first), else 'outside'; -180 projected as 180",
            "zones": "region minus union of Point.buffer(t, quad_segs=16); parts with area > 0; "
                     "population = units within 1e-6 m of a part of the region holding them; largest_place among "
                     "units with people",
            "work_crs": "the UTM zone (pyproj query_utm_crs_info) of the centre of the units' bounding "
                        "box taken on the shorter side of the globe; eastern zone on a boundary, "
                        "north on the equator",
            "rounding": "metres 6 dp, km and km2 9 dp, shares 12 dp",
        },
        "scenarios": result,
        "auto_work_crs": utm_table(),
    }


def dump(obj) -> str:
    return json.dumps(obj, sort_keys=True, indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    args = ap.parse_args()
    text = dump(build())
    return write_or_check(OUT, text, args.check)


if __name__ == "__main__":
    sys.exit(main())
