//! Sends the 130 GitHub requests N times through one of the axum routers of
//! the benchmark, for an instruction-level profile that the machine's noise
//! does not move:
//!
//! ```text
//! cargo build --release -p apigen-bench-dispatch --example axum_requests
//! valgrind --tool=callgrind --cache-sim=yes target/release/examples/axum_requests apigen 110
//! ```
//!
//! The difference between runs of 110 and 10 rounds, over 13,000, is the
//! cost per request. Routers: `apigen` (the generated `router()`), `axum`
//! (one closure type for every route) and `axum-handler-files` (the same
//! handler files as `router()`).

use apigen_bench_dispatch::{axum_github, data, github_axum, github_rival};
use axum::body::Body;
use axum::http::Request;
use tower::ServiceExt;

fn main() {
    let mut args = std::env::args().skip(1);
    let router = match args.next().as_deref() {
        Some("apigen") => github_axum::router(),
        Some("axum") => axum_github(),
        Some("axum-handler-files") => github_rival::router(),
        _ => {
            eprintln!("usage: axum_requests apigen|axum|axum-handler-files [rounds]");
            std::process::exit(2);
        }
    };
    let rounds: usize = match args.next().map(|n| n.parse()) {
        None => 100,
        Some(Ok(n)) => n,
        Some(Err(err)) => {
            eprintln!("rounds: {err}");
            std::process::exit(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime");
    runtime.block_on(async {
        for _ in 0..rounds {
            for path in data::GITHUB_PATHS {
                let request = Request::get(*path).body(Body::empty()).unwrap();
                let response = router.clone().oneshot(request).await.unwrap();
                std::hint::black_box(response);
            }
        }
    });
}
