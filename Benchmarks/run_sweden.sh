#!/usr/bin/env bash
# All of Sweden on SCB's real 1 km population grid (103,464 cells, 10.56 M people, read
# as published: rutid_scb ids) with the 11,726 real services and 290 municipalities:
# servicegap against the geopandas baseline on the same cells, in the same run.
# See Benchmarks/README.md.
#
#   Benchmarks/run_sweden.sh               build, prepare the baseline's points, time both
#   SKIP_BUILD=1 Benchmarks/run_sweden.sh  use the existing .build/release/servicegap
#   SKIP_BASELINE=1 ...                    time servicegap only
#   SERVICEGAP_BIN=path ...                binary to time
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

PYTHON="${PYTHON:-python3}"
DATA="Benchmarks/data/sweden_grid"
RESULTS="Benchmarks/results/sweden"
CATEGORIES="grocery,fuel,pharmacy,atm,parcel,school,health"
BIN="${SERVICEGAP_BIN:-.build/release/servicegap}"

# shellcheck source=Benchmarks/common.sh
. Benchmarks/common.sh
ensure_gnu_time
build_servicegap

if [ "${SKIP_BASELINE:-0}" != 1 ] && [ ! -s "$DATA/population.csv" ]; then
  "$PYTHON" Benchmarks/prepare_sweden_grid.py --out "$DATA" >&2
fi
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
TIMED_DIR="$RESULTS"

# The baseline's thresholds (5, 10, 25 km for every category) and its region rule
# (polygon, else the nearest within 1 km), so both compute the same table.
run_timed servicegap_sweden "$BIN" analyze \
  --population fixtures/sweden/befolkning_1km_2024.csv \
  --services fixtures/sweden/services_sweden.csv \
  --regions fixtures/sweden/kommuner.geojson \
  --categories "$CATEGORIES" --thresholds 5km,10km,25km \
  --out "$RESULTS/servicegap" --timings
if [ "$(status_of servicegap_sweden)" = ok ]; then cat "$RESULTS/servicegap_sweden.stderr" >&2; fi

if [ "${SKIP_BASELINE:-0}" != 1 ]; then
  run_timed baseline_geopandas "$PYTHON" Benchmarks/baseline_geopandas.py \
    --population "$DATA/population.csv" --services "$DATA/services.csv" \
    --regions fixtures/sweden/kommuner.geojson --categories "$CATEGORIES" \
    --out "$RESULTS/baseline"
fi

sg_wall="$(wall_s servicegap_sweden)"
report="$RESULTS/report.md"
{
  echo "| run | status | wall s | peak RSS MB | baseline / servicegap |"
  echo "|---|---|---:|---:|---:|"
  echo "| servicegap analyze, SCB 1 km grid of Sweden (103,464 cells, 11,726 services, 290 municipalities, 7 categories × 3 thresholds, zones) | $(status_of servicegap_sweden) | $sg_wall | $(rss_mb servicegap_sweden) | 1.0 |"
  if [ "${SKIP_BASELINE:-0}" != 1 ]; then
    b_wall="$(wall_s baseline_geopandas)"
    ratio="$(awk -v b="$b_wall" -v s="$sg_wall" 'BEGIN { if (s > 0) printf "%.1f", b / s; else print "n/a" }')"
    echo "| baseline geopandas, the same cells as points | $(status_of baseline_geopandas) | $b_wall | $(rss_mb baseline_geopandas) | **$ratio** |"
    echo
    # The two tables agree: people beyond each threshold, ALL rows.
    "$PYTHON" - "$RESULTS/servicegap/summary.csv" "$RESULTS/baseline/summary.csv" <<'PY'
import csv, sys
def rows(path):
    return {(r["region"], r["category"]): r for r in csv.DictReader(open(path)) if r["region"] == "ALL"}
ours, theirs = rows(sys.argv[1]), rows(sys.argv[2])
print("| category | beyond 10 km, servicegap | beyond 10 km, baseline |")
print("|---|---:|---:|")
for key in sorted(ours):
    b = theirs.get(key, {}).get("beyond_10km_pop", "–")
    print(f"| {key[1]} | {float(ours[key]['beyond_10km_pop']):.0f} | {float(b):.0f} |" if b != "–" else f"| {key[1]} | {ours[key]['beyond_10km_pop']} | – |")
PY
  fi
  echo
  echo "Machine: $(nproc) CPUs, $(uname -sm); $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  if [ "${SKIP_BASELINE:-0}" != 1 ]; then
    stage_table sweden servicegap_sweden baseline_geopandas "$RESULTS/baseline/timings.json" baseline
  else
    stage_table sweden servicegap_sweden
  fi
} >"$report"
cat "$report"
