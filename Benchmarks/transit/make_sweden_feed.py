#!/usr/bin/env python3
"""Sweden-size synthetic GTFS feed for timing servicegap's public-transport mode.

Deterministic per --seed (same arguments -> byte-identical zip). Python standard library +
numpy; pyproj is used for EPSG:3006 -> WGS84 when installed, otherwise the closed-form
inverse transverse Mercator of Lantmaeteriet ("Gauss Krueger projection formulas", the
series to 4th order, sub-millimetre for Sweden) is used. See Benchmarks/transit/README.md.

  python3 Benchmarks/transit/make_sweden_feed.py --out /tmp/sweden_synthetic.zip
  python3 Benchmarks/transit/make_sweden_feed.py --out /tmp/s.zip --stops 50000 --stop-times 1000000
  python3 Benchmarks/transit/make_sweden_feed.py --check /tmp/s.zip     # validate an existing zip

What it builds (all geometry in SWEREF 99 TM metres, written as lon/lat):

* stop areas (GTFS stations, location_type 1) placed in populated cells of SCB's 1 km grid,
  areas per cell ~ multinomial with weight population^0.6, uniform inside the cell; each
  area has 1 or 2 stop points (location_type 0, parent_station = the area; two points =
  both sides of the road, used by the two directions). --stops counts stop points.
* local bus routes (route_type 700): nearest-neighbour walks over the areas that prefer
  areas no route serves yet and penalise turning back, until every area is served;
  5 % of the most rural ones become on-demand 715, 2 % 1501 (booking; pickup/drop-off 2).
* regional buses (700) chaining the largest area of neighbouring municipalities, and a
  few rail routes (2 and 100) between stations (2 platforms each) of the largest towns.
* headways 10-120 min from 05:00-06:30 to 22:00-23:00, shorter where more people live,
  one global factor tuned by bisection so that the stop times on --date hit --stop-times;
  a quarter of the routes have a last trip leaving 23:15-23:55 that runs past 24:00.
  Bus speeds 40-80 km/h (rail 70-120) on straight lines x 1.25; times at timepoints (every
  4th stop, ends) on whole minutes, stops in between interpolated to the second.
* frequencies.txt for the most frequent urban routes (one template trip per direction,
  five periods, exact_times 0 and 1), weekend (HELG) trips that do not run on a Tuesday,
  school trips (SKOLA1/SKOLA2 with holiday removals), a service removed on 2023-01-17
  (BANARBETE) and an extra service added only by calendar_dates (EVENT).
* transfers.txt: type 2 station rules (area -> same area, rail station -> station and
  hub area <-> rail station), type 2 and a few type 3 between nearby stop points of
  different areas, a few stop-level self rules, and type 1 trip-to-trip rows (ignored by
  routers for minimum times).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import math
import sys
import time
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
DEFAULT_GRID = REPO / "fixtures" / "sweden" / "befolkning_1km_2024.csv"
ZIP_DATE = (2023, 1, 1, 0, 0, 0)
FEED_START, FEED_END = "20230101", "20231231"
HOLIDAYS_2023 = ["20230106", "20230407", "20230410", "20230501", "20230518", "20230606",
                 "20230623", "20231225", "20231226"]
SCHOOL_BREAKS = ["20230220", "20230221", "20230222", "20230223", "20230224",
                 "20230411", "20230412", "20230413", "20230414",
                 "20231030", "20231031", "20231101", "20231102", "20231103"]
DETOUR = 1.25
STOP_NAMES = ["Centrum", "Skolan", "Kyrkan", "Torget", "Vägskälet", "Byn", "Affären",
              "Stationen", "Norra", "Södra", "Östra", "Västra", "Bron", "Hamnen", "Vårdcentralen",
              "Idrottsplatsen", "Korsvägen", "Gården", "Backen", "Skogen"]


# --------------------------------------------------------------------------- projection

def sweref_to_wgs84(e, n):
    """EPSG:3006 easting/northing (arrays, metres) -> lon, lat (degrees)."""
    try:
        from pyproj import Transformer
        tr = Transformer.from_crs("EPSG:3006", "EPSG:4326", always_xy=True)
        lon, lat = tr.transform(np.asarray(e, float), np.asarray(n, float))
        return np.asarray(lon), np.asarray(lat), "pyproj"
    except ImportError:
        return (*_gauss_krueger_inverse(np.asarray(e, float), np.asarray(n, float)), "gauss-krueger")


def _gauss_krueger_inverse(x_e, y_n):
    """Lantmaeteriet's inverse Gauss-Krueger formulas, GRS80, SWEREF 99 TM parameters
    (central meridian 15 E, scale 0.9996, false easting 500 km)."""
    a, f = 6378137.0, 1.0 / 298.257222101
    lon0, k0, fn, fe = math.radians(15.0), 0.9996, 0.0, 500000.0
    e2 = f * (2.0 - f)
    n = f / (2.0 - f)
    a_roof = a / (1.0 + n) * (1.0 + n * n / 4.0 + n ** 4 / 64.0)
    d1 = n / 2.0 - 2.0 * n ** 2 / 3.0 + 37.0 * n ** 3 / 96.0 - n ** 4 / 360.0
    d2 = n ** 2 / 48.0 + n ** 3 / 15.0 - 437.0 * n ** 4 / 1440.0
    d3 = 17.0 * n ** 3 / 480.0 - 37.0 * n ** 4 / 840.0
    d4 = 4397.0 * n ** 4 / 161280.0
    astar = e2 + e2 ** 2 + e2 ** 3 + e2 ** 4
    bstar = -(7.0 * e2 ** 2 + 17.0 * e2 ** 3 + 30.0 * e2 ** 4) / 6.0
    cstar = (224.0 * e2 ** 3 + 889.0 * e2 ** 4) / 120.0
    dstar = -(4279.0 * e2 ** 4) / 1260.0
    xi = (y_n - fn) / (k0 * a_roof)
    eta = (x_e - fe) / (k0 * a_roof)
    xp = (xi - d1 * np.sin(2 * xi) * np.cosh(2 * eta) - d2 * np.sin(4 * xi) * np.cosh(4 * eta)
          - d3 * np.sin(6 * xi) * np.cosh(6 * eta) - d4 * np.sin(8 * xi) * np.cosh(8 * eta))
    ep = (eta - d1 * np.cos(2 * xi) * np.sinh(2 * eta) - d2 * np.cos(4 * xi) * np.sinh(4 * eta)
          - d3 * np.cos(6 * xi) * np.sinh(6 * eta) - d4 * np.cos(8 * xi) * np.sinh(8 * eta))
    phi_star = np.arcsin(np.sin(xp) / np.cosh(ep))
    dlon = np.arctan(np.sinh(ep) / np.cos(xp))
    s = np.sin(phi_star)
    phi = phi_star + s * np.cos(phi_star) * (astar + bstar * s ** 2 + cstar * s ** 4 + dstar * s ** 6)
    return np.degrees(lon0 + dlon), np.degrees(phi)


# --------------------------------------------------------------------------- inputs

def load_grid(path: Path):
    e, n, pop, kod, name = [], [], [], [], []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rid = row["rutid_scb"]
            size = float(row.get("rutstorl") or 1000)
            if size != 1000:
                continue
            p = int(row["beftotalt"])
            if p <= 0:
                continue
            e.append(int(rid[:6]))
            n.append(int(rid[6:]))
            pop.append(p)
            kod.append(row["kommun_kod"])
            name.append(row["kommun"])
    return (np.array(e, float), np.array(n, float), np.array(pop, float), kod, name)


# --------------------------------------------------------------------------- helpers

def hms_table(max_hours=48):
    return [f"{t // 3600:02d}:{t % 3600 // 60:02d}:{t % 60:02d}" for t in range(max_hours * 3600)]


def knn(x, y, k, tile=20000.0, chunk=256):
    """k nearest other points of every point -> (idx, dist), brute force per spatially compact
    chunk against the points of its bounding box widened by w; w doubles until the k-th
    distance of every row is <= w (then no point outside the box can be nearer)."""
    pts = np.column_stack([x, y]).astype(np.float64)
    n = len(pts)
    k = min(k, n - 1)
    idx = np.empty((n, k), np.int64)
    dist = np.empty((n, k), np.float64)
    order = np.lexsort((pts[:, 0], np.floor(pts[:, 1] / tile)))
    for lo in range(0, n, chunk):
        rows = order[lo:lo + chunk]
        q = pts[rows]
        (x0, y0), (x1, y1) = q.min(0), q.max(0)
        w = 5000.0
        while True:
            sel = np.nonzero((pts[:, 0] >= x0 - w) & (pts[:, 0] <= x1 + w)
                             & (pts[:, 1] >= y0 - w) & (pts[:, 1] <= y1 + w))[0]
            if len(sel) > k:
                d2 = ((q[:, None, :] - pts[None, sel, :]) ** 2).sum(-1)
                d2[sel[None, :] == rows[:, None]] = np.inf
                part = np.argpartition(d2, k, axis=1)[:, :k]
                pd = np.take_along_axis(d2, part, 1)
                if np.sqrt(pd.max()) <= w or len(sel) == n:
                    srt = np.argsort(pd, axis=1, kind="stable")
                    idx[rows] = sel[np.take_along_axis(part, srt, 1)]
                    dist[rows] = np.sqrt(np.take_along_axis(pd, srt, 1))
                    break
            w *= 2.0
    return idx, dist


# --------------------------------------------------------------------------- the feed model

class Route:
    __slots__ = ("rid", "rtype", "kind", "areas", "speed", "hbase", "h", "start", "end", "late",
                 "freq", "service", "dens", "offsets", "agency", "extra")

    def __init__(self, rid, rtype, kind, areas, speed, dens):
        self.rid, self.rtype, self.kind, self.areas = rid, rtype, kind, areas
        self.speed, self.dens = speed, dens
        self.hbase = 60.0
        self.h = 60
        self.start, self.end = 6 * 60, 22 * 60
        self.late = None
        self.freq = False
        self.service = "VARDAG"
        self.offsets = {}
        self.agency = ""
        self.extra = None


FREQ_PERIODS = [(None, 7 * 60, 2.0), (7 * 60, 9 * 60, 1.0), (9 * 60, 15 * 60, 1.5),
                (15 * 60, 18 * 60, 1.0), (18 * 60, None, 2.0)]


def nearest_walk(xs, ys, start, target, weight, max_leg):
    """A route of up to `target` points from `start`: each step to the unvisited point with
    the smallest distance x weight (weights penalise points other routes already use),
    stopping at a leg longer than `max_leg` metres."""
    path = [start]
    cur = start
    while len(path) < target:
        d = np.hypot(xs - xs[cur], ys - ys[cur]) * weight
        d[path] = np.inf
        j = int(np.argmin(d))
        if not np.isfinite(d[j]) or math.hypot(xs[j] - xs[cur], ys[j] - ys[cur]) > max_leg:
            break
        path.append(j)
        cur = j
    return path


def departures(r: Route, h=None):
    """Departure minutes of the first stop for one direction on a VARDAG day: explicit trips,
    or for a frequency route the instances (start while < end, step headway) of its periods."""
    h = r.h if h is None else h
    if r.freq:
        out = []
        for a, b, mult in FREQ_PERIODS:
            a = r.start if a is None else a
            b = r.end + 1 if b is None else b
            hh = int(min(120, max(5, round(h * mult))))
            out.extend(range(a, b, hh))
        return out
    out = list(range(r.start, r.end + 1, h))
    if r.late is not None:
        out.append(r.late)
    return out


def freq_rows(r: Route):
    rows = []
    for i, (a, b, mult) in enumerate(FREQ_PERIODS):
        a = r.start if a is None else a
        b = r.end + 1 if b is None else b
        hh = int(min(120, max(5, round(r.h * mult))))
        rows.append((a * 60, b * 60, hh * 60, i % 2))
    return rows


def build(args):
    t0 = time.time()
    rng = np.random.default_rng(args.seed)
    ge, gn, gpop, gkod, gname = load_grid(Path(args.grid))
    ncell = len(gpop)

    # ---- stop areas and stop points
    n_points = args.stops
    n_rail_st = args.rail_stations
    n_bus_points = n_points - 2 * n_rail_st
    n_areas = int(round(n_bus_points / 1.55))
    n_two = n_bus_points - n_areas
    w = gpop ** 0.6
    per_cell = rng.multinomial(n_areas, w / w.sum())
    cell_of = np.repeat(np.arange(ncell), per_cell)
    ax = ge[cell_of] + rng.uniform(30, 970, n_areas)
    ay = gn[cell_of] + rng.uniform(30, 970, n_areas)
    adens = gpop[cell_of]
    # areas with two points: the denser ones preferentially
    pw = adens ** 0.5
    two = np.zeros(n_areas, bool)
    two[rng.choice(n_areas, size=n_two, replace=False, p=pw / pw.sum())] = True
    akod = [gkod[c] for c in cell_of]
    aname = [gname[c] for c in cell_of]

    # kommun hubs: the area in the most populated cell of each kommun
    hub_of = {}
    for i in range(n_areas):
        k = akod[i]
        if k not in hub_of or adens[i] > adens[hub_of[k]]:
            hub_of[k] = i
    kommun_pop = defaultdict(float)
    for c in range(ncell):
        kommun_pop[gkod[c]] += gpop[c]
    hubs = sorted(hub_of.values())

    # rail stations next to the hubs of the most populated kommuner
    top = sorted(hub_of, key=lambda k: (-kommun_pop[k], k))[:n_rail_st]
    rail_hub = [hub_of[k] for k in top]
    ang = rng.uniform(0, 2 * math.pi, n_rail_st)
    rx = ax[rail_hub] + 150 * np.cos(ang)
    ry = ay[rail_hub] + 150 * np.sin(ang)

    # stop points: area points then rail platforms
    px, py, parea, pdir = [], [], [], []   # parea: area index (rail: n_areas + s)
    for i in range(n_areas):
        if two[i]:
            a = rng.uniform(0, math.pi)
            for d, sgn in ((0, 1), (1, -1)):
                px.append(ax[i] + sgn * 15 * math.cos(a))
                py.append(ay[i] + sgn * 15 * math.sin(a))
                parea.append(i)
                pdir.append(d)
        else:
            px.append(ax[i])
            py.append(ay[i])
            parea.append(i)
            pdir.append(-1)
    for s in range(n_rail_st):
        for d, sgn in ((0, 1), (1, -1)):
            px.append(rx[s] + sgn * 8)
            py.append(ry[s])
            parea.append(n_areas + s)
            pdir.append(d)
    px, py = np.array(px), np.array(py)
    point_of = {}   # (area, dir) -> point index
    for pi, (a, d) in enumerate(zip(parea, pdir)):
        if d == -1:
            point_of[(a, 0)] = pi
            point_of[(a, 1)] = pi
        else:
            point_of[(a, d)] = pi

    t_areas = time.time()
    nbr_idx, nbr_d = knn(ax, ay, 16)
    t_knn = time.time()

    # ---- local routes: coverage-seeking nearest-neighbour walks
    routes = []
    covered = np.zeros(n_areas, np.int32)
    order = rng.permutation(n_areas)

    def new_route(rtype, kind, areas, speed, dens):
        r = Route(f"R{len(routes) + 1:05d}", rtype, kind, areas, speed, dens)
        routes.append(r)
        return r

    for start in order.tolist():
        if covered[start]:
            continue
        urban = adens[start] >= 500
        target = int(rng.integers(10, 36)) if urban else int(rng.integers(5, 26))
        path = [start]
        inroute = {start}
        cur = start
        vx = vy = 0.0
        while len(path) < target:
            best, best_s = -1, math.inf
            for j, d in zip(nbr_idx[cur].tolist(), nbr_d[cur].tolist()):
                if j in inroute or d > 25000:
                    continue
                dx, dy = ax[j] - ax[cur], ay[j] - ay[cur]
                back = 0.0
                if (vx or vy) and d > 0:
                    back = (1.0 - (dx * vx + dy * vy) / (d * math.hypot(vx, vy))) / 2.0
                sc = (d + 50.0) * (1.0 + 2.0 * back) * (1.0 + 4.0 * min(int(covered[j]), 2))
                if sc < best_s:
                    best, best_s = j, sc
            if best < 0:
                break
            vx, vy = ax[best] - ax[cur], ay[best] - ay[cur]
            path.append(best)
            inroute.add(best)
            cur = best
            if covered[best] and len(path) >= 4:
                break                      # reached served territory: end at the connection
        if len(path) == 1:
            # isolated: join the nearest area whatever its coverage (within 60 km)
            j, d = int(nbr_idx[start][0]), float(nbr_d[start][0])
            if d > 60000:
                continue
            path.append(j)
        for a in path:
            covered[a] += 1
        dens = float(np.mean(adens[path]))
        speed = float(rng.uniform(40, 52)) if dens >= 1000 else float(rng.uniform(50, 80))
        new_route(700, "local", path, speed, dens)

    # ---- regional buses over kommun hubs
    hx, hy = ax[hubs], ay[hubs]
    hub_used = np.zeros(len(hubs), np.int32)
    for k in rng.permutation(len(hubs)).tolist():
        if hub_used[k] >= 2:
            continue
        target = int(rng.integers(3, 8))
        path = nearest_walk(hx, hy, k, target, 1.0 + hub_used, max_leg=90000)
        if len(path) < 2:
            continue
        for j in path:
            hub_used[j] += 1
        # intermediate areas: the nearest area to the 1/3 and 2/3 points of each leg
        areas = [hubs[path[0]]]
        for a, b in zip(path, path[1:]):
            for f in (1 / 3, 2 / 3):
                mx = hx[a] + f * (hx[b] - hx[a])
                my = hy[a] + f * (hy[b] - hy[a])
                # nearest among the hub's 16 neighbours and the neighbours of those is cheap
                # enough: brute force on a coarse window
                sel = np.nonzero((np.abs(ax - mx) < 5000) & (np.abs(ay - my) < 5000))[0]
                if len(sel):
                    j = int(sel[np.argmin(np.hypot(ax[sel] - mx, ay[sel] - my))])
                    if j not in areas and j != hubs[b]:
                        areas.append(j)
            if hubs[b] not in areas:
                areas.append(hubs[b])
        dens = float(np.mean(adens[areas]))
        new_route(700, "regional", areas, float(rng.uniform(70, 80)), dens)

    # ---- rail over stations
    rail_used = np.zeros(n_rail_st, np.int32)
    n_rail_routes = 0
    for k in rng.permutation(n_rail_st).tolist():
        if n_rail_routes >= args.rail_routes:
            break
        if rail_used[k]:
            continue
        target = int(rng.integers(3, 11))
        path = nearest_walk(rx, ry, k, target, 1.0 + 0.5 * rail_used, max_leg=200000)
        if len(path) < 2:
            continue
        for j in path:
            rail_used[j] += 1
        rtype = 2 if n_rail_routes % 2 == 0 else 100
        new_route(rtype, "rail", [n_areas + j for j in path], float(rng.uniform(70, 120)), 0.0)
        n_rail_routes += 1

    # ---- on-demand: the most rural local routes
    local = [r for r in routes if r.kind == "local"]
    rural = sorted(local, key=lambda r: (r.dens, r.rid))
    n715 = int(0.05 * len(local))
    n1501 = int(0.02 * len(local))
    for r in rural[:n715]:
        r.rtype, r.kind = 715, "ondemand"
    for r in rural[n715:n715 + n1501]:
        r.rtype, r.kind = 1501, "ondemand"

    # ---- geometry of a direction: offsets (arrival, departure) in seconds
    def coords(a):
        if a >= n_areas:
            s = a - n_areas
            return rx[s], ry[s]
        return ax[a], ay[a]

    for r in routes:
        for d in (0, 1):
            seq = r.areas if d == 0 else r.areas[::-1]
            xy = np.array([coords(a) for a in seq])
            seg = np.hypot(np.diff(xy[:, 0]), np.diff(xy[:, 1])) * DETOUR
            t = np.concatenate([[0.0], np.cumsum(seg / (r.speed / 3.6))])
            L = len(seq)
            tp = np.zeros(L, bool)
            tp[::4] = True
            tp[-1] = True
            arr = np.empty(L)
            # timepoints on whole minutes (at least one minute after the previous one when
            # the road is longer than 0), the others interpolated by time between them
            tpi = np.nonzero(tp)[0]
            tpt = np.round(t[tpi] / 60.0) * 60.0
            for q in range(1, len(tpt)):
                tpt[q] = max(tpt[q], tpt[q - 1] + (60.0 if t[tpi[q]] > t[tpi[q - 1]] else 0.0))
            arr[tpi] = tpt
            for q in range(len(tpi) - 1):
                a0, a1 = tpi[q], tpi[q + 1]
                span = t[a1] - t[a0]
                for m in range(a0 + 1, a1):
                    frac = (t[m] - t[a0]) / span if span > 0 else 0.0
                    arr[m] = math.floor(tpt[q] + frac * (tpt[q + 1] - tpt[q]))
            dep = arr.copy()
            # a dwell of one minute at some intermediate timepoints (arrival < departure)
            for m in tpi[1:-1].tolist():
                if (m * 7 + len(r.rid)) % 5 == 0:
                    dep[m:] += 60.0
                    arr[m + 1:] += 60.0
            r.offsets[d] = (seq, arr.astype(np.int64), dep.astype(np.int64), tp)

    # ---- service spans and base headways
    for r in routes:
        if r.kind == "rail":
            r.hbase = float(rng.choice([60, 90, 120]))
            r.start = int(rng.integers(5 * 60, 6 * 60))
            r.end = int(rng.integers(21 * 60, 23 * 60))
        elif r.kind == "ondemand":
            r.hbase = 120.0
            r.start = int(rng.integers(6 * 60 + 30, 8 * 60))
            r.end = int(rng.integers(17 * 60, 20 * 60))
        else:
            r.hbase = 150.0 / (1.0 + (max(r.dens, 1.0) / 200.0) ** 0.8)
            if r.kind == "regional":
                r.hbase = max(r.hbase, 60.0)
            if r.kind == "local" and r.dens < 100:      # rural: a day service
                r.start = int(rng.integers(6 * 60, 7 * 60 + 31))
                r.end = int(rng.integers(17 * 60, 20 * 60 + 1))
            else:
                r.start = int(rng.integers(5 * 60, 6 * 60 + 31))
                r.end = int(rng.integers(22 * 60, 23 * 60 + 1))
            if r.end >= 22 * 60 and rng.random() < 0.25:
                r.late = int(rng.integers(23 * 60 + 15, 23 * 60 + 56))
    # services other than VARDAG
    for r in routes:
        u = rng.random()
        if r.kind == "local" and u < 0.01:
            r.service = "BANARBETE"        # removed on 2023-01-17 by calendar_dates
        elif r.kind == "ondemand" and u < 0.3:
            r.service = "TITO"             # Tuesdays and Thursdays
    # the frequency routes: the densest local routes (decided after tuning, by rank)
    scaled = [r for r in routes if r.kind in ("local", "regional")]
    day = dt.date.fromisoformat(args.date)
    on_day = lambda r: r.service in day_services  # noqa: E731

    # services active on the day (same rules as the readers: calendar, then calendar_dates)
    calendar, calendar_dates = calendar_tables()
    day_services = services_on(calendar, calendar_dates, day)

    def h_of(r, f):
        return int(min(120, max(10, round(r.hbase * f))))

    dense = sorted([r for r in scaled if r.kind == "local"], key=lambda r: (-r.dens, r.rid))
    for r in dense[:args.frequency_routes]:
        r.freq = True

    def total(f):
        s = 0
        for r in routes:
            if not on_day(r):
                continue
            h = h_of(r, f) if r in scaled_set else int(r.hbase)
            s += len(departures(r, h)) * (len(r.offsets[0][0]) + len(r.offsets[1][0]))
        return s

    scaled_set = set(scaled)
    # school trips: 10 % of rural local routes get two extra trips (07:05, 15:20) on SKOLA1/2
    school = [r for r in local if r.kind == "local" and r.dens < 100 and rng.random() < 0.25]
    school_st = sum(2 * (len(r.offsets[0][0]) + len(r.offsets[1][0])) for r in school)
    target = args.stop_times - (school_st if "SKOLA1" in day_services else 0)
    lo, hi = 0.02, 50.0
    for _ in range(50):
        mid = math.sqrt(lo * hi)
        if total(mid) > target:
            lo = mid
        else:
            hi = mid
    f = hi if abs(total(hi) - target) <= abs(total(lo) - target) else lo
    for r in routes:
        r.h = h_of(r, f) if r in scaled_set else int(r.hbase)
    t_routes = time.time()

    # ---- write the tables
    lon, lat, proj = sweref_to_wgs84(np.concatenate([px, ax, rx]), np.concatenate([py, ay, ry]))
    plon, plat = lon[:len(px)], lat[:len(px)]
    alon, alat = lon[len(px):len(px) + n_areas], lat[len(px):len(px) + n_areas]
    slon, slat = lon[len(px) + n_areas:], lat[len(px) + n_areas:]
    lan_of_area = [k[:2] for k in akod] + [akod[rail_hub[s]][:2] for s in range(n_rail_st)]

    def area_id(a):
        return f"9021{lan_of_area[a]}{a:010d}" if a < n_areas else f"9021{lan_of_area[a]}9{a - n_areas:09d}"

    point_ids = [f"9022{lan_of_area[a]}{i:010d}" for i, a in enumerate(parea)]
    out = {}
    buf = io.StringIO()
    buf.write("stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station,platform_code\n")
    name_counter = Counter()

    def area_name(a):
        if a >= n_areas:
            return f"{aname[rail_hub[a - n_areas]]} Centralstation"
        base = f"{aname[a]} {STOP_NAMES[a % len(STOP_NAMES)]}"
        name_counter[base] += 1
        return base if name_counter[base] == 1 else f"{base} {name_counter[base]}"

    names = [area_name(a) for a in range(n_areas + n_rail_st)]
    for a in range(n_areas):
        buf.write(f"{area_id(a)},{names[a]},{alat[a]:.6f},{alon[a]:.6f},1,,\n")
    for s in range(n_rail_st):
        buf.write(f"{area_id(n_areas + s)},{names[n_areas + s]},{slat[s]:.6f},{slon[s]:.6f},1,,\n")
    for i in range(len(px)):
        a = parea[i]
        plat_code = "" if pdir[i] == -1 else ("A" if pdir[i] == 0 else "B")
        if a >= n_areas:
            plat_code = str(pdir[i] + 1)
        buf.write(f"{point_ids[i]},{names[a]},{plat[i]:.6f},{plon[i]:.6f},0,{area_id(a)},{plat_code}\n")
    out["stops.txt"] = buf.getvalue()

    lans = sorted(set(lan_of_area))
    out["agency.txt"] = ("agency_id,agency_name,agency_url,agency_timezone,agency_lang\n" + "".join(
        f"A{l},Syntetisk länstrafik {l},https://example.invalid/{l},Europe/Stockholm,sv\n" for l in lans)
        + "ARAIL,Syntetiska tåg,https://example.invalid/rail,Europe/Stockholm,sv\n")
    out["feed_info.txt"] = ("feed_id,feed_publisher_name,feed_publisher_url,feed_lang,feed_version\n"
                            f"SE-synthetic,servicegap benchmark,https://example.invalid,sv,seed-{args.seed}\n")

    buf = io.StringIO()
    buf.write("route_id,agency_id,route_short_name,route_long_name,route_type,route_desc\n")
    for r in routes:
        ag = "ARAIL" if r.kind == "rail" else f"A{lan_of_area[r.areas[0]]}"
        r.agency = ag
        long_name = f"{names[r.areas[0]]} - {names[r.areas[-1]]}"
        buf.write(f"{r.rid},{ag},{int(r.rid[1:])},{long_name},{r.rtype},{r.kind}\n")
    out["routes.txt"] = buf.getvalue()

    # calendar
    buf = io.StringIO()
    buf.write("service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n")
    for sid, flags, a, b in calendar:
        buf.write(f"{sid},{','.join(str(x) for x in flags)},{a},{b}\n")
    out["calendar.txt"] = buf.getvalue()
    out["calendar_dates.txt"] = "service_id,date,exception_type\n" + "".join(
        f"{s},{d},{e}\n" for s, d, e in calendar_dates)

    # trips, stop_times, frequencies
    T = hms_table()
    trips_buf = io.StringIO()
    trips_buf.write("route_id,service_id,trip_id,trip_headsign,direction_id,shape_id\n")
    st_buf = io.StringIO()
    st_buf.write("trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type,timepoint\n")
    fq_buf = io.StringIO()
    fq_buf.write("trip_id,start_time,end_time,headway_secs,exact_times\n")
    stats = Counter()
    trip_ids_by_stop_route = {}

    def emit(r, d, service, deps_min, tag):
        seq, arr, dep, tp = r.offsets[d]
        L = len(seq)
        pts = [point_of[(a, d)] for a in seq]
        od = r.kind == "ondemand"
        suffix = []
        for k in range(L):
            pu = 1 if k == L - 1 else (2 if od else 0)
            do = 1 if k == 0 else (2 if od else 0)
            suffix.append(f",{point_ids[pts[k]]},{k + 1},{pu},{do},{1 if tp[k] else 0}\n")
        head = names[seq[-1]]
        ids = []
        for q, m in enumerate(deps_min):
            tid = f"{r.rid}{tag}{d}{q:03d}"
            ids.append(tid)
            trips_buf.write(f"{r.rid},{service},{tid},{head},{d},\n")
            base = m * 60
            w = st_buf.write
            for k in range(L):
                w(tid + "," + T[base + arr[k]] + "," + T[base + dep[k]] + suffix[k])
            stats["stop_times_rows"] += L
            stats["trips_rows"] += 1
        return ids

    t1_ids = []
    for r in routes:
        for d in (0, 1):
            if r.freq:
                ids = emit(r, d, r.service, [r.start], "F")
                for a, b, hs, ex in freq_rows(r):
                    fq_buf.write(f"{ids[0]},{T[a]},{T[b]},{hs},{ex}\n")
            else:
                ids = emit(r, d, r.service, departures(r), "V")
                if d == 0 and r.kind != "ondemand":
                    t1_ids.append((r, ids))
        if r.kind in ("local", "regional") and r.dens >= 300:
            hw = min(120, 2 * r.h)
            for d in (0, 1):
                emit(r, d, "HELG", list(range(r.start + 60, r.end - 60 + 1, hw)), "H")
    for i, r in enumerate(school):
        for d in (0, 1):
            emit(r, d, "SKOLA1", [7 * 60 + 5, 15 * 60 + 20], "S")
            emit(r, d, "SKOLA2", [7 * 60 + 10, 15 * 60 + 25], "T")
    # event trips: extra evening departures on a few dense local routes, EVENT service
    for r in dense[args.frequency_routes:args.frequency_routes + 10]:
        for d in (0, 1):
            emit(r, d, "EVENT", [21 * 60 + 30, 22 * 60 + 15], "E")
    out["trips.txt"] = trips_buf.getvalue()
    out["stop_times.txt"] = st_buf.getvalue()
    out["frequencies.txt"] = fq_buf.getvalue()

    # transfers
    buf = io.StringIO()
    buf.write("from_stop_id,to_stop_id,transfer_type,min_transfer_time,from_trip_id,to_trip_id\n")
    tcount = Counter()
    served_areas = sorted({a for r in routes for a in r.areas if a < n_areas})
    big = [a for a in served_areas if adens[a] >= 1500 or a in set(hubs)]
    for a in big:
        mt = 120 if adens[a] >= 3000 else 180
        buf.write(f"{area_id(a)},{area_id(a)},2,{mt},,\n")
        tcount["2 station->same station"] += 1
    for s in range(n_rail_st):
        st = area_id(n_areas + s)
        buf.write(f"{st},{st},2,300,,\n")
        hub = area_id(rail_hub[s])
        buf.write(f"{hub},{st},2,240,,\n{st},{hub},2,240,,\n")
        tcount["2 station->same station"] += 1
        tcount["2 hub area<->rail station"] += 2
    # stop point pairs of different areas within 400 m: type 2 (and a few type 3)
    n2 = n3 = 0
    for a in rng.permutation(n_areas).tolist():
        for j, d in zip(nbr_idx[a].tolist(), nbr_d[a].tolist()):
            if d > 400 or j == a:
                continue
            u = rng.random()
            if u < 0.04 and n3 < args.forbidden_transfers:
                p, q = point_of[(a, 0)], point_of[(j, 0)]
                buf.write(f"{point_ids[p]},{point_ids[q]},3,,,\n")
                n3 += 1
            elif u < 0.25 and n2 < args.min_time_transfers:
                p, q = point_of[(a, 0)], point_of[(j, 1)]
                buf.write(f"{point_ids[p]},{point_ids[q]},2,{int(rng.choice([60, 120, 180, 300]))},,\n")
                n2 += 1
    tcount["2 stop->other stop"] = n2
    tcount["3 stop->other stop"] = n3
    # stop-level self rules overriding the station rule
    for a in big[:: max(1, len(big) // 50)][:50]:
        p = point_of[(a, 0)]
        buf.write(f"{point_ids[p]},{point_ids[p]},2,60,,\n")
        tcount["2 stop->same stop"] += 1
    # timed transfers between consecutive trips of a route (type 1, trip-specific)
    for r, ids in t1_ids[:200]:
        if len(ids) >= 2:
            seq = r.offsets[0][0]
            p = point_ids[point_of[(seq[-1], 0)]]
            buf.write(f"{p},{p},1,,{ids[0]},{ids[1]}\n")
            tcount["1 trip->trip"] += 1
    out["transfers.txt"] = buf.getvalue()
    t_write = time.time()

    # ---- day statistics (from the model; --check recounts from the zip)
    day_trips = day_st = prev_overnight = 0
    prev_services = services_on(calendar, calendar_dates, day - dt.timedelta(days=1))
    rtypes = Counter()
    for r in routes:
        rtypes[r.rtype] += 1
    for r in routes:
        L2 = len(r.offsets[0][0]) + len(r.offsets[1][0])
        deps = departures(r)
        if r.service in day_services:
            day_trips += 2 * len(deps)
            day_st += len(deps) * L2
        if r.service in prev_services:
            for d in (0, 1):
                _, arr, dep, _ = r.offsets[d]
                prev_overnight += sum(1 for m in deps if m * 60 + int(dep[-1]) >= 24 * 3600)
    if "SKOLA1" in day_services:
        day_trips += 4 * len(school)
        day_st += school_st
    if "EVENT" in day_services:
        ev = dense[args.frequency_routes:args.frequency_routes + 10]
        day_trips += 4 * len(ev)
        day_st += sum(2 * (len(r.offsets[0][0]) + len(r.offsets[1][0])) for r in ev)

    summary = {
        "stop_points": len(px), "stop_areas": n_areas, "rail_stations": n_rail_st,
        "routes": len(routes), "routes_by_type": dict(sorted(rtypes.items())),
        "frequency_routes": sum(1 for r in routes if r.freq),
        "trips_rows": stats["trips_rows"], "stop_times_rows": stats["stop_times_rows"],
        "date": args.date, "services_on_date": sorted(day_services),
        "trips_on_date": day_trips, "stop_times_on_date": day_st,
        "previous_day_trips_past_24h": prev_overnight,
        "areas_served": len(served_areas), "headway_factor": round(f, 4),
        "route_stops_per_area": round(sum(len(r.areas) for r in routes) / (n_areas + n_rail_st), 3),
        "headway_min_percentiles_10_25_50_75_90": np.percentile(
            [r.h for r in routes], [10, 25, 50, 75, 90]).tolist(),
        "routes_per_headway_band": dict(Counter(
            "10-15" if r.h <= 15 else "16-30" if r.h <= 30 else "31-60" if r.h <= 60 else "61-120"
            for r in routes)),
        "transfers": dict(tcount), "projection": proj,
        "seconds": {"areas": round(t_areas - t0, 2), "knn": round(t_knn - t_areas, 2),
                    "routes": round(t_routes - t_knn, 2), "tables": round(t_write - t_routes, 2)},
    }
    return out, summary


def calendar_tables():
    cal = [
        ("VARDAG", (1, 1, 1, 1, 1, 0, 0), FEED_START, FEED_END),
        ("HELG", (0, 0, 0, 0, 0, 1, 1), FEED_START, FEED_END),
        ("TITO", (0, 1, 0, 1, 0, 0, 0), FEED_START, FEED_END),
        ("BANARBETE", (1, 1, 1, 1, 1, 0, 0), FEED_START, FEED_END),
        ("SKOLA1", (1, 1, 1, 1, 1, 0, 0), "20230109", "20230609"),
        ("SKOLA2", (1, 1, 1, 1, 1, 0, 0), "20230821", "20231220"),
    ]
    cd = []
    for d in HOLIDAYS_2023:
        cd.append(("VARDAG", d, 2))
        cd.append(("HELG", d, 1))
        cd.append(("BANARBETE", d, 2))
    for d in SCHOOL_BREAKS:
        cd.append(("SKOLA1" if d < "20230701" else "SKOLA2", d, 2))
    for d in ("20230116", "20230117", "20230118"):
        cd.append(("BANARBETE", d, 2))
    for d in ("20230117", "20230118"):
        cd.append(("EVENT", d, 1))
    return cal, cd


def services_on(calendar, calendar_dates, day: dt.date):
    ymd = day.strftime("%Y%m%d")
    active = {sid for sid, flags, a, b in calendar if a <= ymd <= b and flags[day.weekday()]}
    for sid, d, e in calendar_dates:
        if d == ymd:
            if e == 1:
                active.add(sid)
            else:
                active.discard(sid)
    return active


def write_zip(path: Path, tables):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w") as z:
        for name in sorted(tables):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, tables[name].encode("utf-8"), compresslevel=6)
    tmp.replace(path)


# --------------------------------------------------------------------------- check

def hms(s):
    h, m, x = s.split(":")
    return int(h) * 3600 + int(m) * 60 + int(x)


def check(path: Path, day: dt.date):
    """Re-reads the zip: referential integrity, non-decreasing times, counts on the day."""
    problems = []
    with zipfile.ZipFile(path) as z:
        read = lambda n: list(csv.DictReader(io.StringIO(z.read(n).decode("utf-8-sig"))))  # noqa: E731
        names = set(z.namelist())
        stops = read("stops.txt")
        routes = read("routes.txt")
        trips = read("trips.txt")
        cal = read("calendar.txt")
        cd = read("calendar_dates.txt")
        freqs = read("frequencies.txt") if "frequencies.txt" in names else []
        transfers = read("transfers.txt") if "transfers.txt" in names else []
        stop_ids = {s["stop_id"] for s in stops}
        loc = {s["stop_id"]: s["location_type"] for s in stops}
        for s in stops:
            if s["parent_station"] and loc.get(s["parent_station"]) != "1":
                problems.append(f"stop {s['stop_id']}: parent {s['parent_station']} is not a station")
        route_type = {r["route_id"]: r["route_type"] for r in routes}
        trip_route = {}
        trip_service = {}
        for t in trips:
            if t["route_id"] not in route_type:
                problems.append(f"trip {t['trip_id']}: unknown route")
            if t["trip_id"] in trip_route:
                problems.append(f"duplicate trip {t['trip_id']}")
            trip_route[t["trip_id"]] = t["route_id"]
            trip_service[t["trip_id"]] = t["service_id"]
        services = {c["service_id"] for c in cal} | {c["service_id"] for c in cd}
        for sid in set(trip_service.values()) - services:
            problems.append(f"service {sid} has no calendar")
        ymd = day.strftime("%Y%m%d")
        wd = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

        def active(dd):
            y = dd.strftime("%Y%m%d")
            a = {c["service_id"] for c in cal if c["start_date"] <= y <= c["end_date"] and c[wd[dd.weekday()]] == "1"}
            for c in cd:
                if c["date"] == y:
                    (a.add if c["exception_type"] == "1" else a.discard)(c["service_id"])
            return a

        today, yesterday = active(day), active(day - dt.timedelta(days=1))
        per_trip = defaultdict(list)
        n_rows = 0
        text = z.read("stop_times.txt").decode("utf-8-sig")
        rd = csv.reader(io.StringIO(text))
        header = next(rd)
        ci = {h: i for i, h in enumerate(header)}
        for row in rd:
            n_rows += 1
            tid, sid = row[ci["trip_id"]], row[ci["stop_id"]]
            if tid not in trip_route:
                problems.append(f"stop_times row {n_rows}: unknown trip {tid}")
            if sid not in stop_ids:
                problems.append(f"stop_times row {n_rows}: unknown stop {sid}")
            elif loc[sid] != "0":
                problems.append(f"stop_times row {n_rows}: stop {sid} is not a stop point")
            per_trip[tid].append((int(row[ci["stop_sequence"]]), hms(row[ci["arrival_time"]]),
                                  hms(row[ci["departure_time"]])))
        for tid, rows in per_trip.items():
            rows.sort()
            last = -1
            for seq, a, d in rows:
                if a < last or d < a:
                    problems.append(f"trip {tid}: times decrease at sequence {seq}")
                    break
                last = d
        for t in trips:
            if t["trip_id"] not in per_trip:
                problems.append(f"trip {t['trip_id']} has no stop times")
        fq = defaultdict(list)
        for f in freqs:
            if f["trip_id"] not in trip_route:
                problems.append(f"frequencies: unknown trip {f['trip_id']}")
            fq[f["trip_id"]].append((hms(f["start_time"]), hms(f["end_time"]), int(f["headway_secs"])))
        for tr in transfers:
            for k in ("from_stop_id", "to_stop_id"):
                if tr[k] not in stop_ids:
                    problems.append(f"transfers: unknown stop {tr[k]}")
        # counts on the day (frequency-expanded like a router)
        day_trips = day_st = overnight = past24 = 0
        for tid, rows in per_trip.items():
            n_inst = 1
            if tid in fq:
                n_inst = sum(len(range(a, b, h)) for a, b, h in fq[tid])
            if trip_service[tid] in today:
                day_trips += n_inst
                day_st += n_inst * len(rows)
                if rows[-1][2] >= 24 * 3600:
                    past24 += n_inst
            if trip_service[tid] in yesterday and rows[-1][2] >= 24 * 3600:
                overnight += n_inst
        rt = Counter(route_type[trip_route[t]] for t in per_trip if trip_service[t] in today)
    return {
        "problems": problems[:20], "problem_count": len(problems),
        "stops": sum(1 for s in stops if s["location_type"] == "0"),
        "stations": sum(1 for s in stops if s["location_type"] == "1"),
        "routes": len(routes), "trips_rows": len(trips), "stop_times_rows": n_rows,
        "frequency_rows": len(freqs), "transfers_rows": len(transfers),
        "transfer_types": dict(Counter(t["transfer_type"] for t in transfers)),
        "date": day.isoformat(), "services_on_date": sorted(today),
        "trips_on_date": day_trips, "stop_times_on_date": day_st,
        "trips_on_date_past_24h": past24, "previous_day_trips_past_24h": overnight,
        "trip_templates_on_date_by_route_type": dict(sorted(rt.items())),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, help="zip to write")
    ap.add_argument("--seed", type=int, default=20230117)
    ap.add_argument("--stops", type=int, default=50000, help="stop points (location_type 0)")
    ap.add_argument("--stop-times", type=int, default=1000000, help="stop times on --date (target)")
    ap.add_argument("--grid", default=str(DEFAULT_GRID), help="SCB 1 km grid CSV (rutid_scb, beftotalt, ...)")
    ap.add_argument("--date", default="2023-01-17", help="service day the --stop-times target is for")
    ap.add_argument("--rail-stations", type=int, default=60)
    ap.add_argument("--rail-routes", type=int, default=14)
    ap.add_argument("--frequency-routes", type=int, default=60)
    ap.add_argument("--min-time-transfers", type=int, default=1500)
    ap.add_argument("--forbidden-transfers", type=int, default=25)
    ap.add_argument("--check", type=Path, metavar="ZIP", help="validate an existing zip and stop")
    ap.add_argument("--no-check", action="store_true", help="skip re-reading the written zip")
    args = ap.parse_args()
    day = dt.date.fromisoformat(args.date)
    if args.check:
        t0 = time.time()
        rep = check(args.check, day)
        print_kv(rep)
        print(f"check: {time.time() - t0:.1f} s")
        return 1 if rep["problem_count"] else 0
    if not args.out:
        ap.error("--out is required (or --check ZIP)")
    t0 = time.time()
    tables, summary = build(args)
    t_build = time.time() - t0
    write_zip(args.out, tables)
    t_total = time.time() - t0
    summary["zip_bytes"] = args.out.stat().st_size
    summary["zip_sha256"] = hashlib.sha256(args.out.read_bytes()).hexdigest()
    summary["seconds"]["build_total"] = round(t_build, 2)
    summary["seconds"]["with_zip"] = round(t_total, 2)
    print(f"wrote {args.out}")
    print_kv(summary)
    if not args.no_check:
        t1 = time.time()
        rep = check(args.out, day)
        print("check:", "ok" if rep["problem_count"] == 0 else f"{rep['problem_count']} problems",
              f"({time.time() - t1:.1f} s)")
        if rep["problem_count"]:
            print_kv(rep)
            return 1
        for k in ("stops", "stop_times_on_date", "trips_on_date"):
            print(f"  check {k}: {rep[k]}")
    return 0


def print_kv(d):
    for k, v in d.items():
        print(f"  {k}: {v}")


if __name__ == "__main__":
    sys.exit(main())
