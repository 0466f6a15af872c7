#!/usr/bin/env python3
"""Independent oracle for `servicegap access` (2SFCA and E2SFCA).

Computes the two-step floating catchment area index twice -- with PySAL's
`access` package (Access.two_stage_fca / Access.enhanced_two_stage_fca, which
call access.fca.two_stage_fca) and with a plain numpy implementation of the
brief's formulas -- asserts that both agree to 1e-9 relative, and writes

  fixtures/oracle/access_demo.json

Usage (from the repository root):

  pip install access pyproj numpy pandas
  python3 Scripts/oracle/access_oracle.py            # write the file
  python3 Scripts/oracle/access_oracle.py --check    # compare, exit 1 on change

Definitions (BRIEF.md, "2SFCA"), d = geodesic WGS84 distance in km,
pyproj.Geod(ellps="WGS84").inv, unit point to service point:

  R_j = S_j / sum_{k: d_kj <= d0} P_k W(d_kj)
  A_i = sum_{j: d_ij <= d0} R_j W(d_ij)          reported as 1000 * A_i

  S_j = capacity (1 when the service has none); W = 1 for plain 2SFCA.
  step weights:  W(d) = weight of the first band (sorted by upper edge) whose
                 upper edge e satisfies d <= e; 0 beyond the last edge
                 (identical to PySAL access.weights.step_fn).
  gaussian:      W(d) = exp(-d^2 / (2 sigma^2)), unnormalised so W(0) = 1
                 (identical to PySAL access.weights.gaussian).

Conventions the numbers rely on:
  * a unit with population 0 adds nothing to any service's demand (it still
    gets an index: the ratios of the services within its reach);
  * a service with no (weighted) demand within d0 has no ratio (JSON null)
    and adds nothing to any unit -- PySAL would produce 1/0 = inf there
    (none of the cases below hits it: every service with a unit within d0
    also has population within d0; the oracle asserts so);
  * a unit with no service within d0 gets A = 0 -- PySAL leaves it missing
    (NaN after the join into access_df); the oracle maps that to 0.

Rounding: indices (per 1,000) and ratios (per person) to 9 significant
digits. JSON is written with sorted keys and indent 1.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from pyproj import Geod

import access
from access import Access, weights
from oracle_file import write_or_check  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
DEMO_DIR = REPO / "fixtures" / "demo_arjeplog_skelleftea"
UNITS_CSV = DEMO_DIR / "population_tatorter_2020.csv"
SERVICES_GEOJSON = DEMO_DIR / "services.geojson"
OUT = REPO / "fixtures" / "oracle" / "access_demo.json"

GEOD = Geod(ellps="WGS84")
REL_TOL = 1e-9


def sig9(x):
    return None if x is None else float(f"{x:.9g}")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


# --------------------------------------------------------------------------
# inputs


def load_units():
    units = []
    with UNITS_CSV.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            units.append({
                "id": row["tatortskod"],
                "lon": float(row["lon"]),
                "lat": float(row["lat"]),
                "population": float(row["befolkning"]),
            })
    return units


def load_services(category):
    data = json.loads(SERVICES_GEOJSON.read_text(encoding="utf-8"))
    out = []
    for feat in data["features"]:
        props = feat["properties"]
        if props.get("category") != category:
            continue
        lon, lat = feat["geometry"]["coordinates"][:2]
        cap = props.get("capacity")
        out.append({"id": props["id"], "lon": float(lon), "lat": float(lat),
                    "capacity": 1.0 if cap is None else float(cap)})
    return out


def distance_matrix_km(units, services):
    """d[i, j] geodesic km from unit i to service j (pyproj inv, brute force)."""
    n, m = len(units), len(services)
    ulon = np.repeat([u["lon"] for u in units], m)
    ulat = np.repeat([u["lat"] for u in units], m)
    slon = np.tile([s["lon"] for s in services], n)
    slat = np.tile([s["lat"] for s in services], n)
    _, _, dist = GEOD.inv(ulon, ulat, slon, slat)
    return np.asarray(dist, dtype=float).reshape(n, m) / 1000.0


# --------------------------------------------------------------------------
# weights


def weight_fn_plain(spec):
    """The oracle's own W(d) (numpy, vectorised), from the JSON weights spec."""
    kind = spec["kind"]
    if kind == "none":
        return lambda d: np.ones_like(d)
    if kind == "step":
        bands = sorted(spec["bands"], key=lambda b: b[0])

        def step(d):
            w = np.zeros_like(d)
            done = np.zeros(d.shape, dtype=bool)
            for edge, weight in bands:  # first band with d <= upper edge
                hit = (~done) & (d <= edge)
                w[hit] = weight
                done |= hit
            return w
        return step
    if kind == "gaussian":
        sigma = spec["sigma_km"]
        return lambda d: np.exp(-(d * d) / (2.0 * sigma * sigma))
    raise ValueError(kind)


def weight_fn_pysal(spec):
    kind = spec["kind"]
    if kind == "none":
        return None
    if kind == "step":
        return weights.step_fn({edge: weight for edge, weight in spec["bands"]})
    if kind == "gaussian":
        return weights.gaussian(spec["sigma_km"])
    raise ValueError(kind)


# --------------------------------------------------------------------------
# the two implementations


def fca_plain(units, services, dist, d0, spec):
    """Brief's formulas in numpy. Returns (A per 1000 per unit, R per service or None)."""
    pop = np.array([u["population"] for u in units], dtype=float)
    cap = np.array([s["capacity"] for s in services], dtype=float)
    within = dist <= d0
    w = np.where(within, weight_fn_plain(spec)(dist), 0.0)
    demand = (pop[:, None] * w).sum(axis=0)           # per service
    has = demand > 0
    ratio = np.zeros(len(services))
    ratio[has] = cap[has] / demand[has]
    index = (w * ratio[None, :]).sum(axis=1)           # per unit
    ratios = [float(r) if h else None for r, h in zip(ratio, has)]
    # services with somebody within d0 but nobody living there would be inf in PySAL
    nobody = [services[j]["id"] for j in range(len(services)) if within[:, j].any() and not has[j]]
    return index * 1000.0, ratios, nobody


def fca_pysal(units, services, dist, d0, spec):
    """PySAL access on a full cost matrix, cut at max_cost = d0."""
    demand_df = pd.DataFrame({"uid": [u["id"] for u in units],
                              "pop": [u["population"] for u in units]}).set_index("uid")
    supply_df = pd.DataFrame({"sid": [s["id"] for s in services],
                              "cap": [s["capacity"] for s in services]}).set_index("sid")
    n, m = dist.shape
    cost_df = pd.DataFrame({
        "origin": np.repeat([u["id"] for u in units], m),
        "dest": np.tile([s["id"] for s in services], n),
        "km": dist.reshape(-1),
    })
    acc = Access(demand_df=demand_df, demand_index=True, demand_value="pop",
                 supply_df=supply_df, supply_index=True, supply_value="cap",
                 cost_df=cost_df, cost_origin="origin", cost_dest="dest", cost_name="km")
    fn = weight_fn_pysal(spec)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if fn is None:
            res = acc.two_stage_fca(name="a", max_cost=d0)
        else:
            res = acc.enhanced_two_stage_fca(name="a", max_cost=d0, weight_fn=fn)
        # step 1 on its own, for the ratios R_j (same call fca.two_stage_fca makes)
        demand = access.fca.weighted_catchment(
            demand_df, cost_df, d0, cost_source="origin", cost_dest="dest",
            cost_cost="km", loc_index="uid", loc_value="pop", weight_fn=fn)
    series = res["a_cap"]
    index = np.array([series.get(u["id"], np.nan) for u in units], dtype=float)
    ratios = {}
    for s in services:
        if s["id"] in demand.index:
            ratios[s["id"]] = s["capacity"] / float(demand[s["id"]]) if demand[s["id"]] != 0 else math.inf
    return index * 1000.0, ratios


def close(a, b):
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b)) or (a == 0 and b == 0)


def run_case(units, services, d0, spec):
    dist = distance_matrix_km(units, services)
    idx, ratios, nobody = fca_plain(units, services, dist, d0, spec)
    assert not nobody, f"services with reach but no people: {nobody}"
    p_idx, p_ratios = fca_pysal(units, services, dist, d0, spec)
    issues = []
    for u, a, b in zip(units, idx, p_idx):
        if math.isnan(b):  # PySAL: no service within d0 -> missing; ours: 0
            if a != 0:
                issues.append(f"unit {u['id']}: plain {a} vs PySAL missing")
        elif not close(a, b):
            issues.append(f"unit {u['id']}: plain {a!r} vs PySAL {b!r}")
    for s, r in zip(services, ratios):
        pr = p_ratios.get(s["id"])
        if (r is None) != (pr is None) or (r is not None and not close(r, pr)):
            issues.append(f"service {s['id']}: plain {r!r} vs PySAL {pr!r}")
    if issues:
        raise AssertionError("PySAL and plain implementation disagree:\n  " + "\n  ".join(issues))
    stats = {
        "pairs_within_d0": int((dist <= d0).sum()),
        "units_without_service": int(sum(1 for a in idx if a == 0)),
        "services_without_demand": int(sum(1 for r in ratios if r is None)),
    }
    expected = {u["id"]: sig9(float(a)) for u, a in zip(units, idx)}
    service_ratios = {s["id"]: sig9(r) for s, r in zip(services, ratios)}
    return expected, service_ratios, stats


# --------------------------------------------------------------------------
# cases


def demo_case(name, category, method, d0, spec, units):
    services = load_services(category)
    expected, ratios, stats = run_case(units, services, d0, spec)
    print(f"{name}: {len(units)} units, {len(services)} services, {stats}")
    return {
        "name": name,
        "category": category,
        "method": method,
        "d0_km": d0,
        "weights": spec,
        "units": {"file": rel(UNITS_CSV), "sha256": sha256(UNITS_CSV), "id": "tatortskod",
                  "population": "befolkning", "lon": "lon", "lat": "lat"},
        "services": {"file": rel(SERVICES_GEOJSON), "sha256": sha256(SERVICES_GEOJSON),
                     "filter": {"category": category}, "capacity": "none in file, so 1"},
        "stats": stats,
        "expected": expected,
        "service_ratios": ratios,
    }


def random_case():
    rng = np.random.default_rng(7)
    lon0, lat0, half_km = 20.0, 64.8, 30.0
    # half-spans of the 60 x 60 km box in degrees, measured geodesically at the centre
    lon_e, _, _ = GEOD.fwd(lon0, lat0, 90.0, half_km * 1000)
    _, lat_n, _ = GEOD.fwd(lon0, lat0, 0.0, half_km * 1000)
    dlon, dlat = lon_e - lon0, lat_n - lat0

    def points(n):
        lons = np.round(lon0 + rng.uniform(-dlon, dlon, n), 6)
        lats = np.round(lat0 + rng.uniform(-dlat, dlat, n), 6)
        return lons, lats

    ulon, ulat = points(300)
    pops = rng.integers(0, 2001, 300)
    pops[::25] = 0  # make sure the population-0 rule is exercised (12 units)
    slon, slat = points(40)
    caps = rng.integers(1, 6, 40)
    units = [{"id": f"u{i:03d}", "lon": float(ulon[i]), "lat": float(ulat[i]),
              "population": int(pops[i])} for i in range(300)]
    services = [{"id": f"s{j:02d}", "lon": float(slon[j]), "lat": float(slat[j]),
                 "capacity": int(caps[j])} for j in range(40)]
    spec = {"kind": "none"}
    expected, ratios, stats = run_case(
        [dict(u, population=float(u["population"])) for u in units],
        [dict(s, capacity=float(s["capacity"])) for s in services], 8.0, spec)
    stats["units_with_population_0"] = int((pops == 0).sum())
    print(f"random_2sfca_8km: 300 units, 40 services, {stats}")
    return {
        "name": "random_2sfca_8km",
        "category": None,
        "method": "2sfca",
        "d0_km": 8.0,
        "weights": spec,
        "generator": "numpy.random.default_rng(7): 300 unit points then 40 service points, "
                     "each lon then lat uniform in the box (6 decimals), populations "
                     "integers 0-2000 (every 25th unit then set to 0), capacities integers 1-5",
        "units": units,
        "services": services,
        "stats": stats,
        "expected": expected,
        "service_ratios": ratios,
    }


def check_weight_edges():
    """PySAL's weight functions and the oracle's agree, band edges included."""
    probes = np.array([0.0, 4.999999, 5.0, 5.000001, 9.999999, 10.0, 10.000001, 30.0])
    for spec in ({"kind": "step", "bands": [[5.0, 1.0], [10.0, 0.68]]},
                 {"kind": "gaussian", "sigma_km": 5.0}):
        mine = weight_fn_plain(spec)(probes.copy())
        theirs = np.array([weight_fn_pysal(spec)(float(x)) for x in probes])
        assert np.allclose(mine, theirs, rtol=1e-15, atol=0), (spec, mine, theirs)
    # "<= upper edge": 5 km is still in the first band, 10 km in the second, beyond -> 0
    assert list(weight_fn_plain({"kind": "step", "bands": [[5.0, 1.0], [10.0, 0.68]]})(
        np.array([5.0, 10.0, 10.000001]))) == [1.0, 0.68, 0.0]


def build():
    check_weight_edges()
    units = load_units()
    cases = [
        demo_case("grocery_2sfca_10km", "grocery", "2sfca", 10.0, {"kind": "none"}, units),
        demo_case("pharmacy_2sfca_30km", "pharmacy", "2sfca", 30.0, {"kind": "none"}, units),
        demo_case("grocery_e2sfca_step_10km", "grocery", "e2sfca", 10.0,
                  {"kind": "step", "bands": [[5.0, 1.0], [10.0, 0.68]]}, units),
        demo_case("grocery_e2sfca_gaussian_10km", "grocery", "e2sfca", 10.0,
                  {"kind": "gaussian", "sigma_km": 5.0}, units),
        random_case(),
    ]
    return {
        "description": (
            "2SFCA / E2SFCA expectations. R_j = S_j / sum_{k: d_kj <= d0} P_k W(d_kj); "
            "A_i = sum_{j: d_ij <= d0} R_j W(d_ij); expected = 1000 * A_i (per 1,000 "
            "inhabitants), service_ratios = R_j per person (null: no population within d0). "
            "W = 1 (none); step: weight of the first band with d <= upper edge, 0 beyond; "
            "gaussian: exp(-d^2 / (2 sigma^2)). Units with population 0 add no demand; units "
            "with no service within d0 get 0. Capacity 1 when absent. Values rounded to 9 "
            "significant digits. Computed by Scripts/oracle/access_oracle.py with numpy and "
            "checked against PySAL access to 1e-9 relative."
        ),
        "distance": "geodesic WGS84 km (pyproj)",
        "reference": f"PySAL access {access.__version__}",
        "cases": cases,
    }


def dump(obj) -> str:
    return json.dumps(obj, sort_keys=True, indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    args = ap.parse_args()
    text = dump(build())
    return write_or_check(args.out, text, args.check)


if __name__ == "__main__":
    sys.exit(main())
