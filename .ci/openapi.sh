# Sourced by .ci/run after `cargo test --workspace --locked`, which built the
# two servers used here: target/debug/blog and target/debug/openapi-kinds
# (tests/openapi: every segment kind, `handler` and method files). Each one's
# OpenAPI document is validated as OpenAPI 3.1, then schemathesis runs
# against the server with the document it serves, and every path param is
# tried with the dot segments random examples rarely hold.

# The validator and the fuzzer, in a virtualenv under target/ (so `cargo
# clean` removes it), installed once per version of .ci/openapi-tools.txt:
# a later run finds the stamp and skips the install.
openapi_tools() {
  local venv=target/openapi-tools
  local want
  want=$(sha256sum .ci/openapi-tools.txt | cut -d' ' -f1)
  if [ "$(cat "$venv/.installed" 2>/dev/null)" != "$want" ]; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    # Every package is pinned in the file: --no-deps installs exactly those,
    # and pip check says whether they fit together.
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps \
      --requirement .ci/openapi-tools.txt
    "$venv/bin/pip" check --disable-pip-version-check >/dev/null
    echo "$want" > "$venv/.installed"
  fi
  OPENAPI_TOOLS=$PWD/$venv/bin
}

# Runs in a subshell, so that the servers are stopped whatever fails.
openapi_checks() (
  openapi_tools
  out=target/openapi
  mkdir -p "$out"
  servers=()
  trap 'kill "${servers[@]}" 2>/dev/null || true' EXIT
  openapi_server blog /api/openapi.json 30
  openapi_server openapi-kinds /openapi.json 10
)

# Starts target/debug/$1 on a free port, then checks the document it serves
# at $2 and runs schemathesis with $3 examples per operation.
openapi_server() {
  local name=$1 doc=$2 examples=$3
  # PORT=0: the OS picks a free port; the server prints where it listens.
  PORT=0 "target/debug/$name" > "$out/$name.stdout" 2> "$out/$name.log" &
  servers+=($!)
  local url=
  for _ in $(seq 100); do
    url=$(sed -n 's|^listening on \(http://.*\)$|\1|p' "$out/$name.stdout")
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || { echo "$name did not start: see $out/$name.log" >&2; exit 1; }
  curl -sf "$url$doc" -o "$out/$name.json"
  "$OPENAPI_TOOLS/openapi-spec-validator" --schema 3.1 "$out/$name.json"
  # A fixed seed, so that a red run reproduces; a bounded number of
  # examples, so that it stays within CI's time (run a random seed with
  # more examples by hand now and then). --checks: no 5xx, and every
  # response conforms to the document (status code, content type, schema).
  # Run in $out, where it keeps its cache.
  (cd "$out" && timeout 600 "$OPENAPI_TOOLS/schemathesis" run "$url$doc" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --max-examples "$examples" --seed 17 --workers 1 --generation-database none \
    --request-timeout 10 --no-color)
  "$OPENAPI_TOOLS/python" tests/openapi/dot_segments.py "$url" "$doc"
}
