#!/usr/bin/env bash
# Where one machine ends: the full national analysis (8 categories, 290 municipalities,
# zones) at k times the national population, straight line and along a road network
# drawn for that population with about k × 2 million vertices, timed with GNU time -v.
# Writes Benchmarks/results/scaling_national.md: wall, peak RSS and every `--timings`
# stage per run with ratios to the first scale, a line fit of peak memory against the
# units (and road vertices), the largest analysis that fits in this machine's memory by
# that line, and the stage that grows fastest. See Benchmarks/README.md.
#
#   Benchmarks/scaling_national.sh        build, generate data if missing, run everything
#   SKIP_BUILD=1 ...                      use the existing binary
#   SERVICEGAP_BIN=path ...               binary to time (default .build/release/servicegap)
#   SCALES="1 2 5 10" ...                 multiples of the national population; ratios are
#                                         to the first
#   MODES="straight network" ...          which analyses to run
#   SEED=42 ...                           generator seed (data is regenerated if it changes)
#   DATA=Benchmarks/data/scaling_national where generated inputs go (git-ignored; about
#                                         (44 + 30) MB × k per scale: population + roads)
#   BASE_ROWS=499986 ...                  population units at 1× (the national set)
#   VERTICES_PER_SCALE=2000000 ...        road vertices asked of generate_roads.py per 1×
#   SPLIT=1 ...                           (default) one more network run: the first
#                                         scale's population on the last scale's roads,
#                                         to split memory into per-unit and per-vertex
#   MEM_LIMIT_MB=N ...                    memory to extrapolate to (default: MemTotal)
#   KEEP_OUTPUT=1 ...                     keep each run's outputs (units.geojson is about
#                                         0.55 KB a unit straight, 0.9 KB along roads)
#   MIN_STAGE_S=0.5 ...                   stages shorter than this at the first scale are
#                                         not ranked for growth
#   LABEL=name ...                        write results/scaling_national_name.md and
#                                         results/scaling_national_name/
#   REPORT_ONLY=1 ...                     write the report from the runs already recorded
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

SEED="${SEED:-42}"
PYTHON="${PYTHON:-python3}"
SCALES="${SCALES:-1 2 5 10}"
MODES="${MODES:-straight network}"
BASE_ROWS="${BASE_ROWS:-499986}"
VERTICES_PER_SCALE="${VERTICES_PER_SCALE:-2000000}"
SPLIT="${SPLIT:-1}"
MIN_STAGE_S="${MIN_STAGE_S:-0.5}"
DATA="${DATA:-Benchmarks/data/scaling_national}"
RESULTS="Benchmarks/results"
RUNS="$RESULTS/scaling_national${LABEL:+_$LABEL}"
REPORT="$RESULTS/scaling_national${LABEL:+_$LABEL}.md"
REGIONS="fixtures/sweden/kommuner.geojson"
CATEGORIES="grocery,fuel,pharmacy,atm,parcel,school,health,post"
STRAIGHT_THRESHOLDS="5km,10km,25km"
NETWORK_THRESHOLDS="10min,20min,30min"
BIN="${SERVICEGAP_BIN:-.build/release/servicegap}"
MEM_LIMIT_MB="${MEM_LIMIT_MB:-$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 }' /proc/meminfo)}"

# shellcheck source=Benchmarks/common.sh
. Benchmarks/common.sh
REPORT_ONLY="${REPORT_ONLY:-0}"
if [ "$REPORT_ONLY" != 1 ]; then
  ensure_gnu_time
  build_servicegap
fi

read -r -a scales <<<"$SCALES"
read -r -a modes <<<"$MODES"
has_mode() { [[ " ${modes[*]} " == *" $1 "* ]]; }
rows_of() { echo $(( BASE_ROWS * $1 )); }
verts_of() { echo $(( VERTICES_PER_SCALE * $1 )); }
first="${scales[0]}"
last="${scales[-1]}"
split_run=0
if has_mode network && [ "$SPLIT" = 1 ] && [ "$first" != "$last" ]; then split_run=1; fi

mkdir -p "$DATA" "$RUNS"
TIMED_DIR="$RUNS"
# The roads of scale s live in $DATA/roads_s/ (see below).
roads_dir() { echo "$DATA/roads_$1"; }
manifest_field() {
  "$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2" 2>/dev/null || true
}

if [ "$REPORT_ONLY" != 1 ]; then
# --- disk -----------------------------------------------------------------------
# Inputs about 44 MB (population) + 30 MB per million road vertices per 1×; one run's
# outputs at a time, about 1 KB a unit along the roads (units.geojson, zones, summary).
free_mb() { df -Pm "$1" | awk 'NR == 2 { print $4 }'; }
need_data=0
for s in "${scales[@]}"; do need_data=$(( need_data + 44 * s + 30 * VERTICES_PER_SCALE * s / 1000000 )); done
need_out=$(( BASE_ROWS * last / 1000 ))
[ "${KEEP_OUTPUT:-0}" = 1 ] && need_out=$(( need_out * ${#scales[@]} * 2 ))
echo "## disk: $(free_mb "$DATA") MB free for data (up to ~$need_data MB), $(free_mb "$RUNS") MB for outputs (~$need_out MB)" >&2
if [ "$(free_mb "$RUNS")" -lt $(( need_out + need_data + 1024 )) ]; then
  echo "error: not enough disk for the outputs and data (need about $(( need_out + need_data + 1024 )) MB)" >&2
  exit 1
fi

# --- data -----------------------------------------------------------------------
if [ ! -s Benchmarks/data/population.csv ] || [ ! -s Benchmarks/data/services.csv ]; then
  echo "## generating the national population and services (seed $SEED)" >&2
  "$PYTHON" Benchmarks/generate_national.py --seed "$SEED" --out Benchmarks/data >&2
fi

# The roads of scale s are drawn in $DATA/roads_s/ beside links to that scale's population
# (generate_roads.py reads DIR/population.csv and DIR/services.csv); roads.stamp records
# what they were drawn from, so they are redrawn when the seed, rows or target change.
roads_stamp() {
  local n; n="$(rows_of "$1")"
  echo "seed=$SEED rows=$n population_bytes=$(stat -c %s "$DATA/population_$n.csv") vertices=$(verts_of "$1")"
}

for s in "${scales[@]}"; do
  n="$(rows_of "$s")"
  if [ ! -s "$DATA/services.csv" ] || [ "$(data_ok "population_$n.csv")" != ok ]; then
    echo "## generating $n population rows (seed $SEED)" >&2
    "$PYTHON" Benchmarks/generate_scaling.py --rows "$n" --seed "$SEED" --out "$DATA" >&2
  fi
  if has_mode network; then
    rd="$(roads_dir "$s")"
    mkdir -p "$rd"
    ln -sfn "../population_$n.csv" "$rd/population.csv"
    ln -sfn ../services.csv "$rd/services.csv"
    if [ ! -s "$rd/roads.geojson" ] || [ "$(cat "$rd/roads.stamp" 2>/dev/null)" != "$(roads_stamp "$s")" ]; then
      rm -f "$rd/roads.stamp"
      # Timed too: how far the Python generator itself goes is part of the answer.
      run_timed "roads_$s" "$PYTHON" Benchmarks/generate_roads.py --seed "$SEED" --data "$rd" \
        --out "$rd/roads.geojson" --vertices "$(verts_of "$s")"
      if [ "$(status_of "roads_$s")" = ok ]; then
        roads_stamp "$s" >"$rd/roads.stamp"
        echo "   roads ${s}×: $(manifest_field "$rd/roads_manifest.json" vertices_unique) vertices," \
          "wall $(wall_s "roads_$s") s, peak RSS $(rss_mb "roads_$s") MB" >&2
      fi
    fi
  fi
done

# --- runs -----------------------------------------------------------------------
# run_analysis NAME MODE POP_SCALE ROADS_SCALE
run_analysis() {
  local name="$1" mode="$2" ps="$3" rs="$4" n extra=()
  n="$(rows_of "$ps")"
  if [ "$mode" = network ]; then
    if [ ! -s "$(roads_dir "$rs")/roads.stamp" ]; then
      echo "## $name: skipped, no roads for ${rs}×" >&2
      echo "no roads: generate_roads.py failed at ${rs}× (see $RUNS/roads_$rs.stderr)" >"$RUNS/$name.stderr"
      echo 1 >"$RUNS/$name.rc"; : >"$RUNS/$name.time"; : >"$RUNS/$name.stages"
      return
    fi
    extra=(--mode network --roads "$(roads_dir "$rs")/roads.geojson" --thresholds "$NETWORK_THRESHOLDS")
  else
    extra=(--thresholds "$STRAIGHT_THRESHOLDS")
  fi
  rm -rf "${RUNS:?}/$name"
  # The 1-minute load average every 5 s while it runs: the machine may be shared.
  while :; do cut -d ' ' -f 1 /proc/loadavg; sleep 5; done >"$RUNS/$name.loadavg" &
  local sampler=$!
  run_timed "$name" "$BIN" analyze \
    --population "$DATA/population_$n.csv" \
    --services "$DATA/services.csv" \
    --regions "$REGIONS" \
    --categories "$CATEGORIES" \
    "${extra[@]}" \
    --out "$RUNS/$name" \
    --timings
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  timing_rows "$name" | cut -f 2- >"$RUNS/$name.stages"
  du -sm "$RUNS/$name" 2>/dev/null | cut -f 1 >"$RUNS/$name.outmb" || true
  echo "   $(status_of "$name"): wall $(wall_s "$name") s, peak RSS $(rss_mb "$name") MB" >&2
  [ "${KEEP_OUTPUT:-0}" = 1 ] || rm -rf "${RUNS:?}/$name"
}

for s in "${scales[@]}"; do
  has_mode straight && run_analysis "straight_$s" straight "$s" "$s"
  has_mode network && run_analysis "network_$s" network "$s" "$s"
done
[ "$split_run" = 1 ] && run_analysis "network_pop${first}_roads${last}" network "$first" "$last"
fi  # REPORT_ONLY

# --- report ---------------------------------------------------------------------
stage_s() { awk -F'\t' -v s="$2" '$1 == s { print $2; exit }' "$RUNS/$1.stages" 2>/dev/null; }
stage_mb() { awk -F'\t' -v s="$2" '$1 == s { print $3; exit }' "$RUNS/$1.stages" 2>/dev/null; }
ok() { [ "$(status_of "$1")" = ok ]; }
vertices_of() { manifest_field "$(roads_dir "$1")/roads_manifest.json" vertices_unique; }
# The graph servicegap built: "road network: 168217 nodes, 360174 directed arcs, ..." -> "168217".
graph_nodes() { sed -nE 's/^road network: ([0-9]+) nodes.*/\1/p' "$RUNS/$1.stderr" 2>/dev/null | head -n 1; }
# 1234567 -> 1,234,567 (empty stays empty).
commas() { awk -v n="$1" 'BEGIN { if (n == "") exit; s = ""; while (length(n) > 3) { s = "," substr(n, length(n) - 2) s; n = substr(n, 1, length(n) - 3) }; print n s }'; }

# fit X... / Y... (pairs "x y" on stdin): least-squares line y = a + b x, printed "a b".
fit() {
  awk '{ n++; sx += $1; sy += $2; sxx += $1 * $1; sxy += $1 * $2 }
    END { if (n < 2 || n * sxx - sx * sx == 0) { print "n/a n/a"; exit }
      b = (n * sxy - sx * sy) / (n * sxx - sx * sx); a = (sy - b * sx) / n; printf "%.6f %.6f\n", a, b }'
}

failed=()
{
  echo "# Ten times Sweden: the national analysis against input size"
  echo
  echo "\`servicegap analyze\` on k × $BASE_ROWS units (\`generate_scaling.py\`: the national units"
  echo "resampled and jittered 150 m, seed $SEED), $(wc -l <"$DATA/services.csv" | awk '{ print $1 - 1 }') services, the 290 municipalities,"
  echo "8 categories, zones included. Straight line at $STRAIGHT_THRESHOLDS; network at $NETWORK_THRESHOLDS"
  echo "on a road network drawn for that population by \`generate_roads.py --vertices k × $VERTICES_PER_SCALE\`."
  echo "Timed with GNU \`time -v\`; memory limit for the extrapolation $MEM_LIMIT_MB MB."
  echo
  if has_mode network; then
    echo "## Road networks"
    echo
    echo "| scale | units | junction-grid nodes | distinct vertices | written vertices | pieces | spacing m | file MB | generate_roads.py wall s | its peak MB |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for s in "${scales[@]}"; do
      m="$(roads_dir "$s")/roads_manifest.json"
      [ -s "$m" ] || { echo "| ${s}× | $(rows_of "$s") | n/a | n/a | n/a | n/a | n/a | n/a | failed | $(rss_mb "roads_$s" 2>/dev/null) |"; continue; }
      gen_w="reused"; gen_m="reused"
      if [ -s "$RUNS/roads_$s.time" ]; then gen_w="$(wall_s "roads_$s")"; gen_m="$(rss_mb "roads_$s")"; fi
      "$PYTHON" -c '
import json, os, sys
m = json.load(open(sys.argv[1])); s, n, gw, gm, f = sys.argv[2:7]
counts = " | ".join(f"{m[k]:,}" for k in ("nodes_junction_grid", "vertices_unique", "vertices_written", "pieces"))
sp = m["spacing_m"]
print(f"| {s}× | {int(n):,} | {counts} | {sp:.0f} | {os.path.getsize(f) / 1e6:.0f} | {gw} | {gm} |")' \
        "$m" "$s" "$(rows_of "$s")" "$gen_w" "$gen_m" "$(roads_dir "$s")/roads.geojson"
    done
    echo
  fi

  echo "## Runs"
  echo
  echo "| run | units | graph nodes | status | wall s | wall ratio | peak RSS MB | RSS ratio | total s (--timings) | outputs MB | load avg mean / max |"
  echo "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"
  runs=()
  for mode in "${modes[@]}"; do
    for s in "${scales[@]}"; do runs+=("${mode}_$s"); done
  done
  [ "$split_run" = 1 ] && runs+=("network_pop${first}_roads${last}")
  for name in "${runs[@]}"; do
    mode="${name%%_*}"
    if [[ "$name" == *_pop* ]]; then ps="$first"; rs="$last"; else ps="${name#*_}"; rs="$ps"; fi
    # servicegap's own count of graph nodes (distinct vertices under its 1 cm rule),
    # else the generator's count of distinct vertices.
    v="–"; [ "$mode" = network ] && v="$(commas "$(graph_nodes "$name")")"
    [ "$mode" = network ] && [ -z "$v" ] && v="$(commas "$(vertices_of "$rs")") (file)"
    base="${mode}_$first"
    st="$(status_of "$name")"; [ "$st" = ok ] || failed+=("$name")
    wall="$(wall_s "$name" 2>/dev/null)"; rss="$(rss_kb "$name" 2>/dev/null)"
    echo "| $name | $(commas "$(rows_of "$ps")") | ${v:-n/a} | $st | ${wall:-n/a} | $(r "$wall" "$(wall_s "$base" 2>/dev/null)") |" \
      "$(awk -v m="$rss" 'BEGIN { if (m == "") print "n/a"; else printf "%.0f", m / 1024 }') |" \
      "$(r "$rss" "$(rss_kb "$base" 2>/dev/null)") | $(stage_s "$name" total) | $(cat "$RUNS/$name.outmb" 2>/dev/null || echo n/a) |" \
      "$(awk '{ s += $1; if ($1 > m) m = $1; n++ } END { if (n) printf "%.1f / %.1f", s / n, m; else print "n/a" }' "$RUNS/$name.loadavg" 2>/dev/null || echo n/a) |"
  done
  echo
  echo "Load average: the 1-minute load average sampled every 5 s during the run; servicegap itself"
  echo "accounts for up to $(nproc) of it on this $(nproc)-CPU machine, the rest is other work slowing it down."
  echo

  for mode in "${modes[@]}"; do
    base="${mode}_$first"
    [ -s "$RUNS/$base.stages" ] || { echo "No stages for $base."; echo; continue; }
    echo "## Stages, $mode (\`--timings\` seconds; ratios to ${first}×; peak MB so far at ${last}×)"
    echo
    hdr="| stage |"; sep="|---|"
    for s in "${scales[@]}"; do hdr+=" ${s}× s |"; sep+="---:|"; done
    for s in "${scales[@]:1}"; do hdr+=" ratio ${s}× |"; sep+="---:|"; done
    echo "$hdr peak MB at ${last}× |"; echo "$sep---:|"
    # Stages in the order of the largest successful run (a failed run prints fewer).
    order="$base"
    for s in "${scales[@]}"; do ok "${mode}_$s" && order="${mode}_$s"; done
    while IFS=$'\t' read -r stage _; do
      line="| $stage |"; times=()
      for s in "${scales[@]}"; do t="$(stage_s "${mode}_$s" "$stage")"; times+=("$t"); line+=" ${t:-n/a} |"; done
      for i in "${!scales[@]}"; do [ "$i" = 0 ] || line+=" $(r "${times[$i]}" "${times[0]}") |"; done
      echo "$line $(stage_mb "${mode}_$last" "$stage") |"
    done <"$RUNS/$order.stages"
    echo
    # Growth: each stage's time ratio over the size ratio between the first and the
    # largest scale that ran, among stages of at least MIN_STAGE_S at the first.
    top=""
    for s in "${scales[@]}"; do ok "${mode}_$s" && top="$s"; done
    if [ -n "$top" ] && [ "$top" != "$first" ]; then
      k="$(r "$top" "$first")"
      echo "Growth from ${first}× to ${top}× (size ratio $k), stages of at least $MIN_STAGE_S s at ${first}×, fastest first"
      echo "(exponent: log(time ratio) / log(size ratio)):"
      echo
      while IFS=$'\t' read -r stage t0 _; do
        t1="$(stage_s "${mode}_$top" "$stage")"
        awk -v a="$t0" -v b="$t1" -v k="$k" -v m="$MIN_STAGE_S" -v s="$stage" \
          'BEGIN { if (a + 0 >= m && b + 0 > 0) printf "%.3f\t%s\t%.2f\n", log(b / a) / log(k), s, b / a }'
      done <"$RUNS/$base.stages" | grep -vE $'\t(total|analysis)\t' | sort -t $'\t' -k1,1gr |
        awk -F'\t' '{ printf "- %s: %s× the time (exponent %s; 1 is linear)\n", $2, $3, $1 }'
      echo
    fi
  done

  echo "## Peak memory against size"
  echo
  for mode in "${modes[@]}"; do
    pairs=""
    for s in "${scales[@]}"; do
      ok "${mode}_$s" && pairs+="$s $(rss_kb "${mode}_$s")"$'\n'
    done
    read -r a b <<<"$(printf '%s' "$pairs" | fit)"
    if [ "$a" = n/a ]; then echo "- $mode: fewer than two successful runs, no fit."; continue; fi
    awk -v a="$a" -v b="$b" -v rows="$BASE_ROWS" -v vps="$VERTICES_PER_SCALE" -v lim="$MEM_LIMIT_MB" \
        -v mode="$mode" -v pairs="$(printf '%s' "$pairs" | tr '\n' ';')" 'BEGIN {
      # a, b in KB and KB per scale step; residuals show how straight the line is.
      n = split(pairs, p, ";"); worst = 0
      for (i = 1; i <= n; i++) { if (p[i] == "") continue; split(p[i], q, " ")
        d = (q[2] - (a + b * q[1])) / q[2]; if (d < 0) d = -d; if (d > worst) worst = d }
      kmax = (lim * 1024 - a) / b
      printf "- **%s**: peak RSS = %.0f MB + %.0f MB per 1× (largest deviation from the line %.1f %%)", mode, a / 1024, b / 1024, worst * 100
      if (mode == "network") {
        printf "; %.0f bytes per unit with its %.1f road vertices, or %.0f bytes per road vertex counting the units in", b * 1024 / rows, vps / rows, b * 1024 / vps
        printf ". %d MB holds about %.1f× Sweden: %.1f million units on %.0f million road vertices.\n", lim, kmax, kmax * rows / 1e6, kmax * vps / 1e6
      } else {
        printf "; %.0f bytes per unit. %d MB holds about %.1f× Sweden: %.1f million units.\n", b * 1024 / rows, lim, kmax, kmax * rows / 1e6
      }
    }'
    if [ "$mode" = network ]; then
      # The same runs against the graph nodes servicegap reports (units grow alongside).
      npairs=""
      for s in "${scales[@]}"; do
        nodes="$(graph_nodes "network_$s")"
        ok "network_$s" && [ -n "$nodes" ] && npairs+="$nodes $(rss_kb "network_$s")"$'\n'
      done
      read -r na nb <<<"$(printf '%s' "$npairs" | fit)"
      [ "$na" = n/a ] || awk -v a="$na" -v b="$nb" -v lim="$MEM_LIMIT_MB" -v pairs="$(printf '%s' "$npairs" | tr '\n' ';')" 'BEGIN {
        n = split(pairs, p, ";"); worst = 0
        for (i = 1; i <= n; i++) { if (p[i] == "") continue; split(p[i], q, " ")
          d = (q[2] - (a + b * q[1])) / q[2]; if (d < 0) d = -d; if (d > worst) worst = d }
        printf "- **network, against graph nodes**: peak RSS = %.0f MB + %.0f bytes per node, the units growing alongside (largest deviation %.1f %%);", a / 1024, b * 1024, worst * 100
        printf " %d MB holds about %.1f million nodes.\n", lim, (lim * 1024 - a) / b / 1e6 }'
    fi
    # Marginal cost between the two largest scales that ran: fixed costs and the
    # curvature of the line matter least there, so this is the cautious extrapolation.
    done_scales=()
    for s in "${scales[@]}"; do ok "${mode}_$s" && done_scales+=("$s"); done
    if [ "${#done_scales[@]}" -ge 2 ]; then
      s0="${done_scales[-2]}"; s1="${done_scales[-1]}"
      x0="$(rows_of "$s0")"; x1="$(rows_of "$s1")"; g0=""; g1=""
      [ "$mode" = network ] && { g0="$(graph_nodes "${mode}_$s0")"; g1="$(graph_nodes "${mode}_$s1")"; }
      awk -v m0="$(rss_kb "${mode}_$s0")" -v m1="$(rss_kb "${mode}_$s1")" -v x0="$x0" -v x1="$x1" -v g0="$g0" -v g1="$g1" \
          -v s0="$s0" -v s1="$s1" -v lim="$MEM_LIMIT_MB" -v rows="$BASE_ROWS" -v mode="$mode" 'BEGIN {
        bu = (m1 - m0) * 1024 / (x1 - x0); extra = (lim - m1 / 1024) * 1048576
        printf "- **%s, marginal from %s× to %s×**: %.0f bytes per unit", mode, s0, s1, bu
        if (g1 != "" && g1 > g0) {
          bv = (m1 - m0) * 1024 / (g1 - g0); vpu = (g1 - g0) / (x1 - x0)
          printf " (with its %.1f road vertices), %.0f bytes per graph node counting the units in", vpu, bv
          printf "; continuing that line, %d MB holds %.1f million units on %.1f million nodes (%.1f× Sweden).\n", lim, \
            (x1 + extra / bu) / 1e6, (g1 + extra / bv) / 1e6, (x1 + extra / bu) / rows
        } else
          printf "; continuing that line, %d MB holds %.1f million units (%.1f× Sweden).\n", lim, (x1 + extra / bu) / 1e6, (x1 + extra / bu) / rows
      }'
    fi
  done
  if [ "$split_run" = 1 ]; then
    sp="network_pop${first}_roads${last}"
    if ok "$sp" && ok "network_$first" && ok "network_$last"; then
      v0="$(vertices_of "$first")"; v1="$(vertices_of "$last")"
      awk -v m00="$(rss_kb "network_$first")" -v m01="$(rss_kb "$sp")" -v m11="$(rss_kb "network_$last")" \
          -v v0="$v0" -v v1="$v1" -v n0="$(rows_of "$first")" -v n1="$(rows_of "$last")" -v lim="$MEM_LIMIT_MB" 'BEGIN {
        bv = (m01 - m00) * 1024 / (v1 - v0); bu = (m11 - m01) * 1024 / (n1 - n0)
        printf "- **network, split** (the %d units on the %d-vertex roads: %.0f MB): %.0f bytes per road vertex", n0, v1, m01 / 1024, bv
        printf " (%d to %d vertices, %d units) and %.0f bytes per unit (%d to %d units, %d vertices).", v0, v1, n0, bu, n0, n1, v1
        fixed = m00 * 1024 - bv * v0 - bu * n0
        printf " With the fixed %.0f MB, %d MB holds %.1f million units on a road network of %.1f million vertices,", fixed / 1048576, lim, \
          n1 / 1e6, (lim * 1048576 - fixed - bu * n1) / bv / 1e6
        printf " or %.1f million units on %.1f million vertices.\n", (lim * 1048576 - fixed - bv * v1) / bu / 1e6, v1 / 1e6
      }'
    else
      echo "- network split: a run failed, no split."
    fi
    echo
    echo "Peaks are not additive (each run peaks where its largest stage is), so the split is"
    echo "approximate; a negative fixed part means the per-unit cost grows with the roads."
  fi
  echo
  for mode in "${modes[@]}"; do
    ok "${mode}_$last" || continue
    echo "Peak memory after each stage at ${last}×, $mode: $(awk -F'\t' '$3 != "" { printf "%s%s %s MB", sep, $1, $3; sep = "; " }' "$RUNS/${mode}_$last.stages")."
    echo
  done

  if [ "${#failed[@]}" -gt 0 ]; then
    echo "## Failures"
    echo
    for name in "${failed[@]}"; do
      # GNU time: "Command terminated by signal 9" (SIGKILL: the kernel's OOM killer when
      # the peak is near the memory limit).
      sig="$(sed -nE 's/.*terminated by signal ([0-9]+).*/\1/p' "$RUNS/$name.time" 2>/dev/null | head -n 1)"
      echo "- $name: exit $(cat "$RUNS/$name.rc" 2>/dev/null || echo '?')${sig:+ (killed by signal $sig)}, peak RSS $(rss_mb "$name" 2>/dev/null || echo n/a) MB, after $(wall_s "$name" 2>/dev/null || echo n/a) s. Last lines of standard error:"
      echo
      echo '```'
      tail -n 8 "$RUNS/$name.stderr" 2>/dev/null || true
      echo '```'
      echo
    done
  fi

  echo "Reproduce: \`SKIP_BUILD=1 SERVICEGAP_BIN=$BIN SCALES=\"$SCALES\" MODES=\"$MODES\" SEED=$SEED DATA=$DATA BASE_ROWS=$BASE_ROWS VERTICES_PER_SCALE=$VERTICES_PER_SCALE Benchmarks/scaling_national.sh\`"
  echo "(each scale k, n = k × $BASE_ROWS: \`python3 Benchmarks/generate_scaling.py --rows n --seed $SEED --out $DATA\`,"
  echo "\`python3 Benchmarks/generate_roads.py --seed $SEED --data $DATA/roads_k --vertices k×$VERTICES_PER_SCALE\`,"
  echo "\`$BIN analyze --population $DATA/population_n.csv --services $DATA/services.csv --regions $REGIONS"
  echo "--categories $CATEGORIES --thresholds $STRAIGHT_THRESHOLDS --out DIR --timings\`, and for the network"
  echo "\`--mode network --roads $DATA/roads_k/roads.geojson --thresholds $NETWORK_THRESHOLDS\` instead of those thresholds)."
  echo
  echo "Machine: $(nproc) CPUs, $MEM_LIMIT_MB MB, $(uname -sm); load average at the end $(cut -d ' ' -f 1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)."
  echo "Other work may have shared the machine: compare runs of one report, not across days."
} >"$REPORT"
cat "$REPORT"
[ "${#failed[@]}" = 0 ]
