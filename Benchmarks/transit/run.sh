#!/usr/bin/env bash
# Public transport (--mode transit) at regional and national scale: servicegap against the
# independent Python connection-scan oracle (Scripts/oracle/transit_oracle.py, timed through
# Benchmarks/transit/oracle_timing.py). See Benchmarks/transit/README.md.
#
#   Benchmarks/transit/run.sh                 build (release, GDAL trait), generate the feed, time all
#   SKIP_BUILD=1 Benchmarks/transit/run.sh    use the existing .build/release/servicegap
#   SKIP_ORACLE=1 ...                         servicegap only
#   SKIP_SWEDEN=1 ...                         Norrbotten only
#   ORACLE_SAMPLE_NORRBOTTEN=0                oracle cells timed for Norrbotten (0 = all 3,959: measured)
#   ORACLE_SAMPLE_SWEDEN=100                  oracle cells timed for Sweden (extrapolated to all cells)
#   SWEDEN_FEED=path.zip                      synthetic feed (generated there when missing)
#   TABLE_ONLY=1                              only rebuild report.md from the files in RESULTS
#   SERVICEGAP_BIN=path  TMP=dir  RESULTS=dir  PYTHON=python3
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"

PYTHON="${PYTHON:-python3}"
BIN="${SERVICEGAP_BIN:-.build/release/servicegap}"
TMP="${TMP:-${TMPDIR:-/tmp}/servicegap_transit_bench}"
RESULTS="${RESULTS:-Benchmarks/results/transit}"
SWEDEN_FEED="${SWEDEN_FEED:-$TMP/sweden_synthetic.zip}"
SEED="${SEED:-20230117}"
ORACLE_SAMPLE_NORRBOTTEN="${ORACLE_SAMPLE_NORRBOTTEN:-0}"
ORACLE_SAMPLE_SWEDEN="${ORACLE_SAMPLE_SWEDEN:-100}"

# ---- the problem, in one place (servicegap flags and the oracle's matching arguments)
NORRBOTTEN_POP="fixtures/sweden/norrbotten_1km_2024.csv"
NORRBOTTEN_GTFS="fixtures/gtfs/norrbotten_2022-12-14.zip"
SWEDEN_POP="fixtures/sweden/befolkning_1km_2024.csv"
SERVICES="fixtures/sweden/services_sweden.csv"
NORRBOTTEN_REGIONS="fixtures/sweden/norrbotten_kommuner.geojson"
SWEDEN_REGIONS="fixtures/sweden/kommuner.geojson"
CATEGORIES="grocery,pharmacy,health"
DATE="2023-01-17"
DEPARTURE="08:00-10:00"
# servicegap analyze arguments common to both cases (population, --gtfs, --out added per case)
COMMON_FLAGS=(
  --services "$SERVICES"
  --categories "$CATEGORIES"
  --thresholds 30min,60min
  --mode transit
  --date "$DATE"
  --departure "$DEPARTURE"
  --percentiles 90
  --timings
)

# shellcheck source=Benchmarks/common.sh
. Benchmarks/common.sh    # ensure_gnu_time, run_timed, wall_s, rss_mb, status_of
ensure_gnu_time
mkdir -p "$TMP" "$RESULTS"
TIMED_DIR="$RESULTS"

if [ "${TABLE_ONLY:-0}" = 1 ]; then SKIP_BUILD=1; fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "## building servicegap (release, GDAL trait)" >&2
  swift build -c release --traits GDAL --product servicegap >&2
fi
have_transit=0
help_text="$("$BIN" analyze --help 2>&1 || true)"
if [ -x "$BIN" ] && [[ "$help_text" == *--gtfs* ]]; then
  have_transit=1
else
  echo "warning: $BIN has no --gtfs option (transit mode not on the command line yet): servicegap runs skipped" >&2
fi

# ---- the synthetic national feed
if [ "${TABLE_ONLY:-0}" != 1 ] && [ "${SKIP_SWEDEN:-0}" != 1 ] && [ ! -s "$SWEDEN_FEED" ]; then
  echo "## generating $SWEDEN_FEED" >&2
  /usr/bin/time -v -o "$RESULTS/make_feed.time" \
    "$PYTHON" Benchmarks/transit/make_sweden_feed.py --out "$SWEDEN_FEED" --seed "$SEED" \
    --stops 50000 --stop-times 1000000 --date "$DATE" >"$RESULTS/make_feed.stdout"
  cat "$RESULTS/make_feed.stdout" >&2
fi

# ---- runs
cases=(norrbotten)
[ "${SKIP_SWEDEN:-0}" != 1 ] && cases+=(sweden)

for c in "${cases[@]}"; do
  [ "${TABLE_ONLY:-0}" = 1 ] && break
  if [ "$c" = norrbotten ]; then pop="$NORRBOTTEN_POP"; gtfs="$NORRBOTTEN_GTFS"; sample="$ORACLE_SAMPLE_NORRBOTTEN"; regions="$NORRBOTTEN_REGIONS"
  else pop="$SWEDEN_POP"; gtfs="$SWEDEN_FEED"; sample="$ORACLE_SAMPLE_SWEDEN"; regions="$SWEDEN_REGIONS"; fi
  if [ "$have_transit" = 1 ]; then
    # Travel times only (what the reference computes), then the whole run with zones.
    rm -rf "${TMP:?}/$c" "${TMP:?}/${c}_zones"
    run_timed "servicegap_$c" "$BIN" analyze --population "$pop" --gtfs "$gtfs" \
      --regions "$regions" "${COMMON_FLAGS[@]}" --no-zones --out "$TMP/$c"
    grep -A 40 '^timings (' "$RESULTS/servicegap_$c.stderr" >&2 || true
    run_timed "servicegap_${c}_zones" "$BIN" analyze --population "$pop" --gtfs "$gtfs" \
      --regions "$regions" "${COMMON_FLAGS[@]}" --out "$TMP/${c}_zones"
    grep -A 40 '^timings (' "$RESULTS/servicegap_${c}_zones.stderr" >&2 || true
  fi
  if [ "${SKIP_ORACLE:-0}" != 1 ]; then
    run_timed "oracle_$c" "$PYTHON" Benchmarks/transit/oracle_timing.py --gtfs "$gtfs" \
      --population "$pop" --services "$SERVICES" --categories "$CATEGORIES" --date "$DATE" \
      --departure "$DEPARTURE" --sample "$sample" --csv-out "$TMP/oracle_$c.csv"
    head -n 1 "$RESULTS/oracle_$c.stdout" >&2 || true
  fi
done

# ---- table
report="$RESULTS/report.md"
{
  echo "| case | servicegap wall s (no zones) | max RSS MiB | with zones s | with zones MiB | reference s | reference | reference / servicegap |"
  echo "|---|---:|---:|---:|---:|---:|---|---:|"
  for c in "${cases[@]}"; do
    sg_wall="–"; sg_rss="–"; z_wall="–"; z_rss="–"; ref_s="–"; ref_kind="not run"; ratio="–"
    if [ "$have_transit" = 1 ]; then
      if [ "$(status_of "servicegap_$c")" = ok ]; then
        sg_wall="$(wall_s "servicegap_$c")"; sg_rss="$(rss_mb "servicegap_$c")"
      else sg_wall="FAILED"; fi
      if [ "$(status_of "servicegap_${c}_zones")" = ok ]; then
        z_wall="$(wall_s "servicegap_${c}_zones")"; z_rss="$(rss_mb "servicegap_${c}_zones")"
      else z_wall="FAILED"; fi
    fi
    if [ "${SKIP_ORACLE:-0}" != 1 ] && [ "$(status_of "oracle_$c")" = ok ]; then
      read -r ref_s ref_kind ref_detail < <("$PYTHON" -c '
import json, sys
r = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
detail = "%s/%s_cells,%s_s/cell,setup_%s_s" % (r["cells_timed"], r["cells_total"], r["per_cell_s"], r["setup_s"])
print(r["total_s"], r["total_kind"], detail)' "$RESULTS/oracle_$c.stdout")
      ref_kind="$ref_kind (${ref_detail//_/ })"
      if [ "$sg_wall" != "–" ] && [ "$sg_wall" != FAILED ]; then
        ratio="$(awk -v b="$ref_s" -v s="$sg_wall" 'BEGIN { if (s > 0) printf "%.1f", b / s; else print "n/a" }')"
      fi
    elif [ "${SKIP_ORACLE:-0}" != 1 ]; then ref_kind="FAILED"; fi
    echo "| $c | $sg_wall | $sg_rss | $z_wall | $z_rss | $ref_s | $ref_kind | $ratio |"
  done
  echo
  echo "servicegap: \`analyze --population P --gtfs FEED --regions R ${COMMON_FLAGS[*]} [--no-zones] --out DIR\`"
  echo "(regions: Norrbotten's 14 municipalities, or Sweden's 290; zones on 250 m cells);"
  echo "reference: Scripts/oracle/transit_oracle.py's connection scan via Benchmarks/transit/oracle_timing.py"
  echo "(one view, all route types; extrapolated = setup + timed cells' s/cell x all cells)."
  echo "Machine: $(nproc) CPUs, $(uname -sm); $(date -u +%Y-%m-%dT%H:%MZ)"
} >"$report"
cat "$report"
