//! Sends the 130 GitHub requests N times through one server of the
//! end-to-end benchmark, for an instruction-level profile that the
//! machine's noise does not move. `callgrind.sh` (beside `run.sh`) runs it
//! under callgrind for every server, in one profile:
//!
//! ```text
//! benches/dispatch/callgrind.sh [release|lto]
//! ```
//!
//! by hand:
//!
//! ```text
//! cargo build --release -p apigen-bench-dispatch --example axum_requests
//! valgrind --tool=callgrind --cache-sim=yes target/release/examples/axum_requests apigen 110
//! ```
//!
//! The difference between runs of 110 and 10 rounds, over 13,000, is the
//! cost per request (request built, answered, dropped). Servers: those of
//! `apigen_bench_dispatch::END_TO_END`.
//!
//! `axum_requests --time` times every server instead, interleaved: 30
//! passes, each sending 100 rounds through every server in turn, and prints
//! each server's fastest pass per request, and the rivals' time over
//! apigen's. Interleaving keeps a slow spell of the machine from landing on
//! one server only (criterion measures one benchmark after the other).

use std::time::{Duration, Instant};

use apigen_bench_dispatch::{END_TO_END, EndToEnd};

fn main() {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_default();
    if name == "--time" {
        return time();
    }
    let Some(server) = EndToEnd::new(&name) else {
        eprintln!("usage: axum_requests {} [rounds]", END_TO_END.join("|"));
        std::process::exit(2);
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
            server
                .round(|response| drop(std::hint::black_box(response)))
                .await;
        }
    });
}

/// `--time`: the interleaved timing (see the module's docs).
fn time() {
    let servers: Vec<EndToEnd> = END_TO_END
        .iter()
        .map(|name| EndToEnd::new(name).expect("a server of the benchmark"))
        .collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime");
    let rounds = 100;
    let mut best = vec![Duration::MAX; servers.len()];
    for _ in 0..30 {
        for (server, best) in servers.iter().zip(&mut best) {
            let start = Instant::now();
            runtime.block_on(async {
                for _ in 0..rounds {
                    server
                        .round(|response| drop(std::hint::black_box(response)))
                        .await;
                }
            });
            *best = (*best).min(start.elapsed());
        }
    }
    let per_request = |best: Duration| best.as_nanos() as f64 / (rounds * 130) as f64;
    let apigen = per_request(best[0]);
    for (name, best) in END_TO_END.iter().zip(best) {
        let ns = per_request(best);
        println!(
            "{name:>20}: {ns:7.1} ns/request, {:.3}x apigen's time",
            ns / apigen
        );
    }
}
