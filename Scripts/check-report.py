#!/usr/bin/python3
"""Screenshot check of report.html: renders it with headless Chromium and looks at the pixels.

Usage:
  Scripts/check-report.py [REPORT.html]

Without an argument it runs servicegap (SERVICEGAP_BIN, else .build/debug or .build/release)
on the demo area with --report and checks that report. Needs chromium and Python 3 with PIL
and numpy (Debian: chromium python3-pil python3-numpy; `Scripts/install-deps.sh --test`).

What it checks, for every map of the report (one per category):
  - the legend is on screen: every legend swatch (a 16 x 12 px rectangle of exactly the
    palette colour, positions read from the HTML) shows its colour, located by finding the
    first swatch as a solid block and checking the others relative to it;
  - the legend sits to the right of the map (no overlap with map data);
  - the map is not blank: many pixels differ from the map background, it has several distinct
    colours, the zone shades cover part of it, and unit colours appear;
  - the scale bar is drawn under the map, and its length is plausible (a quarter of the map
    width at most, a round number of km or m).
The screenshot is kept beside the report (report.png) to look at. Exits 1 on any failure.
"""
import html as htmlmod
import os
import re
import shutil
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WIDTH = 1400
failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def hex_rgb(text):
    text = text.lstrip("#")
    return tuple(int(text[i:i + 2], 16) for i in (0, 2, 4))


def attribute(tag, name):
    match = re.search(r'\s%s="([^"]*)"' % re.escape(name), tag)
    return htmlmod.unescape(match.group(1)) if match else None


def parse_maps(text):
    """One dict per map svg: size, legend x, swatches (x, y, w, h, colour), zone colours."""
    maps = []
    for svg in re.findall(r"<svg class=\"map-svg\".*?</svg>", text, re.S):
        head = svg[:svg.index(">")]
        swatches = []
        for tag in re.findall(r"<rect class=\"legend-swatch\"[^>]*>", svg):
            swatches.append((
                float(attribute(tag, "x")), float(attribute(tag, "y")),
                float(attribute(tag, "width")), float(attribute(tag, "height")),
                hex_rgb(attribute(tag, "data-colour")), "data-threshold" in tag))
        bar = re.search(r"<g class=\"scale-bar\"[^>]*>", svg)
        maps.append({
            "category": attribute(head, "data-category"),
            "width": float(attribute(head, "width")),
            "height": float(attribute(head, "height")),
            "map_width": float(attribute(head, "data-map-width")),
            "map_height": float(attribute(head, "data-map-height")),
            "legend_x": float(attribute(head, "data-legend-x")),
            "swatches": swatches,
            "bar_meters": float(attribute(bar.group(0), "data-meters")) if bar else None,
            "bar_pixels": float(attribute(bar.group(0), "data-pixels")) if bar else None,
            "units": len(re.findall(r'class="unit"', svg)) + len(re.findall(r'class="units"', svg)),
        })
    return maps


def page_height(maps):
    """A window tall enough for the header and every row of maps (two per row at 1400 px)."""
    height, row_width, row_height = 700, 0.0, 0.0
    for m in maps:
        if row_width and row_width + 20 + m["width"] > WIDTH - 48:
            height += row_height + 110
            row_width, row_height = 0.0, 0.0
        row_width += (20 if row_width else 0) + m["width"]
        row_height = max(row_height, m["height"])
    return int(max(3000, height + row_height + 110))


def screenshot(report, out):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("chromium is not installed: Scripts/install-deps.sh --test (apt-get install chromium)")
    maps = parse_maps(open(report, encoding="utf-8").read())
    profile = tempfile.mkdtemp(prefix="servicegap-chromium-")
    try:
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--force-device-scale-factor=1", f"--user-data-dir={profile}",
             f"--screenshot={out}", f"--window-size={WIDTH},{page_height(maps)}",
             "file://" + os.path.abspath(report)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return maps


def solid_blocks(image, colour, width, height):
    """Top-left corners of every width x height block of exactly `colour`."""
    mask = np.all(image == np.array(colour, dtype=np.uint8), axis=2).astype(np.int32)
    total = np.pad(mask, ((1, 0), (1, 0))).cumsum(0).cumsum(1)
    sums = (total[height:, width:] - total[:-height, width:] - total[height:, :-width]
            + total[:-height, :-width])
    ys, xs = np.nonzero(sums == width * height)
    return list(zip(xs.tolist(), ys.tolist()))


def check(report):
    out = os.path.splitext(report)[0] + ".png"
    maps = screenshot(report, out)
    image = np.asarray(Image.open(out).convert("RGB"))
    print(f"{report}: {len(maps)} maps, screenshot {out} ({image.shape[1]} x {image.shape[0]})")
    if not maps:
        fail("the report has no map")
    used = set()
    for m in maps:
        label = f"map {m['category']!r}"
        if m["legend_x"] < m["map_width"]:
            fail(f"{label}: the legend (x = {m['legend_x']}) overlaps the map (width {m['map_width']})")
        if not m["swatches"]:
            fail(f"{label}: the legend has no swatches")
            continue
        inside = [s for s in m["swatches"] if s[0] < m["legend_x"]]
        if inside:
            fail(f"{label}: {len(inside)} legend swatches lie over the map (x < {m['legend_x']})")
        first = m["swatches"][0]
        sx, sy, sw, sh, colour = int(first[0]), int(first[1]), int(first[2]), int(first[3]), first[4]
        origin = None
        for x, y in solid_blocks(image, colour, sw, sh):
            candidate = (x - sx, y - sy)
            if candidate in used or candidate[0] < 0 or candidate[1] < 0:
                continue
            ok = True
            for (wx, wy, ww, wh, wc, _) in m["swatches"]:
                left, top = candidate[0] + int(wx), candidate[1] + int(wy)
                block = image[top + 1:top + int(wh) - 1, left + 1:left + int(ww) - 1]
                if block.size == 0 or not np.all(block == np.array(wc, dtype=np.uint8)):
                    ok = False
                    break
            if ok:
                origin = candidate
                break
        if origin is None:
            fail(f"{label}: legend not found on screen after the {len(used)} found before it "
                 f"(swatch colours {[s[4] for s in m['swatches']]})")
            continue
        used.add(origin)
        ox, oy = origin
        box = image[oy:oy + int(m["map_height"]), ox:ox + int(m["map_width"])]
        flat = box.reshape(-1, 3)
        colours = {tuple(c) for c in np.unique(flat, axis=0)}
        background = np.all(flat == np.array((0xEC, 0xEF, 0xF2), dtype=np.uint8), axis=1)
        drawn = 1 - background.mean()
        zone_colours = [s[4] for s in m["swatches"] if s[5]]
        class_colours = [s[4] for s in m["swatches"] if not s[5]]
        zone_share = sum(np.all(flat == np.array(c, dtype=np.uint8), axis=1).mean() for c in zone_colours)
        unit_pixels = sum(int(np.all(flat == np.array(c, dtype=np.uint8), axis=1).sum()) for c in class_colours)
        print(f"  {label}: legend at ({ox}, {oy}) with {len(m['swatches'])} swatches; "
              f"{drawn:.0%} of the map drawn, {len(colours)} colours, zones {zone_share:.0%}, "
              f"{unit_pixels} unit-colour pixels")
        if drawn < 0.15:
            fail(f"{label}: the map is almost blank ({drawn:.1%} of it differs from the background)")
        if len(colours) < 8:
            fail(f"{label}: only {len(colours)} distinct colours in the map")
        if zone_colours and zone_share < 0.005:
            fail(f"{label}: the zone shades cover {zone_share:.2%} of the map")
        if m["units"] and unit_pixels < 10:
            fail(f"{label}: no unit colour on the map ({unit_pixels} pixels)")
        # Scale bar: its dark half under the map, and a plausible length.
        top = oy + int(m["map_height"]) + 10
        strip = image[top:top + 6, ox:ox + max(2, int(m["bar_pixels"] or 0))]
        dark = np.all(strip < 80, axis=2).sum() if strip.size else 0
        if m["bar_meters"] is None or dark < 10:
            fail(f"{label}: no scale bar under the map")
        else:
            meters, pixels = m["bar_meters"], m["bar_pixels"]
            mantissa = meters / 10 ** int(np.floor(np.log10(meters)))
            if not (0 < pixels <= m["map_width"] / 4 + 1) or round(mantissa, 6) not in (1, 2, 5):
                fail(f"{label}: implausible scale bar {meters} m over {pixels} px")
            else:
                print(f"    scale bar {meters / 1000:g} km = {pixels:.0f} px, map about "
                      f"{meters / pixels * m['map_width'] / 1000:.0f} km wide")


def run_demo():
    binary = os.environ.get("SERVICEGAP_BIN")
    if not binary:
        for candidate in (".build/debug/servicegap", ".build/release/servicegap"):
            if os.access(os.path.join(ROOT, candidate), os.X_OK):
                binary = os.path.join(ROOT, candidate)
                break
    if not binary:
        sys.exit("no servicegap binary: run `swift build` first or set SERVICEGAP_BIN")
    folder = tempfile.mkdtemp(prefix="servicegap-report-")
    demo = os.path.join(ROOT, "fixtures/demo_arjeplog_skelleftea")
    report = os.path.join(folder, "report.html")
    subprocess.run(
        [binary, "analyze", "--population", f"{demo}/population_tatorter_2020.csv",
         "--services", f"{demo}/services.geojson", "--regions", f"{demo}/kommuner.geojson",
         "--region-field", "kommun_kod", "--categories", "grocery,fuel,pharmacy,atm,health",
         "--report", report],
        check=True, stdout=subprocess.DEVNULL)
    return report


def main():
    report = sys.argv[1] if len(sys.argv) > 1 else run_demo()
    check(report)
    if failures:
        print(f"{len(failures)} failures")
        sys.exit(1)
    print("report screenshot OK")


if __name__ == "__main__":
    main()
