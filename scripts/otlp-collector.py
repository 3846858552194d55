#!/usr/bin/env python3
"""A minimal OTLP/HTTP collector for `scripts/test-otel.sh`: accepts JSON-encoded exports (OTEL_EXPORTER_OTLP_PROTOCOL=
http/json) on POST /v1/traces and appends every span, flattened to one JSON object per line, to the file given.
Prints its port on stdout once listening (port 0 picks a free one)."""
import base64
import http.server
import json
import re
import sys

OUT = sys.argv[1]


def flatten(value):
    """An OTLP AnyValue as a plain Python value."""
    for kind in ("stringValue", "boolValue", "doubleValue"):
        if kind in value:
            return value[kind]
    if "intValue" in value:
        return int(value["intValue"])
    return value


def hex_id(value):
    """A trace or span id as hex: OTLP/JSON says hex, swift-otel sends protobuf-JSON's base64; either is read."""
    if not value or re.fullmatch(r"[0-9a-f]{16}|[0-9a-f]{32}", value):
        return value or ""
    return base64.b64decode(value).hex()


class Collector(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        if self.path == "/v1/traces":
            export = json.loads(body)
            with open(OUT, "a") as out:
                for resource in export.get("resourceSpans", []):
                    service = {a["key"]: flatten(a["value"]) for a in resource.get("resource", {}).get("attributes", [])}
                    for scope in resource.get("scopeSpans", []):
                        for span in scope.get("spans", []):
                            out.write(json.dumps({
                                "service": service.get("service.name"),
                                "traceId": hex_id(span.get("traceId")),
                                "spanId": hex_id(span.get("spanId")),
                                "parentSpanId": hex_id(span.get("parentSpanId")),
                                "name": span.get("name"),
                                "kind": span.get("kind"),
                                "attributes": {a["key"]: flatten(a["value"]) for a in span.get("attributes", [])},
                            }) + "\n")
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Collector)
print(server.server_address[1], flush=True)
server.serve_forever()
