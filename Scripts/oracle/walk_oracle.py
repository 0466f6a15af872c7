#!/usr/bin/env python3
"""Independent oracle for servicegap's walking and cycling modes along the roads.

Recomputes, with pyproj + numpy + networkx, the walking (cycling) distances and
times that `--mode walk` (`--mode bike`) with `--roads` gives (BRIEF: "Walking and
cycling"), and writes them as JSON fixtures the Swift tests compare against:

  fixtures/oracle/walk_umea.json     Umeå region on foot, 5 km/h (MATSim links, length field)
  fixtures/oracle/walk_samsoe.json   Samsø on foot, 5 km/h (OSM ways, geodesic lengths)
  fixtures/oracle/bike_umea.json     Umeå region by bicycle, 15 km/h

The graph, snapping, split and Dijkstra are those of network_oracle.py (imported,
so both oracles share one reading of the brief's network rules); this script only
changes what walking and cycling change, on the road file *before* the network is
built:

* Which roads: a way is dropped when `highway` is `motorway` or `motorway_link`,
  `motorroad` is `yes`, the profile's own tag (`foot`; `bicycle`) is `no` or
  `private`, or `access` is `no` or `private` while the own tag is not `yes`,
  `designated` or `permissive`. By bicycle also the ways meant for pedestrians
  (`footway`, `pedestrian`, `steps`, `bridleway`, `corridor`) unless the own tag
  opens them. Dropped ways take no part in snapping either.
* Direction: on foot every way both ways; by bicycle `oneway` as by car unless
  `oneway:bicycle` is `no`.
* Speed: the profile's constant speed on every way and on the legs between a point
  and the road (network_oracle's `speed_of` and `ACCESS_SPEED_KMH` are replaced).

Tag values are compared ignoring case and surrounding spaces. The units and services
are the network oracle's (fixtures/roads/*_units.csv, *_services.csv); this script
writes no inputs.

Usage (from the repository root):

  python3 Scripts/oracle/walk_oracle.py           # (re)write the files above
  python3 Scripts/oracle/walk_oracle.py --check   # recompute, compare, exit 1 on change

The JSON layout is network_oracle.py's, with `parameters.profile`,
`parameters.speed_kmh` and `graph.roads_excluded` added.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import network_oracle as net_oracle  # noqa: E402

REPO = net_oracle.REPO
ROADS_DIR = net_oracle.ROADS_DIR
OUT_DIR = net_oracle.OUT_DIR

CLOSED = {"no", "private"}
OPENED = {"yes", "designated", "permissive"}
PEDESTRIAN_WAYS = {"footway", "pedestrian", "steps", "bridleway", "corridor"}
SPEEDS = {"walk": 5.0, "bike": 15.0}


def tag(props, key):
    value = props.get(key)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().lower()


def allowed(props, profile) -> bool:
    own = tag(props, "foot" if profile == "walk" else "bicycle")
    highway = tag(props, "highway")
    if highway in ("motorway", "motorway_link") or tag(props, "motorroad") == "yes":
        return False
    if own in CLOSED:
        return False
    if tag(props, "access") in CLOSED and own not in OPENED:
        return False
    if profile == "bike" and highway in PEDESTRIAN_WAYS and own not in OPENED:
        return False
    return True


def profile_roads(roads: dict, profile: str):
    """The roads the profile may use, with `oneway` as the profile travels them."""
    kept = []
    for feature in roads["features"]:
        props = dict(feature["properties"])
        if not allowed(props, profile):
            continue
        if profile == "walk" or tag(props, "oneway:bicycle") == "no":
            props["oneway"] = False
        kept.append({**feature, "properties": props})
    return {**roads, "features": kept}, len(roads["features"]) - len(kept)


def run_case(name, roads_file, work_epsg, work_crs, length_field, categories, profile):
    speed = SPEEDS[profile]
    net_oracle.ACCESS_SPEED_KMH = speed
    net_oracle.speed_of = lambda props: speed
    roads_b = (ROADS_DIR / roads_file).read_bytes()
    roads, excluded = profile_roads(json.loads(roads_b), profile)
    units_b = (ROADS_DIR / f"{name}_units.csv").read_bytes()
    services_b = (ROADS_DIR / f"{name}_services.csv").read_bytes()
    inputs = {
        "roads": f"fixtures/roads/{roads_file}",
        "units": f"fixtures/roads/{name}_units.csv",
        "services": f"fixtures/roads/{name}_services.csv",
        "sha256": {roads_file: net_oracle.sha256_bytes(roads_b),
                   f"{name}_units.csv": net_oracle.sha256_bytes(units_b),
                   f"{name}_services.csv": net_oracle.sha256_bytes(services_b)},
    }
    network = net_oracle.Network(roads, work_epsg, length_field)
    doc = net_oracle.analyse(
        f"{profile} {name}", network, net_oracle.read_points(units_b.decode("utf-8"), "units"),
        net_oracle.read_points(services_b.decode("utf-8"), "services"), categories, work_crs,
        length_field, inputs)
    doc["description"] = (
        f"{'Walking' if profile == 'walk' else 'Cycling'} oracle for {name} along the roads "
        "(generated by Scripts/oracle/walk_oracle.py; do not edit by hand). Values are unit -> "
        "nearest service of each category: dist_m = shortest (leg + road + leg) metres along the "
        f"ways the profile may use, time_min = that distance at {speed:g} km/h, nearest_id = "
        "service of the minimum distance (ties within 1e-6 m -> smallest id); null = unreachable. "
        "snap_feature = 0-based index among the ways the profile may use.")
    params = doc["parameters"]
    params["profile"] = profile
    params["speed_kmh"] = speed
    del params["speeds_kmh"], params["default_speed_kmh"]
    doc["graph"]["roads_excluded"] = excluded
    return doc


def build():
    files = {}
    cases = [
        ("umea", "umea_region_roads.geojson", 3006, "EPSG:3006", "length_m",
         net_oracle.UMEA_CATEGORIES, "walk"),
        ("samsoe", "samsoe_roads.geojson", 32632, "EPSG:32632", None,
         net_oracle.SAMSOE_CATEGORIES, "walk"),
        ("umea", "umea_region_roads.geojson", 3006, "EPSG:3006", "length_m",
         net_oracle.UMEA_CATEGORIES, "bike"),
    ]
    for name, roads_file, epsg, crs, length_field, categories, profile in cases:
        doc = run_case(name, roads_file, epsg, crs, length_field, categories, profile)
        files[OUT_DIR / f"{profile}_{name}.json"] = net_oracle.json_text(doc).encode("utf-8")
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the files on disk; exit 1 on change")
    args = ap.parse_args()
    t0 = time.time()
    changed = []
    for path, data in build().items():
        rel = path.relative_to(REPO)
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                changed.append(str(rel))
        else:
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
