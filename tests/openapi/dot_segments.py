"""Every path param value the document allows must get a conforming answer.

Random fuzzing rarely tries `.` and `..`, which schemathesis sends as `%2E` and
`%2E%2E`: dot segments, which apigen resolves with a 308 (to another route).
For each path param of each operation, each of these values (and the empty
string) is either refused by the param's own schema or sent, and its answer
checked. Run by .ci/openapi.sh against each server it starts."""
import sys

import jsonschema
import schemathesis
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# dot_segments.py <base URL> [<document path>, default /api/openapi.json]
base = sys.argv[1]
schema = schemathesis.openapi.from_url(base + (sys.argv[2] if len(sys.argv) > 2 else "/api/openapi.json"))
doc = schema.raw_schema
failed = sent = refused = 0
for path, item in doc["paths"].items():
    for method, op in item.items():
        for param in op.get("parameters", []):
            if param["in"] != "path":
                continue
            for value in [".", "..", ""]:
                if not jsonschema.Draft202012Validator(param["schema"]).is_valid(value):
                    refused += 1
                    continue
                sent += 1
                others = {p["name"]: "1" for p in op["parameters"] if p["in"] == "path"}
                case = schema[path][method.upper()].Case(path_parameters={**others, param["name"]: value})
                response = case.call(base_url=base)
                try:
                    case.validate_response(
                        response,
                        checks=[status_code_conformance, content_type_conformance, response_schema_conformance],
                    )
                except BaseException as err:  # an ExceptionGroup of the failed checks
                    failed += 1
                    inner = getattr(err, "exceptions", [err])
                    why = "; ".join(type(e).__name__ for e in inner)
                    print(f"FAIL {method.upper()} {path} {param['name']}={value!r} -> {response.status_code}: {why}")
print(f"dot-segment params: {refused} refused by their schema, {sent} sent, {failed} failed")
sys.exit(1 if failed else 0)
