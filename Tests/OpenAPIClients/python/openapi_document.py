"""Reading the store's OpenAPI document, and what the Python client flow (store_flow.py) relies on in it.

    python openapi_document.py check DOCUMENT    one line per broken requirement; exit 1 when there is one

The requirements (each was a change of the document; a document that loses one of them fails):
  - every `direction` query parameter is `asc`, `desc` only (openapi-python-client stops on ASC, DESC, asc, desc:
    "Duplicate key ASC in enum");
  - no request body lists a field its path sets (`userId` in the body of `POST /users/{userId}/addresses` or of
    `PATCH /users/{userId}/addresses/{addressId}`: the server answers 422 when the body has it);
  - every operation with a request body documents 413 and 415, and `payload_too_large` and `unsupported_media_type`
    are Error codes;
  - `GET /loom/jobs/{jobId}` answers 200 with LoomJobStatus;
  - every 202 answer that accepts one job (its body is JobAccepted) documents a `Location` header.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

METHODS = ("get", "put", "post", "patch", "delete")


def load(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def pointer(document: dict[str, Any], ref: str) -> Any:
    if not ref.startswith("#/"):
        raise ValueError(f"only local references are followed, not {ref}")
    node: Any = document
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def resolve(document: dict[str, Any], node: Any) -> Any:
    """Follows `$ref`s inside the document (`#/...` only)."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 20:
        node = pointer(document, node["$ref"])
        seen += 1
    return node


def operations(document: dict[str, Any]):
    """(path, method, operation) of every operation."""
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def json_schema(document: dict[str, Any], node: Any) -> dict[str, Any]:
    """The (unresolved) application/json schema of a request body or an answer, {} when there is none."""
    return resolve(document, node).get("content", {}).get("application/json", {}).get("schema", {})


def error_codes(document: dict[str, Any]) -> list[str]:
    error = resolve(document, document.get("components", {}).get("schemas", {}).get("Error", {}))
    detail = resolve(document, error.get("properties", {}).get("detail", {}))
    return resolve(document, detail.get("properties", {}).get("code", {})).get("enum", [])


def broken(document: dict[str, Any]) -> list[str]:
    """The requirements (see the module's doc) the document breaks, one line each; [] when it has them all."""
    out: list[str] = []
    paths = document.get("paths", {})

    wrong: dict[str, list[str]] = {}  # enum -> the operations with it
    for path, method, operation in operations(document):
        for parameter in operation.get("parameters", []):
            parameter = resolve(document, parameter)
            if parameter.get("name") == "direction" and parameter.get("in") == "query":
                enum = resolve(document, parameter.get("schema", {})).get("enum")
                if enum != ["asc", "desc"]:
                    wrong.setdefault(json.dumps(enum), []).append(f"{method.upper()} {path}")
    for enum, where in wrong.items():
        out.append(f"the direction enum is {enum}, not [\"asc\", \"desc\"], on {len(where)} operations: "
                   + ", ".join(where[:3]) + (", ..." if len(where) > 3 else ""))

    if "post" not in paths.get("/users/{userId}/addresses", {}):
        out.append("POST /users/{userId}/addresses is not in the document")
    for path, method, operation in operations(document):
        if "requestBody" not in operation:
            continue
        schema = resolve(document, json_schema(document, operation["requestBody"]))
        for name in re.findall(r"\{(\w+)\}", path):
            listed = [where for where in ("properties", "required") if name in schema.get(where, {})]
            if listed:
                out.append(f"{method.upper()} {path}: its body schema lists {name} (set by the path) in "
                           f"{' and '.join(listed)}")

    for path, method, operation in operations(document):
        if "requestBody" in operation:
            absent = [status for status in ("413", "415") if status not in operation.get("responses", {})]
            if absent:
                out.append(f"{method.upper()} {path}: has a request body but documents no {' and no '.join(absent)}")
    codes = error_codes(document)
    for code in ("payload_too_large", "unsupported_media_type"):
        if code not in codes:
            out.append(f"Error.detail.code has no {code}")

    status_route = paths.get("/loom/jobs/{jobId}", {}).get("get")
    if status_route is None:
        out.append("GET /loom/jobs/{jobId} is not in the document")
    else:
        answer = status_route.get("responses", {}).get("200")
        if answer is None or json_schema(document, answer).get("$ref") != "#/components/schemas/LoomJobStatus":
            out.append("GET /loom/jobs/{jobId}: its 200 is not documented as LoomJobStatus")

    for path, method, operation in operations(document):
        answer = operation.get("responses", {}).get("202")
        if answer is None or json_schema(document, answer).get("$ref") != "#/components/schemas/JobAccepted":
            continue
        if "Location" not in resolve(document, answer).get("headers", {}):
            out.append(f"{method.upper()} {path}: its 202 (JobAccepted) documents no Location header")
    return out


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "check":
        problems = broken(load(argv[1]))
        for line in problems:
            print(line)
        return 1 if problems else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
