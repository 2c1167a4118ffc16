#!/bin/sh
# Instructions and first-level instruction cache misses per request of each
# server of the end-to-end benchmark, under callgrind (its cache simulation):
# the difference between 110 and 10 rounds of the 130 requests, over 13,000.
# Noise-free: the counts do not depend on the machine's load.
#
#     benches/dispatch/callgrind.sh [release|lto]    (from the workspace root)
set -eu
profile=${1:-release}
cargo build -q --profile "$profile" -p apigen-bench-dispatch --example axum_requests
bin=target/$profile/examples/axum_requests
# "refs" (instructions) and "I1 misses" from callgrind's summary.
counts() {
    valgrind --tool=callgrind --cache-sim=yes --callgrind-out-file=/dev/null \
        "$bin" "$1" "$2" 2>&1 |
        awk -F: '/I *refs:/ {gsub(/[ ,]/, "", $2); i=$2}
                 /I1 *misses:/ {gsub(/[ ,]/, "", $2); m=$2}
                 END {print i, m}'
}
echo "| server ($profile) | instructions / request | I1 misses / request |"
echo "|---|---:|---:|"
for server in apigen axum-handler-files axum axum-floor axum-catch-all service-fn apigen-middleware axum-handler-files-middleware apigen-service; do
    set -- $(counts "$server" 110) $(counts "$server" 10)
    echo "| $server | $((($1 - $3) / 13000)) | $(echo "$2 $4" | awk '{printf "%.1f", ($1 - $2) / 13000}') |"
done
