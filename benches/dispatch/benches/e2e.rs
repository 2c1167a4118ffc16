//! End to end: the 130 GitHub requests sent in process (`oneshot`, on a
//! current-thread runtime) through each server of [`END_TO_END`], side by
//! side in one run, group `axum`: the generated `router()` (`apigen`), the
//! realistic rival (`axum-handler-files`: an `axum::Router` calling the
//! same handler files), axum's best case (`axum`: one closure type for every
//! route), the floor (`axum-floor`: one static route), `router()`'s own
//! floor (`axum-catch-all`: its two axum routes, one closure answering "ok")
//! and a bare `tower::service_fn` (`service-fn`). One iteration is the 130
//! requests, each built, answered and dropped.
//!
//! Apart from the matcher benchmarks (`benches/dispatch.rs`) so that it
//! builds quickly in both profiles:
//!
//! ```text
//! cargo bench -p apigen-bench-dispatch --bench e2e
//! cargo bench -p apigen-bench-dispatch --bench e2e --profile lto
//! ```

use std::hint::black_box;

use apigen_bench_dispatch::{END_TO_END, EndToEnd};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn axum(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime");
    let mut group = c.benchmark_group("axum");
    for name in END_TO_END {
        let server = EndToEnd::new(name).expect("a server of the benchmark");
        group.throughput(Throughput::Elements(server.paths().len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| runtime.block_on(server.round(|response| drop(black_box(response)))))
        });
    }
    group.finish();
}

criterion_group!(benches, axum);
criterion_main!(benches);
