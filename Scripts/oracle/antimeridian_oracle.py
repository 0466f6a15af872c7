#!/usr/bin/env python3
"""Independent oracle for `AntimeridianCut.parts(of:)` (RFC 7946 section 3.1.9).

Builds a dozen polygons in WGS 84 lon/lat whose longitudes jump between ~180
and ~-180 where they cross the antimeridian (as a zone drawn in a projected
CRS comes back to lon/lat), cuts each with the PyPI package `antimeridian`
(by gadomski, `antimeridian.fix_polygon`), and writes

  fixtures/oracle/antimeridian.json

Usage (from the repository root):

  pip install antimeridian shapely pyproj
  python3 Scripts/oracle/antimeridian_oracle.py            # write the file
  python3 Scripts/oracle/antimeridian_oracle.py --check    # compare, exit 1 on change

Definitions:

* input: rings as lists of [lon, lat], closed (first point repeated last),
  outer ring first, then holes. Built here deterministically (no randomness);
  every coordinate rounded to 9 decimals.
* cut: antimeridian.fix_polygon(polygon, great_circle=False, ...). The
  crossing latitude of an edge that jumps the antimeridian is the linear
  interpolation in plain degrees (great_circle=False), as servicegap cuts a
  ring made continuous in longitude along the meridian 180 in degrees. The
  package's default (great_circle=True) puts the crossing where the great
  circle through the edge's ends meets the meridian instead; that is a
  different polygon, not the one servicegap draws.
* orientation: antimeridian takes the interior of a crossing ring to lie on
  its left (counter-clockwise exteriors, as RFC 7946 asks). With
  fix_winding=True it reverses a clockwise ring that does not cross, and a
  counter-clockwise hole that crosses, but not a clockwise outer ring that
  crosses: hole_crossing with its outer ring reversed comes back as 4 pieces
  of 20 square degrees (the hole's halves as polygons of their own) instead
  of 2 pieces of 12. servicegap ignores orientation. So before calling the
  package the script reverses an outer ring that is clockwise once made
  continuous in longitude (see below); holes are left to fix_winding=True.
  The JSON keeps the rings as written (pentagon_cw stays clockwise). Every
  case other than the pole rings is also run with every ring reversed; the
  script stops unless both give the same pieces (areas and bounds to 1e-12).
* poles: servicegap closes a ring that winds once around a pole along the
  pole on the ring's side of the equator (the sign of the sum of its
  latitudes), whatever its direction. antimeridian follows the ring's
  direction instead: an eastward ring at 85N encloses the North Pole, a
  westward one encloses everything south of it (both poles' complement of
  the cap). The pole cases therefore pass force_north_pole=True (ring north of
  the equator) or force_south_pole=True (south), which makes the package
  close the ring along that pole in either direction (the script checks this
  by running the reversed ring too). The case records `pole_flag` and what
  the package gives without the flag (`without_pole_flag`) for the ring as
  written.
* pieces: the polygons of the result, each with bounds [min lon, min lat,
  max lon, max lat] (shapely .bounds), planar area in square degrees (shapely
  .area, holes subtracted) and geodesic area in km2 (pyproj
  Geod(ellps="WGS84").geometry_area_perimeter of the piece oriented
  counter-clockwise with clockwise holes, absolute value; the piece's edges
  are geodesics between its vertices). Pieces sorted by (min lon, min lat,
  max lon, max lat).
* totals: sums over the pieces of the planar and geodesic areas.
* self-checks (the script stops when one fails): the total planar area equals
  the planar area of the input made continuous in longitude (each vertex moved
  by whole turns to within 180 degrees of the one before, holes to within 180
  degrees of the outer ring) for rings that do not wind around a pole, and
  360 * (90 - |lat|) for the rings around a pole at constant latitude; every
  longitude of every piece lies in [-180, 180].

Rounding: degrees and square degrees 12 decimals, km2 6 decimals.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from importlib.metadata import version
from pathlib import Path

import antimeridian
import shapely
from pyproj import Geod
from shapely.geometry import LinearRing, Polygon
from shapely.geometry.polygon import orient
from oracle_file import write_or_check  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "fixtures" / "oracle" / "antimeridian.json"
GEOD = Geod(ellps="WGS84")


def r_deg(x):
    return round(float(x), 12)


def r_km2(x):
    return round(float(x), 6)


def wrap(lon):
    """Longitude moved by whole turns into [-180, 180)."""
    return ((lon + 180.0) % 360.0) - 180.0


def ring(points, wrap_lons=True):
    """Closed ring of [lon, lat], longitudes wrapped to [-180, 180), 9 decimals."""
    out = []
    for lon, lat in points:
        lon = wrap(lon) if wrap_lons else lon
        out.append([round(float(lon), 9) + 0.0, round(float(lat), 9) + 0.0])
    if out[0] != out[-1]:
        out.append(list(out[0]))
    return out


def rect(west, south, east, north):
    """Counter-clockwise rectangle in continuous longitudes (east may exceed 180)."""
    return [(west, south), (east, south), (east, north), (west, north)]


# --------------------------------------------------------------------------- cases


def fiji_circle():
    """64 vertices 50 km from (180, -17) (Geod.fwd), counter-clockwise.

    Azimuths 0, -5.625, -11.25, ... (decreasing, so the ring runs counter-clockwise
    in lon/lat); the vertices at azimuth 0 and 180 lie on the antimeridian itself.
    """
    points = []
    for k in range(64):
        azimuth = -360.0 * k / 64
        lon, lat, _ = GEOD.fwd(180.0, -17.0, azimuth, 50_000.0)
        points.append((lon, lat))
    return points


def pole_ring(lat, start, step, count):
    """`count` vertices at constant latitude, `step` degrees apart from `start`."""
    return [(start + step * k, lat) for k in range(count)]


CASES = [
    {
        "name": "square_small",
        "note": "1 x 1 degree square from 179.5 to -179.5, counter-clockwise.",
        "rings": [rect(179.5, -10, 180.5, -9)],
    },
    {
        "name": "thin_rectangle_long",
        "note": "60 x 0.5 degree rectangle from 150 to -150 (only its corners as vertices).",
        "rings": [rect(150, 10, 210, 10.5)],
    },
    {
        "name": "hole_crossing",
        "note": (
            "4 x 4 degree square with a 2 x 2 hole that crosses the antimeridian too: "
            "each piece has a notch, no hole."),
        "rings": [rect(178, -20, 182, -16),
                  [(179, -19), (179, -17), (181, -17), (181, -19)]],
    },
    {
        "name": "hole_west_side",
        "note": (
            "Square across the antimeridian with a hole wholly west of it (longitudes "
            "-179.5 to -178.5): the western piece keeps the hole."),
        "rings": [rect(178, -20, 182, -16),
                  [(-179.5, -19), (-179.5, -17), (-178.5, -17), (-178.5, -19)]],
    },
    {
        "name": "hole_east_side",
        "note": (
            "Square across the antimeridian with a hole wholly east of it (longitudes "
            "178.5 to 179.5): the eastern piece keeps the hole."),
        "rings": [rect(178, -20, 182, -16),
                  [(178.5, -19), (178.5, -17), (179.5, -17), (179.5, -19)]],
    },
    {
        "name": "c_shape_two_arms",
        "note": (
            "C-shaped polygon: its body lies west of the antimeridian (-178 to -176) and "
            "its two arms reach east across it to 178, so the eastern side has two pieces."),
        "rings": [[(178, -20), (184, -20), (184, -12), (178, -12), (178, -14),
                   (182, -14), (182, -18), (178, -18)]],
    },
    {
        "name": "fiji_circle_50km",
        "note": (
            "64-vertex circle of radius 50 km around (180, -17), vertices by "
            "pyproj Geod.fwd (like a buffer zone around Fiji); two vertices lie on "
            "the antimeridian."),
        "rings": [fiji_circle()],
    },
    {
        "name": "north_pole_85",
        "note": (
            "Ring at 85N eastward from -175 every 10 degrees (36 vertices, none on the "
            "antimeridian): closed along the North Pole."),
        "rings": [pole_ring(85, -175, 10, 36)],
        "pole_flag": "force_north_pole",
    },
    {
        "name": "south_pole_80",
        "note": (
            "Ring at 80S eastward from 180 every 10 degrees (36 vertices, the first on "
            "the antimeridian): closed along the South Pole. Eastward at 80S has the pole "
            "on its right, so antimeridian without force_south_pole takes the other "
            "side (north of 80S)."),
        "rings": [pole_ring(-80, 180, 10, 36)],
        "pole_flag": "force_south_pole",
    },
    {
        "name": "not_crossing",
        "note": "5 x 5 degree square from 170 to 175: does not cross, comes back as it is.",
        "rings": [rect(170, -20, 175, -15)],
    },
    {
        "name": "pentagon_ccw",
        "note": (
            "Irregular pentagon with sloped edges across the antimeridian (crossings "
            "at -29.2 and -25), counter-clockwise."),
        "rings": [[(178, -30), (183, -28), (182, -24), (178, -26), (176, -27)]],
    },
    {
        "name": "pentagon_cw",
        "note": "The same pentagon, clockwise.",
        "rings": [list(reversed([(178, -30), (183, -28), (182, -24), (178, -26),
                                 (176, -27)]))],
    },
]


# --------------------------------------------------------------------------- geometry


def continuous(points):
    """Every vertex moved by whole turns to within 180 degrees of the one before."""
    out = [tuple(points[0])]
    for lon, lat in points[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        out.append((lon, lat))
    return out


def unwrapped_planar_area(rings):
    """Planar area of the input made continuous (for rings not around a pole)."""
    outer = continuous(rings[0])
    assert abs(outer[-1][0] - outer[0][0]) < 1e-9, "ring winds around a pole"
    centre = sum(p[0] for p in outer) / len(outer)
    holes = []
    for hole in rings[1:]:
        h = continuous(hole)
        middle = sum(p[0] for p in h) / len(h)
        turns = round((centre - middle) / 360)
        holes.append([(lon + 360 * turns, lat) for lon, lat in h])
    return Polygon(outer, holes).area


def pieces_of(geom):
    if geom.geom_type == "Polygon":
        return [geom]
    assert geom.geom_type == "MultiPolygon", geom.geom_type
    return list(geom.geoms)


def counter_clockwise(rings):
    """The rings with the outer one reversed when, made continuous, it is clockwise."""
    if LinearRing(continuous(rings[0])).is_ccw:
        return rings
    return [list(reversed(rings[0]))] + rings[1:]


def fix(rings, pole_flag=None, fix_winding=True):
    if not pole_flag:
        rings = counter_clockwise(rings)
    polygon = Polygon(rings[0], rings[1:])
    kwargs = {"great_circle": False}
    if pole_flag:
        kwargs[pole_flag] = True
    else:
        kwargs["fix_winding"] = fix_winding
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no silent winding fixes
        return antimeridian.fix_polygon(polygon, **kwargs)


def describe(geom):
    pieces = []
    for piece in pieces_of(geom):
        west, south, east, north = piece.bounds
        geodesic, _ = GEOD.geometry_area_perimeter(orient(piece, 1.0))
        pieces.append({
            "bounds": [r_deg(west), r_deg(south), r_deg(east), r_deg(north)],
            "holes": len(piece.interiors),
            "planar_area_deg2": r_deg(piece.area),
            "geodesic_area_km2": r_km2(abs(geodesic) / 1e6),
            "_exact": (piece.bounds, piece.area),
        })
        for lon, _ in piece.exterior.coords:
            assert -180 <= lon <= 180, lon
    pieces.sort(key=lambda p: tuple(p["bounds"]))
    return pieces


def same_pieces(a, b, tol=1e-12):
    return len(a) == len(b) and all(
        all(abs(x - y) <= tol for x, y in zip(p["_exact"][0], q["_exact"][0]))
        and abs(p["_exact"][1] - q["_exact"][1]) <= tol
        for p, q in zip(a, b))


def build_case(spec):
    rings = [ring(r) for r in spec["rings"]]
    pole_flag = spec.get("pole_flag")
    fixed = fix(rings, pole_flag)
    pieces = describe(fixed)

    # Orientation: every ring reversed gives the same pieces.
    reversed_rings = [list(reversed(r)) for r in rings]
    assert same_pieces(pieces, describe(fix(reversed_rings, pole_flag))), spec["name"]

    total_planar = sum(p["_exact"][1] for p in pieces)
    if pole_flag:
        lat = rings[0][0][1]
        expected = 360.0 * (90.0 - abs(lat))
    else:
        expected = unwrapped_planar_area(rings)
    assert abs(total_planar - expected) <= 1e-9 * expected, (spec["name"], total_planar, expected)

    case = {
        "name": spec["name"],
        "note": spec["note"],
        "rings": rings,
        "crosses": len(pieces) > 1 or pole_flag is not None,
        "piece_count": len(pieces),
        "pieces": [{k: v for k, v in p.items() if k != "_exact"} for p in pieces],
        "total_planar_area_deg2": r_deg(total_planar),
        "total_geodesic_area_km2": r_km2(sum(p["geodesic_area_km2"] for p in pieces)),
    }
    if not pole_flag and len(pieces) == 1:
        # A polygon that does not cross comes back as it was.
        coords = [[list(c) for c in fixed.exterior.coords]]
        coords += [[list(c) for c in hole.coords] for hole in fixed.interiors]
        assert coords == rings, spec["name"]
        case["unchanged"] = True
    if pole_flag:
        case["pole_flag"] = pole_flag
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            default = antimeridian.fix_polygon(Polygon(rings[0]), great_circle=False)
        other = describe(default)
        case["without_pole_flag"] = {
            "piece_count": len(other),
            "bounds": [p["bounds"] for p in other],
            "total_planar_area_deg2": r_deg(sum(p["_exact"][1] for p in other)),
        }
    return case


def build():
    cases = [build_case(spec) for spec in CASES]
    return {
        "description": (
            "Expectations for AntimeridianCut.parts(of:) (RFC 7946 section 3.1.9): each case's "
            "input rings (closed [lon, lat], outer first, longitudes jumping between ~180 and "
            "~-180 where they cross) cut by the PyPI package antimeridian "
            "(antimeridian.fix_polygon with great_circle=False, i.e. crossings interpolated "
            "linearly in degrees, fix_winding=True; rings around a pole with "
            "force_north_pole / force_south_pole so that they are closed along the pole on "
            "their side of the equator whatever their direction, as servicegap does; "
            "`without_pole_flag` is what the package gives for the ring as written without "
            "the flag). Pieces sorted by bounds [min lon, min lat, max lon, max lat]; "
            "planar_area_deg2 is shapely .area in square degrees (holes subtracted); "
            "geodesic_area_km2 is |pyproj Geod(ellps='WGS84').geometry_area_perimeter| of "
            "the piece (edges are geodesics between its vertices). Every case was also run "
            "with its rings reversed, with the same pieces. Note: the package keeps a ring "
            "around a pole in one piece from -180 to 180; servicegap may split such a ring "
            "also at the meridian where its first vertex lies (the same area). "
            "Computed by Scripts/oracle/antimeridian_oracle.py."),
        "versions": {
            "antimeridian": version("antimeridian"),
            "shapely": shapely.__version__,
            "pyproj": version("pyproj"),
        },
        "cases": cases,
    }


def dump(obj) -> str:
    return json.dumps(obj, sort_keys=True, indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true",
                    help="compare with the committed file instead of writing")
    args = ap.parse_args()
    text = dump(build())
    path = OUT
    return write_or_check(path, text, args.check)


if __name__ == "__main__":
    sys.exit(main())
