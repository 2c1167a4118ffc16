//! Criterion benchmarks, each rival in the same group and the same run:
//!
//! - `github`: `Route::recognize` against `matchit::Router::at` on matchit's
//!   own benchmark (130 GitHub API routes, one lookup of each per
//!   iteration); `github-long-params` the same paths with realistic params
//!   (a UUID, names) instead of `p1`; `github-by-value` the same with
//!   matchit's way of consuming the results;
//! - (the end-to-end group, requests through `router()` and its rivals, is
//!   `benches/e2e.rs`);
//! - `scaling`: `recognize` (and matchit) on 10 to 10,000 synthetic routes,
//!   100 lookups per iteration;
//! - `render`: apigen rendering the 10,000-route set, scan included: the
//!   core target (`10000 routes`) and the axum target, which also reads and
//!   parses every handler file (`10000 routes, axum`).
//!
//! `cargo run -p apigen-bench-dispatch --bin ratios` turns the results into
//! the tables of `RESULTS.md`.

use std::hint::black_box;
use std::time::Duration;

use apigen_bench_dispatch::{data, github, github_long_paths, matchit_github, routeset};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// Each result goes to `black_box` by reference: both sides must produce
/// it, neither pays for copying it (matchit's `Match` is over 100 bytes,
/// apigen's `Option<Route>` 72). `github-by-value` passes them by value, as
/// matchit's own benchmark does.
fn github(c: &mut Criterion) {
    let matchit = matchit_github();
    let paths = data::GITHUB_PATHS;
    let mut group = c.benchmark_group("github");
    group.throughput(Throughput::Elements(paths.len() as u64));
    group.bench_function("apigen", |b| {
        b.iter(|| {
            for path in black_box(paths) {
                black_box(&github::Route::recognize(path));
            }
        })
    });
    group.bench_function("matchit", |b| {
        b.iter(|| {
            for path in black_box(paths) {
                black_box(&matchit.at(path));
            }
        })
    });
    group.finish();

    let long = github_long_paths();
    let mut group = c.benchmark_group("github-long-params");
    group.throughput(Throughput::Elements(long.len() as u64));
    group.bench_function("apigen", |b| {
        b.iter(|| {
            for path in black_box(&long) {
                black_box(&github::Route::recognize(path));
            }
        })
    });
    group.bench_function("matchit", |b| {
        b.iter(|| {
            for path in black_box(&long) {
                black_box(&matchit.at(path));
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("github-by-value");
    group.throughput(Throughput::Elements(paths.len() as u64));
    group.bench_function("apigen", |b| {
        b.iter(|| {
            for path in black_box(paths) {
                black_box(github::Route::recognize(path));
            }
        })
    });
    group.bench_function("matchit", |b| {
        b.iter(|| {
            for path in black_box(paths) {
                let _ = black_box(matchit.at(path));
            }
        })
    });
    group.finish();
}

macro_rules! scale_sets {
    ($($module:ident = $n:literal),*) => {
        $(mod $module {
            include!(concat!(env!("OUT_DIR"), "/", stringify!($module), ".rs"));
        })*

        fn scaling(c: &mut Criterion) {
            let mut group = c.benchmark_group("scaling");
            $({
                let files = routeset::synthetic_files($n);
                let paths = routeset::synthetic_sample(&files, 100);
                let mut matchit = matchit::Router::new();
                for (i, file) in files.iter().enumerate() {
                    matchit.insert(routeset::synthetic_matchit(file), i).unwrap();
                }
                for path in &paths {
                    assert!($module::Route::recognize(path).is_some(), "{path}");
                    assert!(matchit.at(path).is_ok(), "{path}");
                }
                group.throughput(Throughput::Elements(paths.len() as u64));
                group.bench_function(BenchmarkId::new("apigen", $n), |b| {
                    b.iter(|| {
                        for path in black_box(&paths) {
                            black_box(&$module::Route::recognize(path));
                        }
                    })
                });
                group.bench_function(BenchmarkId::new("matchit", $n), |b| {
                    b.iter(|| {
                        for path in black_box(&paths) {
                            black_box(&matchit.at(path));
                        }
                    })
                });
            })*
            group.finish();
        }
    };
}

scale_sets!(
    scale_10 = 10,
    scale_100 = 100,
    scale_1000 = 1000,
    scale_10000 = 10000
);

fn render(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("apigen-bench-render-{}", std::process::id()));
    let files = routeset::synthetic_files(10_000);
    for file in &files {
        let path = dir.join("api").join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // The core target never reads it; the axum target needs a handler.
        std::fs::write(
            path,
            "pub async fn get() -> &'static str {\n    \"ok\"\n}\n",
        )
        .unwrap();
    }
    let builder = |target| {
        apigen::Builder::new()
            .api_dir(dir.join("api"))
            .prefix("")
            .target(target)
    };
    let core = builder(apigen::Target::Core);
    let axum = builder(apigen::Target::Axum);
    let mut group = c.benchmark_group("render");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("10000 routes", |b| {
        b.iter(|| black_box(core.render().unwrap()))
    });
    group.bench_function("10000 routes, axum", |b| {
        b.iter(|| black_box(axum.render().unwrap()))
    });
    group.finish();
    std::fs::remove_dir_all(&dir).unwrap();
}

criterion_group!(benches, github, scaling, render);
criterion_main!(benches);
