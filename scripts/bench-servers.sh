# Sourced by the bench scripts: the servers a run starts, stopped whatever happens (a failed check, Ctrl-C). The
# script sets OUT (where each server's log goes), DATABASE_URL and POOL (every server gets the same) first.

PIDS=()
# Stops a server: SIGTERM, and SIGKILL if it has not exited within five seconds.
stop() {
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}
cleanup() { for pid in "${PIDS[@]}"; do stop "$pid"; done; }
trap cleanup EXIT

# Starts a server in the background (its pid appended to PIDS) and waits until it answers /health.
start_server() {  # name port command...
  local name=$1 port=$2; shift 2
  PORT=$port DATABASE_URL=$DATABASE_URL DATABASE_POOL_SIZE=$POOL "$@" >"$OUT/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    kill -0 "${PIDS[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench: $name did not start; its log:" >&2; cat "$OUT/$name.log" >&2; exit 1
}

stop_last_server() {
  stop "${PIDS[-1]}"
  unset 'PIDS[-1]'
}
