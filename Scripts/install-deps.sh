#!/usr/bin/env bash
# Installs the C libraries servicegap links (PROJ, GEOS) when they are missing;
# with --test also gdal-bin (ogrinfo), used to check the GeoJSON we write.
set -euo pipefail
need=()
pkg-config --exists proj 2>/dev/null || need+=(libproj-dev)
pkg-config --exists geos 2>/dev/null || need+=(libgeos-dev)
command -v pkg-config >/dev/null || need+=(pkg-config)
if [[ "${1:-}" == "--test" ]]; then
  command -v ogrinfo >/dev/null || need+=(gdal-bin)
fi
if ((${#need[@]})); then
  echo "servicegap: installing ${need[*]}" >&2
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
