#!/usr/bin/env bash
# Installs the C libraries servicegap links (PROJ, GEOS, and GDAL for the GDAL trait that
# `make` builds with) when they are missing; with --test also gdal-bin (ogrinfo, ogr2ogr:
# independent readers of what we write), PostgreSQL with PostGIS (the round-trip test), and
# Chromium with python3-pil and python3-numpy (the screenshot check of report.html).
set -euo pipefail
need=()
pkg-config --exists proj 2>/dev/null || need+=(libproj-dev)
pkg-config --exists geos 2>/dev/null || need+=(libgeos-dev)
pkg-config --exists gdal 2>/dev/null || need+=(libgdal-dev)
command -v pkg-config >/dev/null || need+=(pkg-config)
if [[ "${1:-}" == "--test" ]]; then
  command -v ogrinfo >/dev/null || need+=(gdal-bin)
  # The screenshot check of report.html: headless Chromium, and PIL with numpy for the pixels.
  command -v chromium >/dev/null || need+=(chromium)
  /usr/bin/python3 -c 'import PIL, numpy' 2>/dev/null || need+=(python3-pil python3-numpy)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 \
    || need+=(postgresql-15-postgis-3)
fi
if ((${#need[@]})); then
  echo "servicegap: installing ${need[*]}" >&2
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
