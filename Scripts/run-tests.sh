#!/usr/bin/env bash
# Everything `make test` runs (and so CI, through .ci/run), in order; stops at the first
# failure. Run `make test` rather than this script: it installs what the tests need first.
#
#   1. nothing in the repository reads outside it (Scripts/check-self-contained.sh)
#   2. the debug build with the GDAL trait and the tests
#   3. swift test, against a throwaway PostGIS started here and stopped afterwards
#   4. independent clients: ogrinfo on every output, the report's screenshot
#   5. every fuzz target replays its committed corpus (a crash fails)
#   6. lint, and the light build (no GDAL trait) still compiles
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
TRAITS=(--traits GDAL)
# The whole swift test run may not take longer than this: a hung test fails the run
# instead of blocking CI (each child process of a test has its own, shorter limit).
TEST_TIME_LIMIT=${TEST_TIME_LIMIT:-30m}

step() { printf '\n== %s ==\n' "$*"; }
started=$SECONDS

step "nothing reads outside the repository"
Scripts/check-self-contained.sh

step "build: debug, GDAL trait, tests"
$SWIFT build "${TRAITS[@]}" --build-tests

step "a throwaway PostGIS for the PostGIS tests"
if ! Scripts/postgis-local.sh running; then
  trap 'Scripts/postgis-local.sh stop && echo "PostGIS stopped"' EXIT
fi
postgis_url=$(Scripts/postgis-local.sh)
echo "$postgis_url"

step "swift test"
log=.build/test-output.txt
set +e
SERVICEGAP_TEST_POSTGIS="$postgis_url" timeout --signal=TERM --kill-after=30s \
  "$TEST_TIME_LIMIT" $SWIFT test "${TRAITS[@]}" --skip-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# Swift Testing prints a skipped test as "➜ Test name skipped: reason": list them at the end.
skipped=$(grep -E '^[^ ]+ Test .* skipped' "$log" || true)
if [[ -n $skipped ]]; then
  printf '\nSkipped tests (each says why):\n%s\n' "$skipped"
fi
if ((status == 124)); then
  echo "swift test ran longer than $TEST_TIME_LIMIT and was stopped" >&2
fi
((status == 0)) || exit "$status"

step "independent clients: ogrinfo, and the report in headless Chromium"
Scripts/check-ogrinfo.sh
Scripts/check-report.py

step "fuzz targets replay their corpus"
Fuzz/run.sh --replay

step "lint"
$SWIFT format lint --strict --recursive Sources Tests

step "the light build (no GDAL trait) still compiles"
$SWIFT build --scratch-path .build-light --product servicegap

printf '\nmake test: everything passed in %d s\n' $((SECONDS - started))
