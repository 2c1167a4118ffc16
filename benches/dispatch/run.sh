#!/bin/sh
# Runs the benchmarks N times (default 5) in one profile (default release;
# `lto`: release with LTO and one codegen unit), each run saved as a
# criterion baseline `<profile>1`..`<profile>N`, then prints the ratio
# tables over all runs. On a shared machine, runs differ more than samples
# within one; on the project's VM, each timing ran with the other builds
# paused (kill -STOP, then -CONT).
#
#     benches/dispatch/run.sh [N] [profile] [bench]    (from the workspace root)
#
# `bench`: `e2e` (the end-to-end group, about 30 s a run), `dispatch` (the
# matchers, rendering: about 12 minutes a run) or both (the default).
set -eu
n=${1:-5}
profile=${2:-release}
benches=${3:-"e2e dispatch"}
runs=""
for i in $(seq 1 "$n"); do
    for bench in $benches; do
        cargo bench --profile "$profile" -p apigen-bench-dispatch --bench "$bench" -- \
            --save-baseline "$profile$i" --warm-up-time 2 --measurement-time 4
    done
    runs="${runs:+$runs,}$profile$i"
done
cargo run --release -q -p apigen-bench-dispatch --bin ratios -- --runs "$runs"
