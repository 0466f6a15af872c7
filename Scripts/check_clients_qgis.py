#!/usr/bin/python3
"""Opens servicegap's outputs in QGIS (headless) as a planner would, and checks them.

Run by Scripts/check-clients.sh with Debian's /usr/bin/python3 (python3-qgis) and
QT_QPA_PLATFORM=offscreen. For every output set (a folder, a GeoPackage, a PostGIS
schema) it opens every layer and table with the provider QGIS itself would use (ogr,
postgres) and checks, against the GeoJSON and CSV files of the folder written by the
same analysis:

- the layer is valid and has as many features as the file (and iterating them gives
  that many);
- the field types: ids and names String, distances and areas Real, populations and
  counts Integer or Real;
- the geometry type (as in the GeoJSON) and the CRS (EPSG:4326);
- every geometry is present, and every polygon is valid for GEOS (isGeosValid());
- styles: a folder's units.qml next to units.geojson is QGIS's default style; a
  GeoPackage's or PostGIS's layer_styles must give each layer that has a .qml its
  default style (the renderer of the .qml is the one QGIS loads). When no .qml is
  written yet this is reported, not failed;
- nothing was written to QGIS's message log at warning level or above while opening.

Prints one report line per output ("qgis  OUTPUT  OK|FAIL  counts") with the reasons of a
failure indented below it, and exits 1 when anything failed.

    check_clients_qgis.py --folder straight=DIR --gpkg straight=FILE.gpkg \
        --postgis straight=SCHEMA --pg "dbname=… host=… port=… user=…"

A --gpkg or --postgis output is compared with the --folder of the same label.
"""

import argparse
import csv
import json
import os
import re
import sys
import xml.etree.ElementTree as ElementTree

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402  (needs the environment above)
    Qgis,
    QgsApplication,
    QgsDataProvider,
    QgsDataSourceUri,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant  # noqa: E402

# Messages QGIS itself causes, whatever the data (see main()).
QGIS_NOISE = re.compile(r"^PostGIS: NOTICE: row number 0 is out of range 0\.\.-1$")

# Field kinds: S text, R real, N a number (integer or real).
STRING, REAL, NUMBER = "String", "Real", "Integer or Real"


def expected_kind(layer, field):
    """The type a field of servicegap's output must have, or None when not checked."""
    if field == "fid" or layer == "layer_styles":
        return None
    if layer == "servicegap_files":
        return STRING
    if field == "services":
        return STRING if layer == "combined" else NUMBER
    if field in ("id", "name", "region", "category", "unit", "largest_place", "run_id"):
        return STRING
    if field.endswith(("_nearest", "_class")):
        return STRING
    if field in ("area_km2", "services_per_1000", "mean", "median", "p90", "max",
                 "share_beyond") or field.endswith(
                     ("_dist_m", "_time_min", "_detour", "_area_km2", "_share",
                      "_2sfca", "_e2sfca")):
        return REAL
    if field in ("population", "threshold", "distance", "time", "missing", "rank",
                 "gain_pop", "cumulative_pop") or field.endswith("_pop") \
            or field.startswith("sole_pop_"):
        return NUMBER
    return None


def kind_of(qgs_field):
    """The kind of a QgsField: String, Integer, Real or its type name."""
    t = qgs_field.type()
    if t == QVariant.String:
        return STRING
    if t in (QVariant.Int, QVariant.LongLong, QVariant.UInt, QVariant.ULongLong):
        return "Integer"
    if t == QVariant.Double:
        return REAL
    return qgs_field.typeName() or str(t)


def kind_fits(kind, expected):
    if expected == NUMBER:
        return kind in ("Integer", REAL)
    return kind == expected


class Folder:
    """What the folder of a run holds: the reference for every client."""

    def __init__(self, path):
        self.path = path
        names = sorted(os.listdir(path))
        self.layers = {}     # stem -> (feature count, set of GeoJSON geometry types)
        self.tables = {}     # stem -> row count
        self.styles = {}     # stem -> renderer type of the .qml
        self.files = []      # names kept whole in servicegap_files
        for name in names:
            stem, ext = os.path.splitext(name)
            full = os.path.join(path, name)
            if ext == ".geojson":
                with open(full, encoding="utf-8") as f:
                    features = json.load(f)["features"]
                kinds = {(feat.get("geometry") or {}).get("type") for feat in features}
                self.layers[stem] = (len(features), kinds)
            elif ext == ".csv":
                with open(full, encoding="utf-8", newline="") as f:
                    self.tables[stem] = max(0, sum(1 for _ in csv.reader(f)) - 1)
            elif ext == ".qml":
                self.styles[stem] = qml_renderer(full)
            else:
                self.files.append(name)

    def expected_counts(self, with_files):
        counts = {k: v[0] for k, v in self.layers.items()}
        counts.update(self.tables)
        if with_files:
            counts["servicegap_files"] = len(self.files)
        return counts


def qml_renderer(path_or_text, is_text=False):
    """The renderer type named in a QGIS style (renderer-v2 type), or '?'."""
    try:
        root = ElementTree.fromstring(path_or_text) if is_text \
            else ElementTree.parse(path_or_text).getroot()
    except (ElementTree.ParseError, OSError) as error:
        return "unreadable (%s)" % error
    renderer = root.find(".//renderer-v2")
    return renderer.get("type", "?") if renderer is not None else "none"


def wkb_fits(wkb_type, geojson_kinds):
    """Whether the layer's geometry type holds every geometry of the GeoJSON."""
    flat = QgsWkbTypes.flatType(wkb_type)
    kinds = {k for k in geojson_kinds if k}
    if kinds == {"Point"}:
        return flat in (QgsWkbTypes.Point, QgsWkbTypes.MultiPoint)
    if kinds == {"Polygon"}:
        return flat in (QgsWkbTypes.Polygon, QgsWkbTypes.MultiPolygon)
    if kinds <= {"Polygon", "MultiPolygon"}:
        return flat == QgsWkbTypes.MultiPolygon
    if kinds <= {"LineString", "MultiLineString"}:
        return flat in (QgsWkbTypes.LineString, QgsWkbTypes.MultiLineString) \
            if kinds == {"LineString"} else flat == QgsWkbTypes.MultiLineString
    return True


class Output:
    """One output (folder, GeoPackage or PostGIS schema) as QGIS sees it."""

    def __init__(self, title):
        self.title = title
        self.problems = []
        self.notes = []
        self.counts = {}

    def fail(self, message):
        self.problems.append(message)


def check_layer(out, name, layer, reference, is_table, style_source):
    """Checks one opened layer against the folder's file of the same name."""
    if not layer.isValid():
        error = layer.dataProvider().error().message() if layer.dataProvider() else ""
        out.fail("%s: QGIS cannot open it (%s)" % (name, error or "invalid layer"))
        return
    expected = reference.expected_counts(with_files=True).get(name)
    count = layer.featureCount()
    iterated = 0
    invalid = []
    missing_geometry = 0
    for feature in layer.getFeatures():
        iterated += 1
        if is_table:
            continue
        geometry = feature.geometry()
        if geometry is None or geometry.isNull() or geometry.isEmpty():
            missing_geometry += 1
            continue
        if QgsWkbTypes.geometryType(geometry.wkbType()) == QgsWkbTypes.PolygonGeometry \
                and not geometry.isGeosValid():
            errors = geometry.validateGeometry(Qgis.GeometryValidationEngine.Geos) \
                if hasattr(Qgis, "GeometryValidationEngine") else geometry.validateGeometry()
            label = ", ".join(
                "%s=%s" % (f, feature[f]) for f in ("region", "category", "threshold")
                if layer.fields().indexOf(f) >= 0)
            invalid.append("feature %s (%s): %s" % (
                feature.id(), label, "; ".join(e.what() for e in errors) or "invalid"))
    out.counts[name] = count
    if expected is not None and count != expected:
        out.fail("%s: %d features, the folder's file has %d" % (name, count, expected))
    if iterated != count:
        out.fail("%s: featureCount() says %d, iterating gives %d" % (name, count, iterated))
    for field in layer.fields():
        want = expected_kind(name, field.name())
        if want is None:
            continue
        got = kind_of(field)
        if not kind_fits(got, want):
            out.fail("%s.%s: %s (%s), expected %s" % (
                name, field.name(), got, field.typeName(), want))
    if is_table:
        if layer.isSpatial():
            out.fail("%s: a table, but QGIS sees geometries" % name)
        return
    authid = layer.crs().authid()
    if authid != "EPSG:4326":
        out.fail("%s: CRS %s, expected EPSG:4326" % (name, authid or "none"))
    kinds = reference.layers.get(name, (0, set()))[1]
    if not wkb_fits(layer.wkbType(), kinds):
        out.fail("%s: geometry type %s does not hold the GeoJSON's %s" % (
            name, QgsWkbTypes.displayString(layer.wkbType()), "/".join(sorted(kinds))))
    if missing_geometry:
        out.fail("%s: %d features without geometry" % (name, missing_geometry))
    for line in invalid:
        out.fail("%s: not valid for GEOS: %s" % (name, line))
    check_style(out, name, layer, reference, style_source)


def check_style(out, name, layer, reference, style_source):
    """Checks that the layer's .qml is its default style in QGIS."""
    qml = reference.styles.get(name)
    if style_source == "sidecar":
        if qml is None:
            return
        message, ok = layer.loadDefaultStyle()
        got = layer.renderer().type() if layer.renderer() else "none"
        if not ok or got != qml:
            out.fail("%s: %s.qml next to it is not loaded as default style (%s; renderer %s, "
                     "the .qml has %s)" % (name, name, message, got, qml))
        return
    provider = layer.providerType()
    default = QgsProviderRegistry.instance().loadStyle(provider, layer.source(), "") or ""
    related = layer.listStylesInDatabase()[0]
    got = layer.renderer().type() if layer.renderer() else "none"
    if qml is None:
        if default:
            out.notes.append("%s has a default style in layer_styles without a .qml" % name)
        return
    if not default:
        out.fail("%s: no default style found in layer_styles (%d related styles), though "
                 "%s.qml was written" % (name, related, name))
    elif qml_renderer(default, is_text=True) != qml or got != qml:
        out.fail("%s: default style loaded with renderer %s, the .qml has %s" % (
            name, got, qml))


def open_folder(label, reference):
    out = Output("%s/ (folder)" % label)
    for name in sorted(reference.layers):
        layer = QgsVectorLayer(os.path.join(reference.path, name + ".geojson"), name, "ogr")
        check_layer(out, name, layer, reference, False, "sidecar")
    return out


def open_gpkg(label, path, reference):
    out = Output("%s.gpkg" % label)
    probe = QgsVectorLayer(path, "probe", "ogr")
    if not probe.isValid():
        out.fail("QGIS cannot open %s" % path)
        return out
    separator = QgsDataProvider.sublayerSeparator()
    names = [entry.split(separator)[1] for entry in probe.dataProvider().subLayers()]
    # QGIS hides its own layer_styles table from the list of layers: open it by name.
    styles = QgsVectorLayer("%s|layername=layer_styles" % path, "layer_styles", "ogr")
    if styles.isValid():
        names.append("layer_styles")
    check_layer_set(out, names, reference)
    for name in names:
        if name == "layer_styles":
            continue
        layer = QgsVectorLayer("%s|layername=%s" % (path, name), name, "ogr")
        is_table = name not in reference.layers
        check_layer(out, name, layer, reference, is_table, "database")
    return out


def open_postgis(label, schema, conninfo, reference):
    out = Output("%s PostGIS %s" % (label, schema))
    base = QgsDataSourceUri(conninfo)
    names = list(reference.layers) + list(reference.tables) + ["servicegap_files"]
    for name in names:
        uri = QgsDataSourceUri(base.connectionInfo(False))
        is_table = name not in reference.layers
        uri.setDataSource(schema, name, None if is_table else "geom")
        uri.setKeyColumn("fid")
        if not is_table:
            # As QGIS's browser and DB Manager add a table: with its geometry type and
            # SRID in the URI (QGIS looks default styles up by that type).
            kinds = reference.layers[name][1]
            uri.setWkbType(QgsWkbTypes.parseType(
                "MultiPolygon" if kinds == {"Polygon", "MultiPolygon"} else
                (sorted(kinds)[0] if kinds else "Unknown")))
            uri.setSrid("4326")
        layer = QgsVectorLayer(uri.uri(False), name, "postgres")
        check_layer(out, name, layer, reference, is_table, "database")
    return out


def check_layer_set(out, names, reference):
    expected = set(reference.layers) | set(reference.tables) | {"servicegap_files"}
    if reference.styles:
        expected.add("layer_styles")
    missing = expected - set(names)
    extra = set(names) - expected - {"layer_styles"}
    if missing:
        out.fail("missing layers: %s" % ", ".join(sorted(missing)))
    if extra:
        out.notes.append("layers without a file in the folder: %s" % ", ".join(sorted(extra)))


def summary(out, reference, where):
    parts = ["%s %d" % (k, v) for k, v in sorted(
        out.counts.items(), key=lambda kv: (kv[0] not in reference.layers, kv[0]))]
    if where == "folder":
        styles = [n for n in reference.styles if n in reference.layers]
        parts.append("styles: %s" % (", ".join(sorted(styles)) + " (.qml)" if styles
                                      else "no .qml written"))
    else:
        parts.append("default styles: %s" % (", ".join(sorted(reference.styles))
                                              if reference.styles else
                                              "none (no .qml written yet)"))
    return ", ".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folder", action="append", default=[], metavar="LABEL=DIR")
    parser.add_argument("--gpkg", action="append", default=[], metavar="LABEL=FILE")
    parser.add_argument("--postgis", action="append", default=[], metavar="LABEL=SCHEMA")
    parser.add_argument("--pg", default="", help="libpq connection info for --postgis")
    parser.add_argument("--width", type=int, default=40, help="width of the output column")
    args = parser.parse_args()

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    log = []

    def on_message(message, tag, level):
        if level >= Qgis.Warning:
            log.append("%s: %s" % (tag or "QGIS", message.strip()))

    QgsApplication.messageLog().messageReceived.connect(on_message)

    folders = {}
    for item in args.folder:
        label, path = item.split("=", 1)
        folders[label] = Folder(path)
    jobs = [("folder", label, None) for label in folders]
    jobs += [("gpkg", *item.split("=", 1)) for item in args.gpkg]
    jobs += [("postgis", *item.split("=", 1)) for item in args.postgis]

    failed = 0
    for where, label, target in jobs:
        reference = folders[label]
        log.clear()
        if where == "folder":
            out = open_folder(label, reference)
        elif where == "gpkg":
            out = open_gpkg(label, target, reference)
        else:
            out = open_postgis(label, target, args.pg, reference)
        QgsApplication.processEvents()
        for message in log:
            if QGIS_NOISE.search(message):
                # QGIS 3.22's postgres provider reads row 0 of an empty result when it
                # opens the first table without geometry of a session; a table made by
                # hand with psql gives the same notice.
                continue
            out.fail("QGIS log: %s" % message)
        status = "FAIL" if out.problems else "OK"
        failed += bool(out.problems)
        print("%-10s %-*s %-4s %s" % ("qgis", args.width, out.title, status,
                                      summary(out, reference, where)))
        for problem in out.problems:
            print("    - %s" % problem)
        for note in out.notes:
            print("    note: %s" % note)
        sys.stdout.flush()
    app.exitQgis()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
