#!/usr/bin/env python3
"""Independent oracle for servicegap's siting models (coverage, person-km, cover-all, capacity).

Solves every instance exactly as a MILP with PuLP and its bundled CBC solver,
checks each optimum without CBC where that is feasible (enumeration of every
subset), and writes

  fixtures/oracle/siting_models.json

Usage (from the repository root):

  pip install pulp pyproj numpy networkx
  python3 Scripts/oracle/siting_models_oracle.py            # write the file
  python3 Scripts/oracle/siting_models_oracle.py --check    # regenerate in memory, compare, exit 1 on change

It reads only repository files: the demo fixtures (through siting_oracle.py),
fixtures/roads/umea_units.csv, umea_services.csv, umea_region_roads.geojson
(through network_oracle.py) and fixtures/oracle/network_umea.json (only to
assert that the road distances to the existing services equal that oracle's).

Distances
---------

straight  d = geodesic WGS84 metres, pyproj.Geod(ellps="WGS84").inv
          (siting_oracle.distance_matrix_m).
network   d(i, x) = road distance in metres from unit i to the point x (a
          candidate or an existing service), legs included (leg metres count
          as metres), exactly network_oracle's unit -> service distance value:
          network_oracle.main_values(net, units, points)["dist"] with the
          points in the role of the services (one super-source Dijkstra per
          unit, over the Umeå road graph in EPSG:3006, snap to the nearest
          piece, split pieces, > 5000 m snap = unreachable = infinity). Every
          table is re-derived by network_oracle.crosscheck_values (subdivided
          MultiDiGraph) and must agree to 1e-6 m, and the existing-service
          distances must equal fixtures/oracle/network_umea.json (4 dp).
          Direction: unit -> point (as network_oracle and servicegap's
          search, which seeds at the service and prices the unit's place);
          the reverse direction (point -> unit) is computed too and the JSON
          reports how many pairs differ (one-way roads) and whether any
          optimum would change with it.

Models (units with w_i > 0 only; k_eff = min(k, #candidates))
-------------------------------------------------------------

d0_i = min_s d(i, s)  (infinity without services or when unreachable).
Unit i is uncovered when d0_i > T; candidate j covers i when i is uncovered
and d(i, j) <= T.

coverage   max sum_i w_i y_i (uncovered i), y_i <= sum_{j covers i} x_j,
           sum_j x_j = k_eff, x, y binary. value = people newly covered.
person-km  objective(S) = sum_i w_i min(d0_i, min_{j in S} d(i, j)) / 1000
           (every unit with w_i > 0 must have finite d0_i: asserted).
           MILP: min sum_i w_i (d0_i z_i0 + sum_j d(i,j) z_ij) / 1000,
           z_i0 + sum_j z_ij = 1, z_ij <= x_j, sum x_j = k_eff, z_ij only for
           d(i, j) < d0_i; x binary, z in [0, 1] continuous (with x integral an
           optimal assignment is integral). base_person_km = objective(empty).
cover-all  U = uncovered units covered by at least one candidate.
           min sum_j x_j s.t. sum_{j covers i} x_j >= 1 (i in U), x binary.
           min_sites, reachable_pop = sum_U w, unreachable_pop = population of
           uncovered units no candidate covers, and one optimal site set.
capacity   max sum y_ij, sum_j y_ij <= w_i (uncovered i), sum_i y_ij <= N x_j,
           y_ij >= 0 continuous only where j covers i, sum x_j = k_eff,
           x binary. value = people served (the people of a unit may be split).

Checks (in each instance's optimum.check)
-----------------------------------------

enumeration  when C(#candidates, k) <= 200,000 (this covers the demo (26
             candidates) and Umeå (36 candidates, k = 3) instances): every
             k-subset is evaluated directly (coverage: union of covered sets;
             person-km: the objective above; capacity: networkx maximum flow
             source -> site (N) -> unit (unbounded, where the site covers it) ->
             sink (w_i)); the MILP value must equal the best, and the number of
             optimal subsets is reported. cover-all: every subset of size
             min_sites - 1 must fail to cover U (so no smaller one covers), the
             reported set must cover U; the covering sets of size min_sites are
             counted. When several subsets are optimal the JSON lists the first
             in lexicographic candidate order (optimum.sites) and CBC's set
             (check.milp_sites).
otherwise    coverage, person-km, capacity: the MILP is re-solved with a no-good
             cut excluding the optimal set (status and second-best value;
             unique = the second best is worse).
             coverage: also siting_oracle.branch_and_bound (exact, no CBC) and a
             1-swap check (no exchange of one chosen site for another candidate
             improves the value). person-km: direct evaluation and the 1-swap
             check. cover-all: re-solved with sum x <= min_sites - 1 (must be
             Infeasible), and an exhaustive search without CBC (iterative
             deepening on the number of sites, branching on the unit with the
             fewest covering candidates, dominated candidates dropped) must find
             the same minimum; a second such search lists every optimal set.
             capacity: the chosen set re-evaluated by max-flow; when the value
             equals min(k N, coverable population) no set can do better (all three
             random capacity instances: 8 x 1500 = 12,000), else the 1-swap check.

Road-mode diagnostics (umea_* instances): `direction` (how many unit/candidate
pairs and d0 values differ in the reverse direction, and the optimum with
reverse distances: only person-km changes, 109,043.482453 -> 108,095.239065)
and `snap_ties` (points whose nearest piece is tied; for every other tied
piece, how many distances change and the four optima with that piece:
2480TB108 on piece [3781, 0] or 2480TB121 on [1595, 0] change the person-km
optimum, nothing else changes).

Every instance is also re-solved from its own JSON data only (existing_m and
pairs, i.e. the distances rounded to 0.001 m) and must give the same value
(person-km: the optimal set stays optimal; value_from_rounded is its objective
on the rounded distances).

JSON layout per instance: name, model, mode, k (null for cover-all),
threshold_m (null for person-km), capacity (capacity only), units (list, or a
fixture reference with sha256), services (list, or fixture reference with a
category filter), candidates, existing_m (unit id -> d0 metres rounded to
0.001, null = infinity), pairs ([unit_id, candidate_id, d_m]: every pair with
d <= T for coverage/cover-all/capacity, including units that an existing
service already covers; d < d0 for person-km; unit order then candidate
order), uncovered_pop (coverage/capacity/cover-all) or base_person_km
(person-km), optimum {value, sites, unique, solver_status, check}, margins
(closest distance to T, to d0), and model-specific extras (greedy for
coverage; min_sites/reachable_pop/unreachable_pop for cover-all). Coverage
sites are listed in greedy order among themselves (as servicegap prints
them); other models in candidate order. person-km values are rounded to 1e-6,
distances to 0.001 m. The file is json.dumps(sort_keys=True, indent=1) with
every array or object holding only scalars put on one line.

Instances
---------

demo (straight; fixtures/demo_arjeplog_skelleftea population_tatorter_2020.csv,
services.geojson category grocery, candidates = the 26 units' own points,
ids = tatortskod): person-km k=2, k=4; cover-all T=2000, T=5000; capacity
T=5000 k=3 N=800. random (straight; siting_oracle.random_points(seed), seeds
21, 22, 23): person-km k=6, cover-all T=6000, capacity T=6000 k=8 N=1500.
coverage_seed<s> (straight; random_points(s), s = 100..119, T = 4000 +
250 (s mod 8), k = 4 + s mod 9), with plain greedy (siting_oracle.greedy).
umea (network; fixtures/roads/umea_units.csv, umea_services.csv category
grocery, candidates = the 36 units' own points): coverage T=5000 k=3,
person-km k=3, cover-all T=5000, capacity T=5000 k=3 N=1000.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import json
import math
import re
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pulp

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import network_oracle as no  # noqa: E402
import siting_oracle as so  # noqa: E402
from oracle_file import write_or_check  # noqa: E402

REPO = HERE.parents[1]
OUT = REPO / "fixtures" / "oracle" / "siting_models.json"
ROADS_DIR = REPO / "fixtures" / "roads"
UMEA_ROADS = ROADS_DIR / "umea_region_roads.geojson"
UMEA_UNITS = ROADS_DIR / "umea_units.csv"
UMEA_SERVICES = ROADS_DIR / "umea_services.csv"
NETWORK_UMEA_JSON = REPO / "fixtures" / "oracle" / "network_umea.json"

ENUM_LIMIT = 200_000
RANDOM_SEEDS = [21, 22, 23]
BATCH_SEEDS = list(range(100, 120))


def solver():
    return pulp.PULP_CBC_CMD(msg=False, gapRel=0.0, gapAbs=0.0)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def num(x):
    x = float(x)
    return int(round(x)) if abs(x - round(x)) < 1e-9 else x


def r3(x):
    return None if not math.isfinite(x) else round(float(x), 3)


def pkm(x):
    return round(float(x), 6)


def ncomb(n, k):
    return math.comb(n, k) if 0 <= k <= n else 0


# --------------------------------------------------------------------------
# data of one instance: w (populations), d0 (per unit), D (unit x candidate)


class Data:
    def __init__(self, units, services, candidates, d0, D):
        self.units, self.services, self.candidates = units, services, candidates
        self.uids = [u["id"] for u in units]
        self.cids = [c["id"] for c in candidates]
        self.w = np.array([float(u["population"]) for u in units])
        self.d0 = np.asarray(d0, dtype=float)
        self.D = np.asarray(D, dtype=float)
        self.active = [i for i in range(len(units)) if self.w[i] > 0]

    def rounded(self):
        """The same instance as the JSON gives it: distances rounded to 0.001 m."""
        # Python round (correctly rounded), exactly as the JSON values are written
        rd = np.vectorize(lambda v: round(float(v), 3) if math.isfinite(v) else math.inf, otypes=[float])
        return Data(self.units, self.services, self.candidates, rd(self.d0), rd(self.D))


def straight_data(units, services, candidates):
    if services:
        d0 = so.distance_matrix_m(units, services).min(axis=1)
    else:
        d0 = np.full(len(units), np.inf)
    return Data(units, services, candidates, d0, so.distance_matrix_m(units, candidates))


# --------------------------------------------------------------------------
# road distances (network_oracle's machinery)


def table_dist(vals):
    return np.array([[np.inf if v is None else v for v in row] for row in vals["dist"]])


class Road:
    """Umeå road distances unit -> candidate / service, both directions, cross-checked."""

    def __init__(self):
        self.net = no.Network(json.loads(UMEA_ROADS.read_bytes()), 3006, "length_m")

    def snap_all(self, pts, piece_override=None):
        out = []
        for p in pts:
            q = dict(p)
            piece = (piece_override or {}).get(p["id"])
            q["snap"] = self.net.snap(p["lon"], p["lat"], piece=piece)
            out.append(q)
        return out

    def tables(self, units, services, candidates, piece_override=None, crosscheck=True):
        U = self.snap_all(units, piece_override)
        S = self.snap_all(services, piece_override)
        C = self.snap_all(candidates, piece_override)
        v_us = no.main_values(self.net, U, S)
        v_uc = no.main_values(self.net, U, C)
        if crosscheck:
            no.compare_tables(v_us, no.crosscheck_values(self.net, U, S), "umea units->grocery")
            no.compare_tables(v_uc, no.crosscheck_values(self.net, U, C), "umea units->candidates")
        d_us = table_dist(v_us)
        d0 = d_us.min(axis=1) if services else np.full(len(units), np.inf)
        out = {"d0": d0, "D": table_dist(v_uc), "units": U, "services": S}
        if crosscheck:
            # reverse direction (point -> unit), only to report whether it would matter
            v_su = no.main_values(self.net, S, U)
            v_cu = no.main_values(self.net, C, U)
            no.compare_tables(v_cu, no.crosscheck_values(self.net, C, U), "umea candidates->units")
            out["d0_rev"] = table_dist(v_su).T.min(axis=1) if services else np.full(len(units), np.inf)
            out["D_rev"] = table_dist(v_cu).T
        return out


# --------------------------------------------------------------------------
# models: MILPs


def uncovered_of(data, T):
    return [i for i in data.active if data.d0[i] > T]


def covers_of(data, T):
    unc = uncovered_of(data, T)
    return unc, [[i for i in unc if data.D[i, j] <= T] for j in range(len(data.cids))]


def status_of(prob):
    return pulp.LpStatus[prob.solve(solver())]


def chosen(x):
    return [j for j in range(len(x)) if x[j].value() > 0.5]


def milp_coverage(data, T, k, forbid=None):
    unc, covers = covers_of(data, T)
    prob = pulp.LpProblem("coverage", pulp.LpMaximize)
    x = [pulp.LpVariable(f"x{j}", cat="Binary") for j in range(len(covers))]
    y = {i: pulp.LpVariable(f"y{i}", cat="Binary") for i in unc}
    prob += pulp.lpSum(data.w[i] * y[i] for i in unc)
    by_unit = {i: [] for i in unc}
    for j, cov in enumerate(covers):
        for i in cov:
            by_unit[i].append(j)
    for i in unc:
        prob += y[i] <= pulp.lpSum(x[j] for j in by_unit[i])
    prob += pulp.lpSum(x) == k
    if forbid is not None:
        prob += pulp.lpSum(x[j] for j in forbid) <= len(forbid) - 1
    st = status_of(prob)
    if st != "Optimal":
        return st, None, None
    S = chosen(x)
    return st, eval_coverage(data, T, S), S


def milp_personkm(data, k, forbid=None):
    prob = pulp.LpProblem("personkm", pulp.LpMinimize)
    m = len(data.cids)
    x = [pulp.LpVariable(f"x{j}", cat="Binary") for j in range(m)]
    obj = []
    for i in data.active:
        zi0 = pulp.LpVariable(f"z{i}_0", lowBound=0, upBound=1)
        row = [zi0]
        obj.append(data.w[i] * data.d0[i] / 1000.0 * zi0)
        for j in range(m):
            if data.D[i, j] < data.d0[i]:
                z = pulp.LpVariable(f"z{i}_{j + 1}", lowBound=0, upBound=1)
                row.append(z)
                obj.append(data.w[i] * data.D[i, j] / 1000.0 * z)
                prob += z <= x[j]
        prob += pulp.lpSum(row) == 1
    prob += pulp.lpSum(obj)
    prob += pulp.lpSum(x) == k
    if forbid is not None:
        prob += pulp.lpSum(x[j] for j in forbid) <= len(forbid) - 1
    st = status_of(prob)
    if st != "Optimal":
        return st, None, None
    S = chosen(x)
    val = eval_personkm(data, S)
    assert abs(val - pulp.value(prob.objective)) <= 1e-6 * max(1.0, val), (val, pulp.value(prob.objective))
    return st, val, S


def milp_coverall(data, T, at_most=None):
    unc, covers = covers_of(data, T)
    U = sorted({i for cov in covers for i in cov})
    prob = pulp.LpProblem("coverall", pulp.LpMinimize)
    x = [pulp.LpVariable(f"x{j}", cat="Binary") for j in range(len(covers))]
    prob += pulp.lpSum(x)
    by_unit = {i: [] for i in U}
    for j, cov in enumerate(covers):
        for i in cov:
            by_unit[i].append(j)
    for i in U:
        prob += pulp.lpSum(x[j] for j in by_unit[i]) >= 1
    if at_most is not None:
        prob += pulp.lpSum(x) <= at_most
    st = status_of(prob)
    if st != "Optimal":
        return st, None, None
    S = chosen(x)
    assert covers_all(covers, U, S)
    return st, len(S), S


def milp_capacity(data, T, k, N, forbid=None):
    unc, covers = covers_of(data, T)
    prob = pulp.LpProblem("capacity", pulp.LpMaximize)
    x = [pulp.LpVariable(f"x{j}", cat="Binary") for j in range(len(covers))]
    y = {(i, j): pulp.LpVariable(f"y{i}_{j}", lowBound=0) for j, cov in enumerate(covers) for i in cov}
    prob += pulp.lpSum(y.values())
    by_unit = {i: [] for i in unc}
    for (i, j), v in y.items():
        by_unit[i].append(v)
    for i in unc:
        if by_unit[i]:
            prob += pulp.lpSum(by_unit[i]) <= data.w[i]
    for j, cov in enumerate(covers):
        if cov:
            prob += pulp.lpSum(y[(i, j)] for i in cov) <= N * x[j]
    prob += pulp.lpSum(x) == k
    if forbid is not None:
        prob += pulp.lpSum(x[j] for j in forbid) <= len(forbid) - 1
    st = status_of(prob)
    if st != "Optimal":
        return st, None, None
    S = chosen(x)
    val = eval_capacity(data, T, N, S)
    assert abs(val - pulp.value(prob.objective)) <= 1e-6, (val, pulp.value(prob.objective))
    return st, val, S


# --------------------------------------------------------------------------
# models: direct evaluation (no CBC)


def eval_coverage(data, T, S):
    unc = uncovered_of(data, T)
    return math.fsum(data.w[i] for i in unc if any(data.D[i, j] <= T for j in S))


def eval_personkm(data, S):
    a = data.active
    best = data.d0[a].copy()
    if S:
        best = np.minimum(best, data.D[np.ix_(a, list(S))].min(axis=1))
    assert np.all(np.isfinite(best))
    return math.fsum(data.w[a] * best) / 1000.0


def eval_capacity(data, T, N, S):
    """People served by the sites S: networkx maximum flow."""
    unc = uncovered_of(data, T)
    g = nx.DiGraph()
    for j in S:
        g.add_edge("src", ("c", j), capacity=N)
        for i in unc:
            if data.D[i, j] <= T:
                g.add_edge(("c", j), ("u", i))  # no capacity attribute = unbounded
    for i in unc:
        g.add_edge(("u", i), "sink", capacity=data.w[i])
    if "src" not in g or "sink" not in g:
        return 0.0
    return float(nx.maximum_flow_value(g, "src", "sink"))


def covers_all(covers, U, S):
    got = set()
    for j in S:
        got.update(covers[j])
    return set(U) <= got


# --------------------------------------------------------------------------
# checks


class CapExceeded(Exception):
    pass


def _cover_search(masks, full, budget, stop_first, node_cap):
    """Every set of at most `budget` candidates covering `full` that the branching reaches.

    Branches on the uncovered unit with the fewest covering candidates (every cover
    holds one of them), so every cover whose candidates each add something is found.
    """
    n_bits = full.bit_length()
    options = [[j for j, m in enumerate(masks) if m >> b & 1] for b in range(n_bits)]
    found = set()
    nodes = [0]
    biggest = max((bin(m).count("1") for m in masks), default=0)

    def rec(covered, chosen, budget):
        nodes[0] += 1
        if nodes[0] > node_cap:
            raise CapExceeded
        if covered == full:
            found.add(tuple(sorted(chosen)))
            return stop_first
        left = bin(full & ~covered).count("1")
        if budget == 0 or -(-left // biggest) > budget:
            return False
        best = None
        for b in range(n_bits):
            if (full & ~covered) >> b & 1:
                opts = [j for j in options[b] if j not in chosen]
                if best is None or len(opts) < len(best):
                    best = opts
        for j in best:
            if rec(covered | masks[j], chosen + [j], budget - 1):
                return True
        return False

    rec(0, [], budget)
    return found, nodes[0]


def exact_min_cover(covers, U, node_cap=2_000_000):
    """Minimum number of candidates covering U by exhaustive search (no CBC), or None."""
    pos = {i: b for b, i in enumerate(U)}
    masks = [sum(1 << pos[i] for i in cov if i in pos) for cov in covers]
    # drop dominated candidates (cover set inside another's; equal sets keep the first):
    # they never lower the minimum
    keep = [j for j, m in enumerate(masks) if m and not any(
        (m | o) == o and (o != m or jj < j) for jj, o in enumerate(masks) if jj != j)]
    km = [masks[j] for j in keep]
    full = (1 << len(U)) - 1
    total = 0
    try:
        for b in range(0, len(U) + 1):
            found, nodes = _cover_search(km, full, b, True, node_cap)
            total += nodes
            if found:
                return b, len(keep), total
    except CapExceeded:
        return None, len(keep), None
    raise AssertionError("U cannot be covered")


def all_min_covers(covers, U, m, node_cap=2_000_000):
    """Every optimal cover (sets of m candidates covering U), or None beyond the cap."""
    pos = {i: b for b, i in enumerate(U)}
    masks = [sum(1 << pos[i] for i in cov if i in pos) for cov in covers]
    try:
        found, _ = _cover_search(masks, (1 << len(U)) - 1, m, False, node_cap)
    except CapExceeded:
        return None
    return sorted(f for f in found if len(f) == m)


def enumerate_best(n, k, value, maximise):
    """Best value over all k-subsets of range(n) and the subsets reaching it."""
    best, sets = None, []
    for combo in itertools.combinations(range(n), k):
        v = value(combo)
        if best is None or (v > best + 1e-9 if maximise else v < best - 1e-9):
            best, sets = v, [combo]
        elif abs(v - best) <= 1e-9:
            sets.append(combo)
    return best, sets


def swap_optimal(n, S, value, maximise):
    """No exchange of one chosen site for one unchosen candidate improves the value."""
    base = value(S)
    for pos in range(len(S)):
        for j in range(n):
            if j in S:
                continue
            T2 = list(S)
            T2[pos] = j
            v = value(T2)
            if (v > base + 1e-9) if maximise else (v < base - 1e-9):
                return False
    return True


def fmt_sets(sets, ids, limit=20):
    return [[ids[j] for j in s] for s in sets[:limit]]


# --------------------------------------------------------------------------
# solving one instance


def solve_coverage(data, T, k, with_greedy=False):
    unc, covers = covers_of(data, T)
    n = len(data.cids)
    keff = min(k, n)
    st, val, S = milp_coverage(data, T, keff)
    assert st == "Optimal"
    pop = list(data.w)
    f = lambda c: eval_coverage(data, T, c)
    if ncomb(n, keff) <= ENUM_LIMIT:
        best, sets = enumerate_best(n, keff, f, True)
        assert abs(best - val) < 1e-9
        assert tuple(sorted(S)) in sets
        check = {"method": "enumeration", "subsets": ncomb(n, keff), "value": num(best),
                 "optimal_subsets": len(sets), "optimal_site_sets": fmt_sets(sets, data.cids),
                 "milp_sites": [data.cids[j] for j in S]}
        unique = len(sets) == 1
        S = list(sets[0])
    else:
        bb, kept = so.branch_and_bound(covers, pop, keff)
        assert abs(bb - val) < 1e-9, (bb, val)
        st2, second, _ = milp_coverage(data, T, keff, forbid=S)
        unique = st2 == "Optimal" and second < val - 1e-9
        check = {"method": "branch and bound (siting_oracle, no CBC); CBC no-good re-solve",
                 "status": st, "no_good_resolve_status": st2,
                 "second_best_value_other_set": num(second) if second is not None else None,
                 "branch_and_bound_value": num(bb), "branch_and_bound_candidates_kept": kept,
                 "swap_optimal": swap_optimal(n, S, f, True)}
        assert check["swap_optimal"]
    # sites in greedy order among themselves (as servicegap prints them)
    order, _ = so.greedy([covers[j] for j in S], pop, len(S))
    S = [S[p] for p in order]
    res = {"uncovered_pop": num(sum(data.w[i] for i in unc)), "uncovered_units": len(unc),
           "optimum": {"value": num(val), "sites": [data.cids[j] for j in S], "unique": unique,
                       "solver_status": st, "check": check}}
    if with_greedy:
        g, gains = so.greedy(covers, pop, keff)
        gv = eval_coverage(data, T, g)
        assert gv <= val + 1e-9
        res["greedy"] = {"value": num(gv), "sites": [data.cids[j] for j in g],
                         "gains": [num(x) for x in gains]}
        res["gap"] = num(val - gv)
    return res, (val, S)


def solve_personkm(data, k):
    bad = [data.uids[i] for i in data.active if not math.isfinite(data.d0[i])]
    assert not bad, f"units with w > 0 and no reachable service: {bad}"
    n = len(data.cids)
    keff = min(k, n)
    st, val, S = milp_personkm(data, keff)
    assert st == "Optimal"
    f = lambda c: eval_personkm(data, c)
    if ncomb(n, keff) <= ENUM_LIMIT:
        best, sets = enumerate_best(n, keff, f, False)
        assert abs(best - val) <= 1e-6, (best, val)
        assert any(abs(f(s) - val) <= 1e-6 for s in sets)
        check = {"method": "enumeration", "subsets": ncomb(n, keff), "value": pkm(best),
                 "optimal_subsets": len(sets), "optimal_site_sets": fmt_sets(sets, data.cids),
                 "milp_sites": [data.cids[j] for j in S]}
        unique = len(sets) == 1
        S, val = list(sets[0]), best
    else:
        st2, second, _ = milp_personkm(data, keff, forbid=S)
        unique = st2 == "Optimal" and second > val + 1e-6
        check = {"method": "cbc; no-good re-solve; 1-swap check", "status": st,
                 "no_good_resolve_status": st2,
                 "second_best_value_other_set": pkm(second) if second is not None else None,
                 "swap_optimal": swap_optimal(n, S, f, False)}
        assert check["swap_optimal"]
    S = sorted(S)
    return {"base_person_km": pkm(eval_personkm(data, [])),
            "optimum": {"value": pkm(val), "sites": [data.cids[j] for j in S], "unique": unique,
                        "solver_status": st, "check": check}}, (val, S)


def solve_coverall(data, T):
    unc, covers = covers_of(data, T)
    U = sorted({i for cov in covers for i in cov})
    n = len(data.cids)
    st, m, S = milp_coverall(data, T)
    assert st == "Optimal"
    if ncomb(n, m) + ncomb(n, max(m - 1, 0)) <= ENUM_LIMIT:
        smaller = m - 1
        if smaller >= 0:
            assert not any(covers_all(covers, U, c) for c in itertools.combinations(range(n), smaller))
        sets = [c for c in itertools.combinations(range(n), m) if covers_all(covers, U, c)]
        assert tuple(sorted(S)) in sets
        check = {"method": "enumeration", "subsets_of_size_min_minus_1": ncomb(n, smaller),
                 "none_smaller_covers": True, "subsets_of_size_min": ncomb(n, m),
                 "optimal_subsets": len(sets), "optimal_site_sets": fmt_sets(sets, data.cids),
                 "milp_sites": [data.cids[j] for j in S]}
        unique = len(sets) == 1
        S = list(sets[0])
    else:
        st2, _, _ = milp_coverall(data, T, at_most=m - 1) if m > 0 else ("Infeasible", None, None)
        assert st2 == "Infeasible", st2
        check = {"method": "cbc", "status": st, "resolve_with_at_most_min_minus_1_status": st2,
                 "set_covers_U": covers_all(covers, U, S)}
        unique = None
        # exhaustive search without CBC (branch on the unit with the fewest options)
        m2, kept, nodes = exact_min_cover(covers, U)
        if m2 is not None:
            assert m2 == m, (m2, m)
            check["method"] = "exhaustive search (iterative deepening, dominated candidates dropped)"
            check.update({"search_min_sites": m2, "search_candidates_kept": kept, "search_nodes": nodes})
            sets = all_min_covers(covers, U, m)
            if sets is not None:
                assert tuple(sorted(S)) in sets
                check.update({"optimal_subsets": len(sets), "optimal_site_sets": fmt_sets(sets, data.cids),
                              "milp_sites": [data.cids[j] for j in S]})
                unique = len(sets) == 1
                S = list(sets[0])
    S = sorted(S)
    res = {"uncovered_pop": num(sum(data.w[i] for i in unc)), "uncovered_units": len(unc),
           "min_sites": m, "reachable_pop": num(sum(data.w[i] for i in U)),
           "unreachable_pop": num(sum(data.w[i] for i in unc if i not in set(U))),
           "reachable_units": len(U),
           "optimum": {"value": m, "sites": [data.cids[j] for j in S], "unique": unique,
                       "solver_status": st, "check": check}}
    return res, (m, S)


def solve_capacity(data, T, k, N):
    unc, covers = covers_of(data, T)
    n = len(data.cids)
    keff = min(k, n)
    st, val, S = milp_capacity(data, T, keff, N)
    assert st == "Optimal"
    reachable = sum(data.w[i] for i in {i for cov in covers for i in cov})
    f = lambda c: eval_capacity(data, T, N, c)
    if ncomb(n, keff) <= ENUM_LIMIT:
        best, sets = enumerate_best(n, keff, f, True)
        assert abs(best - val) <= 1e-6, (best, val)
        assert tuple(sorted(S)) in sets
        check = {"method": "enumeration (networkx maximum flow per subset)", "subsets": ncomb(n, keff),
                 "value": num(best), "optimal_subsets": len(sets),
                 "optimal_site_sets": fmt_sets(sets, data.cids), "milp_sites": [data.cids[j] for j in S]}
        unique = len(sets) == 1
        S = list(sets[0])
    else:
        st2, second, _ = milp_capacity(data, T, keff, N, forbid=S)
        unique = st2 == "Optimal" and second < val - 1e-6
        bound = min(keff * N, reachable)
        check = {"method": "cbc", "status": st, "no_good_resolve_status": st2,
                 "second_best_value_other_set": num(second) if second is not None else None,
                 "max_flow_value_of_sites": num(f(S)), "upper_bound_min_kN_coverable_pop": num(bound)}
        if val >= bound - 1e-9:
            # the value reaches a bound no set can exceed: optimal without further search
            check["method"] = "upper bound reached (min(k N, coverable population)); CBC re-solve"
        else:
            check["swap_optimal"] = swap_optimal(n, S, f, True)
            assert check["swap_optimal"]
    S = sorted(S)
    assert val <= min(keff * N, reachable) + 1e-9
    return {"uncovered_pop": num(sum(data.w[i] for i in unc)), "uncovered_units": len(unc),
            "coverable_pop": num(reachable),
            "optimum": {"value": num(val), "sites": [data.cids[j] for j in S], "unique": unique,
                        "solver_status": st, "check": check}}, (val, S)


def resolve_value(model, data, T, k, N):
    """Optimum value only (used for the rounded-data and reverse-direction re-solves)."""
    keff = None if k is None else min(k, len(data.cids))
    if model == "coverage":
        st, v, S = milp_coverage(data, T, keff)
    elif model == "person-km":
        st, v, S = milp_personkm(data, keff)
    elif model == "cover-all":
        st, v, S = milp_coverall(data, T)
    else:
        st, v, S = milp_capacity(data, T, keff, N)
    assert st == "Optimal"
    return v, S


def solve(model, data, T, k, N, with_greedy=False):
    if model == "coverage":
        return solve_coverage(data, T, k, with_greedy)
    if model == "person-km":
        return solve_personkm(data, k)
    if model == "cover-all":
        return solve_coverall(data, T)
    return solve_capacity(data, T, k, N)


# --------------------------------------------------------------------------
# JSON pieces


def pairs_of(model, data, T):
    out = []
    for i in data.active:
        for j in range(len(data.cids)):
            d = data.D[i, j]
            if not math.isfinite(d):
                continue
            if (model == "person-km" and d < data.d0[i]) or (model != "person-km" and d <= T):
                out.append([data.uids[i], data.cids[j], round(float(d), 3)])
    return out


def margins_of(model, data, T):
    """How close the decisive distances come to the decision boundaries."""
    if model == "person-km":
        gaps = [abs(data.D[i, j] - data.d0[i]) for i in data.active for j in range(len(data.cids))
                if math.isfinite(data.D[i, j])]
        return {"min_abs_d_minus_d0_m": r3(min(gaps)) if gaps else None}
    d0 = [abs(data.d0[i] - T) for i in data.active if math.isfinite(data.d0[i])]
    unc = uncovered_of(data, T)
    dc = [abs(data.D[i, j] - T) for i in unc for j in range(len(data.cids)) if math.isfinite(data.D[i, j])]
    return {"min_abs_d0_minus_T_m": r3(min(d0)) if d0 else None,
            "min_abs_d_minus_T_m_uncovered_units": r3(min(dc)) if dc else None}


def rounded_check(model, data, T, k, N, val, S):
    """Re-solve from the JSON's own rounded distances: the same optimum."""
    rd = data.rounded()
    v2, _ = resolve_value(model, rd, T, k, N)
    if model == "person-km":
        own = eval_personkm(rd, S)
        assert abs(v2 - own) <= 1e-6, (v2, own)
        return {"same_optimum_from_json_data": True, "value_from_rounded": pkm(own)}
    assert abs(v2 - val) <= 1e-9, (model, v2, val)
    return {"same_optimum_from_json_data": True}


def build_instance(name, model, mode, data, T, k, N, refs, with_greedy=False, extra=None):
    t0 = time.time()
    res, (val, S) = solve(model, data, T, k, N, with_greedy)
    inst = {
        "name": name, "model": model, "mode": mode,
        "k": k if model != "cover-all" else None,
        "threshold_m": T if model != "person-km" else None,
        **refs,
        "existing_m": {data.uids[i]: r3(data.d0[i]) for i in range(len(data.uids))},
        "pairs": pairs_of(model, data, T),
        "margins": margins_of(model, data, T),
        **res,
    }
    if model == "capacity":
        inst["capacity"] = N
    inst["optimum"]["rounded_data"] = rounded_check(model, data, T, k, N, val, S)
    if extra:
        inst.update(extra)
    inst["counts"] = {"units": len(data.uids), "candidates": len(data.cids), "pairs": len(inst["pairs"]),
                      "services": len(data.services)}
    dt = time.time() - t0
    opt = inst["optimum"]
    extra_txt = f"; greedy {inst['greedy']['value']} gap {inst['gap']}" if with_greedy else ""
    print(f"{name}: {model} k={k} T={T} N={N}: optimum {opt['value']} {opt['sites']} "
          f"unique={opt['unique']} check={opt['check']['method']}; "
          f"{inst['counts']}{extra_txt} ({dt:.1f} s)", flush=True)
    return inst


# --------------------------------------------------------------------------
# instances


def demo_instances():
    units = so.load_units()
    services = so.load_services("grocery")
    candidates = [{"id": u["id"], "lon": u["lon"], "lat": u["lat"]} for u in units]
    data = straight_data(units, services, candidates)
    refs = {
        "units": {"file": rel(so.UNITS_CSV), "sha256": sha256(so.UNITS_CSV), "id": "tatortskod",
                  "population": "befolkning", "lon": "lon", "lat": "lat"},
        "services": {"file": rel(so.SERVICES_GEOJSON), "sha256": sha256(so.SERVICES_GEOJSON),
                     "filter": {"category": "grocery"}, "id": "id", "count": len(services)},
        "candidates": candidates,
    }
    return [
        build_instance("demo_personkm_k2", "person-km", "straight", data, None, 2, None, refs),
        build_instance("demo_personkm_k4", "person-km", "straight", data, None, 4, None, refs),
        build_instance("demo_coverall_2km", "cover-all", "straight", data, 2000.0, None, None, refs),
        build_instance("demo_coverall_5km", "cover-all", "straight", data, 5000.0, None, None, refs),
        build_instance("demo_capacity_5km_k3_n800", "capacity", "straight", data, 5000.0, 3, 800, refs),
    ]


def random_refs(seed):
    units, services, candidates = so.random_points(seed)
    refs = {"seed": seed, "generator": "Scripts/oracle/siting_oracle.py random_points(seed): " + so.GENERATOR,
            "units": units, "services": services, "candidates": candidates}
    return straight_data(units, services, candidates), refs


def random_instances():
    out = []
    for seed in RANDOM_SEEDS:
        data, refs = random_refs(seed)
        out.append(build_instance(f"random_seed{seed}_personkm_k6", "person-km", "straight",
                                  data, None, 6, None, refs))
        out.append(build_instance(f"random_seed{seed}_coverall_6km", "cover-all", "straight",
                                  data, 6000.0, None, None, refs))
        out.append(build_instance(f"random_seed{seed}_capacity_6km_k8_n1500", "capacity", "straight",
                                  data, 6000.0, 8, 1500, refs))
    return out


def batch_instances():
    out = []
    for seed in BATCH_SEEDS:
        data, refs = random_refs(seed)
        T = 4000.0 + 250.0 * (seed % 8)
        k = 4 + seed % 9
        out.append(build_instance(f"coverage_seed{seed}", "coverage", "straight", data, T, k, None,
                                  refs, with_greedy=True))
    return out


def read_csv_points(path, category=None):
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if category is not None and r["category"] != category:
                continue
            p = {"id": r["id"], "lon": float(r["lon"]), "lat": float(r["lat"])}
            if "population" in r:
                p["population"] = float(r["population"])
            out.append(p)
    return out


UMEA_SPECS = [
    # name, model, T, k, N
    ("umea_coverage_5km_k3", "coverage", 5000.0, 3, None),
    ("umea_personkm_k3", "person-km", None, 3, None),
    ("umea_coverall_5km", "cover-all", 5000.0, None, None),
    ("umea_capacity_5km_k3_n1000", "capacity", 5000.0, 3, 1000),
]


def umea_instances():
    units = read_csv_points(UMEA_UNITS)
    services = read_csv_points(UMEA_SERVICES, "grocery")
    candidates = [{"id": u["id"], "lon": u["lon"], "lat": u["lat"]} for u in units]
    road = Road()
    t0 = time.time()
    tab = road.tables(units, services, candidates)
    d0, D = tab["d0"], tab["D"]
    print(f"umea road tables: {time.time() - t0:.1f} s", flush=True)

    # the existing-service distances are network_oracle's committed grocery dist_m
    committed = {u["id"]: u["categories"]["grocery"]["dist_m"]
                 for u in json.loads(NETWORK_UMEA_JSON.read_text(encoding="utf-8"))["units"]}
    for i, u in enumerate(units):
        want = committed[u["id"]]
        assert (want is None) == (not math.isfinite(d0[i])), u["id"]
        if want is not None:
            assert abs(round(d0[i], 4) - want) <= 1e-9, (u["id"], d0[i], want)

    data = Data(units, services, candidates, d0, D)
    rev = Data(units, services, candidates, tab["d0_rev"], tab["D_rev"])

    def n_changed(a, b):
        fa, fb = np.isfinite(a), np.isfinite(b)
        return int(np.count_nonzero(fa != fb)
                   + np.count_nonzero(np.abs(np.where(fa & fb, a - b, 0.0)) > 1e-6))

    both = np.isfinite(D) & np.isfinite(tab["D_rev"])
    direction = {
        "candidate_pairs_differing": n_changed(D, tab["D_rev"]),
        "existing_d0_differing": n_changed(d0, tab["d0_rev"]),
        "max_abs_candidate_difference_m": r3(float(np.max(np.abs(np.where(both, D - tab["D_rev"], 0.0))))),
    }

    # snap ties (several pieces at exactly the same planar distance): the oracle takes
    # the earliest piece (network_oracle); would another choice change any optimum?
    ties = []
    for kind, pts in (("unit/candidate", tab["units"]), ("service", tab["services"])):
        for p in pts:
            sn = p["snap"]
            if not sn["reachable"] or sn["n_tied"] < 2:
                continue
            for alt in sn["tied"][1:]:
                ta = road.tables(units, services, candidates, piece_override={p["id"]: alt},
                                 crosscheck=False)
                da = Data(units, services, candidates, ta["d0"], ta["D"])
                vals = {}
                for name, model, T, k, N in UMEA_SPECS:
                    v, _ = resolve_value(model, da, T, k, N)
                    vals[name] = pkm(v) if model == "person-km" else num(v)
                piece = lambda i: [road.net.pieces[i]["feature"], road.net.pieces[i]["piece"]]
                ties.append({"id": p["id"], "kind": kind, "piece": piece(alt),
                             "oracle_piece": piece(sn["piece"]),
                             "candidate_distances_changed": n_changed(ta["D"], D),
                             "existing_d0_changed": n_changed(ta["d0"], d0),
                             "optimum_values_with_this_piece": vals})

    refs = {
        "units": {"file": rel(UMEA_UNITS), "sha256": sha256(UMEA_UNITS), "id": "id",
                  "population": "population", "lon": "lon", "lat": "lat"},
        "services": {"file": rel(UMEA_SERVICES), "sha256": sha256(UMEA_SERVICES),
                     "filter": {"category": "grocery"}, "id": "id", "count": len(services)},
        "candidates": candidates,
        "roads": {"file": rel(UMEA_ROADS), "sha256": sha256(UMEA_ROADS), "work_crs": "EPSG:3006",
                  "length_field": "length_m", "access_speed_kmh": no.ACCESS_SPEED_KMH,
                  "max_snap_m": no.MAX_SNAP_M,
                  "distance": "network_oracle unit -> point distance value in metres (legs included)"},
    }
    out = []
    for name, model, T, k, N in UMEA_SPECS:
        v_rev, _ = resolve_value(model, rev, T, k, N)
        inst = build_instance(name, model, "network", data, T, k, N, refs)
        v_rev = pkm(v_rev) if model == "person-km" else num(v_rev)
        inst["direction"] = {
            "used": "unit -> candidate and unit -> service, as network_oracle and servicegap",
            "reverse": "candidate -> unit and service -> unit",
            **direction,
            "optimum_value_in_reverse_direction": v_rev,
            "same_optimum_value_in_reverse_direction": abs(v_rev - inst["optimum"]["value"]) <= 1e-6,
        }
        inst["snap_ties"] = ties
        out.append(inst)
    return out


# --------------------------------------------------------------------------


def build():
    t0 = time.time()
    instances = demo_instances() + random_instances() + umea_instances() + batch_instances()
    batch = [i for i in instances if i["name"].startswith("coverage_seed")]
    gaps = [i["gap"] for i in batch]
    summary = {
        "coverage_batch": {"instances": len(batch), "greedy_below_optimum": sum(1 for g in gaps if g > 0),
                           "max_gap": max(gaps) if gaps else None,
                           "gaps": {i["name"]: i["gap"] for i in batch}},
    }
    print(f"built {len(instances)} instances in {time.time() - t0:.1f} s; {summary}", flush=True)
    return {
        "description": (
            "Expectations for servicegap's siting models coverage, person-km, cover-all and "
            "capacity (definitions in the docstring of Scripts/oracle/siting_models_oracle.py, "
            "which computed this file; do not edit by hand). existing_m = per unit d0 (nearest "
            "existing service, metres, null = none reachable); pairs = [unit_id, candidate_id, d_m] "
            "for d <= threshold_m (coverage, cover-all, capacity; units already covered included) "
            "or d < d0 (person-km); distances rounded to 0.001 m and the optimum is the same when "
            "recomputed from them (optimum.rounded_data). optimum.value: coverage/capacity people, "
            "person-km person-km (1e-6), cover-all the minimum number of sites. optimum.sites is one "
            "optimal set; unique says whether it is the only one (null: not determined)."),
        "distance": {"straight": "geodesic WGS84 metres (pyproj.Geod(ellps='WGS84').inv)",
                     "network": "road metres along fixtures/roads/umea_region_roads.geojson as "
                                "Scripts/oracle/network_oracle.py defines them, unit -> point"},
        "solver": f"PuLP {pulp.__version__}, bundled CBC (PULP_CBC_CMD, gapRel=0, gapAbs=0)",
        "summary": summary,
        "instances": instances,
    }


_FLAT = re.compile(r"([\[{])\n\s*([^\[\]{}\n][^\[\]{}]*?)\n\s*([\]}])")


def dump(obj) -> str:
    text = json.dumps(obj, sort_keys=True, indent=1, ensure_ascii=False, allow_nan=False)
    # put every array / object holding only scalars on one line (pairs, points)
    text = _FLAT.sub(lambda m: m.group(1) + " ".join(s.strip() for s in m.group(2).split("\n")) + m.group(3), text)
    assert json.loads(text) == obj
    return text + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true",
                    help="compare with the committed file instead of writing")
    args = ap.parse_args()
    t0 = time.time()
    text = dump(build())
    path = args.out
    print(f"total {time.time() - t0:.1f} s")
    return write_or_check(path, text, args.check)


if __name__ == "__main__":
    sys.exit(main())
