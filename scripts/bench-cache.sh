#!/usr/bin/env bash
# `make bench-cache` (and the end of `make bench`): the read cache (docs/cache.md) over HTTP with wrk, on the test
# PostgreSQL and Redis (`make services`). Three release builds of the store on one database: cached in process (the
# default), cached with Redis (REDIS_URL), and uncached (CACHE_ENABLED=false). For each scenario, wrk drives them in
# turn (BENCH_ROUNDS rounds of BENCH_SECONDS, after a warm-up of each) at BENCH_CONNECTIONS, and GET /health on the
# cached server in the same rounds. The cached servers' hit ratio is read from /metrics around their runs. The table
# (scripts/bench-cache-report.py) is printed and saved to $BENCH_OUT/report.md.
#
# Knobs: BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (32), BENCH_ROWS (10000), BENCH_HOT (1000: the ids
# the reads pick from), BENCH_SCENARIOS ("get list profile mixed patch"), BENCH_OUT (.build/bench-cache).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

SECONDS_PER_RUN=${BENCH_SECONDS:-5}
ROUNDS=${BENCH_ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
ROWS=${BENCH_ROWS:-10000}
HOT=${BENCH_HOT:-1000}
SCENARIOS=${BENCH_SCENARIOS:-"get list profile mixed patch"}
OUT=${BENCH_OUT:-$ROOT/.build/bench-cache}
PG_HOST=${POSTGRES_HOSTNAME:-127.0.0.1}
PG_PORT=${POSTGRES_PORT:-55432}
PG_USER=${POSTGRES_USER:-postgres}
REDIS_URL_BENCH="redis://${REDIS_HOSTNAME:-127.0.0.1}:${REDIS_PORT:-56379}/0"
DB=loom_bench_cache
DATABASE_URL="postgres://$PG_USER@$PG_HOST:$PG_PORT/$DB?sslmode=disable"
BIN=${BENCH_BIN:-$(swift build -c release --show-bin-path)}
export PGHOST=$PG_HOST PGPORT=$PG_PORT PGUSER=$PG_USER
declare -A PORT=([cached]=18190 [redis]=18191 [uncached]=18192)

rm -rf "$OUT"; mkdir -p "$OUT"
POOL=32
source scripts/bench-servers.sh

echo "bench-cache: database $DB ($ROWS products, reads over the first $HOT), ${ROUNDS}×${SECONDS_PER_RUN} s a cell, $CONNECTIONS connections"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
start_server migrate "${PORT[cached]}" "$BIN/store" --migrate
stop_last_server
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" <<SQL
INSERT INTO products (sku, name, category, price_cents, stock)
  SELECT 'SKU-' || lpad(i::text, 6, '0'), 'Product ' || i, 'category-' || (i % 20), 100 + i % 5000, i % 50
  FROM generate_series(1, $ROWS) i;
INSERT INTO tags (name) SELECT 'tag-' || i FROM generate_series(1, 20) i;
INSERT INTO product_tags (product_id, tag_id) SELECT i, 1 + i % 20 FROM generate_series(1, $ROWS) i;
INSERT INTO product_tags (product_id, tag_id) SELECT i, 1 + (i + 7) % 20 FROM generate_series(1, $ROWS) i;
VACUUM ANALYZE;
SQL
declare -A SERVER_PID
start_server cached "${PORT[cached]}" env LOG_LEVEL=warning "$BIN/store"; SERVER_PID[cached]=${PIDS[-1]}
start_server redis "${PORT[redis]}" env LOG_LEVEL=warning REDIS_URL="$REDIS_URL_BENCH" REDIS_NAMESPACE="bench-cache-$$" "$BIN/store"; SERVER_PID[redis]=${PIDS[-1]}
start_server uncached "${PORT[uncached]}" env LOG_LEVEL=warning CACHE_ENABLED=false "$BIN/store"; SERVER_PID[uncached]=${PIDS[-1]}

scenario() {
  case $1 in
    get)     SCRIPT=path.lua SCRIPT_ENV=("WRK_PATH=/products/{n}" "WRK_MAX=$HOT") ;;
    list)    SCRIPT=path.lua SCRIPT_ENV=("WRK_PATH=/products?category=category-{n}&limit=25" "WRK_MAX=19") ;;
    profile) SCRIPT=path.lua SCRIPT_ENV=("WRK_PATH=/products/{n}?profile=withTags" "WRK_MAX=$HOT") ;;
    mixed)   SCRIPT=mixed.lua SCRIPT_ENV=("WRK_MAX=$HOT") ;;
    patch)   SCRIPT=patch.lua SCRIPT_ENV=("WRK_MAX=$HOT") ;;
    health)  SCRIPT=path.lua SCRIPT_ENV=(WRK_PATH=/health) ;;
    *) echo "bench-cache: unknown scenario $1" >&2; exit 1 ;;
  esac
}

# The cached answers must be the uncached ones, byte for byte, before anything is timed.
for path in /products/7 "/products/7?profile=withTags" "/products?category=category-3&limit=25"; do
  for server in cached redis; do
    curl -fs "http://127.0.0.1:${PORT[$server]}$path" >/dev/null  # fill
    if ! cmp -s <(curl -fs "http://127.0.0.1:${PORT[$server]}$path") <(curl -fs "http://127.0.0.1:${PORT[uncached]}$path"); then
      echo "bench-cache: $server answers $path differently from the uncached server" >&2; exit 1
    fi
  done
done

counter() {  # port name → the sum of a cache counter over its models
  curl -fs "http://127.0.0.1:$1/metrics" | awk -v name="loom_cache_$2_total" '$1 ~ "^"name"[{ ]" {sum += $2} END {print sum + 0}'
}

run_wrk() {  # scenario server round seconds
  local name=$1 server=$2 round=$3 seconds=$4
  scenario "$name"
  env "${SCRIPT_ENV[@]}" wrk --latency -t 2 -c "$CONNECTIONS" -d "${seconds}s" -s "Benchmarks/wrk/$SCRIPT" \
    "http://127.0.0.1:${PORT[$server]}" >"$OUT/$name.$server.$round.txt" 2>&1
}

START=$(date +%s)
for name in $SCENARIOS; do
  echo "bench-cache: $name"
  for server in cached redis uncached; do run_wrk "$name" "$server" warmup 2; done
  for server in cached redis; do echo "$name $server before $(counter "${PORT[$server]}" hits) $(counter "${PORT[$server]}" misses)" >>"$OUT/hits.txt"; done
  for round in $(seq "$ROUNDS"); do
    for server in cached redis uncached; do run_wrk "$name" "$server" "$round" "$SECONDS_PER_RUN"; done
    run_wrk health cached "$name-$round" "$SECONDS_PER_RUN"
  done
  for server in cached redis; do echo "$name $server after $(counter "${PORT[$server]}" hits) $(counter "${PORT[$server]}" misses)" >>"$OUT/hits.txt"; done
done
echo "bench-cache: measured in $(( $(date +%s) - START )) s"
for server in cached redis uncached; do
  echo "$server $(awk '/VmHWM/ {print $2}' "/proc/${SERVER_PID[$server]}/status")" >>"$OUT/memory.txt"
done
{
  echo "date $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpu $(nproc) × $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "settings seconds=$SECONDS_PER_RUN rounds=$ROUNDS connections=$CONNECTIONS rows=$ROWS hot=$HOT"
} >"$OUT/environment.txt"
cleanup; PIDS=()
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
python3 scripts/bench-cache-report.py "$OUT" | tee "$OUT/report.md"
