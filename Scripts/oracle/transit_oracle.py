#!/usr/bin/env python3
"""Independent oracle for servicegap's public-transport mode on Norrbotten's GTFS timetable.

Recomputes, with pyproj + numpy + scipy only (GTFS read with zipfile + csv), door-to-service
travel times by public transport for a seeded sample of SCB 1 km population cells of
Norrbotten (kommun_kod 25xx) and writes them as a JSON fixture for the Swift tests:

  fixtures/oracle/transit_norrbotten.json

Usage (from the repository root):

  python3 Scripts/oracle/transit_oracle.py           # self-test, compute, write the JSON
  python3 Scripts/oracle/transit_oracle.py --check   # self-test, recompute in memory, compare with
                                                     # the committed file (runtime_seconds excluded),
                                                     # exit 1 on difference
  python3 Scripts/oracle/transit_oracle.py --self-test-only

Inputs (all inside the repository, referenced in the JSON with their sha256):
  fixtures/gtfs/norrbotten_2022-12-14.zip, fixtures/sweden/befolkning_1km_2024.csv,
  fixtures/sweden/services_sweden.csv.

Definitions implemented (see Scripts/oracle/README.md, "Public transport"):

* timetable of date D: trips whose service runs on D (calendar.txt weekday flag within
  start_date..end_date, then calendar_dates.txt: exception_type 1 adds, 2 removes), plus the
  trips of D-1 having a stop time >= 24:00:00, shifted by -24 h; frequencies.txt expands a
  trip into one instance per headway from start_time while < end_time (the template's
  times are shifted so that its first departure is the instance's start);
  views drop trips whose route_type is excluded.
* walking: geodesic WGS84 (pyproj Geod.inv) x 1.3 at 5 km/h, i.e. time = 1.3 d / (5000/3600) s;
  access and egress <= 1500 m walking distance, transfers <= 500 m between different stops,
  the direct walk unlimited.
* journeys: access walk -> board at that stop; ride; then either egress walk, or stay at the
  stop / one transfer walk, then board again. Boarding when arrival <= departure; staying or
  walking after a ride needs the transfers.txt minimum (type 2, a station rule covers its
  child stops, the most specific rule wins), type 3 forbids it; a walk between different
  stops takes max(walk, minimum). pickup_type 1 forbids boarding, drop_off_type 1 alighting.
* per unit, category and view: 120 departures 08:00, 08:01, ..., 09:59; travel time =
  arrival at the service - departure; > 7200 s counts as +inf; percentiles by nearest rank
  ceil(p/100 n); reached_share = share of departures with travel time <= 7200 s.

Algorithm: a forward connection scan per (unit, view), vectorised over the 120 departures
(two labels per stop: earliest arrival by ride, earliest arrival on foot), plus a second,
structurally different scalar implementation (Bellman-Ford style relaxation over whole trips)
that re-derives a seeded subset of (unit, view, departure) results and every self-test.
An assert-based self-test on small hand-made feeds runs before the main computation.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import math
import sys
import time
import zipfile
from collections import defaultdict
from pathlib import Path

import numpy as np
from pyproj import Geod, Transformer
from scipy.spatial import cKDTree

REPO = Path(__file__).resolve().parents[2]
GTFS_ZIP = REPO / "fixtures" / "gtfs" / "norrbotten_2022-12-14.zip"
CELLS_CSV = REPO / "fixtures" / "sweden" / "befolkning_1km_2024.csv"
SERVICES_CSV = REPO / "fixtures" / "sweden" / "services_sweden.csv"
OUT = REPO / "fixtures" / "oracle" / "transit_norrbotten.json"

GEOD = Geod(ellps="WGS84")
T_3006_4326 = Transformer.from_crs("EPSG:3006", "EPSG:4326", always_xy=True)
T_4326_3006 = Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)

DATE = dt.date(2023, 1, 17)            # a Tuesday
WINDOW_START = 8 * 3600                # 08:00:00, included
WINDOW_END = 10 * 3600                 # 10:00:00, excluded
STEP = 60                              # one departure per minute -> 120 departures
CAP = 7200.0                           # 120 min; travel time <= CAP is "reached"
DETOUR = 1.3
SPEED_MPS = 5000.0 / 3600.0            # 5 km/h
ACCESS_MAX_M = 1500.0                  # walking distance (after the detour factor)
TRANSFER_MAX_M = 500.0
CATEGORIES = ["grocery", "pharmacy", "health"]
VIEWS = {"all": [], "exclude_715_1501": [715, 1501]}
PERCENTILES = {"median_min": 50, "p90_min": 90}
SEED = 20230117
PERTURB_S = 1e-3                       # robustness check: every walk +-1 ms ...
PERTURB_M = 1e-3                       # ... and every distance limit -+1 mm
REFERENCE_CHECKS = 60                  # (unit, view, departure) triples re-derived by the reference
INF = math.inf


# --------------------------------------------------------------------------- helpers

def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def hms(s: str) -> int:
    h, m, x = s.strip().split(":")
    return int(h) * 3600 + int(m) * 60 + int(x)


def fmt_hms(t: float) -> str:
    t = int(t)
    return f"{t // 3600:02d}:{t % 3600 // 60:02d}:{t % 60:02d}"


def walk_time(walk_dist_m):
    """Walking distance (geodesic x 1.3) -> seconds at 5 km/h."""
    return walk_dist_m / SPEED_MPS


def geodesic(lon1, lat1, lon2, lat2):
    _, _, d = GEOD.inv(np.asarray(lon1, float), np.asarray(lat1, float),
                       np.asarray(lon2, float), np.asarray(lat2, float))
    return np.asarray(d, float)


def nearest_rank(values, p):
    """Nearest-rank percentile: the ceil(p/100 n)-th smallest (1-based), inf allowed."""
    v = sorted(values)
    k = math.ceil(p / 100.0 * len(v))
    return v[max(k, 1) - 1]


def read_zip_feed(path: Path):
    feed = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".txt"):
                text = z.read(name).decode("utf-8-sig")
                feed[name[:-4]] = list(csv.DictReader(io.StringIO(text)))
    return feed


# --------------------------------------------------------------------------- timetable

def services_on(feed, day: dt.date):
    """service_ids running on `day`: calendar.txt weekday flag within [start_date, end_date],
    then calendar_dates.txt exception_type 1 adds, 2 removes."""
    ymd = day.strftime("%Y%m%d")
    wd = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][day.weekday()]
    active = set()
    for c in feed.get("calendar", []):
        if c["start_date"] <= ymd <= c["end_date"] and c[wd].strip() == "1":
            active.add(c["service_id"])
    for c in feed.get("calendar_dates", []):
        if c["date"] == ymd:
            if c["exception_type"].strip() == "1":
                active.add(c["service_id"])
            elif c["exception_type"].strip() == "2":
                active.discard(c["service_id"])
    return active


def trip_templates(feed):
    """trip_id -> list of (stop_id, arr, dep, pickup_ok, drop_ok) in stop_sequence order."""
    st = defaultdict(list)
    for r in feed["stop_times"]:
        a, d = r.get("arrival_time", "").strip(), r.get("departure_time", "").strip()
        if not a and not d:
            raise SystemExit(f"stop time without times (trip {r['trip_id']}): interpolation not implemented")
        a = a or d
        d = d or a
        st[r["trip_id"]].append((int(r["stop_sequence"]), r["stop_id"], hms(a), hms(d),
                                 r.get("pickup_type", "").strip() != "1",
                                 r.get("drop_off_type", "").strip() != "1"))
    out = {}
    for tid, rows in st.items():
        rows.sort()
        out[tid] = [row[1:] for row in rows]
    return out


def build_timetable(feed, day: dt.date, exclude_route_types):
    """-> (trips, facts). trips: list of dicts {key, route_type, stop_times} with times on `day`."""
    route_type = {r["route_id"]: int(r["route_type"]) for r in feed["routes"]}
    templates = trip_templates(feed)
    freqs = defaultdict(list)
    for f in feed.get("frequencies", []):
        freqs[f["trip_id"]].append((hms(f["start_time"]), hms(f["end_time"]), int(f["headway_secs"])))
    today = services_on(feed, day)
    yesterday = services_on(feed, day - dt.timedelta(days=1))
    excl = set(int(x) for x in exclude_route_types)

    def instances(tid):
        tpl = templates.get(tid, [])
        if not tpl:
            return []
        if tid not in freqs:
            return [(tid, tpl)]
        out = []
        first = tpl[0][2]
        for start, end, headway in sorted(freqs[tid]):
            if headway <= 0:
                raise SystemExit(f"frequencies: headway_secs {headway} for trip {tid}")
            t0 = start
            while t0 < end:
                off = t0 - first
                out.append((f"{tid}@{fmt_hms(t0)}",
                            [(s, a + off, d + off, pu, do) for s, a, d, pu, do in tpl]))
                t0 += headway
        return out

    trips = []
    facts = {"trips_service_day": 0, "trips_previous_day_overnight": 0}
    for t in feed["trips"]:
        rt = route_type[t["route_id"]]
        if rt in excl:
            continue
        if t["service_id"] in today:
            for key, sts in instances(t["trip_id"]):
                trips.append({"key": key, "route_type": rt, "stop_times": sts, "day": 0})
                facts["trips_service_day"] += 1
        if t["service_id"] in yesterday:
            for key, sts in instances(t["trip_id"]):
                if any(a >= 86400 or d >= 86400 for _, a, d, _, _ in sts):
                    trips.append({"key": key + "@prev", "route_type": rt, "day": -1,
                                  "stop_times": [(s, a - 86400, d - 86400, pu, do) for s, a, d, pu, do in sts]})
                    facts["trips_previous_day_overnight"] += 1
    facts["trips_total"] = len(trips)
    conns = 0
    stops = set()
    by_type = defaultdict(int)
    for tr in trips:
        sts = tr["stop_times"]
        by_type[str(tr["route_type"])] += 1
        for i in range(len(sts) - 1):
            # a previous-day trip contributes its connections departing at or after midnight
            if tr["day"] == 0 or sts[i][2] >= 0:
                conns += 1
        for s in sts:
            stops.add(s[0])
    facts["connections"] = conns
    facts["stops_served"] = len(stops)
    facts["trips_by_route_type"] = dict(by_type)
    return trips, facts


# --------------------------------------------------------------------------- transfer rules

class TransferRules:
    """Stop-level rules of transfers.txt: type 2 (minimum time) and 3 (forbidden). A rule naming
    a station (location_type 1) applies to its child stops. For a pair (a, b) the most specific
    rule applies, in this order: (a, b), (a, station(b)), (station(a), b), (station(a), station(b));
    duplicates of the same pair: first in file. Types 0 and 1 impose nothing (ignored).
    Rules with from_trip_id/to_trip_id (or route ids) of type 2/3 are not supported: the script
    stops if the feed has any (Norrbotten has none)."""

    def __init__(self, feed):
        self.parent = {s["stop_id"]: (s.get("parent_station") or "").strip() for s in feed["stops"]}
        self.rules = {}
        for r in feed.get("transfers", []):
            ttype = (r.get("transfer_type") or "0").strip() or "0"
            if ttype not in ("2", "3"):
                continue
            if any((r.get(k) or "").strip() for k in ("from_trip_id", "to_trip_id", "from_route_id", "to_route_id")):
                raise SystemExit("transfers.txt: trip- or route-specific rule of type 2/3 is not supported")
            key = (r["from_stop_id"].strip(), r["to_stop_id"].strip())
            if key in self.rules:
                continue
            if ttype == "3":
                self.rules[key] = None
            else:
                self.rules[key] = float((r.get("min_transfer_time") or "0").strip() or 0)

    def lookup(self, a, b):
        """-> ('none', 0.0) no rule, ('min', seconds), or ('forbidden', None)."""
        pa, pb = self.parent.get(a, ""), self.parent.get(b, "")
        for key in ((a, b), (a, pb), (pa, b), (pa, pb)):
            if "" in key:
                continue
            if key in self.rules:
                v = self.rules[key]
                return ("forbidden", None) if v is None else ("min", v)
        return ("none", 0.0)


# --------------------------------------------------------------------------- walking geometry

class Walking:
    """Stop-to-stop transfers and stop-to-service egress, for all boardable stops."""

    def __init__(self, feed, services, categories, rules: TransferRules, perturb=0):
        """perturb: 0 nominal; +1 every walk +1 ms and every limit -1 mm; -1 the reverse."""
        self.perturb = perturb
        self.dt = perturb * PERTURB_S
        self.access_max = ACCESS_MAX_M - perturb * PERTURB_M
        self.transfer_max = TRANSFER_MAX_M - perturb * PERTURB_M
        stops = [s for s in feed["stops"] if (s.get("location_type") or "0").strip() in ("", "0")]
        self.stop_ids = [s["stop_id"] for s in stops]
        self.index = {sid: i for i, sid in enumerate(self.stop_ids)}
        self.lon = np.array([float(s["stop_lon"]) for s in stops])
        self.lat = np.array([float(s["stop_lat"]) for s in stops])
        x, y = T_4326_3006.transform(self.lon, self.lat)
        self.xy = np.column_stack([x, y])
        self.tree = cKDTree(self.xy)
        n = len(stops)
        # same-stop rule (staying at a stop between two rides)
        self.stay = []
        for sid in self.stop_ids:
            kind, v = rules.lookup(sid, sid)
            self.stay.append(None if kind == "forbidden" else v)
        # transfer walks between different stops
        self.nbrs = [[] for _ in range(n)]
        self.transfer_pairs = 0
        self.transfer_pairs_with_rule = 0
        self.min_gap_transfer_limit_m = INF
        pairs = self.tree.query_pairs(TRANSFER_MAX_M / DETOUR * 1.01 + 5.0, output_type="ndarray")
        if len(pairs):
            i, j = pairs[:, 0], pairs[:, 1]
            wd = geodesic(self.lon[i], self.lat[i], self.lon[j], self.lat[j]) * DETOUR
            for a, b, w in zip(i.tolist(), j.tolist(), wd.tolist()):
                self.min_gap_transfer_limit_m = min(self.min_gap_transfer_limit_m, abs(w - TRANSFER_MAX_M))
                if w > self.transfer_max:
                    continue
                for u, v in ((a, b), (b, a)):
                    kind, mt = rules.lookup(self.stop_ids[u], self.stop_ids[v])
                    if kind == "forbidden":
                        continue
                    if kind == "min":
                        self.transfer_pairs_with_rule += 1
                    self.nbrs[u].append((v, max(walk_time(w) + self.dt, mt)))
                    self.transfer_pairs += 1
        for lst in self.nbrs:
            lst.sort()
        # egress: stop -> min walk time to a service of the category within the limit
        self.egress = {}
        self.min_gap_egress_limit_m = INF
        for c in categories:
            sv = [s for s in services if s["category"] == c]
            e = np.full(n, INF)
            if sv:
                slon = np.array([s["lon"] for s in sv])
                slat = np.array([s["lat"] for s in sv])
                sx, sy = T_4326_3006.transform(slon, slat)
                stree = cKDTree(np.column_stack([sx, sy]))
                lists = self.tree.query_ball_tree(stree, ACCESS_MAX_M / DETOUR * 1.01 + 5.0)
                for si, js in enumerate(lists):
                    if not js:
                        continue
                    js = np.array(js)
                    wd = geodesic(np.full(len(js), self.lon[si]), np.full(len(js), self.lat[si]),
                                  slon[js], slat[js]) * DETOUR
                    self.min_gap_egress_limit_m = min(self.min_gap_egress_limit_m,
                                                      float(np.min(np.abs(wd - ACCESS_MAX_M))))
                    ok = wd <= self.access_max
                    if ok.any():
                        e[si] = walk_time(float(wd[ok].min())) + self.dt
            self.egress[c] = e

    def access(self, lon, lat):
        """-> list of (stop index, walk seconds) within the access limit, and the closest gap
        of any stop's walking distance to the limit (metres)."""
        x, y = T_4326_3006.transform(lon, lat)
        js = self.tree.query_ball_point([x, y], ACCESS_MAX_M / DETOUR * 1.01 + 5.0)
        if not js:
            return [], INF
        js = np.array(sorted(js))
        wd = geodesic(np.full(len(js), lon), np.full(len(js), lat), self.lon[js], self.lat[js]) * DETOUR
        gap = float(np.min(np.abs(wd - ACCESS_MAX_M)))
        return [(int(j), walk_time(float(w)) + self.dt) for j, w in zip(js, wd) if w <= self.access_max], gap


# --------------------------------------------------------------------------- network of a view

class Network:
    def __init__(self, trips, walking: Walking, horizon):
        """horizon = (earliest, latest) departure time of connections that can matter."""
        self.w = walking
        idx = walking.index
        conns = []
        self.trip_stops = []     # for the reference implementation
        for ti, tr in enumerate(trips):
            sts = [(idx[s], a, d, pu, do) for s, a, d, pu, do in tr["stop_times"]]
            self.trip_stops.append(sts)
            for k in range(len(sts) - 1):
                u, _, dep, pu, _ = sts[k]
                v, arr, _, _, do = sts[k + 1]
                if horizon[0] <= dep <= horizon[1]:
                    conns.append((dep, arr, ti, k, u, v, pu, do))
        conns.sort()
        # group by departure time; a group with a zero-duration connection is iterated to a fixpoint
        self.groups = []
        for c in conns:
            if not self.groups or self.groups[-1][0] != c[0]:
                self.groups.append([c[0], [], False])
            g = self.groups[-1]
            g[1].append((c[4], c[5], c[1], c[2], c[6], c[7]))
            if c[1] == c[0]:
                g[2] = True
        self.n_conns = len(conns)
        self.served = set()
        for sts in self.trip_stops:
            for s in sts:
                self.served.add(s[0])


def scan(net: Network, access, direct, deps, categories):
    """Vectorised connection scan over the departures `deps` (np array of seconds).
    access: [(stop, walk s)]; direct: {category: walk s} -> {category: arrival array},
    plus the earliest ride arrival per stop (for diagnostics)."""
    w = net.w
    n = len(deps)
    last = float(deps.max()) + CAP
    foot, ride = {}, {}
    foot_min, ride_min = {}, {}
    for s, wt in access:
        a = deps + wt
        if s in foot:
            foot[s] = np.minimum(foot[s], a)
        else:
            foot[s] = a
        foot_min[s] = float(foot[s].min())
    reached = {}
    reached_all = set()
    stay = w.stay
    nbrs = w.nbrs

    def improve(table, mins, s, val, vmin):
        old = table.get(s)
        if old is None:
            table[s] = val
            mins[s] = vmin
            return True
        new = np.minimum(old, val)
        if vmin < mins[s]:
            mins[s] = vmin
        if (new < old).any():
            table[s] = new
            return True
        return False

    for dep, group, has_zero in net.groups:
        if dep > last:
            break
        while True:
            changed = False
            for u, v, arr, ti, pu, do in group:
                r = reached.get(ti)
                if pu and ti not in reached_all:
                    b = None
                    if foot_min.get(u, INF) <= dep:
                        b = foot[u] <= dep
                    mt = stay[u]
                    if mt is not None and ride_min.get(u, INF) + mt <= dep:
                        b2 = (ride[u] + mt) <= dep
                        b = b2 if b is None else (b | b2)
                    if b is not None:
                        if r is None:
                            r = b
                            reached[ti] = r
                            changed = True
                        else:
                            nr = r | b
                            if (nr != r).any():
                                changed = True
                            r = nr
                            reached[ti] = r
                        if r.all():
                            reached_all.add(ti)
                if r is not None and do:
                    val = np.where(r, float(arr), INF)
                    if improve(ride, ride_min, v, val, float(arr)):
                        changed = True
                        for x, tt in nbrs[v]:
                            improve(foot, foot_min, x, val + tt, float(arr) + tt)
            if not (has_zero and changed):
                break
    best = {}
    for c in categories:
        b = deps + direct[c]
        e = w.egress[c]
        for s, a in ride.items():
            if e[s] < INF:
                b = np.minimum(b, a + e[s])
        best[c] = b
    return best, ride


def reference_query(net: Network, access, direct, t, categories):
    """Scalar, structurally different re-derivation for one departure t: relax whole trips in
    rounds until nothing changes (Bellman-Ford over trips)."""
    w = net.w
    foot = defaultdict(lambda: INF)
    ride = defaultdict(lambda: INF)
    for s, wt in access:
        foot[s] = min(foot[s], t + wt)
    while True:
        changed = False
        for sts in net.trip_stops:
            boarded = False
            for k, (s, a, d, pu, do) in enumerate(sts):
                if boarded and do and k > 0 and a < ride[s] and a <= t + CAP:
                    ride[s] = a
                    changed = True
                if not boarded and pu and k < len(sts) - 1 and d >= t:
                    mt = w.stay[s]
                    if foot[s] <= d or (mt is not None and ride[s] + mt <= d):
                        boarded = True
        for v in list(ride.keys()):
            for x, tt in w.nbrs[v]:
                if ride[v] + tt < foot[x]:
                    foot[x] = ride[v] + tt
                    changed = True
        if not changed:
            break
    out = {}
    for c in categories:
        b = t + direct[c]
        for s, a in ride.items():
            b = min(b, a + w.egress[c][s])
        out[c] = b
    return out


def summarise(arrivals, deps):
    tt = arrivals - deps
    vals = [float(x) if x <= CAP else INF for x in tt]
    res = {}
    for name, p in PERCENTILES.items():
        v = nearest_rank(vals, p)
        res[name] = None if v == INF else v / 60.0
    res["reached_share"] = sum(1 for x in vals if x < INF) / len(vals)
    return res, vals


# --------------------------------------------------------------------------- self-test

def _feed(stops, trips, stop_times, routes=None, calendar=None, calendar_dates=None,
          transfers=None, frequencies=None):
    f = {"stops": stops, "trips": trips, "stop_times": stop_times,
         "routes": routes or [{"route_id": "R", "route_type": "700"}],
         "calendar": calendar or [], "calendar_dates": calendar_dates or []}
    if transfers is not None:
        f["transfers"] = transfers
    if frequencies is not None:
        f["frequencies"] = frequencies
    return f


def _pt(base, east_m, north_m):
    """Point east_m / north_m (geodesic) from base (lon, lat)."""
    lon, lat = base
    if east_m:
        lon, lat, _ = GEOD.fwd(lon, lat, 90.0 if east_m > 0 else 270.0, abs(east_m))
    if north_m:
        lon, lat, _ = GEOD.fwd(lon, lat, 0.0 if north_m > 0 else 180.0, abs(north_m))
    return float(lon), float(lat)


def _stop(sid, p, parent="", loc="0"):
    return {"stop_id": sid, "stop_lon": repr(p[0]), "stop_lat": repr(p[1]),
            "location_type": loc, "parent_station": parent}


def _st(trip, seq, stop, t, pu="0", do="0", arr=None):
    return {"trip_id": trip, "stop_sequence": str(seq), "stop_id": stop,
            "arrival_time": arr or t, "departure_time": t, "pickup_type": pu, "drop_off_type": do}


def run_case(feed, unit, services, deps, day=DATE, exclude=(), categories=("x",)):
    """Runs both implementations on a small feed; asserts they agree; returns {cat: [travel s]}."""
    rules = TransferRules(feed)
    walking = Walking(feed, services, list(categories), rules)
    trips, _ = build_timetable(feed, day, exclude)
    deps = np.array(deps, float)
    net = Network(trips, walking, (float(deps.min()), float(deps.max()) + CAP))
    acc, _ = walking.access(unit[0], unit[1])
    direct = {}
    for c in categories:
        sv = [s for s in services if s["category"] == c]
        d = geodesic([unit[0]] * len(sv), [unit[1]] * len(sv), [s["lon"] for s in sv], [s["lat"] for s in sv])
        direct[c] = walk_time(float(d.min()) * DETOUR) if sv else INF
    best, _ = scan(net, acc, direct, deps, list(categories))
    out = {}
    for c in categories:
        tt = best[c] - deps
        for k, t in enumerate(deps):
            ref = reference_query(net, acc, direct, float(t), list(categories))[c] - t
            a, b = min(tt[k], CAP + 1), min(ref, CAP + 1)
            assert abs(a - b) < 1e-9, (c, t, tt[k], ref)
        out[c] = [float(x) if x <= CAP else INF for x in tt]
    return out


def self_test():
    W = lambda m: m * DETOUR / SPEED_MPS   # walk seconds for m geodesic metres  # noqa: E731
    base = (20.0, 65.0)
    U = base
    tue = "20230117"
    mon = "20230116"
    cal_all = [{"service_id": "S", "monday": "1", "tuesday": "1", "wednesday": "1", "thursday": "1",
                "friday": "1", "saturday": "1", "sunday": "1", "start_date": "20230101", "end_date": "20231231"}]
    svc = lambda p, c="x": {"id": "svc", "category": c, "lon": p[0], "lat": p[1]}  # noqa: E731
    n_checks = 0

    # 1. simple ride, boarding at exactly the departure (stop on the unit: access walk 0 s), egress;
    #    0.5 s later the bus is gone; percentile helper
    A0 = U
    A, B = _pt(U, 100, 0), _pt(U, 20000, 0)
    service = _pt(B, 0, 200)
    f = _feed([_stop("A", A0), _stop("B", B)], [{"route_id": "R", "service_id": "S", "trip_id": "T1"}],
              [_st("T1", 1, "A", "08:10:00"), _st("T1", 2, "B", "08:40:00")], calendar=cal_all)
    r = run_case(f, U, [svc(service)], [8 * 3600 + 600.0, 8 * 3600 + 600.5])
    assert abs(r["x"][0] - (1800 + W(200))) < 1e-6, r
    assert r["x"][1] == INF, r       # no later trip, service 20 km away
    n_checks += 2
    assert nearest_rank([3, 1, 2, INF], 50) == 2 and nearest_rank([3, 1, 2, INF], 90) == INF
    assert nearest_rank(list(range(1, 121)), 50) == 60 and nearest_rank(list(range(1, 121)), 90) == 108

    # 2. overnight: a Monday trip at 24:10-24:30 runs on Tuesday 00:10-00:30; the Tuesday
    #    instance (24:10 Tuesday) is not seen by a 00:05 departure; a trip of a service not
    #    running on Monday is not shifted.
    cal_mon = [{"service_id": "M", "monday": "1", "tuesday": "0", "wednesday": "0", "thursday": "0",
                "friday": "0", "saturday": "0", "sunday": "0", "start_date": "20230101", "end_date": "20231231"},
               {"service_id": "TU", "monday": "0", "tuesday": "1", "wednesday": "0", "thursday": "0",
                "friday": "0", "saturday": "0", "sunday": "0", "start_date": "20230101", "end_date": "20231231"}]
    f = _feed([_stop("A", A), _stop("B", B)],
              [{"route_id": "R", "service_id": "M", "trip_id": "N1"},
               {"route_id": "R", "service_id": "TU", "trip_id": "N2"}],
              [_st("N1", 1, "A", "24:10:00"), _st("N1", 2, "B", "24:30:00"),
               _st("N2", 1, "A", "24:05:00"), _st("N2", 2, "B", "24:06:00")], calendar=cal_mon)
    r = run_case(f, U, [svc(service)], [300.0, 601.0])
    assert abs(r["x"][0] - (1800 + W(200) - 300)) < 1e-6, r
    assert r["x"][1] == INF
    trips, facts = build_timetable(f, DATE, ())
    assert facts["trips_service_day"] == 1 and facts["trips_previous_day_overnight"] == 1, facts
    # Tuesday's own trip at 24:05 is reachable from 23:50 on Tuesday
    r = run_case(f, U, [svc(service)], [23 * 3600 + 3000.0])
    assert abs(r["x"][0] - (86400 + 360 + W(200) - (23 * 3600 + 3000))) < 1e-6, r
    n_checks += 3

    # 3. calendar_dates: service S removed on the date (type 2), service X added (type 1) whose
    #    calendar.txt flags are all 0 (as in Norrbotten)
    cal_x = cal_all + [{"service_id": "X", "monday": "0", "tuesday": "0", "wednesday": "0", "thursday": "0",
                        "friday": "0", "saturday": "0", "sunday": "0", "start_date": "20230101", "end_date": "20231231"}]
    f = _feed([_stop("A", A), _stop("B", B)],
              [{"route_id": "R", "service_id": "S", "trip_id": "T1"},
               {"route_id": "R", "service_id": "X", "trip_id": "T2"}],
              [_st("T1", 1, "A", "08:10:00"), _st("T1", 2, "B", "08:40:00"),
               _st("T2", 1, "A", "08:20:00"), _st("T2", 2, "B", "09:00:00")], calendar=cal_x,
              calendar_dates=[{"service_id": "S", "date": tue, "exception_type": "2"},
                              {"service_id": "X", "date": tue, "exception_type": "1"},
                              {"service_id": "X", "date": mon, "exception_type": "1"}])
    r = run_case(f, U, [svc(service)], [8 * 3600.0])
    assert abs(r["x"][0] - (3600 + W(200))) < 1e-6, r       # T2, T1 removed
    r = run_case(f, U, [svc(service)], [8 * 3600.0], day=dt.date(2023, 1, 16))
    assert abs(r["x"][0] - (2400 + W(200))) < 1e-6, r       # Monday: T1 runs (and T2 added)
    r = run_case(f, U, [svc(service)], [8 * 3600.0], day=dt.date(2023, 1, 18))
    assert abs(r["x"][0] - (2400 + W(200))) < 1e-6, r       # Wednesday: T1 only
    n_checks += 3

    # 4. transfers at a station: minimum 300 s at the same stop (inclusive), type 3 forbids,
    #    walk between child stops = max(walk, minimum); a stop reached by a transfer walk cannot
    #    be left on foot; egress only after a ride.
    C = _pt(B, 0, -20000)                       # far destination
    service_c = _pt(C, 150, 0)
    B2 = _pt(B, 100, 0)                          # second child stop of station SB, 100 m away
    B3 = _pt(B2, 300, 0)                         # other station, 300 m from B2 (walk 390 m)
    stops = [_stop("A", A), _stop("SB", B, loc="1"), _stop("B", B, parent="SB"), _stop("B2", B2, parent="SB"),
             _stop("B3", B3), _stop("C", C)]
    trips = [{"route_id": "R", "service_id": "S", "trip_id": t} for t in ("T1", "T2", "T3", "T4", "T5")]
    st = [_st("T1", 1, "A", "08:10:00"), _st("T1", 2, "B", "08:40:00"),
          _st("T2", 1, "B", "08:44:59"), _st("T2", 2, "C", "09:00:00"),     # 299 s: missed
          _st("T3", 1, "B", "08:45:00"), _st("T3", 2, "C", "09:10:00"),     # 300 s: caught
          _st("T4", 1, "B2", "08:44:00"), _st("T4", 2, "C", "08:50:00"),    # other child: 300 s too
          _st("T5", 1, "B3", "08:47:00"), _st("T5", 2, "C", "08:55:00")]    # walk 390 m = 336.96 s
    tr300 = [{"from_stop_id": "SB", "to_stop_id": "SB", "transfer_type": "2", "min_transfer_time": "300",
              "from_trip_id": "", "to_trip_id": ""}]
    f = _feed(stops, trips, st, calendar=cal_all, transfers=tr300)
    d0 = 8 * 3600.0
    r = run_case(f, U, [svc(service_c)], [d0])
    assert abs(r["x"][0] - (9 * 3600 + 600 - d0 + W(150))) < 1e-6, r      # T3 at 300 s
    # with 240 s: T4 from B2 (max(walk 93.6 s, 240 s) = 240 s <= 240 s) arrives 08:50
    tr240 = [dict(tr300[0], min_transfer_time="240")]
    r = run_case(_feed(stops, trips, st, calendar=cal_all, transfers=tr240), U, [svc(service_c)], [d0])
    assert abs(r["x"][0] - (3000 + W(150))) < 1e-6, r
    # with 0 s minimum: T2 at 08:44:59 from B (staying) -> 09:00; T4 from B2 (walk 93.6 s) -> 08:50
    tr0 = [dict(tr300[0], min_transfer_time="0")]
    r = run_case(_feed(stops, trips, st, calendar=cal_all, transfers=tr0), U, [svc(service_c)], [d0])
    assert abs(r["x"][0] - (3000 + W(150))) < 1e-6, r
    # no rule at all: same as 0
    r = run_case(_feed(stops, trips, st, calendar=cal_all, transfers=[]), U, [svc(service_c)], [d0])
    assert abs(r["x"][0] - (3000 + W(150))) < 1e-6, r
    # station forbidden (type 3): no transfer inside SB; walking B -> B3 is B's own pair: B3 is
    # 400 m from B (walk 520 m > 500 m), from B2 only 300 m but B2 is only reached on foot -> unreachable
    tr3 = [{"from_stop_id": "SB", "to_stop_id": "SB", "transfer_type": "3", "min_transfer_time": "",
            "from_trip_id": "", "to_trip_id": ""}]
    r = run_case(_feed(stops, trips, st, calendar=cal_all, transfers=tr3), U, [svc(service_c)], [d0])
    assert r["x"][0] == INF, r
    # a stop-level type 2 rule on B->B (60 s) beats the station rule (300 s): T2 at 08:44:59
    tr_mix = tr300 + [{"from_stop_id": "B", "to_stop_id": "B", "transfer_type": "2", "min_transfer_time": "60",
                       "from_trip_id": "", "to_trip_id": ""}]
    r = run_case(_feed(stops, trips, st, calendar=cal_all, transfers=tr_mix), U, [svc(service_c)], [d0])
    assert abs(r["x"][0] - (3600 + W(150))) < 1e-6, r
    # trip T1 ends at B2 instead: walk B2 -> B3 (390 m, 280.8 s <= 500 m limit) catches T5 at 08:47
    st_b2 = [dict(x, stop_id="B2") if (x["trip_id"] == "T1" and x["stop_id"] == "B") else x for x in st]
    r = run_case(_feed(stops, trips, st_b2, calendar=cal_all, transfers=tr300), U, [svc(service_c)], [d0])
    assert abs(r["x"][0] - (3300 + W(150))) < 1e-6, r
    # type 1 / type 0 and trip-to-trip type 1 rules impose nothing
    tr1 = [{"from_stop_id": "SB", "to_stop_id": "SB", "transfer_type": "1", "min_transfer_time": "",
            "from_trip_id": "", "to_trip_id": ""},
           {"from_stop_id": "B", "to_stop_id": "B", "transfer_type": "1", "min_transfer_time": "",
            "from_trip_id": "T1", "to_trip_id": "T2"}]
    r = run_case(_feed(stops, trips, st, calendar=cal_all, transfers=tr1), U, [svc(service_c)], [d0])
    assert abs(r["x"][0] - (3000 + W(150))) < 1e-6, r
    n_checks += 8

    # 5. walking rules: access stop A2 is 100 m from A (which has the bus) but the unit is 1600 m
    #    from A (walk 2080 m > 1500 m): no chaining access -> walk -> board; also egress is only
    #    from a ride: a service 100 m from the access stop is not "egress".
    Ufar = _pt(A, -1600 / DETOUR + 0.0, 0)       # walking distance from Ufar to A: exactly 1600 m
    A2 = _pt(A, 0, 100)
    f = _feed([_stop("A", A), _stop("A2", A2), _stop("B", B)],
              [{"route_id": "R", "service_id": "S", "trip_id": "T1"}],
              [_st("T1", 1, "A", "08:30:00"), _st("T1", 2, "B", "08:40:00")], calendar=cal_all)
    r = run_case(f, Ufar, [svc(service)], [d0])
    assert r["x"][0] == INF, r
    # units 1499.999 m and 1500.001 m walking from A (limit inclusive, checked 1 mm either side)
    r = run_case(f, _pt(A, -1499.999 / DETOUR, 0), [svc(service)], [d0])
    assert abs(r["x"][0] - (2400 + W(200))) < 1e-6, r
    r = run_case(f, _pt(A, -1500.001 / DETOUR, 0), [svc(service)], [d0])
    assert r["x"][0] == INF, r
    n_checks += 3

    # 6. direct walk beats the bus; the direct walk has no distance limit but the 120 min cap
    near = _pt(U, 0, 1000)                       # walk 1300 m = 936 s
    f = _feed([_stop("A", A), _stop("B", B)], [{"route_id": "R", "service_id": "S", "trip_id": "T1"}],
              [_st("T1", 1, "A", "08:02:00"), _st("T1", 2, "B", "08:04:00")], calendar=cal_all)
    svc_b = _pt(B, 0, 1000)                      # service 1000 m from B: bus 240 s + 936 s
    r = run_case(f, U, [svc(near)], [d0])
    assert abs(r["x"][0] - W(1000)) < 1e-6, r
    far_walk = _pt(U, 0, 5000)                   # 6500 m walking = 4680 s
    r = run_case(f, U, [svc(far_walk)], [d0])
    assert abs(r["x"][0] - W(5000)) < 1e-6, r
    too_far = _pt(U, 0, 7000)                    # 9100 m = 6552 s
    r = run_case(f, U, [svc(too_far)], [d0])
    assert abs(r["x"][0] - 6552.0) < 1e-6, r
    beyond = _pt(U, 0, 7700)                     # 10010 m = 7207.2 s > 7200
    r = run_case(f, U, [svc(beyond)], [d0])
    assert r["x"][0] == INF, r
    # bus wins when the service is 1000 m from B (but egress limit 1500 m -> 1300 m walking ok)
    r = run_case(f, U, [svc(svc_b)], [d0])
    assert abs(r["x"][0] - (240 + W(1000))) < 1e-6, r
    n_checks += 5

    # 7. frequencies: template 08:00 A -> 08:10 B; every 20 min from 08:00 while < 09:00
    #    (08:00, 08:20, 08:40; not 09:00). Template times themselves are not a trip.
    f = _feed([_stop("A", U), _stop("B", B)], [{"route_id": "R", "service_id": "S", "trip_id": "F"}],
              [_st("F", 1, "A", "07:00:00"), _st("F", 2, "B", "07:10:00")], calendar=cal_all,
              frequencies=[{"trip_id": "F", "start_time": "08:00:00", "end_time": "09:00:00", "headway_secs": "1200"}])
    r = run_case(f, U, [svc(service)], [6.9 * 3600, 8 * 3600 + 60.0, 8 * 3600 + 2400.0, 8 * 3600 + 2460.0])
    assert abs(r["x"][0] - (8 * 3600 + 600 - 6.9 * 3600 + W(200))) < 1e-6, r
    assert abs(r["x"][1] - (1200 - 60 + 600 + W(200))) < 1e-6, r
    assert abs(r["x"][2] - (600 + W(200))) < 1e-6, r
    assert r["x"][3] == INF, r
    trips, facts = build_timetable(f, DATE, ())
    assert facts["trips_total"] == 3 and facts["connections"] == 3, facts
    n_checks += 4

    # 8. pickup_type 1 forbids boarding, drop_off_type 1 forbids alighting (2 and 3 allow);
    #    route-type exclusion drops on-demand trips
    Cc = _pt(B, 5000, 0)
    svc_cc = _pt(Cc, 0, 100)
    routes = [{"route_id": "R", "route_type": "700"}, {"route_id": "Q", "route_type": "1501"}]
    f = _feed([_stop("A", A), _stop("B", B), _stop("Cc", Cc)],
              [{"route_id": "R", "service_id": "S", "trip_id": "P1"},
               {"route_id": "R", "service_id": "S", "trip_id": "P2"},
               {"route_id": "Q", "service_id": "S", "trip_id": "P3"}],
              [_st("P1", 1, "A", "08:05:00", pu="1"), _st("P1", 2, "B", "08:20:00", do="3"),
               _st("P1", 3, "Cc", "08:30:00"),
               _st("P2", 1, "A", "08:10:00", pu="3"), _st("P2", 2, "B", "08:22:00", do="1"),
               _st("P2", 3, "Cc", "08:35:00", do="2"),
               _st("P3", 1, "A", "08:50:00", pu="2"), _st("P3", 2, "B", "09:10:00", do="2")],
              routes=routes, calendar=cal_all)
    r = run_case(f, U, [svc(service), svc(svc_cc, "y")], [d0], categories=("x", "y"))
    assert abs(r["x"][0] - (70 * 60 + W(200))) < 1e-6, r    # P1 no pickup at A, P2 no drop at B -> P3
    assert abs(r["y"][0] - (35 * 60 + W(100))) < 1e-6, r    # P2 to Cc
    r = run_case(f, U, [svc(service)], [d0], exclude=(715, 1501))
    assert r["x"][0] == INF, r
    n_checks += 3

    # 9. zero-duration chain with no transfer rule (staying takes 0 s): Z1 A 08:10 -> B 08:20;
    #    Z2 B 08:20 -> C2 08:20 and Z3 C2 08:20 -> D2 08:20 (zero duration); Z4 D2 08:20 -> D 08:30.
    #    Trips listed Z4, Z3, Z2, Z1, so Z3 sorts before Z2 in the 08:20 group: needs the fixpoint.
    C2, D2, D = _pt(B, 0, 3000), _pt(B, 0, 6000), _pt(B, 0, 9000)
    svc_d = _pt(D, 100, 0)
    f = _feed([_stop("A", A), _stop("B", B), _stop("C2", C2), _stop("D2", D2), _stop("D", D)],
              [{"route_id": "R", "service_id": "S", "trip_id": t} for t in ("Z4", "Z3", "Z2", "Z1")],
              [_st("Z1", 1, "A", "08:10:00"), _st("Z1", 2, "B", "08:20:00"),
               _st("Z2", 1, "B", "08:20:00"), _st("Z2", 2, "C2", "08:20:00"),
               _st("Z3", 1, "C2", "08:20:00"), _st("Z3", 2, "D2", "08:20:00"),
               _st("Z4", 1, "D2", "08:20:00"), _st("Z4", 2, "D", "08:30:00")], calendar=cal_all)
    r = run_case(f, U, [svc(svc_d)], [d0])
    assert abs(r["x"][0] - (1800 + W(100))) < 1e-6, r
    n_checks += 1
    return n_checks


# --------------------------------------------------------------------------- inputs

def load_cells():
    cells = []
    with open(CELLS_CSV, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if not row["kommun_kod"].startswith("25"):
                continue
            rid = row["rutid_scb"]
            assert len(rid) == 13 and rid.isdigit(), rid
            size = float(row["rutstorl"] or 1000)
            e, n = float(int(rid[:6])), float(int(rid[6:]))
            lon, lat = T_3006_4326.transform(e + size / 2, n + size / 2)
            cells.append({"id": rid, "kommun_kod": row["kommun_kod"], "pop": int(row["beftotalt"]),
                          "lon": float(lon), "lat": float(lat)})
    return cells


def load_services():
    out = []
    with open(SERVICES_CSV, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["category"] in CATEGORIES:
                out.append({"id": row["id"], "category": row["category"],
                            "lon": float(row["lon"]), "lat": float(row["lat"])})
    return out


def direct_walks(cell, services):
    out = {}
    for c in CATEGORIES:
        sv = [s for s in services if s["category"] == c]
        d = geodesic(np.full(len(sv), cell["lon"]), np.full(len(sv), cell["lat"]),
                     [s["lon"] for s in sv], [s["lat"] for s in sv])
        out[c] = walk_time(float(d.min()) * DETOUR)
    return out


# --------------------------------------------------------------------------- sampling

def sample_cells(cells, services, walking, nets):
    """Seeded stratified sample; strata from cheap features of every cell (no transit run)."""
    rng = np.random.default_rng(SEED)
    served = {v: nets[v].served for v in nets}
    ondemand_only = served["all"] - served["exclude_715_1501"]
    # nearest health/grocery geodesic distance of every cell (services near Norrbotten suffice
    # for the features: a 2 degree margin around the cells)
    lon = np.array([c["lon"] for c in cells])
    lat = np.array([c["lat"] for c in cells])
    feats = []
    near_sv = {}
    for cat in CATEGORIES:
        sv = [s for s in services if s["category"] == cat
              and lon.min() - 4 <= s["lon"] <= lon.max() + 4 and lat.min() - 2 <= s["lat"] <= lat.max() + 2]
        near_sv[cat] = (np.array([s["lon"] for s in sv]), np.array([s["lat"] for s in sv]))
    for i, c in enumerate(cells):
        acc, _ = walking.access(c["lon"], c["lat"])
        s_all = [s for s, _ in acc if s in served["all"]]
        s_bus = [s for s, _ in acc if s in served["exclude_715_1501"]]
        nd = {}
        for cat in CATEGORIES:
            slon, slat = near_sv[cat]
            nd[cat] = float(geodesic(np.full(len(slon), c["lon"]), np.full(len(slon), c["lat"]), slon, slat).min())
        feats.append({"n_all": len(s_all), "n_bus": len(s_bus),
                      "n_ondemand_only": sum(1 for s in s_all if s in ondemand_only), "nd": nd})
    walk_min = lambda f, cat: f["nd"][cat] * DETOUR / SPEED_MPS / 60  # noqa: E731
    strata = [
        ("no_stop_walk_near_cap",
         "no served stop within 1500 m walking (either view) and the direct walk to some category "
         "takes 100-140 min", 12,
         lambda f: f["n_all"] == 0 and any(100 <= walk_min(f, k) <= 140 for k in CATEGORIES)),
        ("no_stop",
         "no served stop within 1500 m walking (either view), otherwise any", 22,
         lambda f: f["n_all"] == 0),
        ("on_demand_only",
         "served stops within 1500 m walking in view all, none in view exclude_715_1501", 14,
         lambda f: f["n_all"] > 0 and f["n_bus"] == 0),
        ("direct_walk_candidate",
         "a bus stop within 1500 m and a grocery within 20 min direct walk", 22,
         lambda f: f["n_bus"] > 0 and walk_min(f, "grocery") <= 20),
        ("near_cap_candidate",
         "a bus stop within 1500 m and the nearest health service 30-110 km away (geodesic)", 30,
         lambda f: f["n_bus"] > 0 and 30000 <= f["nd"]["health"] <= 110000),
        ("with_stop",
         "a served stop within 1500 m walking (view all), otherwise any", 50,
         lambda f: f["n_all"] > 0),
    ]
    chosen = {}
    strata_out = {}
    for name, definition, k, pred in strata:
        pool = [i for i, f in enumerate(feats) if pred(f) and i not in chosen]
        pick = sorted(rng.choice(len(pool), size=min(k, len(pool)), replace=False).tolist()) if pool else []
        for j in pick:
            chosen[pool[j]] = name
        strata_out[name] = {"definition": definition, "target": k, "pool": len(pool), "count": len(pick)}
    sample = sorted(chosen, key=lambda i: cells[i]["id"])
    population_counts = {
        "cells": len(cells),
        "cells_with_served_stop_all": sum(1 for f in feats if f["n_all"] > 0),
        "cells_with_served_stop_exclude_715_1501": sum(1 for f in feats if f["n_bus"] > 0),
        "cells_with_only_on_demand_stops": sum(1 for f in feats if f["n_all"] > 0 and f["n_bus"] == 0),
    }
    return [(cells[i], chosen[i]) for i in sample], strata_out, population_counts


# --------------------------------------------------------------------------- main computation

def compute(feed, cells, services, perturb=0, sample=None, ablation=None):
    """-> dict with per-view facts, the sample and per cell results (and diagnostics).
    ablation: None; "no_transfer_rules" (transfers.txt ignored); "single_ride" (no second ride)."""
    if ablation == "no_transfer_rules":
        feed = dict(feed)
        feed["transfers"] = []
    rules = TransferRules(feed)
    walking = Walking(feed, services, CATEGORIES, rules, perturb)
    if ablation == "single_ride":
        walking.stay = [None] * len(walking.stay)
        walking.nbrs = [[] for _ in walking.nbrs]
    deps = np.arange(WINDOW_START, WINDOW_END, STEP, dtype=float)
    nets, facts = {}, {}
    for view, excl in VIEWS.items():
        trips, fa = build_timetable(feed, DATE, excl)
        net = Network(trips, walking, (float(WINDOW_START), float(deps.max()) + CAP))
        fa["connections_scanned"] = net.n_conns
        fa["stops_served"] = len(net.served)
        nets[view] = net
        facts[view] = fa
    out = {"facts": facts, "walking": walking, "nets": nets, "deps": deps}
    if sample is None:
        sample, strata, counts = sample_cells(cells, services, walking, nets)
        out["strata"] = strata
        out["population_counts"] = counts
    out["sample"] = sample
    results = {}
    raw = {}
    for cell, stratum in sample:
        direct = direct_walks(cell, services)
        acc, gap = walking.access(cell["lon"], cell["lat"])
        res = {"stratum": stratum, "lon": cell["lon"], "lat": cell["lat"], "kommun_kod": cell["kommun_kod"],
               "population": cell["pop"],
               "access_stops": {v: sum(1 for s, _ in acc if s in nets[v].served) for v in VIEWS},
               "direct_walk_min": {c: direct[c] / 60.0 for c in CATEGORIES},
               "views": {}}
        raw[cell["id"]] = {"acc": acc, "direct": direct, "gap": gap, "views": {}}
        for view in VIEWS:
            best, _ = scan(nets[view], acc, direct, deps, CATEGORIES)
            vres = {}
            for c in CATEGORIES:
                s, vals = summarise(best[c], deps)
                walk_wins = sum(1 for k in range(len(deps))
                                if direct[c] <= CAP and deps[k] + direct[c] <= best[c][k])
                s["walk_only_departures"] = walk_wins
                vres[c] = s
                raw[cell["id"]]["views"].setdefault(view, {})[c] = vals
            res["views"][view] = vres
        results[cell["id"]] = res
    out["results"] = results
    out["raw"] = raw
    return out


def reference_checks(nominal, n):
    """Re-derives n seeded (cell, view, departure) triples with the scalar reference."""
    rng = np.random.default_rng(SEED + 1)
    ids = sorted(nominal["raw"])
    with_stops = [i for i in ids if nominal["raw"][i]["acc"]]
    deps = nominal["deps"]
    worst = 0.0
    done = 0
    for k in range(n):
        cid = with_stops[int(rng.integers(len(with_stops)))]
        view = list(VIEWS)[int(rng.integers(len(VIEWS)))]
        di = int(rng.integers(len(deps)))
        r = nominal["raw"][cid]
        ref = reference_query(nominal["nets"][view], r["acc"], r["direct"], float(deps[di]), CATEGORIES)
        for c in CATEGORIES:
            a = r["views"][view][c][di]
            b = ref[c] - deps[di]
            b = b if b <= CAP else INF
            if a == INF or b == INF:
                assert a == b, (cid, view, deps[di], c, a, b)
            else:
                assert abs(a - b) < 1e-9, (cid, view, deps[di], c, a, b)
                worst = max(worst, abs(a - b))
        done += 1
    return done


def compare_perturbed(nominal, other, label):
    """The sandwich check: every travel time of `other` lies within 3.1 ms of the nominal one
    and reachability is identical -> no discrete decision within 1 ms / 1 mm of a tie."""
    bad = []
    for cid, r in nominal["raw"].items():
        for view in VIEWS:
            for c in CATEGORIES:
                a = r["views"][view][c]
                b = other["raw"][cid]["views"][view][c]
                for k, (x, y) in enumerate(zip(a, b)):
                    if (x == INF) != (y == INF) or (x != INF and abs(x - y) > 3.1 * PERTURB_S + 1e-9):
                        bad.append((cid, view, c, k, x, y))
    if bad:
        raise SystemExit(f"{label}: {len(bad)} travel times hinge on a near tie, e.g. {bad[:3]}")


def build():
    t_start = time.time()
    n_self = self_test()
    print(f"self-test: {n_self} scenario checks passed (both implementations)")
    feed = read_zip_feed(GTFS_ZIP)
    cells = load_cells()
    services = load_services()
    nominal = compute(feed, cells, services)
    print(f"sample: {len(nominal['sample'])} cells, nominal run {time.time() - t_start:.1f} s")
    n_ref = reference_checks(nominal, REFERENCE_CHECKS)
    print(f"reference implementation agrees on {n_ref} (cell, view, departure) triples")
    for p in (+1, -1):
        other = compute(feed, cells, services, perturb=p, sample=nominal["sample"])
        compare_perturbed(nominal, other, f"perturbation {p:+d}")
    print("perturbation check passed")
    ablations = {}
    for mode in ("no_transfer_rules", "single_ride"):
        abl = compute(feed, cells, services, sample=nominal["sample"], ablation=mode)
        cells_changed = 0
        departures_changed = 0
        for cid, r in nominal["raw"].items():
            for view in VIEWS:
                for c in CATEGORIES:
                    a = r["views"][view][c]
                    b = abl["raw"][cid]["views"][view][c]
                    departures_changed += sum(1 for x, y in zip(a, b) if x != y)
                if nominal["results"][cid]["views"][view] != abl["results"][cid]["views"][view]:
                    cells_changed += 1
        ablations[mode] = {"cell_views_with_changed_values": cells_changed,
                           "departure_times_changed": departures_changed}
    print(f"ablations: {ablations}")

    # exercised edge cases
    results = nominal["results"]
    ex = {}
    view_differs = sum(1 for r in results.values()
                       if r["views"]["all"] != r["views"]["exclude_715_1501"])
    ex["cells_where_views_differ"] = view_differs
    ex["ablations"] = ablations
    ex["ablations_note"] = ("the sample recomputed without transfers.txt (no station minimum) and with a single ride "
                            "(no staying, no transfer walk): how many (cell, view) results and (cell, view, "
                            "category, departure) travel times change")
    ex["cells_with_walk_only_departures_all"] = sum(
        1 for r in results.values() if any(r["views"]["all"][c]["walk_only_departures"] > 0 for c in CATEGORIES))
    ex["cells_where_median_is_the_direct_walk_all"] = sum(
        1 for r in results.values()
        if any(r["views"]["all"][c]["median_min"] is not None
               and abs(r["views"]["all"][c]["median_min"] - r["direct_walk_min"][c]) < 1e-9 for c in CATEGORIES))
    ex["cells_partly_reached_all"] = sum(
        1 for r in results.values() if any(0 < r["views"]["all"][c]["reached_share"] < 1 for c in CATEGORIES))
    ex["cells_with_p90_over_100_min_all"] = sum(
        1 for r in results.values()
        if any((r["views"]["all"][c]["p90_min"] or 0) > 100 for c in CATEGORIES))
    ex["cells_unreachable_all_categories_all"] = sum(
        1 for r in results.values() if all(r["views"]["all"][c]["reached_share"] == 0 for c in CATEGORIES))
    overnight = {v: nominal["facts"][v]["trips_previous_day_overnight"] for v in VIEWS}
    ex["overnight_trips_in_timetable"] = overnight
    ex["overnight_trips_note"] = ("previous-day trips end by 00:50 on the date, before the 08:00-11:59 scan "
                                  "window, so they cannot change any value here; the self-test covers them")

    w = nominal["walking"]
    gaps = [nominal["raw"][cid]["gap"] for cid in nominal["raw"]]
    margins = {
        "min_gap_access_walk_to_1500m_over_sample_m": min(gaps),
        "min_gap_egress_walk_to_1500m_m": w.min_gap_egress_limit_m,
        "min_gap_transfer_walk_to_500m_m": w.min_gap_transfer_limit_m,
        "perturbation": "recomputed with every walking leg +1 ms and every limit -1 mm, and with -1 ms / "
                        "+1 mm: every departure's reachability is the same and every travel time within "
                        "3.1 ms, so no value hinges on a near tie",
    }
    views_json = {}
    for v, excl in VIEWS.items():
        fa = dict(nominal["facts"][v])
        fa["transfer_walk_pairs"] = w.transfer_pairs
        views_json[v] = {"exclude_route_types": excl, "facts": fa}
    runtime = time.time() - t_start
    doc = {
        "description": "Oracle for servicegap's public-transport mode: travel times from SCB 1 km cells of "
                       "Norrbotten to the nearest-in-time grocery, pharmacy and health service by GTFS "
                       "timetable + walking, 120 departures 08:00-09:59 on Tuesday 2023-01-17. Generated by "
                       "Scripts/oracle/transit_oracle.py; do not edit by hand.",
        "parameters": {
            "date": DATE.isoformat(),
            "previous_day_overnight": (DATE - dt.timedelta(days=1)).isoformat(),
            "window": {"start": fmt_hms(WINDOW_START), "end_excluded": fmt_hms(WINDOW_END), "step_s": STEP,
                       "departures": int((WINDOW_END - WINDOW_START) / STEP)},
            "cap_s": CAP,
            "walking": {"speed_kmh": 5.0, "detour_factor": DETOUR, "distance": "geodesic WGS84 x detour_factor",
                        "time": "walking_distance_m / (5000/3600) s",
                        "access_egress_max_walk_m": ACCESS_MAX_M, "transfer_max_walk_m": TRANSFER_MAX_M,
                        "direct_walk_max": "none (only the cap)"},
            "percentiles": {"median_min": 50, "p90_min": 90, "rule": "nearest rank ceil(p/100 n), inf sorts last"},
            "categories": CATEGORIES,
            "views": {v: {"exclude_route_types": e} for v, e in VIEWS.items()},
        },
        "inputs": {
            "gtfs": {"file": str(GTFS_ZIP.relative_to(REPO)), "sha256": sha256(GTFS_ZIP)},
            "units": {"file": str(CELLS_CSV.relative_to(REPO)), "sha256": sha256(CELLS_CSV),
                      "filter": "kommun_kod starts with 25", "id": "rutid_scb",
                      "point": "lower-left corner + rutstorl/2 in EPSG:3006, to lon/lat with pyproj always_xy"},
            "services": {"file": str(SERVICES_CSV.relative_to(REPO)), "sha256": sha256(SERVICES_CSV),
                         "selection": "every row of the category"},
        },
        "sample": {"seed": SEED, "cell_count": len(nominal["sample"]), "strata": nominal["strata"],
                   "region_counts": nominal["population_counts"],
                   "method": "numpy default_rng(seed); strata drawn in the listed order, each from the cells "
                             "matching its definition not drawn yet (rng.choice without replacement on the "
                             "pool in rutid order, then sorted)"},
        "views": views_json,
        "units": results,
        "exercised": ex,
        "margins": margins,
        "checks": {"self_test_checks": n_self, "reference_triples": n_ref,
                   "reference": "scalar Bellman-Ford over whole trips, agrees to 1e-9 s"},
        "runtime_seconds": round(runtime, 1),
    }
    return doc, runtime


def dump(doc) -> str:
    text = json.dumps(doc, sort_keys=True, indent=1, ensure_ascii=False, allow_nan=False) + "\n"
    json.loads(text)
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="recompute in memory and compare with the committed JSON (runtime excluded)")
    ap.add_argument("--self-test-only", action="store_true", help="run the hand-made feed tests and stop")
    args = ap.parse_args()
    if args.self_test_only:
        t0 = time.time()
        print(f"self-test: {self_test()} checks passed in {time.time() - t0:.1f} s")
        return 0
    doc, runtime = build()
    if args.check:
        old = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else None
        status = 0
        if old is None:
            print(f"{OUT}: missing", file=sys.stderr)
            status = 1
        else:
            old.pop("runtime_seconds", None)
            new = dict(doc)
            new.pop("runtime_seconds", None)
            if dump(old) != dump(new):
                print(f"{OUT}: differs from regenerated oracle", file=sys.stderr)
                status = 1
            else:
                print(f"{OUT.relative_to(REPO)}: up to date")
        print(f"wall time {runtime:.1f} s")
        return status
    text = dump(doc)
    tmp = OUT.with_suffix(".json.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(OUT)
    print(f"wrote {OUT.relative_to(REPO)} ({len(text)} bytes)")
    print(f"wall time {runtime:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
