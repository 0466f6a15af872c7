#!/usr/bin/env bash
# Builds servicegap's libFuzzer targets and runs each one in turn, then prints what they
# reached. See the "Fuzzing" section of README.md.
#
#   Fuzz/run.sh [SECONDS] [TARGET…] [--keep] [--snapshot] [--build-only] [--replay]
#
#   SECONDS       run time per target (default 300)
#   TARGET        csv, geojson, loaders, crs, arguments (default: all, one after another)
#   --keep        merge the new inputs that add coverage into the committed Fuzz/corpus/
#   --snapshot    build from a copy of Sources/ (for a checkout others are editing)
#   --build-only  build and stop
#   --replay      build, run every input of the committed corpus once and stop; exit 1 on
#                 a crash (what make test and CI do: seconds, not a fuzzing campaign)
#
# New corpus entries, crashes (crash-*, timeout-*, oom-*, slow-unit-*) and logs go to
# Fuzz/runs/<target>/ (not committed). The run stops at the first crash of a target and
# goes on with the next; the exit status is 1 when any target crashed.
# Reproduce a crash with: Fuzz/.build/release/<Binary> Fuzz/runs/<target>/crash-…
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
seconds=300
keep=0
snapshot=0
build_only=0
replay=0
targets=()
all=(csv geojson loaders crs arguments)

for arg in "$@"; do
  case $arg in
    --keep) keep=1 ;;
    --snapshot) snapshot=1 ;;
    --build-only) build_only=1 ;;
    --replay) replay=1 ;;
    csv | geojson | loaders | crs | arguments) targets+=("$arg") ;;
    *[!0-9]* | '')
      sed -n '2,19s/^# \{0,1\}//p' "$0" >&2
      exit 2
      ;;
    *) seconds=$arg ;;
  esac
done
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

binary() {
  case $1 in
    csv) echo FuzzCSV ;;
    geojson) echo FuzzGeoJSON ;;
    loaders) echo FuzzLoaders ;;
    crs) echo FuzzCRS ;;
    arguments) echo FuzzArguments ;;
  esac
}

# Longest input per target: files of a few KB reach every branch of the readers (and keep
# GEOS and PROJ calls fast); CRS definitions and arguments are short.
max_len() {
  case $1 in
    csv | geojson) echo 4096 ;;
    loaders) echo 4097 ;; # one selector byte + 4096
    crs) echo 512 ;;
    arguments) echo 256 ;;
  esac
}

package=$here
scratch=$here/.build
if [ $snapshot -eq 1 ]; then
  snap=$here/.build/snapshot
  rm -rf "$snap/Sources" "$snap/Fuzz/Sources"
  mkdir -p "$snap/Fuzz"
  cp "$here/../Package.swift" "$here/../Package.resolved" "$snap/" 2>/dev/null
  cp -R "$here/../Sources" "$snap/Sources"
  cp -R "$here/Package.swift" "$here/Sources" "$snap/Fuzz/"
  package=$snap/Fuzz
  scratch=$snap/Fuzz/.build
fi

# lld: GNU gold stops with an internal error on these sanitizer-instrumented binaries.
# shellcheck disable=SC2054 # the comma belongs to -sanitize=fuzzer,address
build=(swift build -c release --package-path "$package" --scratch-path "$scratch"
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld)
for target in "${targets[@]}"; do
  echo "building $(binary "$target"): ${build[*]}" >&2
  nice -n 10 "${build[@]}" --product "$(binary "$target")" >&2 || exit 1
done
bin=$("${build[@]}" --show-bin-path)
[ $build_only -eq 1 ] && exit 0

if [ $replay -eq 1 ]; then
  status=0
  for target in "${targets[@]}"; do
    log=$here/runs/replay-$target.txt
    mkdir -p "$here/runs"
    start=$SECONDS
    # -runs=0: execute every corpus input once, mutate nothing.
    if SWIFT_BACKTRACE=enable=no "$bin/$(binary "$target")" -runs=0 -timeout=60 \
      -rss_limit_mb=2048 "$here/corpus/$target" >"$log" 2>&1; then
      printf '%-10s %4d inputs, no crash (%d s)\n' "$target" \
        "$(find "$here/corpus/$target" -type f | wc -l)" $((SECONDS - start))
    else
      echo "$target: CRASH replaying the corpus; the end of $log:" >&2
      tail -40 "$log" >&2
      status=1
    fi
  done
  exit $status
fi

summary=()
status=0
for target in "${targets[@]}"; do
  work=$here/runs/$target
  mkdir -p "$work/corpus" "$work/artifacts"
  log=$work/log.txt
  exe=$bin/$(binary "$target")
  echo "fuzzing $target for ${seconds} s (log: $log)" >&2
  start=$SECONDS
  # SWIFT_BACKTRACE: let libFuzzer and AddressSanitizer handle crashes (Swift's own
  # backtracer races them and can leave the run hanging).
  # Every line of libFuzzer's output is prefixed with the seconds since the start, so the
  # summary can tell when coverage last grew.
  SWIFT_BACKTRACE=enable=no nice -n 10 "$exe" "$work/corpus" "$here/corpus/$target" \
    -dict="$here/$target.dict" -max_len="$(max_len "$target")" \
    -max_total_time="$seconds" -timeout=10 -report_slow_units=1 -rss_limit_mb=2048 \
    -use_value_profile=1 -print_final_stats=1 -artifact_prefix="$work/artifacts/" 2>&1 |
    while IFS= read -r line; do printf '%d %s\n' $((SECONDS - start)) "$line"; done >"$log"
  code=${PIPESTATUS[0]}

  # "#123 NEW cov: 456 ft: 789 corp: …" lines: the last cov, and when it last changed.
  read -r execs cov ft corp grew < <(awk '
    / cov: / {
      for (i = 1; i <= NF; i++) {
        if ($i == "cov:") c = $(i + 1)
        if ($i == "ft:") f = $(i + 1)
        if ($i == "corp:") k = $(i + 1)
      }
      if (c != last) { last = c; at = $1 }
    }
    /stat::number_of_executed_units:/ { n = $NF }
    END { print (n == "" ? "?" : n), (c == "" ? "?" : c), (f == "" ? "?" : f),
      (k == "" ? "?" : k), (at == "" ? 0 : at) }' "$log")
  elapsed=$((SECONDS - start))
  if [ "$code" -ne 0 ]; then
    # shellcheck disable=SC2010 # libFuzzer names artifacts <kind>-<sha1>: no odd characters
    artifact=$(ls -t "$work/artifacts" | grep -E "^(crash|timeout|oom|leak)-" | head -1)
    result="CRASH (exit $code): $artifact"
    # A timeout on a busy machine may be the machine: time the input again alone.
    if [[ $artifact == timeout-* ]]; then
      ms=$(SWIFT_BACKTRACE=enable=no "$exe" "$work/artifacts/$artifact" 2>&1 |
        sed -n 's/^Executed .* in \([0-9]*\) ms$/\1/p')
      result="$result (alone: ${ms:-?} ms)"
    fi
    status=1
  elif [ "$grew" -le $((elapsed * 2 / 3)) ]; then
    result="plateau: no new coverage after ${grew} s"
  else
    result="still growing at ${grew} s: run longer"
  fi
  # Inputs libFuzzer saw take over 1 s, timed again alone: on a busy machine most are noise.
  slow=0
  for unit in "$work/artifacts"/slow-unit-*; do
    [ -e "$unit" ] || continue
    ms=$(SWIFT_BACKTRACE=enable=no "$exe" "$unit" 2>&1 | sed -n 's/^Executed .* in \([0-9]*\) ms$/\1/p')
    [ "${ms:-0}" -ge 1000 ] && slow=$((slow + 1)) && echo "slow: $unit (${ms} ms)" >>"$log"
  done
  [ "$slow" -gt 0 ] && result="$result; $slow input(s) still over 1 s when rerun (see $log)"
  summary+=("$(printf '%-10s %6s s %12s execs  cov %5s  ft %6s  corpus %5s  %s' \
    "$target" "$elapsed" "$execs" "$cov" "$ft" "$corp" "$result")")

  if [ $keep -eq 1 ] && [ "$code" -eq 0 ]; then
    SWIFT_BACKTRACE=enable=no nice -n 10 "$exe" -merge=1 -max_len="$(max_len "$target")" \
      "$here/corpus/$target" "$work/corpus" >>"$log" 2>&1
  fi
done

printf '%s\n' "${summary[@]}"
exit $status
