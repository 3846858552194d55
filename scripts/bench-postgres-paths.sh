#!/usr/bin/env bash
# Issue #22: postgres-nio's pool vs postgres-nio connections bound to NIO's event loops vs libpq in pipeline mode, on
# many concurrent small queries, in one process and one run (Benchmarks/PostgresPathBenchmark), with pgbench on the
# same statements as the ceiling. Creates the database loom_bench_paths (10,000 products), drops it at the end.
# Run by `make bench-postgres-paths`, which builds the benchmark (release) first. About 4 minutes.
# Settings: POSTGRES_HOSTNAME (127.0.0.1), POSTGRES_PORT (55432), BENCH_BIN (the release bin path); the benchmark's
# own (BENCH_SECONDS, BENCH_ROUNDS, …) are described in its main.swift.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HOST=${POSTGRES_HOSTNAME:-127.0.0.1}
PORT=${POSTGRES_PORT:-${PGPORT:-55432}}
DB=loom_bench_paths
BIN=${BENCH_BIN:-$(cd "$ROOT" && swift build -c release --show-bin-path)}
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" -U postgres)
export POSTGRES_HOSTNAME=$HOST POSTGRES_PORT=$PORT BENCH_DATABASE=$DB
WORK=$(mktemp -d)

cleanup() {
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "creating $DB (10,000 products)" >&2
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
"${PSQL[@]}" -d "$DB" >/dev/null <<'SQL'
CREATE TABLE products (
  id bigserial PRIMARY KEY,
  sku varchar(64) NOT NULL UNIQUE,
  name varchar(150) NOT NULL,
  category varchar(120) NOT NULL,
  price_cents bigint NOT NULL,
  stock bigint NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
INSERT INTO products (sku, name, category, price_cents, stock, created_at, updated_at)
SELECT 'SKU-' || lpad(g::text, 6, '0'), 'Product number ' || g || ' of the benchmark catalogue',
       'category-' || (g % 40), 100 + (g * 7919) % 100000, g % 500,
       timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute 0.123456 second',
       timestamptz '2026-06-01 00:00:00+00' + g * interval '37.654321 second'
FROM generate_series(1, 10000) AS g;
VACUUM ANALYZE products;
SQL

# pgbench: the same two statements, prepared, 32 clients on 2 threads: what PostgreSQL itself answers on this
# machine with a C client.
cat >"$WORK/get.sql" <<'SQL'
\set id random(1, 10000)
SELECT id, sku, name, category, price_cents, stock, created_at, updated_at FROM products WHERE id = :id;
SQL
cat >"$WORK/page.sql" <<'SQL'
\set after random(0, 9975)
SELECT id, sku, name, category, price_cents, stock, created_at, updated_at FROM products WHERE id > :after ORDER BY id LIMIT 25;
SQL
# And the get by id pipelined by pgbench itself (\startpipeline, 8 queries a sync, 4 clients): the reference for libpq's
# pipeline mode. A pgbench "transaction" is then 8 queries.
{
  for i in 1 2 3 4 5 6 7 8; do echo "\\set id$i random(1, 10000)"; done
  echo '\startpipeline'
  for i in 1 2 3 4 5 6 7 8; do
    echo "SELECT id, sku, name, category, price_cents, stock, created_at, updated_at FROM products WHERE id = :id$i;"
  done
  echo '\endpipeline'
} >"$WORK/get-pipelined.sql"
pgbench_row() {  # label, workload, script, clients, threads, queries per transaction
  local out tps lat
  out=$(pgbench -n -M prepared -c "$4" -j "$5" -T 5 -f "$WORK/$3" -h "$HOST" -p "$PORT" -U postgres "$DB" 2>&1)
  tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' <<<"$out" | head -1)
  lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$out" | head -1)
  [ -n "$tps" ] || { echo "pgbench failed: $out" >&2; exit 1; }
  printf '| %s | %s | %s | %.0f | | (avg %s per script) | | | |\n' "$1" "$2" "$4" "$(echo "$tps * $6" | bc -l)" "$lat"
}
echo "pgbench" >&2
PGBENCH_ROWS=$(
  pgbench_row "pgbench -M prepared -c 32 -j 2" "get by id" get.sql 32 2 1
  pgbench_row "pgbench -M prepared -c 32 -j 2" "page of 25" page.sql 32 2 1
  pgbench_row "pgbench -M prepared -c 4 -j 2, pipelines of 8" "get by id" get-pipelined.sql 4 2 8
)

echo "PostgresPathBenchmark" >&2
ROWS=$("$BIN/PostgresPathBenchmark")

echo
echo "| mode | workload | tasks | queries/s (median) | queries/s (range) | p50 ms | p99 ms | CPU µs/query | errors |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
echo "$ROWS"
echo "$PGBENCH_ROWS"
echo
echo "CPU µs/query: the benchmark process's user+system time (getrusage) ÷ queries, median of the rounds; PostgreSQL's own CPU is not in it. pgbench: one 5 s run, its average latency."
