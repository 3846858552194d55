#!/usr/bin/env bash
# The store's OpenAPI document through a client team's eyes: Tests/OpenAPIClients/swift is a SwiftPM package whose
# StoreFlow target gets a typed client from Apple's swift-openapi-generator (build plugin, idiomatic naming) out of
# the committed Generated/store/openapi.json (a symlink), and runs a store flow against a real server over URLSession.
#  1. Builds the package (scratch folder .build-openapi-swift). A document the generated client cannot compile fails here.
#  2. Starts the store server on SQLite (a temporary file) and, when POSTGRES_PORT is set and PostgreSQL answers, on a
#     fresh PostgreSQL database too; runs StoreFlow against each and stops the servers.
# LOOM_STORE_BIN is the server (default .build/debug/store: run `swift build` first). Exits 1 if a build or run failed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
STORE_BIN=${LOOM_STORE_BIN:-.build/debug/store}
case $STORE_BIN in /*) ;; *) STORE_BIN=$ROOT/$STORE_BIN ;; esac
PACKAGE=$ROOT/Tests/OpenAPIClients/swift
SCRATCH=$ROOT/.build-openapi-swift
if [ ! -x "$STORE_BIN" ]; then
  echo "test-openapi-clients-swift: no store server at $STORE_BIN (swift build --product store, or set LOOM_STORE_BIN)"
  exit 1
fi

work=$(mktemp -d)
pids=()
pg_db=""
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${POSTGRES_PORT:-5432}" -U postgres -d postgres)
cleanup() {
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  if [ -n "$pg_db" ]; then "${PSQL[@]}" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# 1. The client package.
echo "test-openapi-clients-swift: building $PACKAGE (swift-openapi-generator on Generated/store/openapi.json)"
start=$(date +%s)
if ! swift build --package-path "$PACKAGE" --scratch-path "$SCRATCH" >"$work/build.log" 2>&1; then
  grep -E "error:" "$work/build.log" | sort -u | head -20 || true
  tail -5 "$work/build.log"
  echo "test-openapi-clients-swift: FAIL: the client generated from Generated/store/openapi.json does not build" \
    "(full log above the summary lines; $(( $(date +%s) - start )) s)"
  echo "openapi-clients-swift: 0 passed, 1 failed"
  exit 1
fi
echo "test-openapi-clients-swift: built in $(( $(date +%s) - start )) s"
# What the generator (OpenAPIKit) found questionable in the document, when it ran: shown, not failed.
grep -o "Validation warning: .*" "$work/build.log" | cut -c1-400 | sort -u | sed 's/^/test-openapi-clients-swift: generator: /' || true
FLOW=$SCRATCH/debug/StoreFlow

# Starts the store on DATABASE_URL $2 (name $1), waits for its "listening on" line, and sets $base_url.
start_server() {
  local name=$1 url=$2 log=$work/$1.log
  PORT=0 HOST=127.0.0.1 DATABASE_URL=$url MIGRATE=1 LOG_LEVEL=warning "$STORE_BIN" >"$log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  base_url=""
  for _ in $(seq 1 600); do
    base_url=$(grep -o -m1 'listening on http://127\.0\.0\.1:[0-9]*' "$log" | sed 's/^listening on //' || true)
    [ -n "$base_url" ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "test-openapi-clients-swift: the $name server did not start; its output:"
  tail -20 "$log"
  return 1
}

stop_server() {
  local pid=${pids[-1]}
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

passed=0
failed=0
run_flow() {
  local name=$1 url=$2
  echo "test-openapi-clients-swift: StoreFlow on $name"
  if ! start_server "$name" "$url"; then failed=$((failed + 1)); return; fi
  if timeout 120 "$FLOW" "$base_url"; then
    passed=$((passed + 1))
  else
    echo "test-openapi-clients-swift: FAIL: StoreFlow on $name (server log: $(tail -3 "$work/$name.log" | tr '\n' ' ' | cut -c1-300))"
    failed=$((failed + 1))
  fi
  stop_server
}

# 2. SQLite, in a temporary file.
run_flow sqlite "sqlite:$work/store.db"

# 3. PostgreSQL, a fresh database, when asked for and answering.
if [ -n "${POSTGRES_PORT:-}" ]; then
  if command -v psql >/dev/null 2>&1 && "${PSQL[@]}" -c 'SELECT 1' >/dev/null 2>&1; then
    pg_db=loom_openapi_swift_$$_$RANDOM
    "${PSQL[@]}" -c "CREATE DATABASE $pg_db"
    run_flow postgres "postgres://postgres@127.0.0.1:$POSTGRES_PORT/$pg_db?sslmode=disable"
  else
    echo "test-openapi-clients-swift: POSTGRES_PORT=$POSTGRES_PORT set but PostgreSQL does not answer: SQLite only"
  fi
fi

echo "openapi-clients-swift: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
