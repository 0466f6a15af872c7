#!/usr/bin/env bash
# Opens every output servicegap writes in real GIS clients and checks what their users
# would see. Run by `make check-clients` (not part of `make test`: it needs QGIS).
#
# 1. Runs the demo analyses (the Makefile's `make demo` inputs): the five pilot
#    municipalities in straight-line mode with --criticality --curves, and the Umeå
#    region along the roads, each into a folder, a GeoPackage and the local PostGIS
#    (Scripts/postgis-local.sh).
# 2. ogrinfo (GDAL): every .geojson and .csv of the folders, every layer and table of the
#    GeoPackages (and GDAL's validate_gpkg.py), every table of the PostGIS schemas through
#    PG:. Feature counts equal to the GeoJSON/CSV files, field types (ids and names
#    String, distances and areas Real, populations and counts Integer or Real), geometry
#    type, EPSG:4326, valid zones, and nothing on stderr when opening or reading.
# 3. QGIS headless (Scripts/check_clients_qgis.py with Debian's /usr/bin/python3 and
#    python3-qgis, installed with apt when missing): every layer valid, counts, field
#    types, geometry type, CRS, isGeosValid() for every polygon, default styles.
# 4. psql on PostGIS: geometry_columns (geom, SRID 4326, type), ST_IsValid for every
#    polygon, a GiST index per geometry table, the run in public.servicegap_runs, the
#    styles in public.layer_styles.
# 5. Prints one line per client and output, OK or FAIL with counts (reasons indented
#    below), and exits 1 when anything failed.
#
# Environment: SERVICEGAP_BINARY (default .build/release/servicegap, built with
# --traits GDAL), SERVICEGAP_CHECK_POSTGIS (a postgresql:// URL instead of the local
# throwaway cluster), CHECK_CLIENTS_KEEP=1 (keep the outputs and the PostGIS schemas to
# look at them; their place is printed).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN="${SERVICEGAP_BINARY:-.build/release/servicegap}"
ROOT="$PWD"
DEMO="$ROOT/fixtures/demo_arjeplog_skelleftea"
ROADS="$ROOT/fixtures/roads"
PY=/usr/bin/python3
WIDTH=44

die() { echo "check-clients: $*" >&2; exit 2; }
[[ -x "$BIN" ]] || die "no servicegap binary at $BIN (run make build, or set SERVICEGAP_BINARY)"
BIN="$(realpath "$BIN")"

# --- prerequisites -------------------------------------------------------------------
# apt_install PACKAGE…: another process may hold apt's lock (a colleague installing
# too), so wait for it and retry.
apt_install() {
  local sudo="" attempt
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "check-clients: installing $* with apt" >&2
  for attempt in $(seq 1 20); do
    if $sudo apt-get -o DPkg::Lock::Timeout=120 update -qq \
      && DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=120 \
        install -y -qq "$@" >/dev/null; then
      return 0
    fi
    echo "check-clients: apt is busy or failed (attempt $attempt of 20); retrying in 30 s" >&2
    sleep 30
  done
  return 1
}
need=()
command -v ogrinfo >/dev/null || need+=(gdal-bin)
command -v psql >/dev/null || need+=(postgresql-client)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 \
  || need+=(postgresql-15-postgis-3)
qgis_ready() { "$PY" -c 'import qgis.core' 2>/dev/null; }
qgis_ready || need+=(qgis python3-qgis)
if ((${#need[@]})); then
  apt_install "${need[@]}" || die "cannot install ${need[*]} with apt"
fi
qgis_ready || die "QGIS is installed but $PY cannot import qgis.core"

WORK="$(mktemp -d /tmp/servicegap-clients.XXXXXX)"
mkdir -m 700 "$WORK/xdg"
export XDG_RUNTIME_DIR="$WORK/xdg" QT_QPA_PLATFORM=offscreen

if [[ -n "${SERVICEGAP_CHECK_POSTGIS:-}" ]]; then
  PGURL="$SERVICEGAP_CHECK_POSTGIS"
else
  PGURL="$(Scripts/postgis-local.sh)" || die "cannot start the local PostGIS cluster"
fi
# libpq keywords for GDAL's PG: and QGIS, from the URL.
CONNINFO="$("$PY" - "$PGURL" <<'EOF'
import sys, urllib.parse
url = urllib.parse.urlsplit(sys.argv[1])
query = dict(urllib.parse.parse_qsl(url.query))
parts = {"dbname": url.path.lstrip("/"), "host": query.get("host") or url.hostname,
         "port": query.get("port") or (str(url.port) if url.port else None),
         "user": urllib.parse.unquote(url.username or "") or None,
         "password": urllib.parse.unquote(url.password or "") or None}
quote = lambda v: "'%s'" % v.replace("\\", "\\\\").replace("'", "\\'")
print(" ".join("%s=%s" % (k, quote(v)) for k, v in parts.items() if v))
EOF
)"
export PGOPTIONS="-c client_min_messages=notice"
psql_q() { psql "$PGURL" -X -v ON_ERROR_STOP=1 -qAt -F $'\t' "$@"; }

SCHEMAS=()
cleanup() {
  if [[ "${CHECK_CLIENTS_KEEP:-0}" == 1 ]]; then
    echo "kept: $WORK; PostGIS schemas ${SCHEMAS[*]:-none} in $PGURL"
    return
  fi
  local schema
  for schema in "${SCHEMAS[@]}"; do
    psql_q -c "DROP SCHEMA IF EXISTS \"$schema\" CASCADE" \
      -c "DELETE FROM public.servicegap_runs WHERE run_id = '$schema'" \
      -c "DELETE FROM public.layer_styles WHERE f_table_schema = '$schema'" \
      >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- report ----------------------------------------------------------------------------
REPORT="$WORK/report.txt"
: >"$REPORT"
failures=0
PROBLEMS=()
NOTES=()
problem() { PROBLEMS+=("$*"); }
note() { NOTES+=("$*"); }
# finish CLIENT OUTPUT SUMMARY: one report line from the problems gathered since the last.
finish() {
  local status=OK line
  ((${#PROBLEMS[@]})) && { status=FAIL; failures=$((failures + 1)); }
  printf '%-10s %-*s %-4s %s\n' "$1" "$WIDTH" "$2" "$status" "$3" >>"$REPORT"
  for line in "${PROBLEMS[@]}"; do printf '    - %s\n' "$line" >>"$REPORT"; done
  for line in "${NOTES[@]}"; do printf '    note: %s\n' "$line" >>"$REPORT"; done
  PROBLEMS=()
  NOTES=()
}
# stderr_clean FILE WHAT: anything a client wrote on stderr is a problem.
stderr_clean() {
  if [[ -s "$1" ]]; then
    problem "$2 wrote on stderr: $(head -c 600 "$1" | tr '\n' ' ')"
  fi
}

# --- 1. the analyses -----------------------------------------------------------------
STRAIGHT=(analyze --population "$DEMO/population_tatorter_2020.csv"
  --services "$DEMO/services.geojson"
  --regions "$DEMO/kommuner.geojson" --region-field kommun_kod
  --categories grocery,fuel,pharmacy,atm,health --criticality --curves)
NETWORK=(analyze --mode network
  --population "$ROADS/umea_units.csv"
  --services "$ROOT/fixtures/demo_umea/services.csv"
  --regions "$ROADS/umea_kommuner.geojson"
  --roads "$ROADS/umea_region_roads.geojson" --length-field length_m
  --thresholds 10min,20min --thresholds pharmacy=10km,25km)
declare -A RUN_SCHEMA RUN_OK

# run LABEL: the analysis LABEL into $WORK/LABEL/, $WORK/LABEL.gpkg and PostGIS.
run() {
  local label="$1" args target title rc runid extra
  if [[ "$label" == straight ]]; then args=("${STRAIGHT[@]}"); else args=("${NETWORK[@]}"); fi
  for target in folder gpkg postgis; do
    case "$target" in
      folder) out="$WORK/$label"; title="$label/ (folder)" ;;
      gpkg) out="$WORK/$label.gpkg"; title="$label.gpkg" ;;
      postgis) out="$PGURL"; title="$label PostGIS" ;;
    esac
    # Run inside $WORK: a servicegap too old to know .gpkg or postgresql:// outputs
    # makes folders of those names, which must not land in the checkout.
    (cd "$WORK" && "$BIN" "${args[@]}" --out "$out") \
      >"$WORK/$label-$target.out" 2>"$WORK/$label-$target.err"
    rc=$?
    RUN_OK[$label-$target]=$rc
    [[ $rc -eq 0 ]] || problem "exit status $rc: $(tail -c 600 "$WORK/$label-$target.err")"
    if [[ $rc -eq 0 && $target == gpkg && ! -f "$out" ]]; then
      problem "no GeoPackage file at $out$([[ -d "$out" ]] && echo " but a folder: \
this servicegap writes --out *.gpkg as a folder (built before GeoPackage output?)")"
      RUN_OK[$label-$target]=1
    fi
    case "$target" in
      folder)
        [[ -f "$out/units.geojson" && -f "$out/zones.geojson" ]] \
          || problem "no units.geojson/zones.geojson in $out"
        finish servicegap "$title" "exit $rc, files: $(ls "$out" 2>/dev/null | tr '\n' ' ')"
        ;;
      gpkg)
        # The export adds nothing to what the folder run says (no GDAL warnings).
        extra="$(diff <(cat "$WORK/$label-folder.err") "$WORK/$label-gpkg.err" | grep '^>')"
        [[ -z "$extra" ]] || problem "the GeoPackage run wrote more on stderr: ${extra:0:600}"
        finish servicegap "$title" "exit $rc, $(stat -c %s "$out" 2>/dev/null || echo 0) bytes"
        ;;
      postgis)
        runid="$(grep -oE 'run_[0-9]{8}_[0-9]{6}_[0-9a-z]+' "$WORK/$label-postgis.err" | head -1)"
        if [[ -n "$runid" ]]; then
          RUN_SCHEMA[$label]="$runid"
          SCHEMAS+=("$runid")
        else
          problem "no run id (run_YYYYMMDD_HHMMSS_xxxx) on stderr"
        fi
        extra="$(diff <(cat "$WORK/$label-folder.err") \
          <(grep -v "^wrote run $runid " "$WORK/$label-postgis.err") | grep '^>')"
        [[ -z "$extra" ]] || problem "the PostGIS run wrote more on stderr: ${extra:0:600}"
        finish servicegap "$title" "exit $rc, schema ${runid:-?}"
        ;;
    esac
  done
}
run straight
run network

# --- reference: what the folder holds, read without GDAL --------------------------------
# reference LABEL > TSV: "layer NAME COUNT KINDS", "table NAME ROWS", "style NAME", "file NAME"
reference() {
  "$PY" - "$WORK/$1" <<'EOF'
import csv, json, os, sys
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    stem, ext = os.path.splitext(name)
    path = os.path.join(folder, name)
    if ext == ".geojson":
        features = json.load(open(path, encoding="utf-8"))["features"]
        kinds = sorted({(f.get("geometry") or {}).get("type") or "None" for f in features})
        print("layer\t%s\t%d\t%s" % (stem, len(features), ",".join(kinds)))
    elif ext == ".csv":
        rows = sum(1 for _ in csv.reader(open(path, encoding="utf-8", newline="")))
        print("table\t%s\t%d" % (stem, max(0, rows - 1)))
    elif ext == ".qml":
        print("style\t%s" % stem)
    else:
        print("file\t%s" % name)
EOF
}

# The type a field must have: String, Real, Number (Integer or Real), or nothing.
expected_kind() {  # expected_kind LAYER FIELD
  local layer="$1" field="$2"
  [[ "$field" == fid || "$layer" == layer_styles ]] && return
  [[ "$layer" == servicegap_files ]] && { echo String; return; }
  if [[ "$field" == services ]]; then
    [[ "$layer" == combined ]] && echo String || echo Number
    return
  fi
  case "$field" in
    id | name | region | category | unit | largest_place | run_id | *_nearest | *_class)
      echo String ;;
    area_km2 | services_per_1000 | mean | median | p90 | max | share_beyond | *_dist_m | \
      *_time_min | *_time_p* | *_detour | *_area_km2 | *_share | *_2sfca | *_e2sfca | gap)
      echo Real ;;
    population | threshold | distance | time | missing | rank | gain_pop | cumulative_pop | \
      *_pop | sole_pop_*)
      echo Number ;;
  esac
}
kind_fits() {  # kind_fits OGR_TYPE EXPECTED
  case "$2" in
    String) [[ "$1" == String ]] ;;
    Real) [[ "$1" == Real ]] ;;
    Number) [[ "$1" == Integer || "$1" == Integer64 || "$1" == Real ]] ;;
  esac
}
# The ogrinfo geometry type that holds a GeoJSON layer's geometries.
geometry_fits() {  # geometry_fits OGR_GEOMETRY GEOJSON_KINDS
  case "$2" in
    Point) [[ "$1" == Point || "$1" == "Multi Point" ]] ;;
    Polygon) [[ "$1" == Polygon || "$1" == "Multi Polygon" ]] ;;
    MultiPolygon,Polygon | MultiPolygon) [[ "$1" == "Multi Polygon" ]] ;;
    LineString) [[ "$1" == "Line String" || "$1" == "Multi Line String" ]] ;;
    *) true ;;
  esac
}

# ogr_parse < ogrinfo -so -al output > TSV: "LAYER count N", "LAYER geom G",
# "LAYER srs AUTH:CODE", "LAYER field NAME TYPE".
ogr_parse() {
  awk -F': ' '
    /^Layer name: / { layer = substr($0, 13); next }
    /^Geometry: / { print layer "\tgeom\t" substr($0, 11); next }
    /^Feature Count: / { print layer "\tcount\t" substr($0, 16); next }
    /^    ID\["[A-Z]+",[0-9]+\]\]$/ {
      s = $0; gsub(/^    ID\["|"|\]\]$/, "", s); sub(/,/, ":", s); print layer "\tsrs\t" s; next }
    /^[A-Za-z_][A-Za-z0-9_]*: [A-Za-z0-9]+(\([A-Za-z0-9]+\))? \(/ {
      type = $2; sub(/ .*/, "", type); print layer "\tfield\t" $1 "\t" type }
  '
}

# check_ogr TSV LABEL: compares ogrinfo's view (TSV of ogr_parse) with the folder LABEL.
# Sets COUNTS to "name n, …".
check_ogr() {
  local tsv="$1" label="$2" kind name count kinds got geom srs field type want seen
  COUNTS=""
  while IFS=$'\t' read -r kind name count kinds; do
    case "$kind" in
      layer | table)
        got="$(awk -F'\t' -v l="$name" '$1 == l && $2 == "count" { print $3 }' "$tsv")"
        if [[ -z "$got" ]]; then
          problem "$name: no such layer"
          continue
        fi
        [[ "$got" == "$count" ]] || problem "$name: $got features, the folder's file has $count"
        COUNTS+="${COUNTS:+, }$name $got"
        ;;
    esac
    if [[ "$kind" == layer ]]; then
      geom="$(awk -F'\t' -v l="$name" '$1 == l && $2 == "geom" { print $3 }' "$tsv")"
      geometry_fits "$geom" "$kinds" || problem "$name: geometry $geom does not hold the GeoJSON's $kinds"
      srs="$(awk -F'\t' -v l="$name" '$1 == l && $2 == "srs" { print $3 }' "$tsv")"
      [[ "$srs" == EPSG:4326 ]] || problem "$name: CRS ${srs:-unknown}, expected EPSG:4326"
    fi
  done < <(reference "$label" | grep -E '^(layer|table)')
  while IFS=$'\t' read -r name kind field type; do
    want="$(expected_kind "$name" "$field")"
    [[ -z "$want" ]] && continue
    kind_fits "$type" "$want" || problem "$name.$field: $type, expected $want"
  done < <(awk -F'\t' '$2 == "field"' "$tsv")
}

# ogr_invalid SOURCE LAYER GEOMETRY_COLUMN [ogrinfo options]: invalid polygons by GDAL.
ogr_invalid() {
  local source="$1" layer="$2" column="$3"
  shift 3
  ogrinfo -ro -q "$@" -sql "SELECT COUNT(*) AS invalid FROM $layer WHERE NOT ST_IsValid($column)" \
    "$source" 2>>"$WORK/ogr.err" | awk -F'= ' '/invalid/ { print $2 }'
}

# --- 2. ogrinfo ----------------------------------------------------------------------
for label in straight network; do
  folder="$WORK/$label"
  if [[ "${RUN_OK[$label-folder]}" != 0 ]]; then
    problem "the analysis failed"; finish ogrinfo "$label/ (folder)" ""
  else
    : >"$WORK/ogr.tsv"; : >"$WORK/ogr.err"
    for file in "$folder"/*.geojson "$folder"/*.csv; do
      # CSV columns are all text to GDAL (no .csvt): only their row counts are compared.
      ogrinfo -ro -so -al "$file" 2>>"$WORK/ogr.err" | ogr_parse \
        | if [[ "$file" == *.csv ]]; then grep -v $'\tfield\t'; else cat; fi >>"$WORK/ogr.tsv"
      ogrinfo -ro -al "$file" >/dev/null 2>>"$WORK/ogr.err"
    done
    check_ogr "$WORK/ogr.tsv" "$label"
    invalid="$(ogr_invalid "$folder/zones.geojson" zones geometry -dialect sqlite)"
    [[ "$invalid" == 0 ]] || problem "zones.geojson: ${invalid:-?} polygons invalid for GEOS (ST_IsValid)"
    stderr_clean "$WORK/ogr.err" ogrinfo
    finish ogrinfo "$label/ (folder)" "$COUNTS"
  fi

  gpkg="$WORK/$label.gpkg"
  if [[ "${RUN_OK[$label-gpkg]}" != 0 ]]; then
    problem "the analysis failed"; finish ogrinfo "$label.gpkg" ""
  else
    : >"$WORK/ogr.err"
    ogrinfo -ro -so -al "$gpkg" 2>>"$WORK/ogr.err" | ogr_parse >"$WORK/ogr.tsv"
    ogrinfo -ro -al "$gpkg" >/dev/null 2>>"$WORK/ogr.err"
    check_ogr "$WORK/ogr.tsv" "$label"
    files=$(reference "$label" | grep -c '^file')
    got="$(awk -F'\t' '$1 == "servicegap_files" && $2 == "count" { print $3 }' "$WORK/ogr.tsv")"
    [[ "$got" == "$files" ]] || problem "servicegap_files: ${got:-no} rows, the folder has $files other files"
    COUNTS+=", servicegap_files ${got:-0}"
    styles=$(reference "$label" | grep -c '^style')
    got="$(awk -F'\t' '$1 == "layer_styles" && $2 == "count" { print $3 }' "$WORK/ogr.tsv")"
    if ((styles)); then
      [[ "$got" == "$styles" ]] || problem "layer_styles: ${got:-no} rows, the folder has $styles .qml"
      COUNTS+=", layer_styles ${got:-0}"
    else
      note "no .qml in the folder, so no layer_styles"
    fi
    invalid="$(ogr_invalid "$gpkg" zones geom)"
    [[ "$invalid" == 0 ]] || problem "zones: ${invalid:-?} polygons invalid for GEOS (ST_IsValid)"
    if [[ -f /usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py ]]; then
      if ! "$PY" /usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py "$gpkg" \
        >"$WORK/validate.txt" 2>&1; then
        problem "validate_gpkg.py: $(head -c 600 "$WORK/validate.txt" | tr '\n' ' ')"
      elif [[ -s "$WORK/validate.txt" ]]; then
        note "validate_gpkg.py: $(head -c 300 "$WORK/validate.txt" | tr '\n' ' ')"
      fi
      COUNTS+="; validate_gpkg.py passed"
    fi
    stderr_clean "$WORK/ogr.err" ogrinfo
    finish ogrinfo "$label.gpkg" "$COUNTS"
  fi

  schema="${RUN_SCHEMA[$label]:-}"
  if [[ -z "$schema" ]]; then
    problem "the analysis failed"; finish ogrinfo "$label PostGIS" ""
  else
    : >"$WORK/ogr.err"
    pg="PG:$CONNINFO schemas=$schema"
    ogrinfo -ro -so -al -oo LIST_ALL_TABLES=YES "$pg" 2>>"$WORK/ogr.err" | ogr_parse >"$WORK/ogr.tsv"
    ogrinfo -ro -al -oo LIST_ALL_TABLES=YES "$pg" >/dev/null 2>>"$WORK/ogr.err"
    check_ogr "$WORK/ogr.tsv" "$label"
    files=$(reference "$label" | grep -c '^file')
    got="$(awk -F'\t' '$1 == "servicegap_files" && $2 == "count" { print $3 }' "$WORK/ogr.tsv")"
    [[ "$got" == "$files" ]] || problem "servicegap_files: ${got:-no} rows, the folder has $files other files"
    COUNTS+=", servicegap_files ${got:-0}"
    invalid="$(ogr_invalid "$pg" zones geom)"
    [[ "$invalid" == 0 ]] || problem "zones: ${invalid:-?} polygons invalid (ST_IsValid)"
    stderr_clean "$WORK/ogr.err" ogrinfo
    finish ogrinfo "$label PostGIS $schema" "$COUNTS"
  fi
done

# --- 3. QGIS -------------------------------------------------------------------------
qgis_args=()
for label in straight network; do
  [[ "${RUN_OK[$label-folder]}" == 0 ]] || continue
  qgis_args+=(--folder "$label=$WORK/$label")
  [[ "${RUN_OK[$label-gpkg]}" == 0 ]] && qgis_args+=(--gpkg "$label=$WORK/$label.gpkg")
  [[ -n "${RUN_SCHEMA[$label]:-}" ]] && qgis_args+=(--postgis "$label=${RUN_SCHEMA[$label]}")
done
"$PY" Scripts/check_clients_qgis.py --pg "$CONNINFO" --width "$WIDTH" "${qgis_args[@]}" \
  >"$WORK/qgis.txt" 2>"$WORK/qgis.err"
rc=$?
cat "$WORK/qgis.txt" >>"$REPORT"
failures=$((failures + $(grep -cE '^qgis +.* FAIL ' "$WORK/qgis.txt")))
if [[ $rc -ne 0 ]] && ! grep -qE '^qgis +.* FAIL ' "$WORK/qgis.txt"; then
  problem "check_clients_qgis.py exit status $rc: $(tail -c 600 "$WORK/qgis.err")"
  finish qgis "(all outputs)" ""
elif [[ -s "$WORK/qgis.err" ]]; then
  # QGIS's own chatter on stderr goes to the report as a note, not a failure.
  note "stderr: $(head -c 300 "$WORK/qgis.err" | tr '\n' ' ')"
  finish qgis "(stderr)" ""
fi

# --- 4. psql -------------------------------------------------------------------------
for label in straight network; do
  schema="${RUN_SCHEMA[$label]:-}"
  [[ -n "$schema" ]] || continue
  : >"$WORK/psql.err"
  summary=""
  tables_summary=""
  while IFS=$'\t' read -r kind name count kinds; do
    got="$(psql_q -c "SELECT count(*) FROM \"$schema\".\"$name\"" 2>>"$WORK/psql.err")"
    [[ "$got" == "$count" ]] || problem "$name: ${got:-no} rows, the folder's file has $count"
    if [[ "$kind" == table ]]; then
      tables_summary+=", $name $got"
      continue
    fi
    case "$kinds" in
      Point) want="POINT" ;;
      Polygon) want="POLYGON|MULTIPOLYGON" ;;
      MultiPolygon* | *MultiPolygon) want="MULTIPOLYGON" ;;
      LineString) want="LINESTRING|MULTILINESTRING" ;;
      *) want=".*" ;;
    esac
    registered="$(psql_q -c "SELECT f_geometry_column, srid, type, coord_dimension
      FROM public.geometry_columns WHERE f_table_schema = '$schema' AND f_table_name = '$name'" \
      2>>"$WORK/psql.err")"
    if [[ -z "$registered" ]]; then
      problem "$name: not in geometry_columns"
    else
      IFS=$'\t' read -r column srid gtype dims <<<"$registered"
      [[ "$column" == geom ]] || problem "$name: geometry column '$column', expected geom"
      [[ "$srid" == 4326 ]] || problem "$name: SRID $srid in geometry_columns, expected 4326"
      [[ "$gtype" =~ ^($want)$ ]] || problem "$name: type $gtype in geometry_columns, the GeoJSON has $kinds"
      [[ "$dims" == 2 ]] || problem "$name: $dims dimensions, expected 2"
      summary+="${summary:+, }$name $got $gtype/$srid"
      wrong="$(psql_q -c "SELECT count(*) FROM \"$schema\".\"$name\" WHERE ST_SRID(geom) <> 4326 OR geom IS NULL OR ST_IsEmpty(geom)" 2>>"$WORK/psql.err")"
      [[ "$wrong" == 0 ]] || problem "$name: ${wrong:-?} rows with no geometry or an SRID other than 4326"
      if [[ "$gtype" == *POLYGON* ]]; then
        # (ST_IsValid's own NOTICEs about each invalid polygon are not wanted here.)
        psql_q -c "SELECT fid, (to_jsonb(t) - 'geom')::text, ST_IsValidReason(geom)
          FROM \"$schema\".\"$name\" t WHERE NOT ST_IsValid(geom)" >"$WORK/invalid.tsv" 2>/dev/null
        while IFS=$'\t' read -r fid attributes reason; do
          problem "$name fid $fid $attributes: ST_IsValid false: $reason"
        done <"$WORK/invalid.tsv"
        [[ -s "$WORK/invalid.tsv" ]] || summary+=" all valid"
      fi
    fi
    gist="$(psql_q -c "SELECT indexname FROM pg_indexes WHERE schemaname = '$schema'
      AND tablename = '$name' AND indexdef ~* 'USING gist \\(geom\\)'" 2>>"$WORK/psql.err")"
    [[ -n "$gist" ]] || problem "$name: no GiST index on geom"
  done < <(reference "$label" | grep -E '^(layer|table)')
  tables="$(psql_q -c "SELECT string_agg(table_name, ' ' ORDER BY table_name COLLATE \"C\")
    FROM information_schema.tables WHERE table_schema = '$schema'" 2>>"$WORK/psql.err")"
  expected="$( (reference "$label" | awk -F'\t' '$1 == "layer" || $1 == "table" { print $2 }'; echo servicegap_files) | LC_ALL=C sort | tr '\n' ' ')"
  [[ "$tables " == "$expected" ]] || problem "tables in the schema: $tables; expected $expected"
  files=$(reference "$label" | grep -c '^file')
  got="$(psql_q -c "SELECT count(*) FROM \"$schema\".servicegap_files" 2>>"$WORK/psql.err")"
  [[ "$got" == "$files" ]] || problem "servicegap_files: ${got:-no} rows, the folder has $files other files"
  summary+="$tables_summary, servicegap_files ${got:-0}"
  run_row="$(psql_q -c "SELECT command, manifest IS NOT NULL, created IS NOT NULL
    FROM public.servicegap_runs WHERE run_id = '$schema'" 2>>"$WORK/psql.err")"
  if [[ -z "$run_row" ]]; then
    problem "$schema is not in public.servicegap_runs"
  else
    IFS=$'\t' read -r command has_manifest has_time <<<"$run_row"
    [[ "$command" == analyze ]] || problem "servicegap_runs.command is '$command', expected analyze"
    if [[ -f "$WORK/$label/run.json" && "$has_manifest" != t ]]; then
      problem "servicegap_runs.manifest is empty though run.json was written"
    fi
    summary+=", in servicegap_runs (command $command, manifest $([[ $has_manifest == t ]] && echo yes || echo no))"
  fi
  styles=$(reference "$label" | grep -c '^style')
  if ((styles)); then
    found=0
    while IFS=$'\t' read -r kind name; do
      kinds="$(reference "$label" | awk -F'\t' -v n="$name" '$1 == "layer" && $2 == n { print $4 }')"
      case "$kinds" in Point) want=Point ;; *Polygon*) want=Polygon ;; *) want=Line ;; esac
      row="$(psql_q -c "SELECT f_table_catalog = current_database(), f_geometry_column,
        useasdefault, type, styleqml IS NOT NULL FROM public.layer_styles
        WHERE f_table_schema = '$schema' AND f_table_name = '$name'" 2>>"$WORK/psql.err")"
      if [[ -z "$row" ]]; then
        problem "layer_styles: no row for $name though $name.qml was written"
      elif [[ "$row" != "$(printf 't\tgeom\tt\t%s\tt' "$want")" ]]; then
        problem "layer_styles row of $name (catalog ok, column, default, type, qml): $row; expected type $want, default true"
      else
        found=$((found + 1))
      fi
    done < <(reference "$label" | grep '^style')
    summary+=", default styles in layer_styles for $found of $styles .qml"
  else
    note "no .qml in the folder, so no rows in public.layer_styles"
  fi
  stderr_clean "$WORK/psql.err" psql
  finish psql "$label PostGIS $schema" "$summary"
done

# --- 5. report -----------------------------------------------------------------------
echo
echo "== servicegap outputs in GIS clients (binary $BIN) =="
cat "$REPORT"
lines=$(grep -cE '^[a-z]+ +.* (OK|FAIL) ' "$REPORT")
echo "check-clients: $((lines - failures)) OK, $failures FAIL"
exit $((failures > 0))
