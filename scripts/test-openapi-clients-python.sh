#!/usr/bin/env bash
# The store's OpenAPI document (Generated/store/openapi.json) as a Python client team uses it:
#  1. the document has what the flow relies on (Tests/OpenAPIClients/python/openapi_document.py check: direction
#     asc/desc, no body field that its path sets, 413/415 on every body, GET /loom/jobs/{jobId}, Location on the 202
#     of a job); validators: openapi-spec-validator, and openapi-generator's `validate` (the PyPI package
#     openapi-generator-cli bundles its jar; Java comes from Debian's default-jre-headless, installed when `java` is
#     missing);
#  2. openapi-python-client generates a client into a scratch folder; a generator error, or any warning (a schema or
#     an operation it skipped), fails;
#  3. Tests/OpenAPIClients/python/store_flow.py drives that client through one flow against a store server on SQLite
#     (a temporary database file) and, when POSTGRES_PORT is set and PostgreSQL answers there, on a fresh PostgreSQL
#     database too (psql -h 127.0.0.1 -p $POSTGRES_PORT -U postgres; `bash scripts/services.sh` starts one on 55432);
#     the store must serve (GET /openapi.json) the very document the client was generated from.
# The validators and the generation run side by side, and so do the two flows. Every check must pass.
# The Python tools live in .build/openapi-python-venv (installed from Tests/OpenAPIClients/python/requirements.txt,
# only when missing or when the pins change). LOOM_STORE_BIN is the server binary (default .build/debug/store).
# Every part runs even if one before failed (unless the client could not be generated); the exit code is 1 if any did.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
STORE_BIN=${LOOM_STORE_BIN:-.build/debug/store}
case $STORE_BIN in /*) ;; *) STORE_BIN=$ROOT/$STORE_BIN ;; esac
if [ ! -x "$STORE_BIN" ]; then
  echo "test-openapi-clients-python: no store at $STORE_BIN (swift build --product store, or set LOOM_STORE_BIN)"
  exit 1
fi
DOC=${LOOM_OPENAPI_DOC:-$ROOT/Generated/store/openapi.json}   # another document of the store: LOOM_OPENAPI_DOC
case $DOC in /*) ;; *) DOC=$ROOT/$DOC ;; esac
HERE=$ROOT/Tests/OpenAPIClients/python
VENV=$ROOT/.build/openapi-python-venv
export DEBIAN_FRONTEND=noninteractive
export PYTHONDONTWRITEBYTECODE=1   # no __pycache__ in Tests/OpenAPIClients
export _TYPER_STANDARD_TRACEBACK=1 # a generator crash as a plain traceback, not a boxed one
say() { echo "test-openapi-clients-python: $*"; }
SUDO=(); [ "$(id -u)" = 0 ] || SUDO=(sudo)
apt_updated=0
apt_install() {
  [ "$apt_updated" = 1 ] || { "${SUDO[@]}" apt-get update -qq; apt_updated=1; }
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends --no-upgrade "$@" >/dev/null
}

passed=0; failed=0
ok() { say "ok: $*"; passed=$((passed + 1)); }
fail() { say "FAIL: $*"; failed=$((failed + 1)); }

work=$(mktemp -d)
pids=(); databases=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  for db in "${databases[@]}"; do
    psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -d postgres -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
      >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Debian packages: the venv module where python3 is Debian's.
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  say "installing python3-venv"
  apt_install python3-venv
fi

# The Python tools, in a virtualenv of their own: installed when missing or when requirements.txt changed.
if ! cmp -s "$HERE/requirements.txt" "$VENV/requirements.txt" \
   || ! "$VENV/bin/python" -c 'import openapi_python_client, openapi_spec_validator, openapi_generator_cli' >/dev/null 2>&1; then
  say "installing openapi-python-client, openapi-spec-validator, openapi-generator-cli into .build/openapi-python-venv (PyPI)"
  start=$(date +%s)
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$HERE/requirements.txt"
  cp "$HERE/requirements.txt" "$VENV/requirements.txt"
  say "installed in $(( $(date +%s) - start )) s"
fi
export PATH=$VENV/bin:$PATH   # openapi-python-client runs ruff (its dependency) on what it generates

# Java for openapi-generator: Debian's default JRE when there is no java.
if ! command -v java >/dev/null 2>&1; then
  say "installing default-jre-headless (no java)"
  start=$(date +%s)
  if apt_install default-jre-headless; then
    say "installed default-jre-headless in $(( $(date +%s) - start )) s"
  else
    say "could not install default-jre-headless"
  fi
fi

# 1 and 2 side by side: each writes its log and its seconds; the results are read once all are done.
timed() {  # timed NAME COMMAND...: runs COMMAND, its output in $work/NAME.log, its status and seconds in $work/NAME.rc
  local start=$SECONDS rc=0
  "${@:2}" >"$work/$1.log" 2>&1 || rc=$?
  echo "$rc $(( SECONDS - start ))" >"$work/$1.rc"
}
generate() {  # generate DOCUMENT OUT_PACKAGE: fails on an error and on any warning
  "$VENV/bin/openapi-python-client" generate --path "$1" --output-path "$2" --meta none --fail-on-warning
}
checks=()
timed requirements "$VENV/bin/python" "$HERE/openapi_document.py" check "$DOC" & checks+=($!)
timed spec-validator "$VENV/bin/openapi-spec-validator" "$DOC" & checks+=($!)
if command -v java >/dev/null 2>&1; then
  timed generator-validate "$VENV/bin/openapi-generator-cli" validate --recommend -i "$DOC" & checks+=($!)
fi
timed generate generate "$DOC" "$work/client/store_client" & checks+=($!)
wait "${checks[@]}"
rc() { cut -d' ' -f1 "$work/$1.rc"; }
secs() { echo "$(cut -d' ' -f2 "$work/$1.rc") s"; }

# 1a. What the flow relies on.
if [ "$(rc requirements)" = 0 ]; then
  ok "the document has what the flow relies on ($(secs requirements))"
else
  fail "the document lacks what the flow relies on:"; cut -c1-250 "$work/requirements.log" | sed 's/^/  /'
fi

# 1b. openapi-spec-validator
if [ "$(rc spec-validator)" = 0 ]; then
  ok "openapi-spec-validator: $(tail -1 "$work/spec-validator.log" | cut -c1-200) ($(secs spec-validator))"
else
  fail "openapi-spec-validator:"; cut -c1-250 "$work/spec-validator.log" | tail -40
fi

# 1c. openapi-generator validate (Java).
if [ -f "$work/generator-validate.rc" ]; then
  if [ "$(rc generator-validate)" = 0 ]; then
    ok "openapi-generator validate ($(secs generator-validate))"
  else
    fail "openapi-generator validate:"
  fi
  # Its warnings and recommendations (unused models, ...) are shown, not failed on.
  grep -vE '^\s*$|^Validating spec' "$work/generator-validate.log" | sed 's/^/  /' | cut -c1-250 | head -40
else
  fail "openapi-generator validate: no java (apt-get install default-jre-headless failed)"
fi

# 2. openapi-python-client: a client from the document, into the scratch folder.
client=""
if [ "$(rc generate)" = 0 ] && ! grep -q 'Warning(s) encountered' "$work/generate.log"; then
  ok "openapi-python-client $("$VENV/bin/openapi-python-client" --version | awk '{print $NF}') generated the client," \
    "no warning ($(secs generate))"
  client=$work/client/store_client
else
  # The generator's complaints, trimmed: the exception line or the warning blocks.
  fail "openapi-python-client:"
  grep -vE '^\s*$|^Generating |please open an issue|^  File |^    |^Traceback' "$work/generate.log" | tail -20 \
    | cut -c1-250 | sed 's/^/  /'
fi

# 3. The flow against a store on each database: the stores start one after the other, the flows run side by side.
labels=()
start_store() {  # start_store LABEL DATABASE_URL: a store on a free port, written to $work/port-LABEL
  local label=$1 log=$work/store-$1.log port="" pid
  PORT=0 HOST=127.0.0.1 DATABASE_URL=$2 MIGRATE=1 LOG_LEVEL=warning "$STORE_BIN" >"$log" 2>&1 &
  pid=$!; pids+=("$pid")
  for _ in $(seq 600); do
    port=$(grep -oE 'listening on http://127\.0\.0\.1:[0-9]+' "$log" | head -1 | grep -oE '[0-9]+$' || true)
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    fail "$label: the store did not report its port; its output:"; tail -20 "$log" | cut -c1-250
    return
  fi
  say "$label: store on http://127.0.0.1:$port"
  echo "$port" >"$work/port-$label"
  labels+=("$label")
}

if [ -z "$client" ]; then
  fail "store_flow: not run (no client was generated)"
else
  mkdir -p "$work/sqlite"
  start_store sqlite "sqlite:$work/sqlite/store.db"
  if [ -n "${POSTGRES_PORT:-}" ]; then
    command -v psql >/dev/null 2>&1 || { say "installing postgresql-client (psql)"; apt_install postgresql-client; }
    if psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
      db=loom_oapi_py_$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')
      if psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE $db"; then
        databases+=("$db")
        start_store postgres "postgres://postgres@127.0.0.1:$POSTGRES_PORT/$db"
      else
        fail "postgres: CREATE DATABASE $db failed"
      fi
    else
      say "postgres: skipped (POSTGRES_PORT=$POSTGRES_PORT, but PostgreSQL does not answer there)"
    fi
  else
    say "postgres: skipped (POSTGRES_PORT is not set)"
  fi
  flows=()
  for label in "${labels[@]}"; do
    timed "flow-$label" timeout 300 "$VENV/bin/python" "$HERE/store_flow.py" \
      "http://127.0.0.1:$(cat "$work/port-$label")" --client "$client" --document "$DOC" --label "$label" &
    flows+=($!)
  done
  [ "${#flows[@]}" = 0 ] || wait "${flows[@]}"
  for label in "${labels[@]}"; do
    if [ "$(rc "flow-$label")" = 0 ]; then
      ok "$label: store_flow ($(secs "flow-$label"))"
    else
      fail "$label: store_flow ($(secs "flow-$label"))"
    fi
    cut -c1-400 "$work/flow-$label.log" | sed 's/^/  /'
  done
fi

echo "test-openapi-clients-python: $passed passed, $failed failed"
[ "$failed" = 0 ]
