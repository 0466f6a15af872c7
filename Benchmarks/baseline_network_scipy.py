#!/usr/bin/env python3
"""Road-network baseline for servicegap's network benchmark, written the way a
Python analyst would do it with pyproj + scipy.

  read roads.geojson (json) and the population / services CSVs
  graph:  every vertex projected to SWEREF99 TM (EPSG:3006) with pyproj and
          rounded to 1 cm; identical rounded vertices are one node (line ends
          and interior vertices alike). Each piece between consecutive
          vertices is an arc with its geodesic length on WGS84 (pyproj
          Geod.inv on the piece's end points, vectorised: the same as
          Geod.line_length per piece) and its time = length / speed, speed =
          numeric maxspeed (km/h), else the highway class default (the table
          below, servicegap's defaults), else 50 km/h. oneway yes/true/1 keeps
          only the forward arc, -1/reverse only the backward one. Parallel arcs
          keep the smaller weight (separately for distance and time).
  snap:   each unit and service to the nearest graph *vertex* (scipy cKDTree in
          EPSG:3006) -- simpler than servicegap's snapping to the closest point
          of the closest edge; with vertices every ~130 m or closer it is a
          loose approximation. The leg (planar metres in EPSG:3006) is
          travelled at 20 km/h; points farther than 5 km are unreachable.
  search: per category, one multi-source Dijkstra on the reversed graph
          (scipy.sparse.csgraph.dijkstra(graph.T, indices=service sources,
          min_only=True)) for distance and one for time: 8 categories x 2 = 16
          searches. Services enter through one virtual source node each, with
          an arc of their leg's length / time to their snap vertex, so the
          service-side leg counts too.

Prints one JSON line with the timings (load, graph build, snap, searches
total, total; then write, the grocery CSV, outside the total) and writes
--out/timings.json and --out/grocery_units.csv (id, grocery_dist_m,
grocery_time_min; empty when unreachable). Both carry `peak_mb`: the peak
memory so far (ru_maxrss, MiB) after each stage, in the order measured
("start" after the imports; the graph build appears twice, as it is timed in
two parts around the snap).

Usage:
  python3 Benchmarks/baseline_network_scipy.py --data Benchmarks/data \\
      --roads Benchmarks/data/roads.geojson --out Benchmarks/results/network_baseline
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from pyproj import Geod, Transformer
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

REPO = Path(__file__).resolve().parents[1]
CATEGORIES = ["grocery", "fuel", "pharmacy", "atm", "parcel", "school", "health", "post"]
# km/h by highway class (servicegap's documented defaults)
SPEEDS = {
    "motorway": 110, "motorway_link": 70, "trunk": 90, "trunk_link": 60, "primary": 80,
    "primary_link": 60, "secondary": 70, "secondary_link": 50, "tertiary": 60,
    "tertiary_link": 40, "unclassified": 50, "road": 50, "residential": 40,
    "living_street": 10, "service": 20, "track": 20,
}
FALLBACK_KMH = 50.0
ACCESS_KMH = 20.0
MAX_SNAP_M = 5000.0


def peak_mb():
    """Peak resident memory of this process so far, in MiB (ru_maxrss is in KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def maxspeed_kmh(value):
    """Numeric maxspeed in km/h ("70", "70 km/h", "50;70" -> lowest, "40 mph"), else None."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if value > 0 else None
    best = None
    for part in str(value).split(";"):
        part = part.strip().lower()
        num = ""
        for ch in part:
            if ch.isdigit() or ch == ".":
                num += ch
            else:
                break
        if not num:
            continue
        try:
            v = float(num)
        except ValueError:
            continue
        unit = part[len(num):].strip()
        if unit in ("", "km/h", "kmh", "kph"):
            pass
        elif unit == "mph":
            v *= 1.609344
        elif unit == "knots":
            v *= 1.852
        else:
            continue
        if v > 0 and (best is None or v < best):
            best = v
    return best


def direction(value):
    """+1 forward only, -1 backward only, 0 both ways."""
    if value is True:
        return 1
    if value is None or value is False:
        return 0
    v = str(value).strip().lower()
    if v in ("yes", "true", "1"):
        return 1
    if v in ("-1", "reverse"):
        return -1
    return 0


def dedupe_min(u, v, w, n):
    """csr matrix of arcs u->v keeping the smallest weight of parallel arcs."""
    order = np.lexsort((w, v, u))
    u, v, w = u[order], v[order], w[order]
    first = np.ones(len(u), bool)
    first[1:] = (u[1:] != u[:-1]) | (v[1:] != v[:-1])
    return csr_matrix((w[first], (u[first], v[first])), shape=(n, n))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO / "Benchmarks" / "data")
    ap.add_argument("--roads", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=REPO / "Benchmarks" / "results" / "network_baseline")
    ap.add_argument("--categories", default=",".join(CATEGORIES))
    args = ap.parse_args()
    roads_path = args.roads or (args.data / "roads.geojson")
    categories = [c for c in args.categories.split(",") if c]
    timings = {}
    peaks = [["start", peak_mb()]]
    t_all = time.perf_counter()

    # --- load ------------------------------------------------------------------------
    t = time.perf_counter()
    with open(roads_path, encoding="utf-8") as f:
        roads = json.load(f)
    units = pd.read_csv(args.data / "population.csv", dtype={"id": str})
    services = pd.read_csv(args.data / "services.csv", dtype={"id": str})
    timings["load_s"] = time.perf_counter() - t
    peaks.append(["load", peak_mb()])

    # --- graph build ---------------------------------------------------------------------
    t = time.perf_counter()
    coords, counts, speeds, dirs = [], [], [], []
    for feat in roads["features"]:
        geom = feat.get("geometry") or {}
        props = feat.get("properties") or {}
        parts = geom.get("coordinates") if geom.get("type") == "LineString" else None
        if geom.get("type") == "MultiLineString":
            parts_list = geom["coordinates"]
        elif parts:
            parts_list = [parts]
        else:
            continue
        sp = maxspeed_kmh(props.get("maxspeed"))
        if sp is None:
            sp = SPEEDS.get(props.get("highway"), FALLBACK_KMH)
        d = direction(props.get("oneway"))
        for line in parts_list:
            if len(line) < 2:
                continue
            coords.extend(line)
            counts.append(len(line))
            speeds.append(sp)
            dirs.append(d)
    xy = np.asarray(coords, dtype=float)[:, :2]
    counts = np.asarray(counts)
    to_sw = Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)
    px, py = to_sw.transform(xy[:, 0], xy[:, 1])
    key = np.stack([np.round(np.asarray(px) * 100).astype(np.int64),
                    np.round(np.asarray(py) * 100).astype(np.int64)], 1)
    ukey, node = np.unique(key, axis=0, return_inverse=True)
    node = node.ravel()
    n = len(ukey)
    node_x, node_y = ukey[:, 0] / 100.0, ukey[:, 1] / 100.0
    # pieces: consecutive vertices of the same line
    ends = np.cumsum(counts)
    is_last = np.zeros(len(xy), bool)
    is_last[ends - 1] = True
    a = np.nonzero(~is_last)[0]
    b = a + 1
    line_of = np.repeat(np.arange(len(counts)), counts)[a]
    geod = Geod(ellps="WGS84")
    _, _, length = geod.inv(xy[a, 0], xy[a, 1], xy[b, 0], xy[b, 1])
    length = np.asarray(length)
    speed = np.asarray(speeds, float)[line_of]
    seconds = length / (speed / 3.6)
    dr = np.asarray(dirs)[line_of]
    ua, ub = node[a], node[b]
    keep = ua != ub
    fwd = keep & (dr >= 0)
    bwd = keep & (dr <= 0)
    src = np.concatenate([ua[fwd], ub[bwd]])
    dst = np.concatenate([ub[fwd], ua[bwd]])
    arc_len = np.concatenate([length[fwd], length[bwd]])
    arc_sec = np.concatenate([seconds[fwd], seconds[bwd]])

    # services: one virtual source node each (N + i), arc to its snap vertex
    # (the snap itself is timed below; the arcs are added after it)
    timings["graph_build_s"] = time.perf_counter() - t
    peaks.append(["graph_build", peak_mb()])

    # --- snap ------------------------------------------------------------------------------
    t = time.perf_counter()
    tree = cKDTree(np.stack([node_x, node_y], 1))
    ux, uy = to_sw.transform(units["lon"].to_numpy(float), units["lat"].to_numpy(float))
    sx, sy = to_sw.transform(services["lon"].to_numpy(float), services["lat"].to_numpy(float))
    u_leg, u_node = tree.query(np.stack([ux, uy], 1))
    s_leg, s_node = tree.query(np.stack([sx, sy], 1))
    u_ok = u_leg <= MAX_SNAP_M
    s_ok = s_leg <= MAX_SNAP_M
    timings["snap_s"] = time.perf_counter() - t
    peaks.append(["snap", peak_mb()])

    # reversed graph (arcs service -> unit direction) with the virtual service nodes
    t = time.perf_counter()
    n_s = len(services)
    v_src = n + np.arange(n_s)[s_ok]
    v_dst = s_node[s_ok]
    leg_len = np.maximum(s_leg[s_ok], 1e-6)  # explicit zeros would vanish from the matrix
    leg_sec = leg_len / (ACCESS_KMH / 3.6)
    N = n + n_s
    # graph.T: reversed arcs dst -> src, then the service legs
    g_dist = dedupe_min(np.concatenate([dst, v_src]), np.concatenate([src, v_dst]),
                        np.concatenate([arc_len, leg_len]), N)
    g_time = dedupe_min(np.concatenate([dst, v_src]), np.concatenate([src, v_dst]),
                        np.concatenate([arc_sec, leg_sec]), N)
    timings["graph_build_s"] += time.perf_counter() - t
    peaks.append(["graph_build", peak_mb()])

    # --- searches ---------------------------------------------------------------------------
    t = time.perf_counter()
    cat = services["category"].to_numpy(dtype=str)
    u_leg_sec = u_leg / (ACCESS_KMH / 3.6)
    results = {}
    per_search = {}
    for c in categories:
        srcs = n + np.nonzero((cat == c) & s_ok)[0]
        for measure, g in (("dist", g_dist), ("time", g_time)):
            t1 = time.perf_counter()
            if len(srcs):
                d = dijkstra(g, directed=True, indices=srcs, min_only=True)
            else:
                d = np.full(N, np.inf)
            per_search[f"{c}_{measure}"] = round(time.perf_counter() - t1, 3)
            at = d[u_node]
            val = at + (u_leg if measure == "dist" else u_leg_sec)
            val[~u_ok | ~np.isfinite(at)] = np.nan
            results[(c, measure)] = val
    timings["searches_s"] = time.perf_counter() - t
    peaks.append(["searches", peak_mb()])
    timings["total_s"] = time.perf_counter() - t_all

    # --- output (timed as write, outside total_s) ----------------------------------------------
    t = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    if "grocery" in categories:
        out = pd.DataFrame({
            "id": units["id"],
            "grocery_dist_m": np.round(results[("grocery", "dist")], 1),
            "grocery_time_min": np.round(results[("grocery", "time")] / 60.0, 3),
        })
        out.to_csv(args.out / "grocery_units.csv", index=False, lineterminator="\n")
    timings["write_s"] = time.perf_counter() - t
    peaks.append(["write", peak_mb()])
    info = {
        "nodes": int(n), "arcs": int(len(src)), "features": len(roads["features"]),
        "units": int(len(units)), "services": int(n_s),
        "units_beyond_max_snap": int((~u_ok).sum()),
        "services_beyond_max_snap": int((~s_ok).sum()),
        "unit_snap_m_p50": round(float(np.median(u_leg)), 1),
        "unit_snap_m_max": round(float(u_leg.max()), 1),
        "unreachable": {f"{c}": int(np.isnan(results[(c, 'dist')]).sum()) for c in categories},
        "edge_length": "geodesic per piece (pyproj Geod.inv, WGS84)",
        "snapping": "nearest vertex (cKDTree, EPSG:3006), access legs at 20 km/h",
    }
    summary = {k: round(v, 3) for k, v in timings.items()}
    summary["per_search_s"] = per_search
    summary["peak_mb"] = peaks
    summary.update(info)
    (args.out / "timings.json").write_text(json.dumps(summary, indent=1) + "\n")
    print(json.dumps({k: round(v, 3) for k, v in timings.items()}
                     | {"nodes": int(n), "arcs": int(len(src)), "peak_mb": peaks}))
    print(json.dumps(info), file=sys.stderr)


if __name__ == "__main__":
    main()
