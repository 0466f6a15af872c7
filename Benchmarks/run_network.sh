#!/usr/bin/env bash
# Road-network benchmark: servicegap --mode network vs a pyproj + scipy baseline,
# on the synthetic national input and a synthetic ~2 M-vertex road network.
# See Benchmarks/NETWORK.md.
#
#   Benchmarks/run_network.sh               build, generate data if missing, run both
#   SKIP_BUILD=1 Benchmarks/run_network.sh  use the existing binary
#   SKIP_BASELINE=1 ...                     do not run the scipy baseline
#   SKIP_COMPARE=1 ...                      do not compare grocery results unit by unit
#   NO_ZONES=1 ...                          pass --no-zones to servicegap (zones are on by default)
#   SEED=42 ...                             generator seed (data is regenerated if the seed changes)
#   SERVICEGAP_BIN=path ...                 binary to time (default .build/release/servicegap)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

SEED="${SEED:-42}"
PYTHON="${PYTHON:-python3}"
DATA="Benchmarks/data"
RESULTS="Benchmarks/results"
REGIONS="fixtures/sweden/kommuner.geojson"
ROADS="$DATA/roads.geojson"
CATEGORIES="grocery,fuel,pharmacy,atm,parcel,school,health,post"
THRESHOLDS="10min,20min,30min"
BIN="${SERVICEGAP_BIN:-.build/release/servicegap}"

# shellcheck source=Benchmarks/common.sh
. Benchmarks/common.sh
ensure_gnu_time
build_servicegap

# --- data -----------------------------------------------------------------------
seed_of() { "$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["seed"])' "$1" 2>/dev/null || true; }
if [ ! -s "$DATA/population.csv" ] || [ ! -s "$DATA/services.csv" ] \
   || [ "$(seed_of "$DATA/manifest.json")" != "$SEED" ]; then
  echo "## generating population and services (seed $SEED)" >&2
  "$PYTHON" Benchmarks/generate_national.py --seed "$SEED" --out "$DATA" >&2
  rm -f "$ROADS"   # the roads are drawn around the units: redraw them too
fi
if [ ! -s "$ROADS" ] || [ "$(seed_of "$DATA/roads_manifest.json")" != "$SEED" ] \
   || [ "$DATA/population.csv" -nt "$ROADS" ]; then
  echo "## generating the road network (seed $SEED)" >&2
  "$PYTHON" Benchmarks/generate_roads.py --seed "$SEED" --data "$DATA" --out "$ROADS" >&2
fi

mkdir -p "$RESULTS"

TIMED_DIR="$RESULTS"

# Seconds of one servicegap --timings stage ("  road network   45.261 s"), empty if absent.
stage_s() {
  timing_rows "$1" | awk -F'\t' -v want="$2" '$2 == want { printf "%.3f", $3; exit }'
}
# Baseline timing field from its JSON line on stdout.
base_s() {
  "$PYTHON" -c 'import json,sys
for l in open(sys.argv[1]):
    l = l.strip()
    if l.startswith("{"):
        print("%.3f" % json.loads(l)[sys.argv[2]]); break' "$RESULTS/baseline_network.stdout" "$1" 2>/dev/null || true
}

rm -rf "$RESULTS/network" "$RESULTS/network_baseline"

ZONES_ARG=()
if [ "${NO_ZONES:-0}" = 1 ]; then ZONES_ARG=(--no-zones); fi

run_timed network_servicegap "$BIN" analyze \
  --population "$DATA/population.csv" \
  --services "$DATA/services.csv" \
  --regions "$REGIONS" \
  --roads "$ROADS" \
  --mode network \
  --categories "$CATEGORIES" \
  --thresholds "$THRESHOLDS" \
  --out "$RESULTS/network" \
  --timings ${ZONES_ARG[@]+"${ZONES_ARG[@]}"}

if [ "${SKIP_BASELINE:-0}" != 1 ]; then
  run_timed baseline_network "$PYTHON" Benchmarks/baseline_network_scipy.py \
    --data "$DATA" --roads "$ROADS" --categories "$CATEGORIES" --out "$RESULTS/network_baseline"
fi

# --- loose comparison of grocery results (not timed) ----------------------------
compare_md=""
if [ "${SKIP_COMPARE:-0}" != 1 ] && [ -s "$RESULTS/network/units.geojson" ] \
   && [ -s "$RESULTS/network_baseline/grocery_units.csv" ]; then
  echo "## comparing grocery results (servicegap vs baseline)" >&2
  compare_md="$("$PYTHON" - "$RESULTS/network/units.geojson" "$RESULTS/network_baseline/grocery_units.csv" <<'PY' || true
import json, sys
import numpy as np, pandas as pd
with open(sys.argv[1], encoding="utf-8") as f:
    feats = json.load(f)["features"]
sg = pd.DataFrame({
    "id": [str(ft["properties"]["id"]) for ft in feats],
    "d": [ft["properties"].get("grocery_dist_m") for ft in feats],
    "t": [ft["properties"].get("grocery_time_min") for ft in feats],
})
bl = pd.read_csv(sys.argv[2], dtype={"id": str})
m = sg.merge(bl, on="id", how="inner")
print("| grocery, per unit | servicegap median | baseline median | abs diff p50 | p90 | p99 | rel diff p50 | p90 |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for lab, a, b in (("distance m", "d", "grocery_dist_m"), ("time min", "t", "grocery_time_min")):
    x = m[a].astype(float).to_numpy(); y = m[b].astype(float).to_numpy()
    ok = np.isfinite(x) & np.isfinite(y)
    ad = np.abs(x[ok] - y[ok]); rd = ad / np.maximum(np.abs(y[ok]), 1e-9)
    q = lambda v, p: np.percentile(v, p) if len(v) else float("nan")
    print(f"| {lab} | {np.median(x[ok]):.1f} | {np.median(y[ok]):.1f} | {q(ad,50):.2f} | {q(ad,90):.2f} | {q(ad,99):.2f} | {q(rd,50)*100:.1f} % | {q(rd,90)*100:.1f} % |")
print()
print(f"{len(m):,} units matched; unreachable: servicegap {int((~np.isfinite(m['d'].astype(float))).sum())}, "
      f"baseline {int((~np.isfinite(m['grocery_dist_m'].astype(float))).sum())}. The baseline snaps to the "
      "nearest vertex, servicegap to the nearest point of the nearest edge, so small differences are expected.")
PY
)"
fi

# --- report ---------------------------------------------------------------------
sg_wall="$(wall_s network_servicegap)"
sg_rss="$(rss_mb network_servicegap)"
sg_roads="$(stage_s network_servicegap 'load roads')"
sg_net="$(stage_s network_servicegap 'road network')"
# The searches alone when servicegap reports the road-network sub-stages, else the whole stage.
sg_search="$(stage_s network_servicegap 'road network: searches')"
sg_search_label="servicegap \`road network: searches\` (16 searches)"
if [ -z "$sg_search" ]; then
  sg_search="$sg_net"
  sg_search_label="servicegap \`road network\` stage (graph, snapping and searches)"
fi
report="$RESULTS/network_report.md"
{
  echo "# Road-network benchmark"
  echo
  if [ -s "$DATA/roads_manifest.json" ]; then
    "$PYTHON" - "$DATA/roads_manifest.json" <<'PY' || true
import json, sys
m = json.load(open(sys.argv[1]))
i = m["inputs"]
print(f"Input: {i['units']:,} units, {i['services']:,} services, 290 municipalities; synthetic roads "
      f"(seed {m['seed']}): {m['vertices_unique']:,} distinct vertices, {m['features']:,} LineStrings, "
      f"{m['km_total']:,.0f} km. 8 categories, thresholds 10min,20min,30min.")
PY
    echo
  fi
  echo "| run | status | wall s | peak RSS MB |"
  echo "|---|---|---:|---:|"
  echo "| servicegap analyze --mode network$([ "${NO_ZONES:-0}" = 1 ] && echo ' --no-zones' || echo ', zones') | $(status_of network_servicegap) | $sg_wall | $sg_rss |"
  if [ "${SKIP_BASELINE:-0}" != 1 ] && [ -f "$RESULTS/baseline_network.time" ]; then
    echo "| baseline scipy (vertex snapping, csgraph.dijkstra) | $(status_of baseline_network) | $(wall_s baseline_network) | $(rss_mb baseline_network) |"
  fi
  echo
  echo "servicegap stages (\`--timings\`):"
  echo
  echo "| stage | s | peak MB so far |"
  echo "|---|---:|---:|"
  timing_rows network_servicegap | awk -F'\t' '{
    line = $2; if ($1 > 2) line = "&nbsp;&nbsp;" line
    printf "| %s | %s | %s |\n", line, $3, ($4 == "" ? "n/a" : $4) }'
  echo
  if [ "${SKIP_BASELINE:-0}" != 1 ] && [ -f "$RESULTS/baseline_network.stdout" ]; then
    b_load="$(base_s load_s)"; b_build="$(base_s graph_build_s)"; b_snap="$(base_s snap_s)"
    b_search="$(base_s searches_s)"; b_total="$(base_s total_s)"
    echo "Baseline stages: load ${b_load} s, graph build ${b_build} s, snap ${b_snap} s, 16 searches ${b_search} s, total ${b_total} s."
    echo
    echo "| comparison | baseline s | servicegap s | baseline / servicegap |"
    echo "|---|---:|---:|---:|"
    ratio() { awk -v b="$1" -v s="$2" 'BEGIN { if (b != "" && s != "" && s > 0) printf "%.1f", b / s; else print "n/a" }'; }
    echo "| search: 16 baseline searches vs $sg_search_label | $b_search | $sg_search | **$(ratio "$b_search" "$sg_search")** |"
    b_net="$(awk -v a="$b_build" -v b="$b_snap" -v c="$b_search" 'BEGIN { printf "%.3f", a + b + c }')"
    sg_all_net="$(awk -v a="$sg_roads" -v b="$sg_net" 'BEGIN { printf "%.3f", a + b }')"
    echo "| network work: baseline build + snap + search vs servicegap \`load roads\` + \`road network\` | $b_net | $sg_all_net | $(ratio "$b_net" "$sg_all_net") |"
    echo "| end to end (wall; the baseline does no regions, summary, zones or output GeoJSON) | $(wall_s baseline_network) | $sg_wall | $(ratio "$(wall_s baseline_network)" "$sg_wall") |"
    echo
  fi
  echo "Targets: servicegap end to end < 30 s, peak RSS < 4096 MB, baseline search / servicegap search ≥ 3."
  awk -v w="$sg_wall" -v m="$sg_rss" -v b="${b_search:-}" -v s="$sg_search" 'BEGIN {
      printf "- wall %.2f s: %s\n", w, (w < 30 ? "met" : "NOT met")
      printf "- peak RSS %d MB: %s\n", m, (m < 4096 ? "met" : "NOT met")
      if (b != "" && s > 0) printf "- search speed-up %.1fx: %s\n", b / s, (b / s >= 3 ? "met" : "NOT met")
    }'
  echo
  if [ "${SKIP_BASELINE:-0}" != 1 ]; then
    stage_table network network_servicegap baseline_network "$RESULTS/network_baseline/timings.json" baseline
  else
    stage_table network network_servicegap
  fi
  echo
  if grep -qE '^(warning|error|road network:|  )' "$RESULTS/network_servicegap.stderr" 2>/dev/null; then
    echo "servicegap diagnostics (stderr, before the timings):"
    echo
    echo '```'
    awk '/^timings \(/ { exit } { print }' "$RESULTS/network_servicegap.stderr" | cut -c1-400 | head -n 20
    echo '```'
    echo
  fi
  if [ -n "$compare_md" ]; then
    echo "$compare_md"
    echo
  fi
  echo "Machine: $(nproc) CPUs, $(uname -sm); load average $(cut -d" " -f1-3 /proc/loadavg) at the end; $(date -u +%Y-%m-%dT%H:%MZ)"
} >"$report"
cat "$report"
