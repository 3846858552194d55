#!/usr/bin/env bash
# `make bench-helpdesk` (and the end of `make bench`): what access rules cost, over HTTP with wrk, on the test
# PostgreSQL (`make services`). One release `helpdesk` server, the same routes, three callers:
#
# - admin: `allow all when auth.role == admin` folds to every row, so its statements are those of a model without
#   rules (get by id is the prepared select by key): the rule-free figure, with the same JWT check as the others;
# - agent: its read rule folds to every row too;
# - customer (of organization 1): its read rule becomes `AND "org_id" = $n` in the statement, and get by id runs a
#   dynamic statement instead of the prepared one.
#
# A fresh database (loom_bench_helpdesk) gets the helpdesk's schema (its own `--migrate`), then 10 organizations,
# 10 customers a organization, 10 agents, 1 admin and BENCH_ROWS tickets spread over the organizations. Every caller
# asks for the same things, all of which the customer may read (so every answer is a 200 with the same rows where the
# rules allow them): get by id of organization 1's tickets, the first page of the list, and cursor pages spread over
# the table. For each scenario and connection count, wrk runs 1 s against each caller to warm up, then admin, agent,
# customer, admin, … for BENCH_ROUNDS rounds of BENCH_SECONDS each. The table (scripts/bench-helpdesk-report.py) is
# printed and saved to $BENCH_OUT/report.md.
#
# Knobs: BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS ("1 32"), BENCH_POOL_SIZE (32), BENCH_ROWS (10000),
# BENCH_SCENARIOS (all: "get list cursor"), BENCH_OUT (.build/bench-helpdesk).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"  # the wrk scripts load Benchmarks/wrk/report.lua by a relative path

SECONDS_PER_RUN=${BENCH_SECONDS:-5}
ROUNDS=${BENCH_ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-"1 32"}
POOL=${BENCH_POOL_SIZE:-32}
ROWS=${BENCH_ROWS:-10000}
SCENARIOS=${BENCH_SCENARIOS:-"get list cursor"}
OUT=${BENCH_OUT:-$ROOT/.build/bench-helpdesk}
PG_HOST=${POSTGRES_HOSTNAME:-127.0.0.1}
PG_PORT=${POSTGRES_PORT:-55432}
PG_USER=${POSTGRES_USER:-postgres}
DB=loom_bench_helpdesk
DATABASE_URL="postgres://$PG_USER@$PG_HOST:$PG_PORT/$DB?sslmode=disable"
PORT=${BENCH_HELPDESK_PORT:-18092}
BIN=${BENCH_BIN:-$(swift build -c release --show-bin-path)}
CALLERS="admin agent customer"
# A secret for this run only: the server checks the tokens `helpdesk token` signs with it.
export AUTH_JWT_SECRET=${AUTH_JWT_SECRET:-loom-bench-helpdesk-secret-0123456789abcdef}
export PGHOST=$PG_HOST PGPORT=$PG_PORT PGUSER=$PG_USER

if ! command -v wrk >/dev/null 2>&1; then
  echo "bench: installing wrk"
  SUDO=(); [ "$(id -u)" = 0 ] || SUDO=(sudo)
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends --no-upgrade wrk >/dev/null
fi

rm -rf "$OUT"; mkdir -p "$OUT"
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

source scripts/bench-servers.sh

echo "bench: helpdesk, database $DB ($ROWS tickets), pool $POOL, ${ROUNDS}×${SECONDS_PER_RUN} s a cell, connections $CONNECTIONS"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

# The schema, by the helpdesk itself, once; then the data, in SQL. Users: 1 is the admin, 2–11 the agents, then ten
# customers for each organization (organization o's are 12 + 10 (o − 1) … 21 + 10 (o − 1)). Ticket i belongs to
# organization 1 + i % 10.
start_server migrate "$PORT" "$BIN/helpdesk" --migrate
stop_last_server
psql_db <<SQL
INSERT INTO organizations (name) SELECT 'Organization ' || o FROM generate_series(1, 10) o;
INSERT INTO users (email, full_name, role, org_id) VALUES ('admin@example.com', 'Admin', 'admin', NULL);
INSERT INTO users (email, full_name, role, org_id)
  SELECT 'agent' || a || '@example.com', 'Agent ' || a, 'agent', NULL FROM generate_series(1, 10) a;
INSERT INTO users (email, full_name, role, org_id)
  SELECT 'customer' || o || '-' || c || '@example.com', 'Customer ' || c || ' of ' || o, 'customer', o
  FROM generate_series(1, 10) o, generate_series(1, 10) c ORDER BY o, c;
INSERT INTO tickets (org_id, customer_id, assignee_id, title, body, status, priority)
  SELECT 1 + i % 10, 12 + 10 * (i % 10) + (i / 10) % 10, CASE WHEN i % 3 = 0 THEN NULL ELSE 2 + i % 10 END,
         'Ticket ' || i, 'The printer on floor ' || (i % 7) || ' does not print since the update of ticket ' || i || '.',
         (ARRAY['open', 'pending', 'solved', 'closed'])[1 + i % 4], (ARRAY['low', 'normal', 'high', 'urgent'])[1 + i % 4]
  FROM generate_series(1, $ROWS) i;
VACUUM ANALYZE;
SQL
CUSTOMER=$(psql_db -At -c "SELECT min(id) FROM users WHERE role = 'customer' AND org_id = 1")

# What every caller asks for: the ids of organization 1's tickets (get by id), and cursor tokens for 2,000 pages spread
# over the table, in the helpdesk's format (checked against the server below), stopping 250 ids short of the end so
# the customer's pages are full too.
psql_db -At -c "SELECT id FROM tickets WHERE org_id = 1 ORDER BY id" >"$OUT/ids.txt"
python3 - "$ROWS" "$OUT" <<'PY'
import base64, sys
rows, out = int(sys.argv[1]), sys.argv[2]
def token(after):
    body = base64.urlsafe_b64encode(('{"s":"id:asc","v":[{"i":%d}]}' % after).encode()).decode().rstrip("=")
    value = 0xcbf29ce484222325
    for byte in b"loom-cursor-v1:" + body.encode():
        value = ((value ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return body + "." + format(value, "x")
with open(out + "/cursors.txt", "w") as file:
    for n in range(2000):
        print(token(n * max(rows - 250, 0) // 2000), file=file)
with open(out + "/cursor-after-25.txt", "w") as file:
    print(token(25), file=file)
PY

# The callers' tokens, valid for a day, signed with the server's secret.
token() { "$BIN/helpdesk" token --ttl 86400 "$@"; }
declare -A TOKENS
TOKENS[admin]=$(token --sub 1 --role admin)
TOKENS[agent]=$(token --sub 2 --role agent)
TOKENS[customer]=$(token --sub "$CUSTOMER" --role customer --org 1)

# Uncached (the tickets are `cache ttl 30s`): this measures what the rules cost in the statements.
start_server helpdesk "$PORT" env METRICS_ENABLED=true CACHE_ENABLED=false "$BIN/helpdesk"
SERVER_PID=${PIDS[-1]}

# A scenario's wrk script (SCRIPT), the environment it reads (SCRIPT_ENV), and the one request that checks it first.
scenario() {
  case $1 in
    get)    SCRIPT=lines.lua SCRIPT_ENV=("WRK_PATH=/tickets/{line}" "WRK_LINES=$OUT/ids.txt")
            CHECK_PATH=/tickets/$(sed -n 2p "$OUT/ids.txt") ;;
    list)   SCRIPT=path.lua SCRIPT_ENV=("WRK_PATH=/tickets?limit=25") CHECK_PATH="/tickets?limit=25" ;;
    cursor) SCRIPT=lines.lua SCRIPT_ENV=("WRK_PATH=/tickets?limit=25&after={line}" "WRK_LINES=$OUT/cursors.txt")
            CHECK_PATH="/tickets?limit=25&after=$(sed -n 1001p "$OUT/cursors.txt")" ;;
    *) echo "bench: unknown scenario $1" >&2; exit 1 ;;
  esac
}

# One request of each scenario as each caller first: a wrong status would make every figure meaningless. The admin
# and the agent must answer the same bytes; get by id the same for the customer too; every row the customer gets is
# of its organization.
for name in $SCENARIOS; do
  scenario "$name"
  for caller in $CALLERS; do
    status=$(curl -s -o "$OUT/check-$name-$caller.json" -w '%{http_code}' \
      -H "Authorization: Bearer ${TOKENS[$caller]}" "http://127.0.0.1:$PORT$CHECK_PATH")
    [ "$status" = 200 ] || { echo "bench: $name as $caller answered $status: $(cat "$OUT/check-$name-$caller.json")" >&2; exit 1; }
  done
  cmp -s "$OUT/check-$name-admin.json" "$OUT/check-$name-agent.json" \
    || echo "bench: warning: admin and agent answer $CHECK_PATH differently (see $OUT/check-$name-*.json)" >&2
  if [ "$name" = get ]; then
    cmp -s "$OUT/check-$name-admin.json" "$OUT/check-$name-customer.json" \
      || echo "bench: warning: admin and customer answer $CHECK_PATH differently (see $OUT/check-$name-*.json)" >&2
  else
    python3 - "$OUT/check-$name-customer.json" <<'PY' || exit 1
import json, sys
page = json.load(open(sys.argv[1]))
rows = next(value for value in page.values() if isinstance(value, list))
if len(rows) != 25 or any(row["orgId"] != 1 for row in rows):
    sys.exit(f"bench: the customer's page has {len(rows)} rows, organizations {sorted({r['orgId'] for r in rows})}")
PY
  fi
done
# The cursor tokens are the server's own: the admin's first page ends at id 25.
if [[ " $SCENARIOS " == *" list "* ]] && ! grep -qF "$(cat "$OUT/cursor-after-25.txt")" "$OUT/check-list-admin.json"; then
  echo "bench: warning: the helpdesk's cursor tokens differ from the script's (see $OUT/check-list-admin.json)" >&2
fi

# One wrk run, its output in $OUT/<scenario>.c<connections>.<caller>.<round>.txt. Two wrk threads at most: the
# machine has two cores, shared by wrk, the server and PostgreSQL.
run_wrk() {  # scenario connections caller round seconds
  local name=$1 connections=$2 caller=$3 round=$4 seconds=$5
  scenario "$name"
  env "${SCRIPT_ENV[@]}" \
    wrk --latency -t $(( connections < 2 ? connections : 2 )) -c "$connections" -d "${seconds}s" \
    -H "Authorization: Bearer ${TOKENS[$caller]}" \
    -s "Benchmarks/wrk/$SCRIPT" "http://127.0.0.1:$PORT" >"$OUT/$name.c$connections.$caller.$round.txt" 2>&1
}

START=$(date +%s)
for scenario in $SCENARIOS; do
  for connections in $CONNECTIONS; do
    echo "bench: $scenario, $connections connection(s)"
    for caller in $CALLERS; do run_wrk "$scenario" "$connections" "$caller" warmup 1; done
    for round in $(seq "$ROUNDS"); do
      for caller in $CALLERS; do run_wrk "$scenario" "$connections" "$caller" "$round" "$SECONDS_PER_RUN"; done
    done
  done
done
echo "bench: measured in $(( $(date +%s) - START )) s"

echo "helpdesk $(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")" >"$OUT/memory.txt"
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
python3 scripts/bench-helpdesk-report.py "$OUT" | tee "$OUT/report.md"
