#!/usr/bin/env python3
"""Independent oracle for servicegap's population grids, groups, equity and criticality.

Recomputes, with pyproj + shapely + numpy only and by brute force, the numbers the
brief defines for grid-cell population units, and writes them as JSON fixtures:

  fixtures/oracle/grid_demo.json    families A (SCB 1 km, EPSG:3006) and B (INSPIRE
                                    1 km, EPSG:3035) on the Arjeplog-Skelleftea demo
                                    services and regions
  fixtures/oracle/grid_groups.json  family C (200 SCB cells with kvinna/man) on the
                                    Sweden services and municipalities

Usage (from the repository root):

  python3 Scripts/oracle/grid_oracle.py                     # write both JSON files
  python3 Scripts/oracle/grid_oracle.py --check             # compare, exit 1 on change
  python3 Scripts/oracle/grid_oracle.py --build-fixtures --source-dir DIR
                                        # (re)make fixtures/grid/ from SCB's grid files in DIR

Only --build-fixtures reads data outside the repository (--source-dir). The JSON is
computed from the files in fixtures/grid/ and fixtures/{demo_arjeplog_skelleftea,sweden}/.
The GeoTIFFs are read with the GDAL command-line tools (gdalinfo -json and
gdal_translate -of AAIGrid), which must be on PATH.

Definitions implemented (see Scripts/oracle/README.md, "Population grids"):

* grid ids: SCB rutid_scb = easting (6 digits) + northing (7 digits) of the lower-left
  corner, EPSG:3006, size rutstorl (else 1000 m); INSPIRE CRS3035RES{size}mN{N}E{E}
  (metres, EPSG:3035) and {k}kmN{N/1000}E{E/1000}. Unit point = corner + size/2,
  transformed to lon/lat with pyproj (always_xy=True).
* rasters: every pixel with value > 0 and != nodata is a unit at the pixel centre.
* distance: geodesic WGS84 (pyproj Geod.inv), brute force over every service of the
  category; ties at exactly equal distance -> lexicographically smallest id.
* region: polygon covering the EPSG:3006 point, else nearest polygon within 1000 m,
  else "outside" (copied from straight_line_oracle.py).
* summary, groups, equity (gini, p90_p50, person_km), criticality (added_person_km,
  orphaned_pop, sole_pop_<t>): see the README.

Rounding: metres 6 decimals; km (mean/median/p90/max) 9 decimals; person_km and
added_person_km 6 decimals; shares, gini, p90_p50 and services_per_1000 12 decimals;
populations are integers. JSON has sorted keys and indent 1; the rows of the `units`
tables are written one per line.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely import STRtree
from shapely.geometry import Point, shape
from oracle_file import write_or_check  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
GRID_DIR = REPO / "fixtures" / "grid"
DEMO_DIR = REPO / "fixtures" / "demo_arjeplog_skelleftea"
SWEDEN_DIR = REPO / "fixtures" / "sweden"
OUT_DIR = REPO / "fixtures" / "oracle"

GEOD = Geod(ellps="WGS84")
T_4326_3006 = Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)
T_3006_4326 = Transformer.from_crs("EPSG:3006", "EPSG:4326", always_xy=True)
T_3035_4326 = Transformer.from_crs("EPSG:3035", "EPSG:4326", always_xy=True)
T_3006_3035 = Transformer.from_crs("EPSG:3006", "EPSG:3035", always_xy=True)

DEMO_KOMMUNER = ["2506", "2422", "2418", "2417", "2482"]  # Arjeplog, Sorsele, Malå, Norsjö, Skellefteå
# Category -> thresholds (label, metres). CLI: --thresholds grocery=5km,10km ... per category.
DEMO_PLAN = {
    "grocery": [("5km", 5000.0), ("10km", 10000.0)],
    "pharmacy": [("5km", 5000.0), ("10km", 10000.0)],
    "atm": [("10km", 10000.0), ("25km", 25000.0)],
    "health": [("10km", 10000.0), ("25km", 25000.0)],
}
GROUPS_PLAN = {
    "grocery": [("5km", 5000.0), ("10km", 10000.0)],
    "pharmacy": [("5km", 5000.0), ("10km", 10000.0)],
}
GROUP_COLUMNS = ["kvinna", "man"]
REGION_TOLERANCE_M = 1000.0
SCB_NODATA = -1          # Int32 GeoTIFF of family A: empty cells are nodata
INSPIRE_NODATA = -9999.0  # Float32 GeoTIFF of family B: empty cells are 0.0 (nodata never used)
POINT_TOL_DEG = 1e-9


# --------------------------------------------------------------------------- rounding

def r_m(x):
    return None if x is None else round(float(x), 6)


def r_km(x):
    return None if x is None else round(float(x), 9)


def r_pkm(x):
    return None if x is None else round(float(x), 6)


def r_share(x):
    return None if x is None else round(float(x), 12)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rel(path: Path) -> str:
    return str(path.relative_to(REPO))


# --------------------------------------------------------------------------- grid ids

SCB_RE = re.compile(r"^(\d{6})(\d{7})$")
LONG_RE = re.compile(r"^CRS3035RES(\d+)mN(\d+)E(\d+)$")
SHORT_RE = re.compile(r"^(\d+)(m|km)N(\d+)E(\d+)$")


def scb_corner(rutid: str, rutstorl) -> tuple[float, float, float]:
    m = SCB_RE.match(rutid)
    if not m:
        raise SystemExit(f"not an SCB rutid: {rutid!r}")
    size = float(rutstorl) if rutstorl not in (None, "") else 1000.0
    return float(int(m.group(1))), float(int(m.group(2))), size


def inspire_long(n: int, e: int, size: int = 1000) -> str:
    return f"CRS3035RES{size}mN{n}E{e}"


def inspire_short(n: int, e: int, size: int = 1000) -> str:
    assert size % 1000 == 0 and n % 1000 == 0 and e % 1000 == 0
    return f"{size // 1000}kmN{n // 1000}E{e // 1000}"


def parse_long(gid: str) -> tuple[float, float, float]:
    """-> (easting, northing, size) of the lower-left corner, metres."""
    m = LONG_RE.match(gid)
    if not m:
        raise SystemExit(f"not an INSPIRE long id: {gid!r}")
    return float(int(m.group(3))), float(int(m.group(2))), float(int(m.group(1)))


def parse_short(code: str) -> tuple[float, float, float]:
    m = SHORT_RE.match(code)
    if not m:
        raise SystemExit(f"not an INSPIRE short id: {code!r}")
    unit = 1000.0 if m.group(2) == "km" else 1.0
    size = float(int(m.group(1))) * unit
    return float(int(m.group(4))) * unit, float(int(m.group(3))) * unit, size


def centre_lonlat(transformer, x0, y0, size):
    lon, lat = transformer.transform(x0 + size / 2.0, y0 + size / 2.0)
    return float(lon), float(lat)


# --------------------------------------------------------------------------- GDAL CLI

def gdal_env():
    env = dict(os.environ)
    env["GDAL_PAM_ENABLED"] = "NO"  # no .aux.xml next to the fixtures
    return env


def read_raster(path: Path):
    """Returns (units, meta): units = list of (col, row, x_centre, y_centre, value) for
    every pixel with value > 0 and != nodata, in row-major order from the top-left."""
    info = json.loads(subprocess.run(["gdalinfo", "-json", str(path)], check=True,
                                     capture_output=True, text=True, env=gdal_env()).stdout)
    gt = info["geoTransform"]
    band = info["bands"][0]
    nodata = band.get("noDataValue")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.asc"
        subprocess.run(["gdal_translate", "-q", "-of", "AAIGrid", str(path), str(out)],
                       check=True, env=gdal_env())
        asc = out.read_text(encoding="ascii")
    lines = asc.splitlines()
    header = {}
    i = 0
    while lines[i].split()[0].lower() in ("ncols", "nrows", "xllcorner", "yllcorner", "cellsize",
                                          "dx", "dy", "nodata_value", "xllcenter", "yllcenter"):
        k, v = lines[i].split()[:2]
        header[k.lower()] = v
        i += 1
    ncols, nrows = int(header["ncols"]), int(header["nrows"])
    values = np.array(" ".join(lines[i:]).split(), dtype=float).reshape(nrows, ncols)
    assert gt[2] == 0 and gt[4] == 0, "rotated raster"
    units = []
    for r in range(nrows):
        for c in range(ncols):
            v = values[r, c]
            if nodata is not None and v == nodata:
                continue
            if not v > 0:
                continue
            x = gt[0] + (c + 0.5) * gt[1]
            y = gt[3] + (r + 0.5) * gt[5]
            units.append((c, r, x, y, v))
    wkt = info.get("coordinateSystem", {}).get("wkt", "")
    epsg = re.findall(r'ID\["EPSG",(\d+)\]\]$', wkt.strip())
    meta = {"size": info["size"], "geoTransform": gt, "noDataValue": nodata,
            "type": band["type"], "epsg": epsg[0] if epsg else None,
            "zero_pixels": int((values == 0).sum()),
            "nodata_pixels": int((values == nodata).sum()) if nodata is not None else 0}
    return units, meta


def write_geotiff(path: Path, grid: np.ndarray, x0: float, ytop: float, size: float, epsg: int,
                  ot: str, nodata, fmt: str):
    """grid[row, col] from the top-left; written through an ASCII grid and gdal_translate."""
    nrows, ncols = grid.shape
    with tempfile.TemporaryDirectory() as tmp:
        asc = Path(tmp) / "g.asc"
        with open(asc, "w", encoding="ascii") as f:
            f.write(f"ncols {ncols}\nnrows {nrows}\nxllcorner {x0:.1f}\n"
                    f"yllcorner {ytop - nrows * size:.1f}\ncellsize {size:.1f}\n"
                    f"NODATA_value {fmt % nodata}\n")
            for r in range(nrows):
                f.write(" ".join(fmt % v for v in grid[r]) + "\n")
        if path.exists():
            path.unlink()
        subprocess.run(["gdal_translate", "-q", "-of", "GTiff", "-a_srs", f"EPSG:{epsg}",
                        "-ot", ot, "-a_nodata", fmt % nodata, "-co", "COMPRESS=DEFLATE",
                        str(asc), str(path)], check=True, env=gdal_env())


# --------------------------------------------------------------------------- geometry helpers

def to_3006(geom):
    return shapely.transform(geom, lambda x, y: T_4326_3006.transform(x, y), interleaved=False)


def load_regions(path: Path):
    with open(path, encoding="utf-8") as f:
        fc = json.load(f)
    regions = []
    for feat in fc["features"]:
        p = feat["properties"]
        g = to_3006(shape(feat["geometry"]))
        if not g.is_valid:
            raise SystemExit(f"region {p['kommun']} invalid in EPSG:3006: {shapely.is_valid_reason(g)}")
        regions.append({"id": p["kommun_kod"], "name": p["kommun"], "geom": g})
    return regions


class RegionIndex:
    """covers -> first region in file order; else nearest within 1000 m (equal distances
    -> first in file); else outside. Same rule as straight_line_oracle.assign_region."""

    def __init__(self, regions):
        self.regions = regions
        self.geoms = [r["geom"] for r in regions]
        self.tree = STRtree(self.geoms)
        for g in self.geoms:
            shapely.prepare(g)

    def assign(self, x, y):
        pt = Point(x, y)
        cand = sorted(int(i) for i in self.tree.query(pt))
        for i in cand:
            if self.geoms[i].covers(pt):
                return i, "within", 0.0
        near = sorted(int(i) for i in self.tree.query(pt, predicate="dwithin", distance=REGION_TOLERANCE_M))
        best = None
        for i in near:
            d = self.geoms[i].distance(pt)
            if best is None or d < best[1]:
                best = (i, d)
        if best is not None and best[1] <= REGION_TOLERANCE_M:
            return best[0], "nearest", best[1]
        return None, "outside", None


# --------------------------------------------------------------------------- services

def load_demo_services():
    with open(DEMO_DIR / "services.geojson", encoding="utf-8") as f:
        fc = json.load(f)
    out = []
    for feat in fc["features"]:
        p = feat["properties"]
        lon, lat = feat["geometry"]["coordinates"][:2]
        out.append({"id": p["id"], "category": p["category"], "lon": float(lon), "lat": float(lat)})
    return out


def load_sweden_services():
    out = []
    with open(SWEDEN_DIR / "services_sweden.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.append({"id": row["id"], "category": row["category"],
                        "lon": float(row["lon"]), "lat": float(row["lat"])})
    return out


# --------------------------------------------------------------------------- distances

def distance_matrix(units, services):
    """units, services: lists with lon/lat. -> array [n_units, n_services] metres."""
    if not services:
        return np.zeros((len(units), 0))
    ulon = np.array([u["lon"] for u in units])
    ulat = np.array([u["lat"] for u in units])
    slon = np.array([s["lon"] for s in services])
    slat = np.array([s["lat"] for s in services])
    n, m = len(units), len(services)
    _, _, d = GEOD.inv(np.repeat(ulon, m), np.repeat(ulat, m), np.tile(slon, n), np.tile(slat, n))
    return np.asarray(d, dtype=float).reshape(n, m)


def nearest_two(row, ids):
    """row: distances to the services (ids aligned). -> (nearest index, d1, second index, d2,
    n_at_min). Nearest: smallest distance, ties -> smallest id. Second: the nearest of the
    other services (ties -> smallest id); its distance equals d1 when services tie."""
    order = sorted(range(len(ids)), key=lambda j: (row[j], ids[j]))
    j1 = order[0]
    d1 = float(row[j1])
    n_at_min = sum(1 for j in order if row[j] == d1)
    if len(order) > 1:
        j2 = order[1]
        return j1, d1, j2, float(row[j2]), n_at_min
    return j1, d1, None, None, n_at_min


# --------------------------------------------------------------------------- statistics

def quantile(ordered, total, num, den):
    """ordered: (pop, dist|None) sorted by distance with unreachable last."""
    if total == 0:
        return None
    cum = 0
    for p, d in ordered:
        cum += p
        if cum * den >= num * total:
            return d
    return None


def gini_exact(rows):
    """rows: (weight, x) with x floats, weights ints; exact rational arithmetic.
    Σ_i Σ_j w_i w_j |x_i - x_j| / (2 W^2 mean), mean = Σ w x / W. 0 when the mean is 0."""
    if not rows:
        return None
    rows = sorted((Fraction(x), Fraction(w)) for w, x in rows)
    W = sum(w for _, w in rows)
    S = sum(w * x for x, w in rows)
    if S == 0:
        return Fraction(0)
    # Σ_{i<j} w_i w_j (x_j - x_i) over the sorted list, doubled for both orders.
    acc = Fraction(0)
    cw = Fraction(0)
    cwx = Fraction(0)
    for x, w in rows:
        acc += w * (x * cw - cwx)
        cw += w
        cwx += w * x
    num = 2 * acc
    mean = S / W
    return num / (2 * W * W * mean)


def gini_numpy(rows):
    w = np.array([r[0] for r in rows], dtype=float)
    x = np.array([r[1] for r in rows], dtype=float)
    W = w.sum()
    mean = (w * x).sum() / W
    if mean == 0:
        return 0.0
    return float((w[:, None] * w[None, :] * np.abs(x[:, None] - x[None, :])).sum() / (2 * W * W * mean))


def summarise(rows, thresholds, groups=None):
    """rows: list of dict(pop:int, dist:float|None, groups:{name:int}). Only pop > 0 rows
    count. Returns the summary columns (without region/category)."""
    rows = [r for r in rows if r["pop"] > 0]
    total = sum(r["pop"] for r in rows)
    reach = [r for r in rows if r["dist"] is not None]
    reach_pop = sum(r["pop"] for r in reach)
    out = {"population": total, "unreachable_pop": total - reach_pop}
    out["mean"] = r_km(math.fsum(r["pop"] * r["dist"] for r in reach) / reach_pop / 1000.0) if reach_pop else None
    ordered = sorted(((r["pop"], r["dist"]) for r in reach), key=lambda t: t[1]) + \
        [(r["pop"], None) for r in rows if r["dist"] is None]
    med = quantile(ordered, total, 1, 2)
    p90 = quantile(ordered, total, 9, 10)
    out["median"] = r_km(None if med is None else med / 1000.0)
    out["p90"] = r_km(None if p90 is None else p90 / 1000.0)
    out["max"] = r_km(max(r["dist"] for r in reach) / 1000.0) if (total > 0 and reach_pop == total) else None
    for label, t in thresholds:
        beyond = sum(r["pop"] for r in rows if r["dist"] is None or r["dist"] > t)
        out[f"beyond_{label}_pop"] = beyond
        out[f"beyond_{label}_share"] = r_share(beyond / total) if total else None
    # Equity.
    if reach_pop > 0:
        g = gini_exact([(r["pop"], r["dist"]) for r in reach])
        gn = gini_numpy([(r["pop"], r["dist"]) for r in reach])
        assert abs(float(g) - gn) < 1e-10, (float(g), gn)
        out["gini"] = r_share(float(g))
    else:
        out["gini"] = None
    out["p90_p50"] = r_share(p90 / med) if (med is not None and p90 is not None and med != 0) else None
    out["person_km"] = r_pkm(math.fsum(r["pop"] * r["dist"] / 1000.0 for r in reach))
    if groups:
        gout = {}
        for g in groups:
            gpop = sum(r["groups"][g] for r in rows)
            rec = {"population": gpop,
                   "unreachable_pop": sum(r["groups"][g] for r in rows if r["dist"] is None)}
            for label, t in thresholds:
                b = sum(r["groups"][g] for r in rows if r["dist"] is None or r["dist"] > t)
                rec[f"beyond_{label}_pop"] = b
                rec[f"beyond_{label}_share"] = r_share(b / gpop) if gpop else None
            gout[g] = rec
        out["groups"] = gout
    return out


# --------------------------------------------------------------------------- one analysis

def analyse(units, services, regions, plan, groups=None):
    """units: list of dict(id, pop, lon, lat, [groups]); services: all services (any
    category); regions: list of dict(id, name, geom3006). Returns (unit results,
    summary, criticality, checks)."""
    index = RegionIndex(regions)
    for u in units:
        x, y = T_4326_3006.transform(u["lon"], u["lat"])
        i, how, d = index.assign(x, y)
        u["_region"] = i
        u["region"] = "outside" if i is None else regions[i]["name"]
        u["region_match"] = how
    for s in services:
        x, y = T_4326_3006.transform(s["lon"], s["lat"])
        s["_region"] = index.assign(x, y)[0]

    per_cat = {}
    checks = {"nearest_ties": {}, "min_gap_distance_threshold": None,
              "min_gap_nearest_second_m": None}
    gap_best = None
    ns_best = None
    for cat, thresholds in plan.items():
        svc = sorted([s for s in services if s["category"] == cat], key=lambda s: s["id"])
        ids = [s["id"] for s in svc]
        D = distance_matrix(units, svc)
        res = []
        ties = []
        for k, u in enumerate(units):
            if not svc:
                res.append((None, None, None, None))
                continue
            j1, d1, j2, d2, nmin = nearest_two(D[k], ids)
            res.append((ids[j1], d1, None if j2 is None else ids[j2], d2))
            if nmin > 1:
                ties.append({"unit": u["id"], "services": sorted(ids[j] for j in range(len(ids)) if D[k, j] == d1)})
            if d2 is not None and d2 > d1 and u["pop"] > 0:
                gap = d2 - d1
                if ns_best is None or gap < ns_best[0]:
                    ns_best = (gap, u["id"], cat, ids[j1], ids[j2])
            for label, t in thresholds:
                if u["pop"] <= 0 or not svc:
                    continue
                dd = np.abs(D[k] - t)
                j = int(np.argmin(dd))
                if gap_best is None or dd[j] < gap_best[0]:
                    gap_best = (float(dd[j]), u["id"], ids[j], cat, label, float(D[k, j]))
        checks["nearest_ties"][cat] = ties
        per_cat[cat] = {"services": svc, "res": res, "D": D}
    if gap_best:
        checks["min_gap_distance_threshold"] = {
            "gap_m": r_m(gap_best[0]), "unit": gap_best[1], "service": gap_best[2],
            "category": gap_best[3], "threshold": gap_best[4], "dist_m": r_m(gap_best[5])}
    if ns_best:
        checks["min_gap_nearest_second_m"] = {
            "gap_m": r_m(ns_best[0]), "unit": ns_best[1], "category": ns_best[2],
            "nearest": ns_best[3], "second": ns_best[4]}

    # Summary rows: regions in file order, outside (if any unit is outside), ALL.
    slots = [(i, r["name"], r["id"]) for i, r in enumerate(regions)]
    if any(u["_region"] is None for u in units):
        slots.append(("outside", "outside", None))
    slots.append(("ALL", "ALL", None))
    summary = []
    for slot, name, rid in slots:
        for cat, thresholds in plan.items():
            res = per_cat[cat]["res"]
            if slot == "ALL":
                members = range(len(units))
                nserv = sum(1 for s in per_cat[cat]["services"] if s["_region"] is not None)
            elif slot == "outside":
                members = [k for k, u in enumerate(units) if u["_region"] is None]
                nserv = sum(1 for s in per_cat[cat]["services"] if s["_region"] is None)
            else:
                members = [k for k, u in enumerate(units) if u["_region"] == slot]
                nserv = sum(1 for s in per_cat[cat]["services"] if s["_region"] == slot)
            rows = [{"pop": units[k]["pop"], "dist": res[k][1], "groups": units[k].get("groups", {})}
                    for k in members]
            st = summarise(rows, thresholds, groups)
            row = {"region": name, "region_id": rid, "category": cat, "unit": "km", "services": nserv,
                   "services_per_1000": r_share(nserv / st["population"] * 1000) if st["population"] else None}
            row.update(st)
            summary.append(row)

    # Criticality per service.
    crit = []
    for cat, thresholds in plan.items():
        svc = per_cat[cat]["services"]
        res = per_cat[cat]["res"]
        for s in svc:
            mine = [(units[k]["pop"], r) for k, r in enumerate(res) if r[0] == s["id"] and units[k]["pop"] > 0]
            rec = {"id": s["id"], "category": cat,
                   "region": "outside" if s["_region"] is None else regions[s["_region"]]["name"],
                   "nearest_units": len(mine), "nearest_pop": sum(p for p, _ in mine),
                   "added_person_km": r_pkm(math.fsum(p * (r[3] - r[1]) / 1000.0 for p, r in mine if r[2] is not None)),
                   "orphaned_pop": sum(p for p, r in mine if r[2] is None)}
            for label, t in thresholds:
                rec[f"sole_pop_{label}"] = sum(p for p, r in mine if r[1] <= t and (r[2] is None or r[3] > t))
            crit.append(rec)
        # Cross-check: close each service in turn (delete its column) and compare.
        D = per_cat[cat]["D"]
        pops = np.array([u["pop"] for u in units], dtype=float)
        live = pops > 0
        if len(svc) > 1:
            d1 = D.min(axis=1)
            for j, rec in enumerate(crit[-len(svc):]):
                d2 = np.delete(D, j, axis=1).min(axis=1)
                added = math.fsum((pops[live] * (d2[live] - d1[live]) / 1000.0).tolist())
                assert abs(added - rec["added_person_km"]) < 1e-5, (rec["id"], added, rec["added_person_km"])
                for label, t in thresholds:
                    sole = int(pops[live & (d1 <= t) & (d2 > t)].sum())
                    assert sole == rec[f"sole_pop_{label}"], (rec["id"], label, sole)

    unit_rows = []
    for k, u in enumerate(units):
        row = {"id": u["id"], "population": u["pop"], "region": u["region"], "region_match": u["region_match"]}
        for extra in ("tif_col", "tif_row", "cellcode"):
            if extra in u:
                row[extra] = u[extra]
        for cat in plan:
            nid, d1, _, _ = per_cat[cat]["res"][k]
            row[f"{cat}_dist_m"] = r_m(d1)
            row[f"{cat}_nearest_id"] = nid
        unit_rows.append(row)
    return unit_rows, summary, crit, checks


# --------------------------------------------------------------------------- build fixtures

def build_fixtures(source: Path):
    GRID_DIR.mkdir(parents=True, exist_ok=True)
    src_csv = source / "befolkning_1km_2024.csv"
    src_gpkg = source / "scb_cells_200_sample.gpkg"

    # Family A: SCB cells of the five demo municipalities, source order, 4 columns.
    rows = []
    with open(src_csv, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["kommun_kod"] in DEMO_KOMMUNER:
                rows.append(row)
    with open(GRID_DIR / "scb_demo_rutid.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["rutid_scb", "rutstorl", "beftotalt", "kommun_kod"])
        for r in rows:
            w.writerow([r["rutid_scb"], r["rutstorl"], r["beftotalt"], r["kommun_kod"]])

    cells = []
    for r in rows:
        e, n, size = scb_corner(r["rutid_scb"], r["rutstorl"])
        assert size == 1000.0
        cells.append((r["rutid_scb"], e, n, int(r["beftotalt"])))
    with open(GRID_DIR / "scb_demo_lonlat.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "population", "lon", "lat"])
        for rid, e, n, p in cells:
            lon, lat = centre_lonlat(T_3006_4326, e, n, 1000.0)
            w.writerow([rid, p, repr(lon), repr(lat)])

    emin = min(c[1] for c in cells); emax = max(c[1] for c in cells) + 1000
    nmin = min(c[2] for c in cells); nmax = max(c[2] for c in cells) + 1000
    ncols, nrows = int((emax - emin) / 1000), int((nmax - nmin) / 1000)
    grid = np.full((nrows, ncols), SCB_NODATA, dtype=np.int64)
    for _, e, n, p in cells:
        grid[int((nmax - n) / 1000) - 1, int((e - emin) / 1000)] = p
    write_geotiff(GRID_DIR / "scb_demo_3006.tif", grid, emin, nmax, 1000.0, 3006, "Int32", SCB_NODATA, "%d")

    # Family B: each SCB cell's people go to the EPSG:3035 cell holding its centre.
    agg = {}
    for _, e, n, p in cells:
        x, y = T_3006_3035.transform(e + 500.0, n + 500.0)
        key = (int(math.floor(y / 1000.0)) * 1000, int(math.floor(x / 1000.0)) * 1000)  # (N, E)
        agg[key] = agg.get(key, 0) + p
    keys = sorted(agg)  # by N then E
    with open(GRID_DIR / "inspire_demo_long.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["GRD_ID", "TOT_P"])
        for nn, ee in keys:
            w.writerow([inspire_long(nn, ee), agg[(nn, ee)]])
    with open(GRID_DIR / "inspire_demo_short.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["CELLCODE", "population"])
        for nn, ee in keys:
            w.writerow([inspire_short(nn, ee), agg[(nn, ee)]])
    with open(GRID_DIR / "inspire_demo_lonlat.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "population", "lon", "lat"])
        for nn, ee in keys:
            lon, lat = centre_lonlat(T_3035_4326, float(ee), float(nn), 1000.0)
            w.writerow([inspire_long(nn, ee), agg[(nn, ee)], repr(lon), repr(lat)])
    bemin = min(k[1] for k in keys); bemax = max(k[1] for k in keys) + 1000
    bnmin = min(k[0] for k in keys); bnmax = max(k[0] for k in keys) + 1000
    bcols, brows = (bemax - bemin) // 1000, (bnmax - bnmin) // 1000
    bgrid = np.zeros((brows, bcols), dtype=float)
    for (nn, ee), p in agg.items():
        bgrid[(bnmax - nn) // 1000 - 1, (ee - bemin) // 1000] = p
    write_geotiff(GRID_DIR / "inspire_demo_3035.tif", bgrid, float(bemin), float(bnmax), 1000.0, 3035,
                  "Float32", INSPIRE_NODATA, "%.1f")

    # Family C: the GeoPackage unchanged, plus its cells as centre points.
    shutil.copyfile(src_gpkg, GRID_DIR / "scb_cells_200_sample.gpkg")
    os.chmod(GRID_DIR / "scb_cells_200_sample.gpkg", 0o644)
    import geopandas as gpd  # only needed here and in load_family_c
    g = gpd.read_file(GRID_DIR / "scb_cells_200_sample.gpkg", layer="population_test")
    with open(GRID_DIR / "scb_cells_200_lonlat.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "beftotalt", "kvinna", "man", "lon", "lat"])
        for _, r in g.iterrows():
            e, n, size = scb_corner(r["rutid_scb"], r["rutstorl"])
            lon, lat = centre_lonlat(T_3006_4326, e, n, size)
            w.writerow([r["rutid_scb"], int(r["beftotalt"]), int(r["kvinna"]), int(r["man"]), repr(lon), repr(lat)])
    for p in sorted(GRID_DIR.iterdir()):
        print(f"wrote {rel(p)} ({p.stat().st_size} bytes)")


# --------------------------------------------------------------------------- load families

def same_points(a, b, what):
    """a, b: dict id -> (lon, lat, pop). Asserts equal id sets, populations and points."""
    if set(a) != set(b):
        raise SystemExit(f"{what}: different unit sets ({len(set(a) ^ set(b))} ids differ)")
    worst = 0.0
    for k in a:
        if a[k][2] != b[k][2]:
            raise SystemExit(f"{what}: population of {k} differs: {a[k][2]} vs {b[k][2]}")
        worst = max(worst, abs(a[k][0] - b[k][0]), abs(a[k][1] - b[k][1]))
    if worst > POINT_TOL_DEG:
        raise SystemExit(f"{what}: unit points differ by {worst} degrees")
    return worst


def load_family_a():
    enc = {}
    meta = {}
    with open(GRID_DIR / "scb_demo_rutid.csv", newline="", encoding="utf-8") as f:
        rut = list(csv.DictReader(f))
    corner = {}
    for r in rut:
        e, n, size = scb_corner(r["rutid_scb"], r["rutstorl"])
        corner[r["rutid_scb"]] = (e, n, size)
        lon, lat = centre_lonlat(T_3006_4326, e, n, size)
        enc.setdefault("rutid", {})[r["rutid_scb"]] = (lon, lat, int(r["beftotalt"]))
    with open(GRID_DIR / "scb_demo_lonlat.csv", newline="", encoding="utf-8") as f:
        enc["lonlat"] = {r["id"]: (float(r["lon"]), float(r["lat"]), int(r["population"])) for r in csv.DictReader(f)}
    pix, m = read_raster(GRID_DIR / "scb_demo_3006.tif")
    assert m["epsg"] == "3006" and m["type"] == "Int32" and m["noDataValue"] == SCB_NODATA, m
    by_xy = {(e + size / 2, n + size / 2): rid for rid, (e, n, size) in corner.items()}
    tifpos = {}
    tif = {}
    for c, r, x, y, v in pix:
        rid = by_xy.get((x, y))
        if rid is None:
            raise SystemExit(f"tif pixel {c},{r} at {x},{y} is no rutid cell")
        lon, lat = T_3006_4326.transform(x, y)
        assert v == int(v)
        tif[rid] = (float(lon), float(lat), int(v))
        tifpos[rid] = (c, r)
    enc["tif"] = tif
    meta["tif"] = m
    worst = max(same_points(enc["rutid"], enc["lonlat"], "A rutid vs lonlat"),
                same_points(enc["rutid"], enc["tif"], "A rutid vs tif"))
    units = [{"id": r["rutid_scb"], "pop": int(r["beftotalt"]), "lon": enc["rutid"][r["rutid_scb"]][0],
              "lat": enc["rutid"][r["rutid_scb"]][1], "tif_col": tifpos[r["rutid_scb"]][0],
              "tif_row": tifpos[r["rutid_scb"]][1], "kommun_kod": r["kommun_kod"]} for r in rut]
    return units, meta, worst


def load_family_b():
    enc = {}
    with open(GRID_DIR / "inspire_demo_long.csv", newline="", encoding="utf-8") as f:
        longrows = list(csv.DictReader(f))
    corner = {}
    for r in longrows:
        e, n, size = parse_long(r["GRD_ID"])
        corner[r["GRD_ID"]] = (e, n, size)
        lon, lat = centre_lonlat(T_3035_4326, e, n, size)
        enc.setdefault("long", {})[r["GRD_ID"]] = (lon, lat, int(r["TOT_P"]))
    short = {}
    with open(GRID_DIR / "inspire_demo_short.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            e, n, size = parse_short(r["CELLCODE"])
            gid = inspire_long(int(n), int(e), int(size))
            lon, lat = centre_lonlat(T_3035_4326, e, n, size)
            short[gid] = (lon, lat, int(r["population"]))
    enc["short"] = short
    with open(GRID_DIR / "inspire_demo_lonlat.csv", newline="", encoding="utf-8") as f:
        enc["lonlat"] = {r["id"]: (float(r["lon"]), float(r["lat"]), int(r["population"])) for r in csv.DictReader(f)}
    pix, m = read_raster(GRID_DIR / "inspire_demo_3035.tif")
    assert m["epsg"] == "3035" and m["type"] == "Float32" and m["noDataValue"] == INSPIRE_NODATA, m
    by_xy = {(e + size / 2, n + size / 2): gid for gid, (e, n, size) in corner.items()}
    tif = {}
    tifpos = {}
    for c, r, x, y, v in pix:
        gid = by_xy.get((x, y))
        if gid is None:
            raise SystemExit(f"tif pixel {c},{r} at {x},{y} is no GRD_ID cell")
        lon, lat = T_3035_4326.transform(x, y)
        assert v == int(v)
        tif[gid] = (float(lon), float(lat), int(v))
        tifpos[gid] = (c, r)
    enc["tif"] = tif
    worst = max(same_points(enc["long"], enc["short"], "B long vs short"),
                same_points(enc["long"], enc["lonlat"], "B long vs lonlat"),
                same_points(enc["long"], enc["tif"], "B long vs tif"))
    units = []
    for r in longrows:
        gid = r["GRD_ID"]
        e, n, size = corner[gid]
        units.append({"id": gid, "pop": int(r["TOT_P"]), "lon": enc["long"][gid][0], "lat": enc["long"][gid][1],
                      "tif_col": tifpos[gid][0], "tif_row": tifpos[gid][1],
                      "cellcode": inspire_short(int(n), int(e), int(size))})
    return units, m, worst


def aggregation_check(units_a, units_b):
    """Recomputes family B from family A's rutid cells and reports how close any SCB cell
    centre lies to an EPSG:3035 cell edge (the assignment is unambiguous above ~1 mm)."""
    agg = {}
    min_edge = None
    per_cell = {}
    for u in units_a:
        e, n, _ = scb_corner(u["id"], 1000)
        x, y = T_3006_3035.transform(e + 500.0, n + 500.0)
        fx, fy = x / 1000.0, y / 1000.0
        edge = min(fx - math.floor(fx), math.ceil(fx) - fx, fy - math.floor(fy), math.ceil(fy) - fy) * 1000.0
        min_edge = edge if min_edge is None else min(min_edge, edge)
        gid = inspire_long(int(math.floor(fy)) * 1000, int(math.floor(fx)) * 1000)
        agg[gid] = agg.get(gid, 0) + u["pop"]
        per_cell[gid] = per_cell.get(gid, 0) + 1
    b = {u["id"]: u["pop"] for u in units_b}
    if agg != b:
        raise SystemExit("family B is not the re-aggregation of family A")
    hist = {}
    for v in per_cell.values():
        hist[str(v)] = hist.get(str(v), 0) + 1
    return {"min_centre_to_3035_edge_m": r_m(min_edge), "scb_cells_per_inspire_cell": hist}


def load_family_c():
    import geopandas as gpd
    g = gpd.read_file(GRID_DIR / "scb_cells_200_sample.gpkg", layer="population_test")
    with open(GRID_DIR / "scb_cells_200_lonlat.csv", newline="", encoding="utf-8") as f:
        ll = list(csv.DictReader(f))
    gp = {}
    worst_centroid = 0.0
    for _, r in g.iterrows():
        e, n, size = scb_corner(r["rutid_scb"], r["rutstorl"])
        c = r.geometry.centroid  # coordinates are EPSG:3006 metres whatever the file says
        worst_centroid = max(worst_centroid, math.hypot(c.x - (e + size / 2), c.y - (n + size / 2)))
        lon, lat = centre_lonlat(T_3006_4326, e, n, size)
        gp[r["rutid_scb"]] = (lon, lat, int(r["beftotalt"]), int(r["kvinna"]), int(r["man"]))
    csvp = {r["id"]: (float(r["lon"]), float(r["lat"]), int(r["beftotalt"]), int(r["kvinna"]), int(r["man"]))
            for r in ll}
    worst = same_points({k: v[:3] for k, v in gp.items()}, {k: v[:3] for k, v in csvp.items()}, "C gpkg vs lonlat")
    for k in gp:
        assert gp[k][3:] == csvp[k][3:], k
    units = [{"id": r["id"], "pop": int(r["beftotalt"]), "lon": float(r["lon"]), "lat": float(r["lat"]),
              "groups": {"kvinna": int(r["kvinna"]), "man": int(r["man"])}} for r in ll]
    diff = [u["groups"]["kvinna"] + u["groups"]["man"] - u["pop"] for u in units]
    notes = {"gpkg_centroid_vs_rutid_centre_max_m": r_m(worst_centroid),
             "kvinna_plus_man_minus_beftotalt": {"min": min(diff), "max": max(diff),
                                                 "cells_differing": sum(1 for d in diff if d != 0),
                                                 "sum": sum(diff)},
             "gpkg_crs_as_recorded": str(g.crs.name) if g.crs else None}
    return units, worst, notes


# --------------------------------------------------------------------------- builders

def plan_json(plan):
    return {c: [label for label, _ in th] for c, th in plan.items()}


def table(rows, columns):
    return {"columns": columns, "rows": [[r.get(c) for c in columns] for r in rows]}


def build_demo():
    services = load_demo_services()
    regions = load_regions(DEMO_DIR / "kommuner.geojson")
    units_a, meta_a, worst_a = load_family_a()
    units_b, meta_b, worst_b = load_family_b()
    agg = aggregation_check(units_a, units_b)

    fams = {}
    for key, units, extra_cols, worst, files, notes in [
        ("A_scb", units_a, ["tif_col", "tif_row"], worst_a,
         [("fixtures/grid/scb_demo_rutid.csv", "SCB rutid_scb ids", {"id": "rutid_scb", "population": "beftotalt", "cell size": "rutstorl"}),
          ("fixtures/grid/scb_demo_3006.tif", "GeoTIFF EPSG:3006, Int32, nodata -1 for every empty cell", {}),
          ("fixtures/grid/scb_demo_lonlat.csv", "lon/lat cell centres", {"id": "id", "population": "population", "x": "lon", "y": "lat"})],
         {"scb_cells_outside_their_kommun_kod_region": None}),
        ("B_inspire", units_b, ["cellcode", "tif_col", "tif_row"], worst_b,
         [("fixtures/grid/inspire_demo_long.csv", "GEOSTAT ids CRS3035RES1000mN…E…", {"id": "GRD_ID", "population": "TOT_P"}),
          ("fixtures/grid/inspire_demo_short.csv", "short ids 1kmN…E…", {"id": "CELLCODE", "population": "population"}),
          ("fixtures/grid/inspire_demo_3035.tif", "GeoTIFF EPSG:3035, Float32, nodata -9999 (unused), empty cells 0.0", {}),
          ("fixtures/grid/inspire_demo_lonlat.csv", "lon/lat cell centres", {"id": "id", "population": "population", "x": "lon", "y": "lat"})],
         agg),
    ]:
        unit_rows, summary, crit, checks = analyse(units, services, regions, DEMO_PLAN)
        if key == "A_scb":
            name_to_code = {r["name"]: r["id"] for r in regions}
            mism = [u for u in units if u["region"] != "outside" and name_to_code[u["region"]] != u["kommun_kod"]]
            notes = {"units_whose_region_differs_from_kommun_kod": len(mism),
                     "people_whose_region_differs_from_kommun_kod": sum(u["pop"] for u in mism)}
        checks["encodings_max_point_difference_deg"] = worst
        checks["region_match_counts"] = {m: sum(1 for u in units if u["region_match"] == m)
                                         for m in ("within", "nearest", "outside")}
        checks.update(notes)
        cols = ["id", "population", "region", "region_match"] + extra_cols
        for c in DEMO_PLAN:
            cols += [f"{c}_dist_m", f"{c}_nearest_id"]
        fams[key] = {
            "encodings": [{"file": f, "what": what, "columns": opts, "sha256": sha256(REPO / f)}
                          for f, what, opts in files],
            "unit_count": len(units), "population": sum(u["pop"] for u in units),
            "units": table(unit_rows, cols),
            "summary": summary,
            "services": crit,
            "checks": checks,
        }
    return {
        "description": "Oracle for servicegap population grids on the Arjeplog-Skelleftea demo: family A = "
                       "SCB 1 km cells (three encodings), family B = the same people re-aggregated to "
                       "INSPIRE/GEOSTAT EPSG:3035 1 km cells (four encodings). Generated by "
                       "Scripts/oracle/grid_oracle.py; do not edit by hand.",
        "conventions": conventions(),
        "inputs": {
            "services": "fixtures/demo_arjeplog_skelleftea/services.geojson",
            "regions": "fixtures/demo_arjeplog_skelleftea/kommuner.geojson",
            "sha256": {
                "services.geojson": sha256(DEMO_DIR / "services.geojson"),
                "kommuner.geojson": sha256(DEMO_DIR / "kommuner.geojson"),
            },
        },
        "categories": list(DEMO_PLAN),
        "thresholds": plan_json(DEMO_PLAN),
        "regions": [{"id": r["id"], "name": r["name"]} for r in regions],
        "families": fams,
    }


def build_groups():
    services = load_sweden_services()
    regions = load_regions(SWEDEN_DIR / "kommuner.geojson")
    units, worst, notes = load_family_c()
    unit_rows, summary, crit, checks = analyse(units, services, regions, GROUPS_PLAN, groups=GROUP_COLUMNS)
    for r, u in zip(unit_rows, units):
        for g in GROUP_COLUMNS:
            r[g] = u["groups"][g]
    checks["encodings_max_point_difference_deg"] = worst
    checks["region_match_counts"] = {m: sum(1 for u in units if u["region_match"] == m)
                                     for m in ("within", "nearest", "outside")}
    checks.update(notes)
    with_units = {u["region"] for u in units}
    summary = [row for row in summary if row["region"] in with_units or row["region"] == "ALL"]
    cols = ["id", "population"] + GROUP_COLUMNS + ["region", "region_match"]
    for c in GROUPS_PLAN:
        cols += [f"{c}_dist_m", f"{c}_nearest_id"]
    return {
        "description": "Oracle for servicegap population groups and equity: 200 SCB 1 km cells with kvinna/man "
                       "(family C) against the Sweden services and municipalities. Generated by "
                       "Scripts/oracle/grid_oracle.py; do not edit by hand.",
        "conventions": conventions(),
        "inputs": {
            "units": [{"file": "fixtures/grid/scb_cells_200_sample.gpkg", "layer": "population_test",
                       "columns": {"id": "rutid_scb", "population": "beftotalt", "groups": "kvinna,man"},
                       "crs_override": "EPSG:3006",
                       "sha256": sha256(GRID_DIR / "scb_cells_200_sample.gpkg")},
                      {"file": "fixtures/grid/scb_cells_200_lonlat.csv",
                       "columns": {"id": "id", "population": "beftotalt", "groups": "kvinna,man", "x": "lon", "y": "lat"},
                       "sha256": sha256(GRID_DIR / "scb_cells_200_lonlat.csv")}],
            "services": "fixtures/sweden/services_sweden.csv",
            "regions": "fixtures/sweden/kommuner.geojson",
            "sha256": {
                "services_sweden.csv": sha256(SWEDEN_DIR / "services_sweden.csv"),
                "kommuner.geojson": sha256(SWEDEN_DIR / "kommuner.geojson"),
            },
        },
        "categories": list(GROUPS_PLAN),
        "thresholds": plan_json(GROUPS_PLAN),
        "groups": GROUP_COLUMNS,
        "summary_regions_note": "only regions holding at least one unit, in kommuner.geojson order, then "
                                "'outside' if any unit is outside, then ALL; the other regions have population 0",
        "unit_count": len(units), "population": sum(u["pop"] for u in units),
        "units": table(unit_rows, cols),
        "summary": summary,
        "services": [c for c in crit if c["nearest_units"] > 0],
        "services_note": "criticality only for services that are the nearest of at least one unit; every other "
                         "service of the category has added_person_km 0, orphaned_pop 0 and sole_pop 0",
        "checks": checks,
    }


def conventions():
    return {
        "distance": "geodesic WGS84 (pyproj Geod.inv) from the unit point to every service of the category; "
                    "ties at exactly equal distance -> lexicographically smallest service id",
        "unit_point": "cell centre (lower-left corner + size/2) in the grid's CRS, to lon/lat with pyproj always_xy",
        "region": "region polygon (EPSG:3006) covering the unit point, first in file order; else nearest within "
                  "1000 m; else 'outside'",
        "summary": "over units with population > 0; quantile = distance of the first unit (sorted by distance, "
                   "unreachable last) with cum_pop >= q*total, null on an unreachable unit; beyond = dist > t "
                   "(unreachable counts beyond); max null when any person is unreachable",
        "equity": "gini = sum_i sum_j w_i w_j |x_i-x_j| / (2 W^2 mean) over reachable units (exact rational "
                  "arithmetic, 0 when the mean is 0, null with no reachable people); p90_p50 = p90/median on the "
                  "unrounded distances; person_km = sum pop*dist_km over reachable units",
        "criticality": "per service: units whose nearest is it; second-nearest = nearest of the other services "
                       "of the category (its distance equals the nearest's when two services tie); "
                       "added_person_km = sum pop*(d2-d1)/1000; orphaned_pop = pop of those units with no other "
                       "service; sole_pop_<t> = pop with d1 <= t and (no second or d2 > t)",
        "rounding": "dist_m 6 dp; mean/median/p90/max km 9 dp; person_km, added_person_km 6 dp; shares, gini, "
                    "p90_p50, services_per_1000 12 dp; populations integers",
        "units_table": "units.columns names the entries of every units.rows row",
    }


# --------------------------------------------------------------------------- main

def dump(obj) -> str:
    """Sorted keys, indent 1, but each row of a `units` table on one line."""
    rows_text = {}

    def swap(o):
        if isinstance(o, dict):
            out = {}
            for k, v in o.items():
                if k == "units" and isinstance(v, dict) and "rows" in v:
                    keyed = []
                    for r in v["rows"]:
                        tag = f"@@ROW{len(rows_text)}@@"
                        rows_text[tag] = json.dumps(r, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
                        keyed.append(tag)
                    out[k] = {"columns": v["columns"], "rows": keyed}
                else:
                    out[k] = swap(v)
            return out
        if isinstance(o, list):
            return [swap(x) for x in o]
        return o

    text = json.dumps(swap(obj), sort_keys=True, indent=1, ensure_ascii=False, allow_nan=False) + "\n"
    text = re.sub(r'"(@@ROW\d+@@)"', lambda m: rows_text[m.group(1)], text)
    json.loads(text)
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    ap.add_argument("--build-fixtures", action="store_true",
                    help="(re)make fixtures/grid/ from --source-dir before computing the oracle")
    ap.add_argument(
        "--source-dir", type=Path,
        help="with --build-fixtures: the folder holding befolkning_1km_2024.csv and "
        "scb_cells_200_sample.gpkg (fixtures/grid/README.md names their sources)")
    args = ap.parse_args()
    if args.build_fixtures:
        if args.check:
            ap.error("--build-fixtures and --check exclude each other")
        if args.source_dir is None:
            ap.error("--build-fixtures needs --source-dir: the folder with SCB's grid files")
        build_fixtures(args.source_dir)
    outputs = {
        "grid_demo.json": dump(build_demo()),
        "grid_groups.json": dump(build_groups()),
    }
    status = 0
    for name, text in outputs.items():
        status |= write_or_check(args.out / name, text, args.check)
    return status


if __name__ == "__main__":
    sys.exit(main())
