#!/bin/sh
# Runs the dispatch benchmarks N times (default 5), each run saved as a
# criterion baseline `run1`..`runN`, then prints the ratio tables over all
# runs. On a shared machine, runs differ more than samples within one run.
#
#     benches/dispatch/run.sh [N]        (from the workspace root)
set -eu
n=${1:-5}
runs=""
for i in $(seq 1 "$n"); do
    cargo bench -p apigen-bench-dispatch --bench dispatch -- \
        --save-baseline "run$i" --warm-up-time 2 --measurement-time 4
    runs="${runs:+$runs,}run$i"
done
cargo run --release -q -p apigen-bench-dispatch --bin ratios -- --runs "$runs"
