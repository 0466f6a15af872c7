#!/usr/bin/python3
"""Opens servicegap's units.geojson and zones.geojson with their .qml styles in QGIS itself.

Usage:
  QT_QPA_PLATFORM=offscreen /usr/bin/python3 Scripts/check-qgis-styles.py [OUTDIR ...]

Without arguments it runs servicegap (SERVICEGAP_BIN, else .build/release or .build/debug)
on the demo area twice, straight-line and along the roads (minute thresholds), with
--report, and checks both output folders. Needs QGIS's Python bindings (Debian:
`apt-get install qgis python3-qgis`); not part of `make test`.

For every folder it checks, with QGIS's own classes:
  - QGIS finds <name>.qml beside <name>.geojson as the default style (loadDefaultStyle)
    and loadNamedStyle succeeds;
  - the renderer is rule-based, with one group per category (from summary.json), only the
    first checked, and per group one rule per class (thresholds + 2) or per threshold;
  - every unit matches exactly one rule of every category group, the one this script's
    own classification of the unit's C_dist_m / C_time_min gives; every zone matches
    exactly one rule, in its own category's group, for its own threshold;
  - the data-defined circle size is max(0.2, sqrt(population / largest)) * 8 mm;
  - the rule colours equal the legend swatches of report.html (when it is there);
  - QGIS renders the styled layers into a non-blank image (saved as qgis-render.png).
Exits 1 on the first folder with a failure.
"""
import json
import math
import os
import re
import subprocess
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsRenderContext,
    QgsRuleBasedRenderer,
    QgsSymbolLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def thresholds_from_summary(folder):
    """Category -> [(label, value in the column's unit, 'km' or 'min')], from summary.json."""
    rows = json.load(open(os.path.join(folder, "summary.json"), encoding="utf-8"))
    result = {}
    for row in rows:
        if row["category"] in result:
            continue
        labels = []
        for key, value in row.items():
            match = re.fullmatch(r"beyond_(.+)_pop", key)
            if match and value is not None:
                labels.append(match.group(1))
        parsed = []
        for label in labels:
            if label.endswith("min"):
                parsed.append((label, float(label[:-3]), "min"))
            elif label.endswith("km"):
                parsed.append((label, float(label[:-2]) * 1000, "km"))
            else:  # metres, e.g. 500m
                parsed.append((label, float(label[:-1]), "km"))
        parsed.sort(key=lambda item: item[1])
        result[row["category"]] = parsed
    return result


def expected_class(value, bounds):
    """Our own classification: index of the first bound >= value; len(bounds) beyond;
    len(bounds) + 1 when unreachable (NULL)."""
    if value is None:
        return len(bounds) + 1
    for index, bound in enumerate(bounds):
        if value <= bound + 1e-9:
            return index
    return len(bounds)


def report_colours(folder):
    """Category -> [unit class colours..., zone colours...] from report.html's legends."""
    candidates = [os.path.join(folder, "report.html"), os.path.join(folder, "..", "report.html")]
    path = next((p for p in candidates if os.path.exists(p)), None)
    if path is None:
        return None
    html = open(path, encoding="utf-8").read()
    colours = {}
    for svg in re.findall(r'<svg class="map-svg".*?</svg>', html, re.S):
        category = re.search(r'data-category="([^"]*)"', svg).group(1)
        classes = re.findall(r'class="legend-swatch" data-class="\d+" data-colour="(#[0-9a-f]{6})"', svg)
        zones = re.findall(r'class="legend-swatch" data-threshold="[^"]*" data-colour="(#[0-9a-f]{6})"', svg)
        colours[category] = (classes, zones)
    return colours


def load(path, style):
    layer = QgsVectorLayer(path, os.path.basename(path), "ogr")
    if not layer.isValid():
        fail(f"{path}: QGIS cannot open it")
        return None
    message, ok = layer.loadDefaultStyle()
    if not ok:
        fail(f"{path}: QGIS did not pick up {os.path.basename(style)} as default style: {message}")
    message, ok = layer.loadNamedStyle(style)
    if not ok:
        fail(f"{style}: loadNamedStyle failed: {message}")
        return None
    renderer = layer.renderer()
    if not isinstance(renderer, QgsRuleBasedRenderer):
        fail(f"{style}: renderer is {type(renderer).__name__}, not a rule-based renderer")
        return None
    return layer


def context_for(layer):
    context = QgsRenderContext()
    expression_context = QgsExpressionContext()
    expression_context.appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setExpressionContext(expression_context)
    return context


def check_units(folder, categories, colours):
    before = len(failures)
    path = os.path.join(folder, "units.geojson")
    layer = load(path, os.path.join(folder, "units.qml"))
    if layer is None:
        return None
    groups = layer.renderer().rootRule().children()
    names = list(categories)
    if len(groups) != len(names):
        fail(f"units.qml: {len(groups)} category groups, expected {len(names)}")
        return layer
    rules = 0
    context = context_for(layer)
    features = list(layer.getFeatures())
    largest = max((f["population"] or 0) for f in features) if features else 0
    for index, (group, category) in enumerate(zip(groups, names)):
        thresholds = categories[category]
        children = group.children()
        rules += 1 + len(children)
        if group.active() != (index == 0):
            fail(f"units.qml: group {group.label()!r} checked={group.active()}, expected {index == 0}")
        if not group.label().startswith(category + ":"):
            fail(f"units.qml: group {index} is {group.label()!r}, expected category {category}")
        if len(children) != len(thresholds) + 2:
            fail(f"units.qml: {category} has {len(children)} rules, expected {len(thresholds) + 2}")
            continue
        unit = thresholds[0][2]
        field = f"{category}_time_min" if unit == "min" else f"{category}_dist_m"
        bounds = [value for _, value, _ in thresholds]
        for rule in children:
            rule.startRender(context, layer.fields(), "")
        for feature in features:
            context.expressionContext().setFeature(feature)
            matched = [i for i, rule in enumerate(children) if rule.isFilterOK(feature, context)]
            value = feature[field]
            value = None if value is None or (hasattr(value, "isNull") and value.isNull()) else float(value)
            want = expected_class(value, bounds)
            if matched != [want]:
                fail(f"units.qml: {category}: unit {feature['id']} ({field}={value}) matches rules "
                     f"{matched}, expected [{want}]")
        for rule in children:
            rule.stopRender(context)
        # Circle size: area proportional to population, as the report draws it.
        symbol_layer = children[0].symbol().symbolLayer(0)
        prop = symbol_layer.dataDefinedProperties().property(QgsSymbolLayer.PropertySize)
        if not prop.isActive():
            fail(f"units.qml: {category}: no data-defined size")
        else:
            for feature in features[:50]:
                context.expressionContext().setFeature(feature)
                size, ok = prop.valueAsDouble(context.expressionContext(), -1)
                population = feature["population"] or 0
                want = (max(0.2, math.sqrt(population / largest)) if largest > 0 else 0.2) * 8
                if not ok or abs(size - want) > 1e-6:
                    fail(f"units.qml: size of {feature['id']} is {size}, expected {want:.6f}")
                    break
        if colours and category in colours:
            got = [child.symbol().color().name() for child in children]
            if got != colours[category][0]:
                fail(f"units.qml: {category} colours {got} differ from report.html's legend {colours[category][0]}")
    print(f"  units.qml: {len(groups)} category groups, {rules} rules, {len(features)} units"
          + (" each in exactly one class per category" if len(failures) == before else " (failures above)"))
    return layer


def check_zones(folder, categories, colours):
    before = len(failures)
    path = os.path.join(folder, "zones.geojson")
    if not os.path.exists(path):
        print("  zones.geojson: not written (--no-zones)")
        return None
    layer = load(path, os.path.join(folder, "zones.qml"))
    if layer is None:
        return None
    groups = layer.renderer().rootRule().children()
    names = list(categories)
    if len(groups) != len(names):
        fail(f"zones.qml: {len(groups)} category groups, expected {len(names)}")
        return layer
    context = context_for(layer)
    features = list(layer.getFeatures())
    rules = 0
    for group in groups:
        for rule in group.children():
            rule.startRender(context, layer.fields(), "")
    for index, (group, category) in enumerate(zip(groups, names)):
        children = group.children()
        rules += 1 + len(children)
        if group.active() != (index == 0):
            fail(f"zones.qml: group {group.label()!r} checked={group.active()}, expected {index == 0}")
        if len(children) != len(categories[category]):
            fail(f"zones.qml: {category} has {len(children)} rules, expected {len(categories[category])}")
        if colours and category in colours:
            got = [child.symbol().color().name() for child in children]
            if got != colours[category][1]:
                fail(f"zones.qml: {category} colours {got} differ from report.html's {colours[category][1]}")
    for feature in features:
        context.expressionContext().setFeature(feature)
        hits = [(g, i) for g, group in enumerate(groups)
                for i, rule in enumerate(group.children()) if rule.isFilterOK(feature, context)]
        category = feature["category"]
        labels = [label for label, _, _ in categories.get(category, [])]
        own = names.index(category) if category in names else -1
        want_threshold = None
        for i, (label, value, unit) in enumerate(categories.get(category, [])):
            number = value / 1000 if unit == "km" else value
            if abs(number - float(feature["threshold"])) < 1e-9 and unit == feature["unit"]:
                want_threshold = i
        if hits != [(own, want_threshold)]:
            fail(f"zones.qml: zone {category} {feature['threshold']}{feature['unit']} in "
                 f"{feature['region']} matches {hits}, expected [({own}, {want_threshold})] of {labels}")
    for group in groups:
        for rule in group.children():
            rule.stopRender(context)
    print(f"  zones.qml: {len(groups)} category groups, {rules} rules, {len(features)} zones"
          + (" each matched by exactly its own rule" if len(failures) == before else " (failures above)"))
    return layer


def render(folder, layers):
    settings = QgsMapSettings()
    settings.setLayers([layer for layer in layers if layer is not None])
    settings.setDestinationCrs(layers[0].crs())
    extent = layers[0].extent()
    for layer in layers[1:]:
        if layer is not None:
            extent.combineExtentWith(layer.extent())
    extent.scale(1.05)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(800, 600))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    out = os.path.join(folder, "qgis-render.png")
    image.save(out)
    colours = set()
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            colours.add(image.pixel(x, y))
    if len(colours) < 5:
        fail(f"QGIS rendered an (almost) blank image: {len(colours)} colours, {out}")
    else:
        print(f"  rendered {out}: {len(colours)} distinct colours")


def run_demo():
    binary = os.environ.get("SERVICEGAP_BIN")
    if not binary:
        for candidate in (".build/release/servicegap", ".build/debug/servicegap"):
            if os.access(os.path.join(ROOT, candidate), os.X_OK):
                binary = os.path.join(ROOT, candidate)
                break
    if not binary:
        sys.exit("no servicegap binary: build it (make build) or set SERVICEGAP_BIN")
    base = tempfile.mkdtemp(prefix="servicegap-qgis-")
    demo = os.path.join(ROOT, "fixtures/demo_arjeplog_skelleftea")
    roads = os.path.join(ROOT, "fixtures/roads")
    runs = {
        "straight": [
            "--population", f"{demo}/population_tatorter_2020.csv", "--services",
            f"{demo}/services.geojson", "--regions", f"{demo}/kommuner.geojson",
            "--region-field", "kommun_kod", "--categories", "grocery,fuel,pharmacy,atm,health",
            "--thresholds", "5km,10km", "--thresholds", "atm=10km,25km",
        ],
        "network": [
            "--mode", "network", "--population", f"{roads}/umea_units.csv", "--services",
            os.path.join(ROOT, "fixtures/demo_umea/services.csv"), "--regions",
            f"{roads}/umea_kommuner.geojson", "--roads", f"{roads}/umea_region_roads.geojson",
            "--length-field", "length_m", "--thresholds", "10min,20min", "--thresholds",
            "pharmacy=10km,25km",
        ],
    }
    folders = []
    for name, arguments in runs.items():
        folder = os.path.join(base, name)
        command = [binary, "analyze", *arguments, "--out", folder,
                   "--report", os.path.join(folder, "report.html")]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        folders.append(folder)
    return folders


def main():
    folders = sys.argv[1:] or run_demo()
    app = QgsApplication([], False)
    app.initQgis()
    for folder in folders:
        print(folder)
        categories = thresholds_from_summary(folder)
        colours = report_colours(folder)
        units = check_units(folder, categories, colours)
        zones = check_zones(folder, categories, colours)
        if units is not None:
            render(folder, [units] + ([zones] if zones is not None else []))
    app.exitQgis()
    if failures:
        print(f"{len(failures)} failures")
        sys.exit(1)
    print("QGIS styles OK")


if __name__ == "__main__":
    main()
