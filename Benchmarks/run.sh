#!/usr/bin/env bash
# National-scale benchmark: servicegap vs a geopandas baseline, plus the real
# Norwegian 250 m grid. See Benchmarks/README.md.
#
#   Benchmarks/run.sh               build, generate data if missing, run all three
#   SKIP_BUILD=1 Benchmarks/run.sh  use the existing .build/release/servicegap
#   SKIP_BASELINE=1 ...             do not run the geopandas baseline
#   SEED=42 ...                     generator seed (data is regenerated if the seed changes)
#   SERVICEGAP_BIN=path ...         binary to time (default .build/release/servicegap)
#   NORWAY_GRID=path ...            Statistics Norway's national 250 m grid (ssb_pop_250m_2015.csv,
#                                   3.8 MB, not in the repository): adds the Norway run
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

SEED="${SEED:-42}"
PYTHON="${PYTHON:-python3}"
DATA="Benchmarks/data"
RESULTS="Benchmarks/results"
REGIONS="fixtures/sweden/kommuner.geojson"
NORWAY_GRID="${NORWAY_GRID:-}"
if [ -n "$NORWAY_GRID" ] && [ ! -s "$NORWAY_GRID" ]; then
  echo "run.sh: NORWAY_GRID=$NORWAY_GRID is not a file" >&2; exit 2
fi
CATEGORIES="grocery,fuel,pharmacy,atm,parcel,school,health,post"
THRESHOLDS="5km,10km,25km"
BIN="${SERVICEGAP_BIN:-.build/release/servicegap}"

# shellcheck source=Benchmarks/common.sh
. Benchmarks/common.sh
ensure_gnu_time
build_servicegap

# --- data -----------------------------------------------------------------------
seed_of_data() { "$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["seed"])' "$DATA/manifest.json" 2>/dev/null || true; }
if [ ! -s "$DATA/population.csv" ] || [ ! -s "$DATA/services.csv" ] \
   || { [ -n "$NORWAY_GRID" ] && [ ! -s "$DATA/norway_services.csv" ]; } \
   || [ "$(seed_of_data)" != "$SEED" ]; then
  echo "## generating benchmark data (seed $SEED)" >&2
  "$PYTHON" Benchmarks/generate_national.py --seed "$SEED" --out "$DATA" \
    ${NORWAY_GRID:+--norway-grid "$NORWAY_GRID"} >&2
fi

mkdir -p "$RESULTS"

TIMED_DIR="$RESULTS"
# Each run's table on the terminal as it finishes.
show_run() { if [ "$(status_of "$1")" = ok ]; then cat "$RESULTS/$1.stdout" >&2; fi; }

rm -rf "$RESULTS/national" "$RESULTS/norway"

run_timed servicegap_national "$BIN" analyze \
  --population "$DATA/population.csv" \
  --services "$DATA/services.csv" \
  --regions "$REGIONS" \
  --categories "$CATEGORIES" \
  --thresholds "$THRESHOLDS" \
  --out "$RESULTS/national" \
  --timings
show_run servicegap_national

if [ "${SKIP_BASELINE:-0}" != 1 ]; then
  run_timed baseline_geopandas "$PYTHON" Benchmarks/baseline_geopandas.py \
    --data "$DATA" --regions "$REGIONS" --out "$RESULTS/baseline"
  show_run baseline_geopandas
fi

if [ -n "$NORWAY_GRID" ]; then
  run_timed servicegap_norway "$BIN" analyze \
    --population "$NORWAY_GRID" \
    --services "$DATA/norway_services.csv" \
    --categories "$CATEGORIES" \
    --thresholds "$THRESHOLDS" \
    --out "$RESULTS/norway" \
    --timings
  show_run servicegap_norway
else
  echo "## Norway run left out: set NORWAY_GRID to Statistics Norway's 250 m grid file" >&2
fi

# --- report ---------------------------------------------------------------------
sg_wall="$(wall_s servicegap_national)"
report="$RESULTS/report.md"
{
  echo "| run | status | wall s | peak RSS MB | baseline / servicegap |"
  echo "|---|---|---:|---:|---:|"
  echo "| servicegap analyze, Sweden national (500k units, 20k services, 290 regions, 8 cat × 3 thresholds, zones) | $(status_of servicegap_national) | $sg_wall | $(rss_mb servicegap_national) | 1.0 |"
  if [ -f "$RESULTS/baseline_geopandas.time" ] && [ "${SKIP_BASELINE:-0}" != 1 ]; then
    b_wall="$(wall_s baseline_geopandas)"
    ratio="$(awk -v b="$b_wall" -v s="$sg_wall" 'BEGIN { if (s > 0) printf "%.1f", b / s; else print "n/a" }')"
    echo "| baseline geopandas, same input | $(status_of baseline_geopandas) | $b_wall | $(rss_mb baseline_geopandas) | **$ratio** |"
  fi
  if [ -n "$NORWAY_GRID" ]; then
    echo "| servicegap analyze, Norway 250 m grid (220k cells, 6k services, no regions) | $(status_of servicegap_norway) | $(wall_s servicegap_norway) | $(rss_mb servicegap_norway) | — |"
  fi
  echo
  echo "Targets (national run): wall < 15 s, peak RSS < 1024 MB, baseline/servicegap ≥ 5."
  awk -v w="$sg_wall" -v m="$(rss_mb servicegap_national)" -v b="${b_wall:-}" 'BEGIN {
      printf "- wall %.2f s: %s\n", w, (w < 15 ? "met" : "NOT met")
      printf "- peak RSS %d MB: %s\n", m, (m < 1024 ? "met" : "NOT met")
      if (b != "") printf "- speed-up %.1fx: %s\n", b / w, (b / w >= 5 ? "met" : "NOT met")
    }'
  echo
  echo "Machine: $(nproc) CPUs, $(uname -sm); $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  if [ "${SKIP_BASELINE:-0}" != 1 ]; then
    stage_table straight servicegap_national baseline_geopandas "$RESULTS/baseline/timings.json" baseline
  else
    stage_table straight servicegap_national
  fi
} >"$report"
cat "$report"
