#!/usr/bin/env bash
# Starts PostgreSQL and Redis on loopback for the tests, installing them from Debian's packages when missing.
# Idempotent: a second run finds them answering and returns at once. Data lives in .services/ (git-ignored) unless
# SERVICES_DIR says otherwise. Ports: PGPORT (55432), REDIS_PORT (56379).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BASE=${SERVICES_DIR:-$ROOT/.services}
PGPORT=${PGPORT:-55432}
REDIS_PORT=${REDIS_PORT:-56379}
export DEBIAN_FRONTEND=noninteractive

need=""
command -v redis-server >/dev/null 2>&1 || need="$need redis-server"
command -v curl >/dev/null 2>&1 || need="$need curl"            # scripts/test-otel.sh
dpkg -s postgresql >/dev/null 2>&1 || need="$need postgresql"
dpkg -s libpq-dev >/dev/null 2>&1 || need="$need libpq-dev"        # pg_config, to find the server binaries
dpkg -s libhiredis-dev >/dev/null 2>&1 || need="$need libhiredis-dev"
if [ -n "$need" ]; then
  echo "services: installing$need"
  SUDO=(); [ "$(id -u)" = 0 ] || SUDO=(sudo)
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends --no-upgrade $need >/dev/null
fi

PGBIN=$(pg_config --bindir)
mkdir -p "$BASE"; chmod 755 "$BASE"
RUNAS=(); [ "$(id -u)" = 0 ] && RUNAS=(runuser -u postgres --)   # postgres refuses to run as root
# The postgres user must be able to reach the data folder through every parent.
if [ "$(id -u)" = 0 ]; then
  d=$BASE; while [ "$d" != / ]; do chmod o+x "$d" 2>/dev/null || true; d=$(dirname "$d"); done
fi
PGROOT="$BASE/pg"; PGDATA="$PGROOT/data"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  rm -rf "$PGROOT"; mkdir -p "$PGROOT"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGROOT"
  "${RUNAS[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -N -E UTF8 --locale=C >"$BASE/initdb.log"
fi
if ! "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGROOT/postgres.log" -w -t 30 start \
    -o "-h 127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500" >/dev/null
fi
"$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" -t 30

if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
  mkdir -p "$BASE/redis"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --dir "$BASE/redis" \
    --pidfile "$BASE/redis.pid" --logfile "$BASE/redis.log" --save '' --appendonly no
  for _ in $(seq 50); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
fi
redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null
# The OpenAPI tests validate the served document with openapi-spec-validator and run schemathesis against the server
# (both from PyPI).
if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import openapi_spec_validator, schemathesis' 2>/dev/null; then
  echo "services: installing openapi-spec-validator and schemathesis (PyPI)"
  python3 -m pip install -q --disable-pip-version-check openapi-spec-validator schemathesis >/dev/null 2>&1 \
    || echo "services: could not install openapi-spec-validator or schemathesis (the OpenAPI tests will fail)"
fi
echo "services: postgres 127.0.0.1:$PGPORT, redis 127.0.0.1:$REDIS_PORT (data in $BASE)"
