#!/usr/bin/env bash
# Times two builds of servicegap on the same national inputs, interleaved (A B A B …), so
# that a change of code is measured against the code before it in one run on one machine.
#
#   BASELINE_BIN=path Benchmarks/ab.sh            the candidate is .build/release/servicegap
#   CANDIDATE_BIN=path REPEAT=5 Benchmarks/ab.sh  more runs per scenario (default 3)
#   SCENARIOS="straight network" …                which scenarios (default both)
#
# Scenarios (the data of generate_national.py and generate_roads.py, seed 42, generated
# into Benchmarks/data when missing):
#   straight  analyze, 500k units, 20k services, 8 categories, 3 thresholds, 290
#             municipalities, zones (the national straight-line benchmark of run.sh)
#   network   analyze --mode network on the 1.8 M-vertex road network, grocery, fuel and
#             pharmacy, 10min,20min,30min, no zones
#
# Prints, per scenario, the median wall time and peak memory of each build and their ratio
# (candidate / baseline), and checks that both builds wrote the same files (run.json aside).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
BASELINE_BIN="${BASELINE_BIN:?set BASELINE_BIN to the build to compare against}"
CANDIDATE_BIN="${CANDIDATE_BIN:-.build/release/servicegap}"
REPEAT="${REPEAT:-3}"
SCENARIOS="${SCENARIOS:-straight network}"
PYTHON="${PYTHON:-python3}"
DATA="Benchmarks/data"
RESULTS="Benchmarks/results/ab"
mkdir -p "$RESULTS"
TIMED_DIR="$RESULTS"
# shellcheck source=Benchmarks/common.sh
. Benchmarks/common.sh
ensure_gnu_time

if [ ! -s "$DATA/population.csv" ]; then
  "$PYTHON" Benchmarks/generate_national.py --seed 42 --out "$DATA" >&2
fi
if [ ! -s "$DATA/roads.geojson" ]; then
  "$PYTHON" Benchmarks/generate_roads.py --seed 42 --data "$DATA" --out "$DATA/roads.geojson" >&2
fi

arguments() {
  case $1 in
    straight)
      echo analyze --population "$DATA/population.csv" --services "$DATA/services.csv" \
        --regions fixtures/sweden/kommuner.geojson \
        --categories grocery,fuel,pharmacy,atm,parcel,school,health,post \
        --thresholds 5km,10km,25km
      ;;
    network)
      echo analyze --mode network --roads "$DATA/roads.geojson" \
        --population "$DATA/population.csv" --services "$DATA/services.csv" \
        --regions fixtures/sweden/kommuner.geojson --categories grocery,fuel,pharmacy \
        --thresholds 10min,20min,30min --no-zones
      ;;
  esac
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '| scenario | baseline: wall s | peak MB | candidate: wall s | peak MB | wall ratio | memory ratio | same outputs |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---|\n'
for scenario in $SCENARIOS; do
  read -r -a args <<<"$(arguments "$scenario")"
  for run in $(seq 1 "$REPEAT"); do
    for build in baseline candidate; do
      bin=$BASELINE_BIN
      [ $build = candidate ] && bin=$CANDIDATE_BIN
      rm -rf "$RESULTS/$scenario-$build-out"
      run_timed "$scenario-$build-$run" "$bin" "${args[@]}" --out "$RESULTS/$scenario-$build-out"
    done
  done
  walls() { for run in $(seq 1 "$REPEAT"); do wall_s "$scenario-$1-$run"; echo; done | median; }
  peaks() { for run in $(seq 1 "$REPEAT"); do rss_mb "$scenario-$1-$run"; echo; done | median; }
  bw=$(walls baseline); cw=$(walls candidate); bm=$(peaks baseline); cm=$(peaks candidate)
  same=yes
  for file in "$RESULTS/$scenario-baseline-out"/*; do
    name=$(basename "$file")
    [ "$name" = run.json ] && continue
    cmp -s "$file" "$RESULTS/$scenario-candidate-out/$name" || same="no: $name differs"
  done
  awk -v s="$scenario" -v bw="$bw" -v cw="$cw" -v bm="$bm" -v cm="$cm" -v same="$same" \
    'BEGIN { printf "| %s | %.2f | %.0f | %.2f | %.0f | %.2f | %.2f | %s |\n", s, bw, bm, cw, cm, cw / bw, cm / bm, same }'
done
