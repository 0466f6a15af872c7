#!/usr/bin/env bash
# Installs the C libraries servicegap links (PROJ, GEOS, zlib for GTFS zip files, and GDAL
# for the GDAL trait that `make` builds with) when they are missing; with --test also gdal-bin (ogrinfo, ogr2ogr:
# independent readers of what we write), PostgreSQL with the PostGIS build for that
# PostgreSQL's version (the round-trip test), Chromium with python3-pil and python3-numpy
# (the screenshot check of report.html).
#
# Uses apt-get (as root, or through sudo). Where it cannot, it names the packages to
# install and exits 1.
set -euo pipefail

test_deps=0
[[ "${1:-}" == "--test" ]] && test_deps=1

# The Debian packages still missing, one per line, in install order.
missing() {
  command -v pkg-config >/dev/null || echo pkg-config
  pkg-config --exists proj 2>/dev/null || echo libproj-dev
  pkg-config --exists geos 2>/dev/null || echo libgeos-dev
  pkg-config --exists gdal 2>/dev/null || echo libgdal-dev
  pkg-config --exists zlib 2>/dev/null || echo zlib1g-dev
  ((test_deps)) || return 0
  command -v ogrinfo >/dev/null || echo gdal-bin
  # The screenshot check of report.html: headless Chromium, and PIL with numpy for the pixels.
  command -v chromium >/dev/null || echo chromium
  /usr/bin/python3 -c 'import PIL' 2>/dev/null || echo python3-pil
  /usr/bin/python3 -c 'import numpy' 2>/dev/null || echo python3-numpy
  local pg
  pg=$(postgres_version)
  if [[ -z $pg ]]; then
    echo postgresql
  elif [[ ! -f /usr/share/postgresql/$pg/extension/postgis.control ]]; then
    # PostGIS is built per PostgreSQL major version: postgresql-15-postgis-3 for 15.
    echo "postgresql-$pg-postgis-3"
  fi
}

# The newest installed PostgreSQL server's major version (15), or nothing.
postgres_version() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)
  [[ -n $bin ]] && basename "$(dirname "$(dirname "$bin")")"
  return 0
}

explain() {
  echo "servicegap: missing $*" >&2
  echo "  install them, then run make again; on Debian or Ubuntu:" >&2
  echo "    sudo apt-get install $*" >&2
  echo "  (other systems: PROJ, GEOS and GDAL development files found by pkg-config;" >&2
  echo "  for the tests also GDAL's command-line tools, PostgreSQL with PostGIS, Chromium," >&2
  echo "  and Python 3 with Pillow and numpy)" >&2
}

install() {
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo=(sudo)
    else
      echo "servicegap: not root and no password-less sudo, so nothing was installed" >&2
      explain "$@"
      exit 1
    fi
  fi
  if ! command -v apt-get >/dev/null; then
    explain "$@"
    exit 1
  fi
  echo "servicegap: installing $*" >&2
  "${sudo[@]}" apt-get update -qq
  if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@" >/dev/null; then
    echo "servicegap: apt-get could not install all of: $*" >&2
    explain "$@"
    exit 1
  fi
}

# Twice at most: installing PostgreSQL brings a version whose PostGIS is only known after.
for _ in 1 2; do
  mapfile -t need < <(missing)
  ((${#need[@]})) || exit 0
  install "${need[@]}"
done
mapfile -t need < <(missing)
if ((${#need[@]})); then
  echo "servicegap: still missing after installing: ${need[*]}" >&2
  exit 1
fi
