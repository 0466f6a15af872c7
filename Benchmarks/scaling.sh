#!/usr/bin/env bash
# Scaling benchmark: `servicegap analyze` (straight line, no regions, no zones) on
# 1×, 2× and 4× BASE_ROWS population units, to show that time and peak memory grow
# linearly with the rows. See Benchmarks/README.md.
#
#   Benchmarks/scaling.sh               build, generate data if missing, run all sizes
#   SKIP_BUILD=1 Benchmarks/scaling.sh  use the existing .build/release/servicegap
#   BASE_ROWS=1250000 ...               rows at 1× (default 1,250,000: 1.25 M, 2.5 M, 5 M)
#   SCALES="1 2 4" ...                  multiples of BASE_ROWS; ratios are to the first
#   SEED=42 ...                         generator seed (data is regenerated if it changes)
#   SERVICEGAP_BIN=path ...             binary to time (default .build/release/servicegap)
#   KEEP_OUTPUT=1 ...                   keep each run's outputs (units.geojson ~265 B/row)
#   MIN_STAGE_S=0.1 ...                 stages shorter than this at 1× are not judged
#   LABEL=name ...                      write results/scaling_name.md and results/scaling_name/
#                                       (to set another build beside this one, e.g. an older
#                                       commit's binary as the baseline)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

SEED="${SEED:-42}"
PYTHON="${PYTHON:-python3}"
BASE_ROWS="${BASE_ROWS:-1250000}"
SCALES="${SCALES:-1 2 4}"
MIN_STAGE_S="${MIN_STAGE_S:-0.1}"
DATA="Benchmarks/data/scaling"
RESULTS="Benchmarks/results"
RUNS="$RESULTS/scaling${LABEL:+_$LABEL}"
CATEGORIES="grocery,atm"
THRESHOLDS="5km,10km"
BIN="${SERVICEGAP_BIN:-.build/release/servicegap}"
# A ratio above this many times the size ratio is called superlinear.
SLACK=1.5

# shellcheck source=Benchmarks/common.sh
. Benchmarks/common.sh
ensure_gnu_time
build_servicegap

# --- data -----------------------------------------------------------------------
read -r -a scales <<<"$SCALES"
rows_of() { echo $(( BASE_ROWS * $1 )); }

for s in "${scales[@]}"; do
  n="$(rows_of "$s")"
  if [ ! -s "$DATA/services.csv" ] || [ "$(data_ok "population_$n.csv")" != ok ]; then
    echo "## generating $n rows (seed $SEED)" >&2
    "$PYTHON" Benchmarks/generate_scaling.py --rows "$n" --seed "$SEED" --out "$DATA" >&2
  fi
done

mkdir -p "$RUNS"

TIMED_DIR="$RUNS"

# The `--timings` stages, kept as NAME.stages: "<stage>\t<seconds>\t<MB>" (see timing_rows).
parse_stages() { timing_rows "$1" | cut -f 2- >"$RUNS/$1.stages"; }
stage_s() { awk -F'\t' -v s="$2" '$1 == s { print $2; exit }' "$RUNS/$1.stages"; }
stage_mb() { awk -F'\t' -v s="$2" '$1 == s { print $3; exit }' "$RUNS/$1.stages"; }

for s in "${scales[@]}"; do
  n="$(rows_of "$s")"
  name="rows_$n"
  rm -rf "${RUNS:?}/$name"
  run_timed "$name" "$BIN" analyze \
    --population "$DATA/population_$n.csv" \
    --services "$DATA/services.csv" \
    --categories "$CATEGORIES" \
    --thresholds "$THRESHOLDS" \
    --no-zones \
    --out "$RUNS/$name" \
    --timings
  parse_stages "$name"
  echo "   wall $(wall_s "$name") s, peak RSS $(( $(rss_kb "$name") / 1024 )) MB" >&2
  [ "${KEEP_OUTPUT:-0}" = 1 ] || rm -rf "${RUNS:?}/$name"
done

# --- report ---------------------------------------------------------------------
# over RATIO SIZE_RATIO -> 1 when RATIO exceeds SLACK × SIZE_RATIO.
over() { awk -v a="$1" -v k="$2" -v f="$SLACK" 'BEGIN { print (a != "n/a" && a + 0 > f * k) ? 1 : 0 }'; }

first="rows_$(rows_of "${scales[0]}")"
base_wall="$(wall_s "$first")"
base_rss="$(rss_kb "$first")"
base_bytes="$(stat -c %s "$DATA/population_$(rows_of "${scales[0]}").csv")"
base_load="$(stage_s "$first" "load inputs")"
flagged=()
failed=()
report="$RESULTS/scaling${LABEL:+_$LABEL}.md"
{
  echo "# Scaling of servicegap analyze"
  echo
  echo "Straight line, no regions, \`--no-zones\`, categories $CATEGORIES, thresholds $THRESHOLDS;"
  echo "$(wc -l <"$DATA/services.csv" | awk '{ print $1 - 1 }') services; seed $SEED. A time ratio near the size ratio is linear;"
  echo "above $SLACK× the size ratio it is flagged superlinear."
  echo
  echo "| rows | size × | status | file MB | wall s | wall ratio | peak RSS MB | RSS ratio | RSS B/row | RSS / file | load s | load ratio | peak MB after load | total s (--timings) | verdict |"
  echo "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  for s in "${scales[@]}"; do
    n="$(rows_of "$s")"; name="rows_$n"
    k="$(r "$s" "${scales[0]}")"
    bytes="$(stat -c %s "$DATA/population_$n.csv")"
    wall="$(wall_s "$name")"; rss="$(rss_kb "$name")"; load="$(stage_s "$name" "load inputs")"
    wr="$(r "$wall" "$base_wall")"; mr="$(r "$rss" "$base_rss")"; lr="$(r "$load" "$base_load")"
    bad=()
    [ "$(over "$wr" "$k")" = 1 ] && bad+=("wall")
    [ "$(over "$lr" "$k")" = 1 ] && bad+=("load")
    [ "$(over "$mr" "$k")" = 1 ] && bad+=("RSS")
    if [ "$(status_of "$name")" != ok ]; then verdict="FAILED"; failed+=("$n")
    elif [ "$name" = "$first" ]; then verdict="baseline"
    elif [ "${#bad[@]}" -gt 0 ]; then verdict="**superlinear** (${bad[*]})"; flagged+=("${bad[@]/%/ at ${s}×}")
    else verdict="linear"; fi
    awk -v n="$n" -v k="$k" -v st="$(status_of "$name")" -v b="$bytes" -v w="$wall" -v wr="$wr" \
        -v m="$rss" -v mr="$mr" -v l="${load:-n/a}" -v lr="$lr" -v lm="$(stage_mb "$name" "load inputs")" \
        -v t="$(stage_s "$name" total)" -v v="$verdict" 'BEGIN {
      printf "| %d | %s | %s | %.1f | %.2f | %s | %.0f | %s | %.0f | %.2f | %s | %s | %s | %s | %s |\n",
        n, k, st, b / 1e6, w, wr, m / 1024, mr, m * 1024 / n, m * 1024 / b, l, lr,
        (lm == "" ? "n/a" : lm), (t == "" ? "n/a" : t), v }'
  done
  echo
  # Marginal cost between the smallest and largest size cancels the fixed part
  # (binary, services, runtime), which flatters RSS B/row at small sizes.
  last_n="$(rows_of "${scales[-1]}")"
  awk -v m0="$base_rss" -v m1="$(rss_kb "rows_$last_n")" -v n0="$(rows_of "${scales[0]}")" -v n1="$last_n" \
      -v b0="$base_bytes" -v b1="$(stat -c %s "$DATA/population_$last_n.csv")" 'BEGIN {
    if (n1 == n0) exit
    printf "Marginal peak RSS from %d to %d rows: %.0f B/row, %.2f B per file byte", n0, n1,
      (m1 - m0) * 1024 / (n1 - n0), (m1 - m0) * 1024 / (b1 - b0)
    printf " (a whole copy of the file held in memory accounts for 1.00 of that).\n" }'
  echo
  echo "Stages printed by \`--timings\` (seconds; ratios to the first size):"
  echo
  hdr="| stage |"; sep="|---|"
  for s in "${scales[@]}"; do hdr+=" ${s}× s |"; sep+="---:|"; done
  for s in "${scales[@]:1}"; do hdr+=" ratio ${s}× |"; sep+="---:|"; done
  echo "$hdr peak MB at ${scales[-1]}× | verdict |"; echo "$sep---:|---|"
  while IFS=$'\t' read -r stage _; do
    line="| $stage |"; times=()
    for s in "${scales[@]}"; do
      t="$(stage_s "rows_$(rows_of "$s")" "$stage")"; times+=("${t:-}"); line+=" ${t:-n/a} |"
    done
    verdict="linear"; bad=()
    for i in "${!scales[@]}"; do
      [ "$i" = 0 ] && continue
      k="$(r "${scales[$i]}" "${scales[0]}")"; ratio="$(r "${times[$i]}" "${times[0]}")"
      line+=" $ratio |"
      # Short stages: judge against MIN_STAGE_S so timer noise is not called quadratic.
      floor="$(awk -v a="${times[0]}" -v m="$MIN_STAGE_S" 'BEGIN { print (a + 0 > m) ? a : m }')"
      [ "$(over "$(r "${times[$i]}" "$floor")" "$k")" = 1 ] && bad+=("${scales[$i]}×")
    done
    if [ "${#bad[@]}" -gt 0 ]; then
      verdict="**superlinear** (${bad[*]})"; for b in "${bad[@]}"; do flagged+=("$stage at $b"); done
    elif awk -v a="${times[0]}" -v m="$MIN_STAGE_S" 'BEGIN { exit !(a + 0 < m) }'; then
      verdict="too short to judge (< $MIN_STAGE_S s at 1×)"
    fi
    peak="$(stage_mb "rows_$(rows_of "${scales[-1]}")" "$stage")"
    echo "$line ${peak:-n/a} | $verdict |"
  done <"$RUNS/$first.stages"
  echo
  if [ "${#failed[@]}" -gt 0 ]; then
    echo "**Verdict: incomplete** — failed at rows: ${failed[*]} (see $RUNS/rows_N.stderr)."
  elif [ "${#flagged[@]}" -gt 0 ]; then
    joined="$(IFS=';'; echo "${flagged[*]}")"
    echo "**Verdict: superlinear** — ${joined//;/; }."
  else
    echo "**Verdict: linear** — no wall, load, RSS or stage ratio above $SLACK× the size ratio."
  fi
  echo
  echo "Reproduce: \`SKIP_BUILD=1 SERVICEGAP_BIN=$BIN BASE_ROWS=$BASE_ROWS SCALES=\"$SCALES\" SEED=$SEED Benchmarks/scaling.sh\`"
  echo "(each size: \`$BIN analyze --population $DATA/population_N.csv --services $DATA/services.csv"
  echo "--categories $CATEGORIES --thresholds $THRESHOLDS --no-zones --out $RUNS/rows_N --timings\`)."
  echo
  echo "Machine: $(nproc) CPUs, $(uname -sm); $(date -u +%Y-%m-%dT%H:%MZ)"
} >"$report"
cat "$report"
[ "${#failed[@]}" = 0 ]
