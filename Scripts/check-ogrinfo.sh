#!/usr/bin/env bash
# Opens the GeoJSON that servicegap writes for the demo area in GDAL's ogrinfo
# and checks what a GIS user would see: feature counts, geometry types and
# typed attribute columns. Run by `make test` (and so by CI).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${SERVICEGAP_BIN:-.build/debug/servicegap}"
DEMO=fixtures/demo_arjeplog_skelleftea
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

"$BIN" analyze --population "$DEMO/population_tatorter_2020.csv" \
  --services "$DEMO/services.geojson" --regions "$DEMO/kommuner.geojson" \
  --region-field kommun_kod --categories grocery,atm --thresholds 5km,10km \
  --thresholds atm=10km,25km --out "$OUT" >/dev/null

failures=0
expect() {  # expect FILE PATTERN DESCRIPTION
  if grep -qE "$2" "$1"; then
    echo "ok    $3"
  else
    echo "FAIL  $3 (no line matching '$2')"
    failures=$((failures + 1))
  fi
}

ogrinfo -ro -so -al "$OUT/units.geojson" >"$OUT/units.txt"
expect "$OUT/units.txt" '^Geometry: Point$' "units.geojson: Point geometries"
expect "$OUT/units.txt" '^Feature Count: 26$' "units.geojson: 26 localities"
expect "$OUT/units.txt" '^population: Integer' "units.geojson: population is an integer column"
expect "$OUT/units.txt" '^region: String' "units.geojson: region is a string column"
expect "$OUT/units.txt" '^grocery_dist_m: Real' "units.geojson: grocery_dist_m is a real column"
expect "$OUT/units.txt" '^grocery_nearest: String' "units.geojson: grocery_nearest is a string column"
expect "$OUT/units.txt" '^atm_dist_m: Real' "units.geojson: atm_dist_m is a real column"

zones=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["features"]))' "$OUT/zones.geojson")
ogrinfo -ro -so -al "$OUT/zones.geojson" >"$OUT/zones.txt"
expect "$OUT/zones.txt" "^Feature Count: $zones\$" "zones.geojson: all $zones zones readable"
expect "$OUT/zones.txt" '^Geometry: (Multi Polygon|Polygon)$' "zones.geojson: polygon geometries"
expect "$OUT/zones.txt" '^area_km2: Real' "zones.geojson: area_km2 is a real column"
expect "$OUT/zones.txt" '^population: Integer' "zones.geojson: population is an integer column"
expect "$OUT/zones.txt" '^threshold: (Integer|Real)' "zones.geojson: threshold is a numeric column"
expect "$OUT/zones.txt" '^largest_place: String' "zones.geojson: largest_place is a string column"

# Every zone polygon is valid for GDAL's GEOS (IsValid over the whole layer).
invalid=$(ogrinfo -ro -q -dialect sqlite \
  -sql "SELECT COUNT(*) AS invalid FROM zones WHERE NOT ST_IsValid(geometry)" \
  "$OUT/zones.geojson" | awk -F'= ' '/invalid/ {print $2}')
if [[ "$invalid" == "0" ]]; then echo "ok    zones.geojson: every polygon valid"
else echo "FAIL  zones.geojson: $invalid invalid polygons"; failures=$((failures + 1)); fi

# Network mode on the Umeå region: travel times, detours and grid-traced zones.
ROADS=fixtures/roads
mkdir -p "$OUT/network"
"$BIN" analyze --mode network --population "$ROADS/umea_units.csv" \
  --services fixtures/demo_umea/services.csv --regions "$ROADS/umea_kommuner.geojson" \
  --roads "$ROADS/umea_region_roads.geojson" --length-field length_m \
  --categories grocery,pharmacy --thresholds 10min,20min --thresholds pharmacy=10km,25km \
  --out "$OUT/network" >/dev/null 2>&1
ogrinfo -ro -so -al "$OUT/network/units.geojson" >"$OUT/network-units.txt"
expect "$OUT/network-units.txt" '^Feature Count: 36$' "network units.geojson: 36 localities"
expect "$OUT/network-units.txt" '^grocery_time_min: Real' "network units.geojson: grocery_time_min is a real column"
expect "$OUT/network-units.txt" '^grocery_detour: Real' "network units.geojson: grocery_detour is a real column"
expect "$OUT/network-units.txt" '^pharmacy_dist_m: Real' "network units.geojson: pharmacy_dist_m is a real column"
ogrinfo -ro -so -al "$OUT/network/zones.geojson" >"$OUT/network-zones.txt"
expect "$OUT/network-zones.txt" '^unit: String' "network zones.geojson: unit is a string column"
expect "$OUT/network-zones.txt" '^Geometry: (Multi Polygon|Polygon)$' "network zones.geojson: polygon geometries"
invalid=$(ogrinfo -ro -q -dialect sqlite \
  -sql "SELECT COUNT(*) AS invalid FROM zones WHERE NOT ST_IsValid(geometry)" \
  "$OUT/network/zones.geojson" | awk -F'= ' '/invalid/ {print $2}')
if [[ "$invalid" == "0" ]]; then echo "ok    network zones.geojson: every polygon valid"
else echo "FAIL  network zones.geojson: $invalid invalid polygons"; failures=$((failures + 1)); fi

echo "ogrinfo checks: $((21 - failures)) passed, $failures failed"
exit $((failures > 0))
