#!/usr/bin/env bash
# Runs the full `servicegap analyze` under valgrind memcheck and fails on any definite or
# indirect leak (issue 6: nothing leaks). Not part of `make test`: about 5–15 minutes.
#
#   Scripts/check-leaks.sh            debug build with GDAL in .build-leaks, then five runs
#   SKIP_BUILD=1 Scripts/check-leaks.sh
#   LEAKS_SCRATCH=.build-x LEAKS_ONLY=straight,osm Scripts/check-leaks.sh
#   LEAKS_TOOL=lsan Scripts/check-leaks.sh   LeakSanitizer instead (-sanitize=address build
#                                            in $LEAKS_SCRATCH-asan; a few minutes)
#
# The runs: the two analyses of `make demo` (straight line; Umeå along the roads), the
# demo read from GeoPackage layers and written with --out x.gpkg, OpenStreetMap services
# (central Helsinki .osm.pbf), OpenStreetMap roads (Samsø .osm.pbf), a population raster
# (GeoTIFF) written as cells, SCB's cell GeoPackage with its CRS overridden, groups
# and --out x.gpkg, public transport on Norrbotten's timetable (zip, zones), the demo
# at 30/60 km (municipalities wholly within reach: prepared covers tests), Fiji across
# the antimeridian (zones cut), and `site --cover-all --capacity`. Each log is kept
# in $LEAKS_SCRATCH/leak-check/<run>.log; the summary prints definite, indirect, possible
# and still-reachable bytes per run.
#
# "Still reachable" is memory held at exit by one-time initialisation (PROJ's database
# and grid caches, GDAL's driver registry, GEOS's and Foundation's globals, the Swift
# runtime's metadata caches): it is reported, not failed on. So is "possibly lost":
# blocks reached only through a pointer into their middle, which the Swift runtime's
# metadata caches and SQLite's page cache (GDAL's GeoPackage driver) use on purpose; the
# log lists each with its stack. "Definitely" and "indirectly lost" are real leaks: any
# byte of them, or any memory error valgrind reports (invalid read or write, a jump on
# an uninitialised value), makes the script exit 1. Scripts/valgrind-swift.supp
# silences one false report inside the Swift runtime's metadata initialisation.
#
# Valgrind 3.19 (Debian 12) dies in `sigsuspend` under Swift's async main: libdispatch
# passes a mask in read-only memory and valgrind's wrapper writes to it. A tiny
# LD_PRELOAD shim copies the mask to the stack first; it changes nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH=${LEAKS_SCRATCH:-.build-leaks}
TOOL=${LEAKS_TOOL:-valgrind}
SANITIZE=()
if [ "$TOOL" = lsan ]; then
  SCRATCH="$SCRATCH-asan"
  SANITIZE=(-Xswiftc -sanitize=address)
fi
LOGS="$SCRATCH/leak-check"
ONLY=${LEAKS_ONLY:-straight,network,gpkg,osm,osm-roads,raster,cells,transit,covered,antimeridian,site}

if [ "$TOOL" = valgrind ] && ! command -v valgrind >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y valgrind >/dev/null || { apt-get update >/dev/null && apt-get install -y valgrind >/dev/null; }
  else
    echo "check-leaks: valgrind is missing; install it (apt-get install valgrind)" >&2
    exit 2
  fi
fi

if [ -z "${SKIP_BUILD:-}" ]; then
  swift build --scratch-path "$SCRATCH" --traits GDAL --product servicegap "${SANITIZE[@]}"
fi
BIN="$(swift build --scratch-path "$SCRATCH" --traits GDAL --show-bin-path)/servicegap"
[ -x "$BIN" ] || { echo "check-leaks: no binary at $BIN" >&2; exit 2; }

rm -rf "$LOGS"
mkdir -p "$LOGS"
LOGS=$(cd "$LOGS" && pwd)
cat > "$LOGS/sigsuspend_shim.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
/* Passes sigsuspend a writable copy of the mask (valgrind 3.19 writes to it). */
int sigsuspend(const sigset_t *mask) {
  static int (*real)(const sigset_t *);
  if (!real) real = (int (*)(const sigset_t *))dlsym(RTLD_NEXT, "sigsuspend");
  sigset_t copy = *mask;
  return real(&copy);
}
EOF
cc -shared -fPIC -O2 -o "$LOGS/sigsuspend_shim.so" "$LOGS/sigsuspend_shim.c" -ldl

# Central Helsinki: 120 units on a grid over the OpenStreetMap extract.
{
  echo "id,population,lon,lat"
  for a in $(seq 0 11); do
    for b in $(seq 0 9); do
      awk -v a="$a" -v b="$b" 'BEGIN { printf "u%d_%d,%d,%.4f,%.4f\n", a, b,
        20 + (a * 37 + b * 53) % 900, 24.936 + a * 0.0015, 60.1645 + b * 0.0014 }'
    done
  done
} > "$LOGS/helsinki_units.csv"

# Fiji across the antimeridian: zones cut into a piece each side.
cat > "$LOGS/fiji_units.csv" <<'EOF'
id,population,lon,lat
f1,500,179.90,-17.00
f2,300,-179.85,-17.05
f3,200,179.70,-16.80
f4,100,-179.60,-17.20
EOF
cat > "$LOGS/fiji_services.csv" <<'EOF'
id,category,lon,lat
s1,grocery,179.95,-17.02
s2,grocery,-179.70,-17.10
EOF
cat > "$LOGS/fiji_region.geojson" <<'EOF'
{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"F","name":"Fiji"},
"geometry":{"type":"MultiPolygon","coordinates":[[[[179.5,-17.5],[180,-17.5],[180,-16.5],
[179.5,-16.5],[179.5,-17.5]]],[[[-180,-17.5],[-179.5,-17.5],[-179.5,-16.5],[-180,-16.5],
[-180,-17.5]]]]}}]}
EOF

DEMO=fixtures/demo_arjeplog_skelleftea
ROADS=fixtures/roads
GPKG=fixtures/gpkg/inputs.gpkg
args_for() {
  case "$1" in
    straight) echo "analyze --population $DEMO/population_tatorter_2020.csv
      --services $DEMO/services.geojson --regions $DEMO/kommuner.geojson
      --region-field kommun_kod --categories grocery,fuel,pharmacy,atm,health
      --out $LOGS/out_straight" ;;
    network) echo "analyze --mode network --population $ROADS/umea_units.csv
      --services fixtures/demo_umea/services.csv --regions $ROADS/umea_kommuner.geojson
      --roads $ROADS/umea_region_roads.geojson --length-field length_m
      --thresholds 10min,20min --thresholds pharmacy=10km,25km --out $LOGS/out_network" ;;
    gpkg) echo "analyze --population $GPKG:population --services $GPKG:services
      --regions $GPKG:regions --region-field kommun_kod --categories grocery,pharmacy,atm
      --criticality --out $LOGS/out.gpkg" ;;
    osm) echo "analyze --population $LOGS/helsinki_units.csv
      --services fixtures/osm/helsinki_centre.osm.pbf
      --categories atm,grocery,pharmacy,health,parcel --thresholds 300m,600m
      --out $LOGS/out_osm" ;;
    osm-roads) echo "analyze --mode network --roads fixtures/osm/samsoe_car_highways.osm.pbf
      --population $ROADS/samsoe_units.csv --services $ROADS/samsoe_services.csv
      --thresholds 5min,10min --out $LOGS/out_osm_roads" ;;
    raster) echo "analyze --population fixtures/grid/scb_demo_3006.tif
      --services $DEMO/services.geojson --regions $DEMO/kommuner.geojson
      --unit-geometry cell --criticality --out $LOGS/out_raster" ;;
    cells) echo "analyze --population fixtures/grid/scb_cells_200_sample.gpkg
      --population-crs EPSG:3006 --groups kvinna,man --services fixtures/sweden/services_sweden.csv
      --categories grocery,pharmacy --unit-geometry cell --criticality --out $LOGS/out_cells.gpkg" ;;
    covered) echo "analyze --population $DEMO/population_tatorter_2020.csv
      --services $DEMO/services.geojson --regions $DEMO/kommuner.geojson
      --categories grocery,fuel --thresholds 30km,60km --out $LOGS/out_covered" ;;
    antimeridian) echo "analyze --population $LOGS/fiji_units.csv
      --services $LOGS/fiji_services.csv --regions $LOGS/fiji_region.geojson
      --thresholds 5km,10km --out $LOGS/out_antimeridian" ;;
    site) echo "site --population $DEMO/population_tatorter_2020.csv
      --services $DEMO/services.geojson --category grocery --cover-all --threshold 5km
      --capacity 800 --out $LOGS/out_site" ;;
    transit) echo "analyze --mode transit --gtfs fixtures/gtfs/norrbotten_2022-12-14.zip
      --date 2023-01-17 --departure 08:00-08:30 --percentiles 90
      --population fixtures/sweden/norrbotten_1km_2024.csv
      --services fixtures/sweden/services_sweden.csv
      --regions fixtures/sweden/norrbotten_kommuner.geojson --categories grocery
      --thresholds 30min --cell 5km --out $LOGS/out_transit" ;;
  esac
}

# "definitely lost: 1,234 bytes in 5 blocks" → 1234 (0 when the line is absent).
bytes() {
  local line
  line=$(grep -m1 "$2" "$1" || true)
  [ -n "$line" ] || { echo 0; return; }
  echo "$line" | sed -E 's/.*: *([0-9,]+) bytes.*/\1/' | tr -d ,
}

if [ "$TOOL" = lsan ]; then
  # LeakSanitizer reports unreachable blocks only (valgrind's definite and indirect):
  # any report file, or a non-zero exit, fails.
  failed=0
  for run in ${ONLY//,/ }; do
    start=$(date +%s)
    set +e
    # shellcheck disable=SC2046 # the arguments are split on purpose
    ASAN_OPTIONS="detect_leaks=1:log_path=$LOGS/$run.lsan" "$BIN" $(args_for "$run") \
      > "$LOGS/$run.stdout" 2> "$LOGS/$run.stderr"
    status=$?
    set -e
    reports=$(cat "$LOGS/$run.lsan".* 2>/dev/null | grep -c "ERROR: LeakSanitizer" || true)
    printf '%-10s exit %3s  leak reports %s  %ss\n' "$run" "$status" "$reports" \
      "$(( $(date +%s) - start ))"
    if [ "$status" -ne 0 ] || [ "$reports" -ne 0 ]; then
      failed=1
      echo "  FAIL: see $LOGS/$run.lsan.* and $LOGS/$run.stderr" >&2
    fi
  done
  exit $failed
fi

failed=0
printf '%-10s %10s %10s %10s %12s %7s %8s\n' run definite indirect possible reachable errors seconds
for run in ${ONLY//,/ }; do
  log="$LOGS/$run.log"
  start=$(date +%s)
  # shellcheck disable=SC2046 # the arguments are split on purpose
  set +e
  LD_PRELOAD="$LOGS/sigsuspend_shim.so" valgrind --leak-check=full \
    --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect \
    --suppressions=Scripts/valgrind-swift.supp --error-exitcode=99 --num-callers=40 \
    --log-file="$log" \
    "$BIN" $(args_for "$run") > "$LOGS/$run.stdout" 2> "$LOGS/$run.stderr"
  status=$?
  set -e
  seconds=$(( $(date +%s) - start ))
  errors=$( (grep -m1 "ERROR SUMMARY" "$log" || true) | sed -E 's/.*ERROR SUMMARY: ([0-9,]+) errors.*/\1/' | tr -d ,)
  printf '%-10s %10s %10s %10s %12s %7s %8s\n' "$run" "$(bytes "$log" "definitely lost:")" \
    "$(bytes "$log" "indirectly lost:")" "$(bytes "$log" "possibly lost:")" \
    "$(bytes "$log" "still reachable:")" "${errors:-?}" "$seconds"
  if [ "$status" -ne 0 ]; then
    failed=1
    if [ "$status" -eq 99 ]; then
      echo "  FAIL: valgrind found leaks or memory errors, see $log" >&2
    else
      echo "  FAIL: servicegap exited with $status, see $LOGS/$run.stderr and $log" >&2
    fi
  fi
done
exit $failed
