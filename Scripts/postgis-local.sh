#!/usr/bin/env bash
# Starts (once) a throwaway PostgreSQL cluster with PostGIS for servicegap's PostGIS tests
# and client checks, and prints its URL. The cluster lives in $SERVICEGAP_PGDATA
# (default /tmp/servicegap-pg), listens only on a Unix socket in /tmp on port
# $SERVICEGAP_PGPORT (default 55432), trusts local connections, and holds the database
# servicegap_test with the postgis extension. Stop it with: Scripts/postgis-local.sh stop;
# `Scripts/postgis-local.sh running` exits 0 when it is up (make test stops only a cluster
# it started itself).
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
DATA=${SERVICEGAP_PGDATA:-/tmp/servicegap-pg}
PORT=${SERVICEGAP_PGPORT:-55432}
[[ -x "$PGBIN/initdb" ]] || { echo "postgis-local: PostgreSQL is not installed (make test-deps installs it)" >&2; exit 1; }
# PostgreSQL refuses to run as root: run it as the postgres user then.
as_owner() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
  stop)
    as_owner "$PGBIN/pg_ctl" -D "$DATA" stop -m fast >/dev/null
    exit 0
    ;;
  running)
    "$PGBIN/pg_isready" -q -h /tmp -p "$PORT"
    exit
    ;;
esac
if ! "$PGBIN/pg_isready" -q -h /tmp -p "$PORT"; then
  rm -rf "$DATA"
  mkdir -p "$DATA"
  [[ $(id -u) -eq 0 ]] && chown postgres "$DATA"
  as_owner "$PGBIN/initdb" -D "$DATA" -A trust -U postgres >/dev/null
  as_owner "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-p $PORT -k /tmp -c listen_addresses=''" start >/dev/null
fi
export PGOPTIONS="-c client_min_messages=warning"
psql=("$PGBIN/psql" -h /tmp -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt)
if [[ -z $("${psql[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'servicegap_test'") ]]; then
  "${psql[@]}" -d postgres -c "CREATE DATABASE servicegap_test" >/dev/null
fi
"${psql[@]}" -d servicegap_test -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
echo "postgresql://postgres@/servicegap_test?host=/tmp&port=$PORT"
