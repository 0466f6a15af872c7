# shellcheck shell=bash
# Shared by the benchmark scripts (sourced, not run): GNU time, the release build, timed
# runs and what they recorded. A script sets BIN and TIMED_DIR (where NAME.time, .stdout,
# .stderr and .rc go) before calling these.

# GNU /usr/bin/time (for -v: peak memory), installed with apt when missing.
ensure_gnu_time() {
  command -v /usr/bin/time >/dev/null 2>&1 && return
  echo "installing GNU time (/usr/bin/time)…" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq time >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq time >/dev/null; fi
}

# Builds the release binary unless SKIP_BUILD=1; stops when $BIN is missing.
build_servicegap() {
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "## building servicegap (release)" >&2
    swift build -c release --product servicegap >&2
  fi
  if [ ! -x "$BIN" ]; then
    echo "error: $BIN not found (build failed or SKIP_BUILD=1 without a build)" >&2
    exit 1
  fi
}

# run_timed NAME CMD...: leaves $TIMED_DIR/NAME.time (GNU time -v report), NAME.stdout,
# NAME.stderr and NAME.rc (the exit status); a failure is reported, not fatal.
run_timed() {
  local name="$1"; shift
  echo "## $name: $*" >&2
  local rc=0
  /usr/bin/time -v -o "$TIMED_DIR/$name.time" "$@" >"$TIMED_DIR/$name.stdout" \
    2>"$TIMED_DIR/$name.stderr" || rc=$?
  echo "$rc" >"$TIMED_DIR/$name.rc"
  if [ "$rc" != 0 ]; then
    echo "   failed (exit $rc); see $TIMED_DIR/$name.stderr" >&2
    tail -n 5 "$TIMED_DIR/$name.stderr" >&2 || true
  fi
}

# Wall seconds from "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:12.34".
wall_s() {
  awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($NF, p, ":"); s = 0
      for (i = 1; i <= n; i++) s = s * 60 + p[i]
      printf "%.2f", s }' "$TIMED_DIR/$1.time"
}
rss_kb() { awk -F': ' '/Maximum resident set size/ { print $NF }' "$TIMED_DIR/$1.time"; }
rss_mb() {
  awk -F': ' '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }' "$TIMED_DIR/$1.time"
}
status_of() { [ "$(cat "$TIMED_DIR/$1.rc" 2>/dev/null || echo 1)" = 0 ] && echo ok || echo "FAILED"; }

# The `--timings` lines of NAME.stderr as "<indent>\t<stage>\t<seconds>\t<MB>", in printed
# order: "  load inputs   3.595 s   385 MB" (sub-stages indented further; the MB, peak
# memory so far, only from builds that print it).
timing_rows() {
  awk '/^timings \(/ { on = 1; next }
    on && match($0, /^ +[^ ].*[^ ] +[0-9]+(\.[0-9]+)? s( +[0-9]+ MB)?$/) {
      line = $0; indent = match(line, /[^ ]/) - 1
      mb = ""; if (line ~ / MB$/) { mb = $(NF - 1); sub(/ +[0-9]+ MB$/, "", line) }
      n = split(line, parts, " "); seconds = parts[n - 1]
      sub(/^ +/, "", line); sub(/ +[0-9.]+ s$/, "", line)
      printf "%d\t%s\t%s\t%s\n", indent, line, seconds, mb
    }' "$TIMED_DIR/$1.stderr"
}

# stage_table RUN NAME [REF_NAME REF_JSON REF_LABEL]: the markdown table of NAME's `--timings`
# stages (saved as NAME.stages) beside the reference run REF_NAME's stages from its timings
# JSON, against RUN's budgets in Benchmarks/budgets.tsv, between <!-- bench:RUN:begin/end -->
# markers (Benchmarks/update_readme.py copies it into README.md). See Benchmarks/stage_table.py.
stage_table() {
  local run="$1" name="$2" ref_name="${3:-}" ref_json="${4:-}" ref_label="${5:-reference}"
  timing_rows "$name" >"$TIMED_DIR/$name.stages"
  local extra=()
  if [ "$(status_of "$name")" != ok ]; then extra=(--failed); fi
  if [ -n "$ref_name" ] && [ "$(status_of "$ref_name")" = ok ] && [ -s "$ref_json" ]; then
    extra+=(--reference "$ref_json" --ref-wall "$(wall_s "$ref_name")" --ref-rss "$(rss_mb "$ref_name")"
      --ref-label "$ref_label")
  fi
  "${PYTHON:-python3}" Benchmarks/stage_table.py --run "$run" --script "Benchmarks/$(basename "$0")" \
    --stages "$TIMED_DIR/$name.stages" --wall "$(wall_s "$name")" --rss "$(rss_mb "$name")" \
    ${extra[@]+"${extra[@]}"}
}

# data_ok FILE: "ok" when $DATA/manifest.json says FILE was written with seed $SEED and has
# its recorded size, else "stale" (the scaling scripts regenerate stale data).
data_ok() {
  "$PYTHON" -c '
import json, os, sys
d, name, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
m = json.load(open(os.path.join(d, "manifest.json"))).get(name, {})
ok = m.get("seed") == seed and m.get("bytes") == os.path.getsize(os.path.join(d, name))
print("ok" if ok else "stale")' "$DATA" "$1" "$SEED" 2>/dev/null || true
}

# r NUM DEN -> NUM/DEN with 2 decimals, or n/a.
r() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "" && b + 0 > 0) printf "%.2f", a / b; else print "n/a" }'; }
