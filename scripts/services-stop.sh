#!/usr/bin/env bash
# Stops the PostgreSQL and Redis that scripts/services.sh started. Leaves their data in place.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BASE=${SERVICES_DIR:-$ROOT/.services}
RUNAS=(); [ "$(id -u)" = 0 ] && RUNAS=(runuser -u postgres --)
if command -v pg_config >/dev/null 2>&1 && [ -d "$BASE/pg/data" ]; then
  "${RUNAS[@]}" "$(pg_config --bindir)/pg_ctl" -D "$BASE/pg/data" -m fast -w stop >/dev/null 2>&1 || true
fi
if [ -s "$BASE/redis.pid" ]; then
  p=$(cat "$BASE/redis.pid"); kill "$p" 2>/dev/null || true
  while kill -0 "$p" 2>/dev/null; do sleep 0.1; done             # Redis exits asynchronously after SIGTERM
  rm -f "$BASE/redis.pid"
fi
echo "services: stopped"
