#!/usr/bin/env python3
"""Independent oracle for servicegap's road-network mode.

Recomputes, with pyproj + numpy + networkx only, the network distances and
travel times the brief defines ("Network graph", "Snapping", "Network
distance and time", "Unreachable"), and writes them as JSON fixtures that the
Swift tests compare against:

  fixtures/oracle/network_umea.json    Umeå region (MATSim/OSM links, length field)
  fixtures/oracle/network_samsoe.json  Samsø (OSM ways, geodesic lengths)

It reads the road files fixtures/roads/umea_region_roads.geojson and
samsoe_roads.geojson (unchanged copies of the data's road files, see
fixtures/roads/README.md), the SCB localities fixtures/sweden/tatorter_2020.csv and
the services fixtures/sweden/services_sweden.csv, and also writes the exact point
inputs the Swift tests must use:

  fixtures/roads/umea_units.csv        SCB tätorter 2020 in kommun 2480, 2460,
                                       2404, 2403, 2401, 2409 (id,name,population,lon,lat)
  fixtures/roads/umea_services.csv     services_sweden.csv rows of those kommuner,
                                       category grocery/pharmacy/fuel (id,name,category,lon,lat)
  fixtures/roads/samsoe_units.csv      60 seeded units near the roads + 2 in the sea
  fixtures/roads/samsoe_services.csv   16 seeded services (grocery 10, health 6) + 1 in the sea

Usage (from the repository root):

  python3 Scripts/oracle/network_oracle.py           # (re)write all files above
  python3 Scripts/oracle/network_oracle.py --check   # recompute, compare with the files, exit 1 on change

Every run also re-derives all unit->service values a second, independent way
(see "Cross-check" below) and stops if the two disagree.

Definitions implemented
-----------------------

* Working CRS W: EPSG:3006 (Umeå), EPSG:32632 (Samsø); projection with
  pyproj.Transformer.from_crs(4326, W, always_xy=True).
* Graph: every LineString feature (a MultiLineString would be several roads)
  contributes its consecutive vertex pairs ("pieces") in drawn order. Node key
  of a vertex = (round(x*100), round(y*100)) of its projected coordinates
  (Python round; no projected coordinate lies within 1e-6 cm of a .5 tie in
  these data, checked and reported as `graph.node_key_near_ties`). Pieces
  whose two keys are equal are dropped. Piece length = Geod(ellps="WGS84").inv
  between the two lon/lat vertices; with a length field (Umeå `length_m`),
  every kept piece of the road is multiplied by length_m / (sum of the
  geodesic lengths of the road's kept pieces), when that sum > 0.
* Speed: numeric `maxspeed` > 0, else the `highway` default (SPEEDS below),
  else 50 km/h. Piece time = length / (speed / 3.6) s.
* Direction: `oneway` true -> arc first->second vertex only; else both ways.
* Snapping P: the piece with the smallest planar (W) distance from P to the
  segment; ties -> the earliest piece (feature order, then piece order; numpy
  argmin returns the first minimum). Closest point S: t = ((P-A).(B-A))/|B-A|^2
  clamped to [0, 1]; S = A if t == 0, S = B if t == 1 (exactly the vertex, so
  that pieces sharing a vertex tie exactly), else A + t (B-A). Distance > 5000 m
  (strictly) -> P unreachable (snap_distance_m null, all categories null; an
  unreachable service is never a candidate). Leg = |P - S| metres, time
  leg / (20 / 3.6) s.
* Split of the snapped piece (length L, time T): A->S (L t, T t) always;
  S->B (L (1-t), T (1-t)) always; for a two-way piece also S->A and B->S.
  So at a one-way piece a point with t == 0 sits *on* A geometrically but can
  only leave towards B (S->A does not exist) -- followed literally.

Algorithm (main computation)
----------------------------

Two directed graphs on the node keys, one weighted by length and one by time;
parallel arcs between the same ordered node pair keep the minimum weight of
that measure (separately per measure). For each reachable unit U on piece
e_U = (A_U, B_U) at t_U, one Dijkstra per measure from a super-source with
arcs super->B_U of weight w(e_U)(1 - t_U), and, if e_U is two-way,
super->A_U of weight w(e_U) t_U. The unsplit arcs of e_U stay in the graph:
A_U->B_U has the same weight as A_U->S_U->B_U, so shortest paths are the same.
Then for each reachable service V on e_V = (A_V, B_V) at t_V:

  road(U, V) = min( d(A_V) + w(e_V) t_V,
                    d(B_V) + w(e_V) (1 - t_V)        if e_V is two-way,
                    w(e) |t_V - t_U|                 if e_U == e_V (same piece)
                                                     and (two-way or t_V >= t_U) )
  value(U, V) = leg(U) + road(U, V) + leg(V)

with leg in metres for the distance and in seconds (at 20 km/h) for the
time. dist_m = min over the category's services of the distance value;
time_min = min of the time value / 60 (independently: the fastest service
need not be the nearest). nearest_id = smallest id among services whose
distance value is <= min + 1e-6 m. No reachable service -> null x 3.
This is one Dijkstra per unit and measure (36 / 62 units; about 1.5 s for
Umeå and 4 s for Samsø), so no per-category reverse search is needed.

Diagnostics in the JSON (`diagnostics`): `snap_ties` lists every point whose
minimum planar distance is shared exactly by several pieces (typically at a
shared vertex, or two links with identical geometry), with how many
unit-service values would change had another tied piece been chosen -- a
non-zero count means that point really tests the earliest-piece rule.
`units_at_first_vertex_of_oneway` / `services_at_second_vertex_of_oneway`
list the points where the literal one-way split rule above could matter.

Cross-check (independent second computation, always run)
--------------------------------------------------------

A networkx MultiDiGraph in which every piece carrying snap points (of all
units and all services at once) is subdivided at those points, sorted by t
(equal t: input order), each point its own node, consecutive sub-arcs with
weight w (t_{k+1} - t_k), one-way pieces only forwards. For each unit, one
Dijkstra from its snap node; value = leg(U) + d(S_V) + leg(V). Splitting at
all points at once is equivalent to the per-pair split of the brief, because
the extra nodes only subdivide pieces. Every unit/service pair must agree
with the main computation within 1e-6 m and 1e-6 s (and the reachability
must be the same).

Samsø points (seeded, numpy default_rng(55), in this order)
-----------------------------------------------------------

Road vertices = every vertex of every feature in file order (duplicates
included), projected to EPSG:32632. 60 units u001..u060: vertex index
rng.integers(n), radius 800 sqrt(rng.random()) m, angle 2 pi rng.random(),
population rng.integers(1, 501). Then the categories of the 16 services:
rng.permutation of 10 x grocery + 6 x health; then services s001..s016 placed
like the units. Sea points (Kattegat west of the island, between Samsø and
Jutland, away from Tunø and Endelave): lon rng.uniform(10.38, 10.42), lat
rng.uniform(55.80, 55.88), redrawn until > 6000 m planar from every road
piece: units u061, u062 (population rng.integers(1, 501)), then service
s017 (grocery). Coordinates are rounded to 7 decimals and written to CSV, and
the oracle reads the CSV back: the values are computed from exactly the
rounded coordinates.

Rounding in the JSON: metres 4 dp, minutes 6 dp, t 9 dp. Sorted keys, indent 1.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np
from pyproj import Geod, Transformer

REPO = Path(__file__).resolve().parents[2]
SWEDEN_DIR = REPO / "fixtures" / "sweden"
ROADS_DIR = REPO / "fixtures" / "roads"
OUT_DIR = REPO / "fixtures" / "oracle"

GEOD = Geod(ellps="WGS84")
ACCESS_SPEED_KMH = 20.0
MAX_SNAP_M = 5000.0
TIE_EPS_M = 1e-6
DEFAULT_SPEED = 50.0
SPEEDS = {
    "motorway": 110, "motorway_link": 70, "trunk": 90, "trunk_link": 60,
    "primary": 80, "primary_link": 60, "secondary": 70, "secondary_link": 50,
    "tertiary": 60, "tertiary_link": 40, "unclassified": 50, "road": 50,
    "residential": 40, "living_street": 10, "service": 20, "track": 20,
}

UMEA_KOMMUNER = ["2480", "2460", "2404", "2403", "2401", "2409"]
UMEA_CATEGORIES = ["grocery", "pharmacy", "fuel"]
SAMSOE_SEED = 55
SAMSOE_CATEGORIES = ["grocery", "health"]


def r_m(x):
    return None if x is None else round(float(x), 4)


def r_min(x):
    return None if x is None else round(float(x), 6)


def sha256_bytes(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def speed_of(props) -> float:
    ms = props.get("maxspeed")
    if isinstance(ms, (int, float)) and not isinstance(ms, bool) and ms > 0:
        return float(ms)
    return float(SPEEDS.get(props.get("highway"), DEFAULT_SPEED))


# --------------------------------------------------------------------------- network

class Network:
    """Pieces in file order with projected vertices, lengths, times, node keys."""

    def __init__(self, geojson: dict, work_epsg: int, length_field: str | None):
        self.tr = Transformer.from_crs(4326, work_epsg, always_xy=True)
        ax, ay, bx, by = [], [], [], []
        self.pieces = []  # dicts: feature, piece, a, b, length, time, oneway
        near_ties = 0
        dropped = 0
        scaled_roads = 0
        for fi, feat in enumerate(geojson["features"]):
            geom = feat["geometry"]
            props = feat["properties"]
            if geom["type"] == "LineString":
                lines = [geom["coordinates"]]
            elif geom["type"] == "MultiLineString":
                lines = geom["coordinates"]
            else:
                continue
            speed = speed_of(props)
            oneway = props.get("oneway") is True
            for line in lines:  # each part of a MultiLineString is its own road
                lon = [float(c[0]) for c in line]
                lat = [float(c[1]) for c in line]
                xs, ys = self.tr.transform(lon, lat)
                xs = [float(v) for v in np.atleast_1d(xs)]
                ys = [float(v) for v in np.atleast_1d(ys)]
                keys = []
                for x, y in zip(xs, ys):
                    for v in (x * 100, y * 100):
                        if abs(abs(v - math.floor(v)) - 0.5) < 1e-6:
                            near_ties += 1
                    keys.append((round(x * 100), round(y * 100)))
                road = []
                for i in range(len(line) - 1):
                    if keys[i] == keys[i + 1]:
                        dropped += 1
                        continue
                    geo = GEOD.inv(lon[i], lat[i], lon[i + 1], lat[i + 1])[2]
                    road.append({"feature": fi, "piece": i, "a": keys[i], "b": keys[i + 1],
                                 "length": geo, "speed": speed, "oneway": oneway,
                                 "xy": (xs[i], ys[i], xs[i + 1], ys[i + 1])})
                if length_field is not None and props.get(length_field) is not None:
                    total = sum(p["length"] for p in road)
                    if total > 0:
                        scaled_roads += 1
                        f = float(props[length_field]) / total
                        for p in road:
                            p["length"] = p["length"] * f
                for p in road:
                    p["time"] = p["length"] / (p["speed"] / 3.6)
                    x0, y0, x1, y1 = p.pop("xy")
                    ax.append(x0); ay.append(y0); bx.append(x1); by.append(y1)
                    self.pieces.append(p)
        self.ax, self.ay = np.array(ax), np.array(ay)
        self.bx, self.by = np.array(bx), np.array(by)
        self.near_ties = near_ties
        self.dropped = dropped
        self.scaled_roads = scaled_roads

        # Base graphs: min weight per ordered node pair, per measure.
        self.g = {"dist": nx.DiGraph(), "time": nx.DiGraph()}
        self.arc_count = 0
        for p in self.pieces:
            arcs = [(p["a"], p["b"])] if p["oneway"] else [(p["a"], p["b"]), (p["b"], p["a"])]
            for u, v in arcs:
                self.arc_count += 1
                for m, w in (("dist", p["length"]), ("time", p["time"])):
                    g = self.g[m]
                    if g.has_edge(u, v):
                        if w < g[u][v]["w"]:
                            g[u][v]["w"] = w
                    else:
                        g.add_edge(u, v, w=w)

    def graph_stats(self):
        g = self.g["dist"]
        comps = sorted((len(c) for c in nx.weakly_connected_components(g)), reverse=True)
        return {
            "nodes": g.number_of_nodes(),
            "arcs": self.arc_count,
            "arcs_distinct_node_pairs": g.number_of_edges(),
            "pieces": len(self.pieces),
            "pieces_dropped_zero_length_key": self.dropped,
            "roads_scaled_by_length_field": self.scaled_roads,
            "weak_components": len(comps),
            "largest_component_nodes": comps[0] if comps else 0,
            "node_key_near_ties": self.near_ties,
            "total_length_km": round(sum(p["length"] for p in self.pieces) / 1000, 6),
        }

    def distances(self, lon: float, lat: float):
        """Planar distance from the point to every piece, and the clamped fraction t."""
        px, py = self.tr.transform(lon, lat)
        px, py = float(px), float(py)
        dx, dy = self.bx - self.ax, self.by - self.ay
        t = ((px - self.ax) * dx + (py - self.ay) * dy) / (dx * dx + dy * dy)
        t = np.clip(t, 0.0, 1.0)
        # S exactly at the vertex when clamped, so pieces sharing a vertex tie exactly.
        sx = np.where(t <= 0.0, self.ax, np.where(t >= 1.0, self.bx, self.ax + t * dx))
        sy = np.where(t <= 0.0, self.ay, np.where(t >= 1.0, self.by, self.ay + t * dy))
        return t, np.hypot(px - sx, py - sy)

    def snap(self, lon: float, lat: float, piece: int | None = None):
        """Snap to the nearest piece (ties: earliest), or to the given piece."""
        t, d = self.distances(lon, lat)
        i = int(np.argmin(d)) if piece is None else piece  # argmin: first minimum = earliest piece
        dist = float(d[i])
        return {"piece": i, "t": float(t[i]), "dist": dist, "reachable": dist <= MAX_SNAP_M,
                "n_tied": int(np.count_nonzero(d == d[i])), "tied": [int(j) for j in np.nonzero(d == d[i])[0]]}


# --------------------------------------------------------------------------- computation

def leg_value(snap, measure):
    return snap["dist"] if measure == "dist" else snap["dist"] / (ACCESS_SPEED_KMH / 3.6)


def weight(p, measure):
    return p["length"] if measure == "dist" else p["time"]


def main_values(net: Network, units, services):
    """values[measure][ui][si] = unit->service value (m or s) or None. Super-source Dijkstra."""
    out = {}
    for measure in ("dist", "time"):
        g = net.g[measure]
        table = []
        for u in units:
            su = u["snap"]
            row = [None] * len(services)
            if su["reachable"]:
                pu = net.pieces[su["piece"]]
                w = weight(pu, measure)
                src = ("super",)
                g.add_edge(src, pu["b"], w=w * (1.0 - su["t"]))
                if not pu["oneway"]:
                    g.add_edge(src, pu["a"], w=w * su["t"])
                d = nx.single_source_dijkstra_path_length(g, src, weight="w")
                g.remove_node(src)
                for si, s in enumerate(services):
                    sv = s["snap"]
                    if not sv["reachable"]:
                        continue
                    pv = net.pieces[sv["piece"]]
                    wv = weight(pv, measure)
                    cands = []
                    if pv["a"] in d:
                        cands.append(d[pv["a"]] + wv * sv["t"])
                    if not pv["oneway"] and pv["b"] in d:
                        cands.append(d[pv["b"]] + wv * (1.0 - sv["t"]))
                    if sv["piece"] == su["piece"] and (not pv["oneway"] or sv["t"] >= su["t"]):
                        cands.append(wv * abs(sv["t"] - su["t"]))
                    if cands:
                        row[si] = leg_value(su, measure) + min(cands) + leg_value(sv, measure)
            table.append(row)
        out[measure] = table
    return out


def crosscheck_values(net: Network, units, services):
    """Same table from a MultiDiGraph subdivided at every snap point."""
    points = [("u", i, u["snap"]) for i, u in enumerate(units)] + \
             [("s", i, s["snap"]) for i, s in enumerate(services)]
    on_piece = {}
    for kind, i, sn in points:
        if sn["reachable"]:
            on_piece.setdefault(sn["piece"], []).append((sn["t"], kind, i))
    out = {}
    for measure in ("dist", "time"):
        g = nx.MultiDiGraph()
        for pi, p in enumerate(net.pieces):
            w = weight(p, measure)
            chain = [(0.0, p["a"])]
            for t, kind, i in sorted(on_piece.get(pi, []), key=lambda e: e[0]):  # stable: input order
                chain.append((t, ("snap", kind, i)))
            chain.append((1.0, p["b"]))
            for (t0, n0), (t1, n1) in zip(chain, chain[1:]):
                g.add_edge(n0, n1, w=w * (t1 - t0))
                if not p["oneway"]:
                    g.add_edge(n1, n0, w=w * (t1 - t0))
        table = []
        for ui, u in enumerate(units):
            su = u["snap"]
            row = [None] * len(services)
            if su["reachable"]:
                d = nx.single_source_dijkstra_path_length(g, ("snap", "u", ui), weight="w")
                for si, s in enumerate(services):
                    sv = s["snap"]
                    node = ("snap", "s", si)
                    if sv["reachable"] and node in d:
                        row[si] = leg_value(su, measure) + d[node] + leg_value(sv, measure)
            table.append(row)
        out[measure] = table
    return out


def compare_tables(a, b, label):
    bad = 0
    for measure, tol in (("dist", 1e-6), ("time", 1e-6)):
        for ui, (ra, rb) in enumerate(zip(a[measure], b[measure])):
            for si, (x, y) in enumerate(zip(ra, rb)):
                if (x is None) != (y is None) or (x is not None and abs(x - y) > tol):
                    bad += 1
                    if bad <= 10:
                        print(f"  {label}: MISMATCH {measure} unit {ui} service {si}: {x} vs {y}")
    if bad:
        raise SystemExit(f"{label}: cross-check failed ({bad} mismatches)")
    n = sum(1 for r in a["dist"] for x in r if x is not None)
    print(f"  {label}: cross-check OK ({n} reachable unit-service pairs, both measures)")


def tie_report(net: Network, units, services, vals):
    """Points whose nearest distance is shared by several pieces (exactly equal planar distance).

    For each: the tied pieces as [feature, piece] and how many unit-service values (either
    measure) would change if another of the tied pieces were chosen instead of the earliest
    ("sensitive" > 0 means the earliest-piece rule is really exercised by this point).
    """
    out = []
    for kind, pts in (("unit", units), ("service", services)):
        for k, p in enumerate(pts):
            sn = p["snap"]
            if not sn["reachable"] or sn["n_tied"] < 2:
                continue
            tied = sn["tied"]
            assert tied[0] == sn["piece"]
            changed = 0
            for i in tied[1:]:
                p["snap"] = net.snap(p["lon"], p["lat"], piece=i)
                if kind == "unit":
                    alt = main_values(net, [p], services)
                    ref = {m: [vals[m][k]] for m in vals}
                else:
                    alt = main_values(net, units, [p])
                    ref = {m: [[row[k]] for row in vals[m]] for m in vals}
                p["snap"] = sn
                for m in alt:
                    for ra, rb in zip(alt[m], ref[m]):
                        for x, y in zip(ra, rb):
                            if (x is None) != (y is None) or (x is not None and abs(x - y) > 1e-6):
                                changed += 1
            out.append({"id": p["id"], "pieces": [[net.pieces[i]["feature"], net.pieces[i]["piece"]] for i in tied],
                        "values_changed_by_other_choice": changed})
    return out


def analyse(name, net: Network, units, services, categories, work_crs, length_field, inputs):
    for p in units + services:
        p["snap"] = net.snap(p["lon"], p["lat"])
    t0 = time.time()
    vals = main_values(net, units, services)
    t_main = time.time() - t0
    t0 = time.time()
    compare_tables(vals, crosscheck_values(net, units, services), name)
    t_cross = time.time() - t0

    unit_out = []
    for ui, u in enumerate(units):
        cats = {}
        for c in categories:
            idx = [si for si, s in enumerate(services) if s["category"] == c]
            dl = [(vals["dist"][ui][si], services[si]["id"]) for si in idx if vals["dist"][ui][si] is not None]
            tl = [vals["time"][ui][si] for si in idx if vals["time"][ui][si] is not None]
            assert (len(dl) == 0) == (len(tl) == 0)
            if not dl:
                cats[c] = {"dist_m": None, "time_min": None, "nearest_id": None}
                continue
            dmin = min(v for v, _ in dl)
            nearest = min(sid for v, sid in dl if v <= dmin + TIE_EPS_M)
            cats[c] = {"dist_m": r_m(dmin), "time_min": r_min(min(tl) / 60.0), "nearest_id": nearest}
        sn = u["snap"]
        unit_out.append({
            "id": u["id"],
            "snap_distance_m": r_m(sn["dist"]) if sn["reachable"] else None,
            "snap_feature": net.pieces[sn["piece"]]["feature"] if sn["reachable"] else None,
            "snap_piece": net.pieces[sn["piece"]]["piece"] if sn["reachable"] else None,
            "snap_t": round(sn["t"], 9) if sn["reachable"] else None,
            "categories": cats,
        })
    svc_out = []
    for s in services:
        sn = s["snap"]
        svc_out.append({
            "id": s["id"], "category": s["category"],
            "snap_distance_m": r_m(sn["dist"]) if sn["reachable"] else None,
            "snap_feature": net.pieces[sn["piece"]]["feature"] if sn["reachable"] else None,
            "snap_piece": net.pieces[sn["piece"]]["piece"] if sn["reachable"] else None,
            "snap_t": round(sn["t"], 9) if sn["reachable"] else None,
        })

    # Diagnostics about the edge cases of the definitions.
    pts = units + services
    diag = {
        "snap_ties": tie_report(net, units, services, vals),
        "snap_at_vertex": sum(1 for p in pts if p["snap"]["reachable"] and p["snap"]["t"] in (0.0, 1.0)),
        # The literal split rule matters only here: a unit at t == 0 of a one-way piece cannot
        # leave towards the first vertex; a service at t == 1 cannot be entered from the second.
        "units_at_first_vertex_of_oneway": [
            u["id"] for u in units if u["snap"]["reachable"] and u["snap"]["t"] == 0.0
            and net.pieces[u["snap"]["piece"]]["oneway"]],
        "services_at_second_vertex_of_oneway": [
            s["id"] for s in services if s["snap"]["reachable"] and s["snap"]["t"] == 1.0
            and net.pieces[s["snap"]["piece"]]["oneway"]],
        "snap_on_oneway": sum(1 for p in pts if p["snap"]["reachable"] and net.pieces[p["snap"]["piece"]]["oneway"]),
        "same_piece_unit_service_pairs": sum(
            1 for u in units for s in services
            if u["snap"]["reachable"] and s["snap"]["reachable"] and u["snap"]["piece"] == s["snap"]["piece"]),
        "units_beyond_max_snap": sum(1 for u in units if not u["snap"]["reachable"]),
        "services_beyond_max_snap": sum(1 for s in services if not s["snap"]["reachable"]),
    }

    doc = {
        "description": f"Network-mode oracle for {name} (generated by Scripts/oracle/network_oracle.py; "
                       "do not edit by hand). Values are unit -> nearest service of each category: "
                       "dist_m = shortest (leg + road + leg) metres, time_min = fastest minutes (legs at "
                       "the access speed), nearest_id = service of the minimum distance (ties within 1e-6 m "
                       "-> smallest id); null = unreachable. snap_feature/snap_piece = 0-based feature "
                       "index in the roads file and index of the piece's first vertex in that line.",
        "inputs": inputs,
        "parameters": {
            "work_crs": work_crs,
            "access_speed_kmh": ACCESS_SPEED_KMH,
            "max_snap_m": MAX_SNAP_M,
            "speeds_kmh": dict(SPEEDS),
            "default_speed_kmh": DEFAULT_SPEED,
            "length_field": length_field,
            "node_key": "(round(x*100), round(y*100)) in the working CRS",
            "nearest_tie_eps_m": TIE_EPS_M,
            "rounding": "metres 4 dp, minutes 6 dp, t 9 dp",
        },
        "categories": categories,
        "graph": net.graph_stats(),
        "diagnostics": diag,
        "units": unit_out,
        "services": svc_out,
    }
    print_summary(name, doc, t_main, t_cross)
    return doc


def print_summary(name, doc, t_main, t_cross):
    g = doc["graph"]
    print(f"== {name}: {g['nodes']} nodes, {g['arcs']} arcs ({g['arcs_distinct_node_pairs']} distinct), "
          f"{g['pieces']} pieces ({g['pieces_dropped_zero_length_key']} dropped), "
          f"{g['weak_components']} weak components (largest {g['largest_component_nodes']}), "
          f"{g['total_length_km']} km; Dijkstra {t_main:.2f} s, cross-check {t_cross:.2f} s")
    print(f"   diagnostics: {doc['diagnostics']}")
    snaps = [u["snap_distance_m"] for u in doc["units"] if u["snap_distance_m"] is not None]
    print(f"   units {len(doc['units'])}, snap distance max {max(snaps):.1f} m, "
          f"mean {sum(snaps) / len(snaps):.1f} m")
    for c in doc["categories"]:
        nserv = sum(1 for s in doc["services"] if s["category"] == c)
        vals = [u["categories"][c] for u in doc["units"]]
        ok = [v for v in vals if v["dist_m"] is not None]
        nul = len(vals) - len(ok)
        if ok:
            ds = sorted(v["dist_m"] for v in ok)
            ts = sorted(v["time_min"] for v in ok)
            print(f"   {c:9s} services {nserv:3d}: reachable {len(ok)}, null {nul}; dist_m median "
                  f"{ds[len(ds) // 2]:.1f} max {ds[-1]:.1f}; time_min median {ts[len(ts) // 2]:.2f} "
                  f"max {ts[-1]:.2f}")
        else:
            print(f"   {c:9s} services {nserv:3d}: all null")


# --------------------------------------------------------------------------- inputs

def csv_text(header, rows) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def read_points(text: str, kind: str):
    out = []
    for r in csv.DictReader(io.StringIO(text)):
        rec = {"id": r["id"], "lon": float(r["lon"]), "lat": float(r["lat"])}
        if kind == "services":
            rec["category"] = r["category"]
        out.append(rec)
    return out


def umea_inputs():
    with open(SWEDEN_DIR / "tatorter_2020.csv", encoding="utf-8", newline="") as f:
        t = [r for r in csv.DictReader(f) if r["kommun_kod"] in UMEA_KOMMUNER]
    with open(SWEDEN_DIR / "services_sweden.csv", encoding="utf-8", newline="") as f:
        s = [r for r in csv.DictReader(f)
             if r["kommun_kod"] in UMEA_KOMMUNER and r["category"] in UMEA_CATEGORIES]
    units = csv_text(["id", "name", "population", "lon", "lat"],
                     [[r["tatortskod"], r["namn"], r["befolkning"], r["lon"], r["lat"]] for r in t])
    services = csv_text(["id", "name", "category", "lon", "lat"],
                        [[r["id"], r["name"], r["category"], r["lon"], r["lat"]] for r in s])
    return units, services


def samsoe_inputs(roads: dict):
    tr = Transformer.from_crs(4326, 32632, always_xy=True)
    inv = Transformer.from_crs(32632, 4326, always_xy=True)
    lon, lat = [], []
    for f in roads["features"]:
        for c in f["geometry"]["coordinates"]:
            lon.append(float(c[0])); lat.append(float(c[1]))
    vx, vy = tr.transform(lon, lat)
    vx, vy = np.asarray(vx), np.asarray(vy)
    net = Network(roads, 32632, None)
    rng = np.random.default_rng(SAMSOE_SEED)

    def near_road():
        i = int(rng.integers(len(vx)))
        r = 800.0 * math.sqrt(float(rng.random()))
        a = 2.0 * math.pi * float(rng.random())
        x, y = float(vx[i]) + r * math.cos(a), float(vy[i]) + r * math.sin(a)
        lo, la = inv.transform(x, y)
        return round(float(lo), 7), round(float(la), 7)

    def in_sea():
        while True:
            lo = round(float(rng.uniform(10.38, 10.42)), 7)
            la = round(float(rng.uniform(55.80, 55.88)), 7)
            if net.snap(lo, la)["dist"] > 6000.0:
                return lo, la

    units = []
    for i in range(60):
        lo, la = near_road()
        units.append([f"u{i + 1:03d}", f"Unit {i + 1}", int(rng.integers(1, 501)), lo, la])
    cats = list(rng.permutation(["grocery"] * 10 + ["health"] * 6))
    services = []
    for i in range(16):
        lo, la = near_road()
        services.append([f"s{i + 1:03d}", f"Service {i + 1}", str(cats[i]), lo, la])
    for i in range(2):
        lo, la = in_sea()
        units.append([f"u{61 + i:03d}", f"Sea unit {i + 1}", int(rng.integers(1, 501)), lo, la])
    lo, la = in_sea()
    services.append(["s017", "Sea service 1", "grocery", lo, la])
    fmt = lambda v: f"{v:.7f}".rstrip("0").rstrip(".")
    units_txt = csv_text(["id", "name", "population", "lon", "lat"],
                         [[a, b, c, fmt(d), fmt(e)] for a, b, c, d, e in units])
    services_txt = csv_text(["id", "name", "category", "lon", "lat"],
                            [[a, b, c, fmt(d), fmt(e)] for a, b, c, d, e in services])
    return units_txt, services_txt


# --------------------------------------------------------------------------- main

def json_text(doc) -> str:
    return json.dumps(doc, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def build():
    """Return {path: bytes} of every file this script owns."""
    files = {}
    umea_roads_b = (ROADS_DIR / "umea_region_roads.geojson").read_bytes()
    samsoe_roads_b = (ROADS_DIR / "samsoe_roads.geojson").read_bytes()

    # Umeå
    units_txt, services_txt = umea_inputs()
    files[ROADS_DIR / "umea_units.csv"] = units_txt.encode("utf-8")
    files[ROADS_DIR / "umea_services.csv"] = services_txt.encode("utf-8")
    net = Network(json.loads(umea_roads_b), 3006, "length_m")
    inputs = {
        "roads": "fixtures/roads/umea_region_roads.geojson",
        "units": "fixtures/roads/umea_units.csv",
        "services": "fixtures/roads/umea_services.csv",
        "sha256": {"umea_region_roads.geojson": sha256_bytes(umea_roads_b),
                   "umea_units.csv": sha256_bytes(units_txt.encode()),
                   "umea_services.csv": sha256_bytes(services_txt.encode())},
        "selection": "units: SCB tätorter 2020 with kommun_kod in " + ", ".join(UMEA_KOMMUNER)
                     + "; services: services_sweden.csv rows of those kommuner with category "
                     + ", ".join(UMEA_CATEGORIES),
    }
    doc = analyse("umea", net, read_points(units_txt, "units"), read_points(services_txt, "services"),
                  UMEA_CATEGORIES, "EPSG:3006", "length_m", inputs)
    files[OUT_DIR / "network_umea.json"] = json_text(doc).encode("utf-8")

    # Samsø
    samsoe_roads = json.loads(samsoe_roads_b)
    units_txt, services_txt = samsoe_inputs(samsoe_roads)
    files[ROADS_DIR / "samsoe_units.csv"] = units_txt.encode("utf-8")
    files[ROADS_DIR / "samsoe_services.csv"] = services_txt.encode("utf-8")
    net = Network(samsoe_roads, 32632, None)
    inputs = {
        "roads": "fixtures/roads/samsoe_roads.geojson",
        "units": "fixtures/roads/samsoe_units.csv",
        "services": "fixtures/roads/samsoe_services.csv",
        "sha256": {"samsoe_roads.geojson": sha256_bytes(samsoe_roads_b),
                   "samsoe_units.csv": sha256_bytes(units_txt.encode()),
                   "samsoe_services.csv": sha256_bytes(services_txt.encode())},
        "selection": f"seeded numpy default_rng({SAMSOE_SEED}): 60 units and 16 services within 800 m of "
                     "random road vertices, 2 units (u061, u062) and 1 service (s017) in the sea > 6 km "
                     "from every road; lon/lat rounded to 7 decimals",
    }
    doc = analyse("samsoe", net, read_points(units_txt, "units"), read_points(services_txt, "services"),
                  SAMSOE_CATEGORIES, "EPSG:32632", None, inputs)
    files[OUT_DIR / "network_samsoe.json"] = json_text(doc).encode("utf-8")
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the files on disk; exit 1 on change")
    args = ap.parse_args()
    t0 = time.time()
    files = build()
    changed = []
    for path, data in files.items():
        rel = path.relative_to(REPO)
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                changed.append(str(rel))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
            print(f"wrote {rel} ({len(data)} bytes)")
    print(f"total {time.time() - t0:.1f} s")
    if args.check:
        if changed:
            print("CHANGED: " + ", ".join(changed))
            sys.exit(1)
        print("check OK: all files identical")


if __name__ == "__main__":
    main()
