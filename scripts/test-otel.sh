#!/usr/bin/env bash
# The store server built with the OTel trait (swift-otel, in its own build folder .build-otel) exports its spans over
# OTLP/HTTP: a request, the use case it runs and its statements arrive at a collector as one trace, the request's
# span carrying its x-request-id. Run by `make test` (and `make test-otel`).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SWIFT=${SWIFT:-swift}
WORK=$(mktemp -d)
SERVER_PID=""; COLLECTOR_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$COLLECTOR_PID" ] && kill "$COLLECTOR_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "test-otel: FAIL: $*" >&2; [ -f "$WORK/server.log" ] && tail -20 "$WORK/server.log" >&2; exit 1; }

echo "test-otel: building the store with the OTel trait (.build-otel)"
$SWIFT build --traits OTel --product store --scratch-path .build-otel >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; fail "build"; }
STORE="$($SWIFT build --traits OTel --scratch-path .build-otel --show-bin-path)/store"

python3 scripts/otlp-collector.py "$WORK/spans.jsonl" >"$WORK/collector.port" &
COLLECTOR_PID=$!
for _ in $(seq 50); do [ -s "$WORK/collector.port" ] && break; sleep 0.1; done
COLLECTOR_PORT=$(cat "$WORK/collector.port")

TRACING_ENABLED=true PORT=0 DATABASE_URL="sqlite:$WORK/store.db" LOG_LEVEL=warning \
  OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$COLLECTOR_PORT" OTEL_EXPORTER_OTLP_PROTOCOL=http/json \
  OTEL_BSP_SCHEDULE_DELAY=100 "$STORE" --migrate >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do grep -q "listening on" "$WORK/server.log" 2>/dev/null && break; sleep 0.1; done
PORT=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$WORK/server.log" | grep -o '[0-9]*$') || fail "the server did not start"
BASE="http://127.0.0.1:$PORT"

curl -sf -o /dev/null -X POST "$BASE/products" -H 'content-type: application/json' \
  -d '{"sku":"S1","name":"Saw","category":"tools","priceCents":100}' || fail "POST /products"
STATUS=$(curl -s -o "$WORK/accepted.json" -w '%{http_code}' -X POST "$BASE/products/1/jobs/restock-email" \
  -H 'content-type: application/json' -H 'x-request-id: otel-trace-1' \
  -H 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' -d '{"recipientEmail":"ops@example.com"}')
[ "$STATUS" = 202 ] || fail "the use case answered $STATUS"
JOB_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["jobId"])' "$WORK/accepted.json")
for _ in $(seq 100); do
  curl -s "$BASE/loom/jobs/$JOB_ID" | grep -q '"succeeded"' && break
  sleep 0.1
done
curl -s "$BASE/loom/jobs/$JOB_ID" | grep -q '"succeeded"' || fail "the job did not succeed"

# SIGTERM flushes the spans still batched.
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || fail "the server did not stop cleanly"; SERVER_PID=""
sleep 0.5

python3 - "$WORK/spans.jsonl" <<'PY' || fail "the spans"
import json, sys
spans = [json.loads(line) for line in open(sys.argv[1])]
request = [s for s in spans if s["attributes"].get("http.response.header.x_request_id") == "otel-trace-1"]
assert len(request) == 1, f"one request span with the request id, got {len(request)} of {len(spans)} spans"
request = request[0]
assert request["service"] == "store", request["service"]
assert request["name"] == "/products/{productId}/jobs/restock-email", request["name"]
assert request["attributes"]["http.response.status_code"] == 202, request["attributes"]
# The caller's traceparent: the request's span continues its trace.
assert request["traceId"] == "4bf92f3577b34da6a3ce929d0e0e4736", request["traceId"]
assert request["parentSpanId"] == "00f067aa0ba902b7", request["parentSpanId"]
trace = [s for s in spans if s["traceId"] == request["traceId"]]
use_case = [s for s in trace if s["name"] == "usecase DispatchRestockEmail"]
assert len(use_case) == 1, [s["name"] for s in trace]
assert use_case[0]["parentSpanId"] == request["spanId"]
assert use_case[0]["attributes"]["loom.request_id"] == "otel-trace-1"
statements = [s for s in trace if s["attributes"].get("db.system.name") == "sqlite"]
assert statements, [s["name"] for s in trace]
assert all(s["kind"] in (3, "SPAN_KIND_CLIENT") for s in statements), [s["kind"] for s in statements]
under_use_case = [s for s in statements if s["parentSpanId"] == use_case[0]["spanId"]]
assert under_use_case, "no statement span is a child of the use case's"
# The job the use case dispatched: a trace of its own, carrying the request id, its statements under it.
jobs = [s for s in spans if s["name"] == "job SendRestockEmail"]
assert len(jobs) == 1, [s["name"] for s in spans]
assert jobs[0]["attributes"]["loom.request_id"] == "otel-trace-1", jobs[0]["attributes"]
assert any(s["parentSpanId"] == jobs[0]["spanId"] for s in spans), "no span under the job's"
# No statement outside a request or a job: a worker's idle polls make no traces.
roots = [s["name"] for s in spans if not s["parentSpanId"] and "db.system.name" in s["attributes"]]
assert not roots, roots
print(f"test-otel: {len(spans)} spans; the request's trace: " + ", ".join(s["name"] for s in trace))
PY
echo "test-otel: ok"
