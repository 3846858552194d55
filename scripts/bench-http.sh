#!/usr/bin/env bash
# `make bench`: the generated store server against a hand-written Hummingbird + postgres-nio server
# (Benchmarks/BaselineServer), over HTTP with wrk, on the test PostgreSQL (`make services`).
#
# A fresh database (loom_bench_http) gets the store's schema (the store's own `--migrate`) and BENCH_ROWS rows in
# users, addresses, orders and products. Then, for each scenario and connection count, wrk drives the two servers
# alternately (generated, baseline, generated, baseline, …; BENCH_ROUNDS rounds of BENCH_SECONDS each, after a
# warm-up of each), both release builds on their own ports with the same pool size. In the same run: pgbench on the
# get-by-id statement at the same concurrency (with /health, the machine's ceiling), and the servers' peak memory.
# The table (scripts/bench-http-report.py) is printed and saved to $BENCH_OUT/report.md.
#
# Knobs: BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS ("1 32"), BENCH_POOL_SIZE (32), BENCH_ROWS (10000),
# BENCH_SCENARIOS (all: "health get cursor offset patch create profile pageprofile"), BENCH_OUT (.build/bench-http).
# BENCH_PREVIOUS_BIN: a `store` binary of another commit (scripts/build-previous.sh REV prints one), run as a third
# server in the same rounds, so that a change is measured against what came before it.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"  # the wrk scripts load Benchmarks/wrk/report.lua by a relative path

SECONDS_PER_RUN=${BENCH_SECONDS:-5}
ROUNDS=${BENCH_ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-"1 32"}
POOL=${BENCH_POOL_SIZE:-32}
ROWS=${BENCH_ROWS:-10000}
SCENARIOS=${BENCH_SCENARIOS:-"health get cursor offset patch create profile pageprofile"}
OUT=${BENCH_OUT:-$ROOT/.build/bench-http}
PG_HOST=${POSTGRES_HOSTNAME:-127.0.0.1}
PG_PORT=${POSTGRES_PORT:-55432}
PG_USER=${POSTGRES_USER:-postgres}
DB=loom_bench_http
DATABASE_URL="postgres://$PG_USER@$PG_HOST:$PG_PORT/$DB?sslmode=disable"
GENERATED_PORT=${BENCH_GENERATED_PORT:-18090}
BASELINE_PORT=${BENCH_BASELINE_PORT:-18091}
PREVIOUS_PORT=${BENCH_PREVIOUS_PORT:-18092}
PREVIOUS_BIN=${BENCH_PREVIOUS_BIN:-}
BIN=${BENCH_BIN:-$(swift build -c release --show-bin-path)}
export PGHOST=$PG_HOST PGPORT=$PG_PORT PGUSER=$PG_USER

rm -rf "$OUT"; mkdir -p "$OUT"
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

source scripts/bench-servers.sh

echo "bench: database $DB ($ROWS rows a table), pool $POOL, ${ROUNDS}×${SECONDS_PER_RUN} s a cell, connections $CONNECTIONS"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

# The schema, by the store itself, once; then the data, in SQL.
start_server migrate "$GENERATED_PORT" "$BIN/store" --migrate
stop_last_server
psql_db <<SQL
INSERT INTO users (full_name, email) SELECT 'User ' || i, 'user' || i || '@example.com' FROM generate_series(1, $ROWS) i;
INSERT INTO addresses (user_id, label, street, city, country, zip_code)
  SELECT i, 'home', i || ' Main Street', 'Springfield', 'US', lpad(i::text, 5, '0') FROM generate_series(1, $ROWS) i;
INSERT INTO orders (user_id, address_id, status, payment_method)
  SELECT i, i, (ARRAY['created', 'paid', 'cancelled', 'shipped'])[1 + i % 4], 'card' FROM generate_series(1, $ROWS) i;
INSERT INTO products (sku, name, category, price_cents, stock)
  SELECT 'SKU-' || lpad(i::text, 6, '0'), 'Product ' || i, 'category-' || (i % 20), 100 + i % 5000, i % 50
  FROM generate_series(1, $ROWS) i;
VACUUM ANALYZE;
SQL

# Cursor tokens for 2,000 pages spread over the table, in the store's format (checked against the server below).
python3 - "$ROWS" >"$OUT/cursors.txt" <<'PY'
import base64, sys
rows = int(sys.argv[1])
def checksum(body):
    value = 0xcbf29ce484222325
    for byte in b"loom-cursor-v1:" + body.encode():
        value = ((value ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return format(value, "x")
for n in range(2000):
    after = n * (rows - 25) // 2000
    body = base64.urlsafe_b64encode(('{"s":"id:asc","v":[{"i":%d}]}' % after).encode()).decode().rstrip("=")
    print(body + "." + checksum(body))
PY

# Uncached: this compares the data path with the hand-written server's (the cache has its own, scripts/bench-cache.sh).
start_server generated "$GENERATED_PORT" env METRICS_ENABLED=true CACHE_ENABLED=false "$BIN/store"
GENERATED_PID=${PIDS[-1]}
start_server baseline "$BASELINE_PORT" "$BIN/BaselineServer"
BASELINE_PID=${PIDS[-1]}
SERVERS=("generated $GENERATED_PORT" "baseline $BASELINE_PORT")
if [ -n "$PREVIOUS_BIN" ]; then
  # A binary from before the read cache ignores CACHE_ENABLED; one after it is uncached like `generated`.
  start_server previous "$PREVIOUS_PORT" env METRICS_ENABLED=true CACHE_ENABLED=false "$PREVIOUS_BIN"
  PREVIOUS_PID=${PIDS[-1]}
  SERVERS+=("previous $PREVIOUS_PORT")
fi

# A scenario's wrk script (SCRIPT) and the environment it reads (SCRIPT_ENV); `{n}` in WRK_PATH is a random
# 1…WRK_MAX. Also the one request that checks it first (CHECK_METHOD, CHECK_PATH, CHECK_BODY).
scenario() {
  CHECK_METHOD=GET CHECK_BODY=""
  case $1 in
    health)  SCRIPT=path.lua SCRIPT_ENV=(WRK_PATH=/health) CHECK_PATH=/health ;;
    get)     SCRIPT=path.lua SCRIPT_ENV=("WRK_PATH=/products/{n}" "WRK_MAX=$ROWS") CHECK_PATH=/products/1 ;;
    cursor)  SCRIPT=cursor.lua SCRIPT_ENV=("WRK_TOKENS=$OUT/cursors.txt")
             CHECK_PATH="/products?limit=25&after=$(sed -n 2p "$OUT/cursors.txt")" ;;
    offset)  SCRIPT=path.lua SCRIPT_ENV=("WRK_PATH=/orders?limit=25&page={n}" "WRK_MAX=$((ROWS / 25))")
             CHECK_PATH="/orders?limit=25&page=2" ;;
    patch)   SCRIPT=patch.lua SCRIPT_ENV=("WRK_MAX=$ROWS") CHECK_METHOD=PATCH CHECK_PATH=/products/1 CHECK_BODY='{"stock":3}' ;;
    create)  SCRIPT=create.lua SCRIPT_ENV=() CHECK_METHOD=POST CHECK_PATH=/products
             CHECK_BODY='{"sku":"CHECK-PORT","name":"Check","category":"bench","priceCents":100}' ;;
    profile) SCRIPT=path.lua SCRIPT_ENV=("WRK_PATH=/orders/{n}?profile=withCustomer" "WRK_MAX=$ROWS")
             CHECK_PATH="/orders/1?profile=withCustomer" ;;
    pageprofile) SCRIPT=path.lua SCRIPT_ENV=("WRK_PATH=/orders?limit=25&page={n}&profile=withCustomer" "WRK_MAX=$((ROWS / 25))")
             CHECK_PATH="/orders?limit=25&page=2&profile=withCustomer" ;;
    *) echo "bench: unknown scenario $1" >&2; exit 1 ;;
  esac
}

# One request of each scenario to each server first: a wrong status would make every figure meaningless; reads
# must also answer the same bytes.
for name in $SCENARIOS; do
  scenario "$name"
  for server in "${SERVERS[@]}"; do
    port=${server#* }
    data=(); [ -n "$CHECK_BODY" ] && data=(--data-raw "${CHECK_BODY/PORT/$port}")
    status=$(curl -s -o "$OUT/check-$name-$port.json" -w '%{http_code}' -X "$CHECK_METHOD" \
      -H 'content-type: application/json' "${data[@]}" "http://127.0.0.1:$port$CHECK_PATH")
    case $status in
      2??) ;;
      *) echo "bench: $name on port $port answered $status: $(cat "$OUT/check-$name-$port.json")" >&2; exit 1 ;;
    esac
  done
  if [ "$CHECK_METHOD" = GET ] && ! cmp -s "$OUT/check-$name-$GENERATED_PORT.json" "$OUT/check-$name-$BASELINE_PORT.json"; then
    echo "bench: warning: the servers answer $CHECK_PATH differently (see $OUT/check-$name-*.json)" >&2
  fi
done

# One wrk run, its output in $OUT/<scenario>.c<connections>.<server>.<round>.txt. Two wrk threads at most: the
# machine has two cores, shared by wrk, the server and PostgreSQL.
run_wrk() {  # scenario connections server port round seconds
  local name=$1 connections=$2 server=$3 port=$4 round=$5 seconds=$6
  scenario "$name"
  env "${SCRIPT_ENV[@]}" WRK_RUN="$server-$connections-$round-$$" \
    wrk --latency -t $(( connections < 2 ? connections : 2 )) -c "$connections" -d "${seconds}s" \
    -s "Benchmarks/wrk/$SCRIPT" "http://127.0.0.1:$port" >"$OUT/$name.c$connections.$server.$round.txt" 2>&1
}

# pgbench on the statement get by id runs, prepared as the generated server runs it.
cat >"$OUT/get-by-id.sql" <<SQL
\set id random(1, $ROWS)
SELECT id, sku, name, category, price_cents, stock, created_at, updated_at FROM products WHERE id = :id;
SQL

# The database alone, per scenario: pgbench running the statements the generated server runs for one request (all
# prepared: the database's best case), at the same concurrency; with /health it bounds what any server can answer.
ORDER_COLUMNS="id, user_id, address_id, status, payment_method, created_at, updated_at"
PRODUCT_COLUMNS="id, sku, name, category, price_cents, stock, created_at, updated_at"
cat >"$OUT/database-cursor.sql" <<SQL
\set after random(0, $((ROWS - 25)))
SELECT $PRODUCT_COLUMNS FROM products WHERE id > :after ORDER BY id ASC LIMIT 26;
SQL
cat >"$OUT/database-offset.sql" <<SQL
\set page random(1, $((ROWS / 25)))
SELECT $ORDER_COLUMNS FROM orders ORDER BY id ASC LIMIT 25 OFFSET (:page - 1) * 25;
SELECT COUNT(*) FROM orders;
SQL
cat >"$OUT/database-patch.sql" <<SQL
\set id random(1, $ROWS)
\set stock random(0, 1000)
UPDATE products SET stock = :stock, updated_at = now() WHERE id = :id RETURNING $PRODUCT_COLUMNS;
SQL
cat >"$OUT/database-profile.sql" <<SQL
\set id random(1, $ROWS)
SELECT $ORDER_COLUMNS FROM orders WHERE id = :id;
SELECT id, full_name, email, created_at, updated_at FROM users WHERE id = :id;
SELECT id, user_id, label, street, city, country, zip_code FROM addresses WHERE id = :id;
SQL
# The page's users and addresses are rows first…first+24 (the bench data gives order i user i and address i).
cat >"$OUT/database-pageprofile.sql" <<SQL
\set page random(1, $((ROWS / 25)))
SELECT $ORDER_COLUMNS FROM orders ORDER BY id ASC LIMIT 25 OFFSET (:page - 1) * 25;
SELECT COUNT(*) FROM orders;
SELECT id, full_name, email, created_at, updated_at FROM users WHERE id BETWEEN (:page - 1) * 25 + 1 AND :page * 25;
SELECT id, user_id, label, street, city, country, zip_code FROM addresses WHERE id BETWEEN (:page - 1) * 25 + 1 AND :page * 25;
SQL

START=$(date +%s)
for scenario in $SCENARIOS; do
  for connections in $CONNECTIONS; do
    echo "bench: $scenario, $connections connection(s)"
    for server in "${SERVERS[@]}"; do run_wrk "$scenario" "$connections" ${server% *} ${server#* } warmup 1; done
    for round in $(seq "$ROUNDS"); do
      for server in "${SERVERS[@]}"; do run_wrk "$scenario" "$connections" ${server% *} ${server#* } "$round" "$SECONDS_PER_RUN"; done
      if [ "$scenario" = get ]; then
        pgbench -n -f "$OUT/get-by-id.sql" -c "$connections" -j "$connections" -T "$SECONDS_PER_RUN" -M prepared "$DB" \
          >"$OUT/pgbench.c$connections.$round.txt" 2>&1
      elif [ -f "$OUT/database-$scenario.sql" ]; then
        pgbench -n -f "$OUT/database-$scenario.sql" -c "$connections" -j $(( connections < 2 ? connections : 2 )) \
          -T "$SECONDS_PER_RUN" -M prepared "$DB" >"$OUT/database.$scenario.c$connections.$round.txt" 2>&1
      fi
    done
  done
done
echo "bench: measured in $(( $(date +%s) - START )) s"

# Peak resident memory (VmHWM) of each server over the whole run.
for pid_name in "$GENERATED_PID generated" "$BASELINE_PID baseline" ${PREVIOUS_PID:+"$PREVIOUS_PID previous"}; do
  read -r pid name <<<"$pid_name"
  echo "$name $(awk '/VmHWM/ {print $2}' "/proc/$pid/status")" >>"$OUT/memory.txt"
done
{
  echo "date $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpu $(nproc) × $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "swift $(swift --version 2>/dev/null | head -1)"
  echo "postgres $(psql -X -At -d "$DB" -c 'SHOW server_version')"
  echo "wrk $(wrk -v 2>&1 | head -1)"
  echo "settings seconds=$SECONDS_PER_RUN rounds=$ROUNDS pool=$POOL rows=$ROWS"
} >"$OUT/environment.txt"

cleanup; PIDS=()
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
python3 scripts/bench-http-report.py "$OUT" | tee "$OUT/report.md"
