#!/usr/bin/env bash
# Fails when the code, tests, scripts or benchmarks name a path outside the repository:
# a clone has nothing beside it, so whatever they read must be under fixtures/ (or be a
# path the user passes in). Part of make test; .ci/run also runs the tests in a fresh
# clone inside an empty folder, which catches what a pattern here cannot.
set -euo pipefail
cd "$(dirname "$0")/.."

# What reaching outside looks like: the data folder beside the team's checkouts, this
# machine's absolute paths, and climbing above the repository root in Swift, Python and
# shell.
patterns=(
  '\.\./shared' 'shared/data' '"shared"'
  '/(work|home|root|Users)/'
  'root\.deletingLastPathComponent' 'Fixtures\.root\.deletingLastPathComponent'
  'REPO\.parent' 'REPO/\.\.' 'REPO}/\.\.'
)
args=()
for pattern in "${patterns[@]}"; do args+=(-e "$pattern"); done

hits=$(git grep -nI -E "${args[@]}" -- Sources Tests Scripts Makefile Benchmarks .ci Fuzz \
  ':!Scripts/check-self-contained.sh' ':!*.geojson' ':!*.csv' || true)
if [[ -n $hits ]]; then
  echo "check-self-contained: these lines name a path outside the repository; copy the data" >&2
  echo "into fixtures/ (with its source and licence) or take the path as an argument:" >&2
  echo "$hits" >&2
  exit 1
fi
echo "check-self-contained: no path outside the repository in $(git ls-files -- Sources Tests \
  Scripts Makefile Benchmarks .ci Fuzz | wc -l) tracked files"
