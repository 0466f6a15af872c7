#!/usr/bin/env python3
"""Seeded generator of a synthetic national road network for servicegap's
road-network benchmark.

Reads the already generated population and services (Benchmarks/data/
population.csv and services.csv, see generate_national.py), the real SCB
localities (fixtures/sweden/tatorter_2020.csv) and the municipalities
(fixtures/sweden/kommuner.geojson, used as the land mask), and writes

  roads.geojson         FeatureCollection of LineStrings in lon/lat (7 decimals)
                        with properties highway, and sometimes maxspeed (text,
                        "70") and oneway ("yes" / "-1" on a few link couplets).
  roads_manifest.json   seed, counts (vertices, nodes, features) and km by class.

How the network is built (all in SWEREF99 TM, EPSG:3006):

1. Nodes: one per occupied 250 m cell (a cell holding a population unit or a
   service), at the cell centre jittered by up to 40 m. Every unit and service
   is then within about 180 m of a node (and usually much closer to a road).
2. The Delaunay triangulation of the nodes is the pool of possible road
   pieces, so every road ever crossing another meets it at a shared node
   (a true junction; the network is planar apart from the curvature).
3. Main roads: localities (the 2,017 SCB tätorter) are linked at four levels,
   each level by the relative-neighbourhood graph (approximated on the
   Delaunay triangulation) of the localities above a population bound:
   trunk (>= 40,000), primary (>= 10,000), secondary (>= 2,000), tertiary
   (all). Each link is routed along the Delaunay pieces by Dijkstra (cost =
   length, x10 over the sea, x0.7 on pieces already used by a higher class so
   that lower roads merge into higher ones). A piece takes the highest class
   routed over it.
4. Local roads: Delaunay pieces that are the longest side of no adjacent
   triangle (a relative-neighbourhood approximation: a 4-neighbour street
   grid in towns), up to 900 m and mostly over land: residential inside a
   locality (within 1.5 radii of its centre), unclassified elsewhere. A
   minimum spanning tree over the Delaunay pieces (existing roads free) then
   links every remaining component: one connected network (a few links
   cross the sea, like ferries and bridges to islands, Gotland included).
5. Curvature: every piece gets private intermediate vertices (spaced so that
   the file holds about --vertices, default 2,000,000) on a smooth random bend (amplitude up to 2 % of the piece, 40 m at most).
6. Ways: main roads are written route by route (a feature runs through many
   junctions, as in OpenStreetMap); local pieces are chained greedily into
   ways. About a third of the ways carry a maxspeed; a few hundred trunk and
   primary pieces get a one-way couplet of *_link roads (one feature with
   oneway=yes, the other drawn the other way with oneway=-1).

Junction vertices are written from the same float values, so they are
identical in the output and become the same graph node (1 cm rule).
The output is a deterministic function of --seed and the inputs. Synthetic:
these are NOT real roads.

Usage:
  python3 Benchmarks/generate_roads.py --seed 42 --data Benchmarks/data \\
      --out Benchmarks/data/roads.geojson
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
from pyproj import Geod, Transformer
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components, dijkstra, minimum_spanning_tree
from scipy.spatial import Delaunay, cKDTree

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TATORTER = REPO / "fixtures" / "sweden" / "tatorter_2020.csv"
DEFAULT_KOMMUNER = REPO / "fixtures" / "sweden" / "kommuner.geojson"

CELL = 250.0            # m, node grid
JITTER = 40.0           # m, node jitter
LOCAL_MAX = 900.0       # m, longest local piece
TARGET_VERTICES = 2_000_000  # about this many vertices in all (sets the spacing)
SEA_PENALTY = 9.0       # extra cost factor per unit of sea fraction
REUSE_DISCOUNT = 0.7    # cost factor on pieces used by a higher class

# (class, minimum locality population)
LEVELS = [("trunk", 40_000), ("primary", 10_000), ("secondary", 2_000), ("tertiary", 0)]
CLASSES = ["trunk", "primary", "secondary", "tertiary", "unclassified", "residential"]
RANK = {c: i for i, c in enumerate(CLASSES)}
CODE = {**RANK, "trunk_link": 10, "primary_link": 11}
# maxspeed values written on ~1/3 of the ways, by class
MAXSPEEDS = {
    "trunk": ["100", "90", "80", "110"],
    "primary": ["80", "70", "90"],
    "secondary": ["70", "60", "80"],
    "tertiary": ["60", "50", "70"],
    "unclassified": ["70", "50", "30"],
    "residential": ["30", "40", "50"],
    "trunk_link": ["60", "50"],
    "primary_link": ["50", "40"],
}


def log(msg, t0):
    print(f"[{time.perf_counter() - t0:6.1f}s] {msg}", file=sys.stderr, flush=True)


def load_points(data, to_sw):
    p = pd.read_csv(data / "population.csv", usecols=["lon", "lat"])
    s = pd.read_csv(data / "services.csv", usecols=["lon", "lat"])
    lon = np.concatenate([p["lon"].to_numpy(float), s["lon"].to_numpy(float)])
    lat = np.concatenate([p["lat"].to_numpy(float), s["lat"].to_numpy(float)])
    x, y = to_sw.transform(lon, lat)
    return np.asarray(x), np.asarray(y), len(p), len(s)


def delaunay_edges(tri):
    """Unique undirected edges (i < j) of a triangulation, and per edge whether it
    is the longest side of some adjacent triangle."""
    simp = tri.simplices
    pts = tri.points
    a, b, c = simp[:, 0], simp[:, 1], simp[:, 2]
    e = np.concatenate([np.stack([a, b], 1), np.stack([b, c], 1), np.stack([c, a], 1)])
    e.sort(axis=1)
    d = np.hypot(*(pts[e[:, 0]] - pts[e[:, 1]]).T)
    nt = len(simp)
    dl = d.reshape(3, nt)
    longest = np.zeros((3, nt), bool)
    longest[np.argmax(dl, axis=0), np.arange(nt)] = True
    longest = longest.ravel()
    key = e[:, 0].astype(np.int64) * (len(pts) + 1) + e[:, 1]
    uk, inv = np.unique(key, return_inverse=True)
    edges = np.stack([uk // (len(pts) + 1), uk % (len(pts) + 1)], 1)
    is_longest = np.zeros(len(uk), bool)
    np.logical_or.at(is_longest, inv, longest)
    return edges, is_longest


def rng_links(x, y):
    """Approximate relative-neighbourhood graph of a point set (pairs i < j)."""
    if len(x) < 2:
        return np.zeros((0, 2), int)
    if len(x) == 2:
        return np.array([[0, 1]])
    tri = Delaunay(np.stack([x, y], 1))
    edges, longest = delaunay_edges(tri)
    # keep the MST too, so every level is connected on its own
    d = np.hypot(x[edges[:, 0]] - x[edges[:, 1]], y[edges[:, 0]] - y[edges[:, 1]])
    g = coo_matrix((d + 1e-6, (edges[:, 0], edges[:, 1])), shape=(len(x), len(x)))
    mst = minimum_spanning_tree(g).tocoo()
    keep = set(map(tuple, edges[~longest]))
    keep |= {tuple(sorted((int(i), int(j)))) for i, j in zip(mst.row, mst.col)}
    return np.array(sorted(keep))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--data", type=Path, default=REPO / "Benchmarks" / "data")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--tatorter", type=Path, default=DEFAULT_TATORTER)
    ap.add_argument("--kommuner", type=Path, default=DEFAULT_KOMMUNER)
    ap.add_argument("--vertices", type=int, default=TARGET_VERTICES,
                    help="about how many vertices to write (sets the curvature vertex spacing)")
    args = ap.parse_args()
    out = args.out or (args.data / "roads.geojson")

    t0 = time.perf_counter()
    rng = np.random.default_rng(args.seed)
    to_sw = Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)
    to_wgs = Transformer.from_crs("EPSG:3006", "EPSG:4326", always_xy=True)

    # --- inputs ------------------------------------------------------------------
    px, py, n_units, n_services = load_points(args.data, to_sw)
    import geopandas as gpd
    kom = gpd.read_file(args.kommuner).to_crs(3006)
    land = shapely.buffer(shapely.union_all(kom.geometry.values), 300.0)
    shapely.prepare(land)
    t = pd.read_csv(args.tatorter, dtype={"tatortskod": str, "kommun_kod": str})
    t = t.sort_values("tatortskod", kind="stable").reset_index(drop=True)
    tx = t["x_sweref99tm"].to_numpy(float)
    ty = t["y_sweref99tm"].to_numpy(float)
    tpop = t["befolkning"].to_numpy(np.int64)
    trad = np.sqrt(t["area_ha"].to_numpy(float) * 1e4 / np.pi)
    log(f"read {n_units:,} units, {n_services:,} services, {len(t):,} localities", t0)

    # --- nodes: occupied 250 m cells --------------------------------------------
    cx = np.floor(px / CELL).astype(np.int64)
    cy = np.floor(py / CELL).astype(np.int64)
    cells = np.unique(cx * 10_000_000 + cy)
    nx = (cells // 10_000_000 + 0.5) * CELL + rng.uniform(-JITTER, JITTER, len(cells))
    ny = (cells % 10_000_000 + 0.5) * CELL + rng.uniform(-JITTER, JITTER, len(cells))
    n = len(nx)
    pts = np.stack([nx, ny], 1)
    tri = Delaunay(pts)
    edges, longest = delaunay_edges(tri)
    ea, eb = edges[:, 0], edges[:, 1]
    elen = np.hypot(nx[ea] - nx[eb], ny[ea] - ny[eb])
    log(f"{n:,} nodes, {len(edges):,} Delaunay pieces", t0)

    # sea fraction of each piece (pieces under 300 m count as land)
    sea = np.zeros(len(edges))
    longer = np.nonzero(elen > 300.0)[0]
    fr = np.array([0.2, 0.4, 0.6, 0.8])
    sx = (nx[ea[longer], None] * (1 - fr) + nx[eb[longer], None] * fr).ravel()
    sy = (ny[ea[longer], None] * (1 - fr) + ny[eb[longer], None] * fr).ravel()
    on_land = shapely.contains_xy(land, sx, sy).reshape(-1, len(fr))
    sea[longer] = 1.0 - on_land.mean(axis=1)
    base_cost = elen * (1.0 + SEA_PENALTY * sea)
    log(f"sea test on {len(longer):,} pieces ({int((sea > 0).sum()):,} touch the sea)", t0)

    # --- main roads: route locality links along the Delaunay pieces ---------------
    tree = cKDTree(pts)
    _, tnode = tree.query(np.stack([tx, ty], 1))  # node of each locality
    eclass = np.full(len(edges), -1, np.int64)     # rank of the best class routed over it
    routes = []                                    # (rank, [piece indices in order], [nodes])
    for rank, (cls, minpop) in enumerate(LEVELS):
        sel = np.nonzero(tpop >= minpop)[0]
        links = rng_links(tx[sel], ty[sel])
        cost = base_cost * np.where(eclass >= 0, REUSE_DISCOUNT, 1.0)
        g = coo_matrix((np.r_[cost, cost], (np.r_[ea, eb], np.r_[eb, ea])), shape=(n, n)).tocsr()
        # piece index by (node, node) for path reconstruction
        # group links by source locality
        by_src: dict[int, list[int]] = {}
        for i, j in links:
            a, b = int(tnode[sel[i]]), int(tnode[sel[j]])
            if a == b:
                continue
            by_src.setdefault(a, []).append(b)
        routed = 0
        for a, targets in by_src.items():
            dmax = max(np.hypot(nx[a] - nx[b], ny[a] - ny[b]) for b in targets)
            dist, pred = dijkstra(g, indices=a, return_predecessors=True, limit=dmax * 2.5 + 2000)
            for b in targets:
                if not np.isfinite(dist[b]):
                    continue
                path = [b]
                while path[-1] != a:
                    path.append(int(pred[path[-1]]))
                path.reverse()
                routes.append((rank, path))
                routed += 1
        log(f"{cls}: {len(sel)} localities, {len(links)} links, {routed} routed", t0)
        # mark pieces
        for r, path in routes:
            if r != rank:
                continue
            p = np.asarray(path)
            u, v = np.minimum(p[:-1], p[1:]), np.maximum(p[:-1], p[1:])
            idx = piece_index(edges, u, v, n)
            eclass[idx] = np.where(eclass[idx] >= 0, np.minimum(eclass[idx], rank), rank)

    # --- local roads ---------------------------------------------------------------
    ltree = cKDTree(np.stack([tx, ty], 1))
    dloc, iloc = ltree.query(pts)
    in_town = dloc < 1.5 * np.maximum(trad[iloc], 300.0)
    local = (~longest) & (elen <= LOCAL_MAX) & (sea < 0.3) & (eclass < 0)
    town_piece = in_town[ea] & in_town[eb]
    eclass[local & town_piece] = RANK["residential"]
    eclass[local & ~town_piece] = RANK["unclassified"]
    # spanning tree over all nodes, existing roads (almost) free
    w = np.where(eclass >= 0, 1e-3, base_cost) + 1e-6
    mst = minimum_spanning_tree(coo_matrix((w, (ea, eb)), shape=(n, n))).tocoo()
    mu, mv = np.minimum(mst.row, mst.col), np.maximum(mst.row, mst.col)
    midx = piece_index(edges, mu, mv, n)
    new = midx[eclass[midx] < 0]
    eclass[new] = RANK["unclassified"]
    used = np.nonzero(eclass >= 0)[0]
    ncomp, _ = connected_components(coo_matrix((np.ones(len(used)), (ea[used], eb[used])), shape=(n, n)),
                                    directed=False)
    log(f"{len(used):,} pieces in use ({len(new):,} spanning-tree links), {ncomp} component(s)", t0)

    # --- curvature vertices ---------------------------------------------------------
    pu = ea[used]
    pv = eb[used]
    plen = elen[used]
    # spacing so that nodes + curvature vertices come to about --vertices
    spacing = max(5.0, float(plen.sum()) / max(1, args.vertices - n))
    k = np.maximum(0, np.ceil(plen / spacing).astype(np.int64) - 1)  # intermediates per piece
    start = n + np.concatenate([[0], np.cumsum(k)[:-1]])   # index of first intermediate
    total_int = int(k.sum())
    rep = np.repeat(np.arange(len(used)), k)
    pos = np.arange(total_int) - np.repeat(start - n, k)       # 0..k-1 within its piece
    tt = (pos + 1) / np.repeat(k + 1, k)
    amp = np.minimum(0.02 * plen, 40.0)
    a1 = rng.normal(0, 0.5, len(used)) * amp
    a2 = rng.normal(0, 0.25, len(used)) * amp
    dx = (nx[pv] - nx[pu]) / np.maximum(plen, 1e-9)
    dy = (ny[pv] - ny[pu]) / np.maximum(plen, 1e-9)
    off = a1[rep] * np.sin(np.pi * tt) + a2[rep] * np.sin(2 * np.pi * tt)
    ix = nx[pu][rep] + (nx[pv] - nx[pu])[rep] * tt - dy[rep] * off
    iy = ny[pu][rep] + (ny[pv] - ny[pu])[rep] * tt + dx[rep] * off
    vx = np.concatenate([nx, ix])
    vy = np.concatenate([ny, iy])
    log(f"{total_int:,} curvature vertices (one every {spacing:.0f} m)", t0)

    # coordinates of piece p from node pu[p] to pv[p]: [pu, start..start+k-1, pv]
    slot = np.full(len(edges), -1, np.int64)
    slot[used] = np.arange(len(used))

    def piece_vertices(e, node_from):
        """Curvature vertices of piece e, in order when travelled from node_from."""
        s = slot[e]
        mid = list(range(int(start[s]), int(start[s] + k[s])))
        if node_from == pu[s]:
            return mid
        return mid[::-1]

    # --- ways ------------------------------------------------------------------------
    features = []  # (highway, [vertex indices])
    emitted = np.zeros(len(edges), bool)
    for rank in range(len(LEVELS)):
        cls = LEVELS[rank][0]
        for r, path in routes:
            if r != rank:
                continue
            p = np.asarray(path)
            idx = piece_index(edges, np.minimum(p[:-1], p[1:]), np.maximum(p[:-1], p[1:]), n)
            run = None
            for j, e in enumerate(idx):
                ok = eclass[e] == rank and not emitted[e]
                if ok:
                    if run is None:
                        run = [path[j]]
                    run += piece_vertices(e, path[j]) + [path[j + 1]]
                    emitted[e] = True
                elif run is not None:
                    features.append((cls, run))
                    run = None
            if run is not None:
                features.append((cls, run))
    # local pieces, chained greedily through nodes
    for cls in ("unclassified", "residential"):
        rem = np.nonzero((eclass == RANK[cls]) & ~emitted)[0]
        adj: dict[int, list[int]] = {}
        for e in rem.tolist():
            adj.setdefault(int(ea[e]), []).append(e)
            adj.setdefault(int(eb[e]), []).append(e)
        done = set()

        def extend(node, chain):
            while True:
                nxt = None
                for e in adj.get(node, ()):
                    if e not in done:
                        nxt = e
                        break
                if nxt is None:
                    return chain
                done.add(nxt)
                other = int(eb[nxt]) if int(ea[nxt]) == node else int(ea[nxt])
                chain.append((node, other, nxt))
                node = other

        for e in rem.tolist():
            if e in done:
                continue
            done.add(e)
            a, b = int(ea[e]), int(eb[e])
            fwd = extend(b, [(a, b, e)])
            back = extend(a, [])
            chain = [(q, p, pe) for p, q, pe in reversed(back)] + fwd
            verts = [chain[0][0]]
            for p, q, pe in chain:
                verts += piece_vertices(pe, p) + [q]
            features.append((cls, verts))
    log(f"{len(features):,} ways", t0)

    # one-way couplets: *_link pairs alongside some trunk/primary pieces
    extra_x, extra_y = [], []
    next_v = len(vx)
    oneway = {}
    for cls, link in (("trunk", "trunk_link"), ("primary", "primary_link")):
        cand = np.nonzero((eclass == RANK[cls]) & (elen > 400))[0]
        pick = rng.choice(cand, size=min(150, len(cand)), replace=False) if len(cand) else []
        for e in np.sort(pick):
            a, b = int(ea[e]), int(eb[e])
            L = elen[e]
            ux, uy = (nx[b] - nx[a]) / L, (ny[b] - ny[a]) / L
            m = max(2, int(L // spacing))
            for side, flag in ((1.0, "yes"), (-1.0, "-1")):
                tt2 = np.arange(1, m) / m
                o = side * np.minimum(25.0, 0.1 * L) * np.sin(np.pi * tt2)
                xs = nx[a] + (nx[b] - nx[a]) * tt2 - uy * o
                ys = ny[a] + (ny[b] - ny[a]) * tt2 + ux * o
                ids = list(range(next_v, next_v + len(xs)))
                next_v += len(xs)
                extra_x.append(xs)
                extra_y.append(ys)
                # "yes": drawn a -> b, travelled a -> b; "-1": drawn a -> b, travelled b -> a
                oneway[len(features)] = flag
                features.append((link, [a] + ids + [b]))
    if extra_x:
        vx = np.concatenate([vx] + extra_x)
        vy = np.concatenate([vy] + extra_y)

    # --- write -----------------------------------------------------------------------
    lon, lat = to_wgs.transform(vx, vy)
    lon = np.round(np.asarray(lon), 7)
    lat = np.round(np.asarray(lat), 7)
    vstr = [f"[{a:.7f},{b:.7f}]" for a, b in zip(lon.tolist(), lat.tolist())]
    geod = Geod(ellps="WGS84")
    km = {}
    n_vertices = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".geojson.tmp")
    speed_draw = rng.random(len(features))
    speed_pick = rng.integers(0, 1 << 30, len(features))
    all_from, all_to, all_cls = [], [], []
    with open(tmp, "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        for i, (cls, verts) in enumerate(features):
            props = {"highway": cls}
            if speed_draw[i] < 0.33:
                choices = MAXSPEEDS[cls]
                props["maxspeed"] = choices[speed_pick[i] % len(choices)]
            elif speed_draw[i] > 0.998:
                props["maxspeed"] = "SE:rural"
            if i in oneway:
                props["oneway"] = oneway[i]
            props["id"] = f"R{i + 1:07d}"
            coords = ",".join(vstr[v] for v in verts)
            sep = ",\n" if i else ""
            f.write(f'{sep}{{"type":"Feature","properties":{json.dumps(props, separators=(",", ":"))},'
                    f'"geometry":{{"type":"LineString","coordinates":[{coords}]}}}}')
            n_vertices += len(verts)
            all_from.append(verts[:-1])
            all_to.append(verts[1:])
            all_cls.append(np.full(len(verts) - 1, CODE[cls]))
        f.write("\n]}\n")
    tmp.replace(out)
    fa = np.concatenate(all_from)
    fb = np.concatenate(all_to)
    fc = np.concatenate(all_cls)
    _, _, seg = geod.inv(lon[fa], lat[fa], lon[fb], lat[fb])
    for name, code in CODE.items():
        km[name] = round(float(seg[fc == code].sum()) / 1000.0, 1)
    log(f"wrote {out} ({out.stat().st_size / 1e6:.0f} MB)", t0)

    by_class = {}
    for cls, _ in features:
        by_class[cls] = by_class.get(cls, 0) + 1
    manifest = {
        "seed": args.seed,
        "generator": "Benchmarks/generate_roads.py",
        "synthetic": True,
        "inputs": {"units": n_units, "services": n_services, "localities": int(len(t))},
        "cell_m": CELL,
        "spacing_m": spacing,
        "nodes_junction_grid": int(n),
        "vertices_unique": int(len(vx)),
        "vertices_written": int(n_vertices),
        "pieces": int(len(used)),
        "features": int(len(features)),
        "features_by_class": dict(sorted(by_class.items())),
        "oneway_features": len(oneway),
        "components": int(ncomp),
        "km_by_class": km,
        "km_total": round(sum(km.values()), 1),
        "seconds": round(time.perf_counter() - t0, 1),
    }
    (out.parent / "roads_manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    log("done: " + json.dumps({k2: manifest[k2] for k2 in ("vertices_unique", "features", "km_total")}), t0)


_KEYS = {}


def piece_index(edges, u, v, n):
    """Index into the sorted unique piece list of pieces (u, v), u < v."""
    key = _KEYS.get(id(edges))
    if key is None:
        key = _KEYS[id(edges)] = edges[:, 0].astype(np.int64) * (n + 1) + edges[:, 1]
    q = np.asarray(u, np.int64) * (n + 1) + np.asarray(v, np.int64)
    idx = np.searchsorted(key, q)
    assert np.all(key[np.minimum(idx, len(key) - 1)] == q), "piece not in triangulation"
    return idx


if __name__ == "__main__":
    main()
