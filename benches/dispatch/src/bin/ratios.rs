//! Reads the results of `cargo bench -p apigen-bench-dispatch` (criterion's
//! `estimates.json` files) and prints the tables of `RESULTS.md`: each
//! rival's median time, per lookup or request, and the ratio between them.
//!
//! ```text
//! cargo run --release -p apigen-bench-dispatch --bin ratios [--runs a,b,c] [criterion dir]
//! ```
//!
//! Without `--runs`, it reads the latest run (criterion's `new`) and shows
//! each ratio's range over both 95 % confidence intervals. With `--runs`, it
//! reads the baselines saved by `cargo bench ... -- --save-baseline <name>`
//! and shows, per benchmark, the median over the runs of each side's time
//! and of the ratio, and the lowest and highest ratio of any run: on a
//! shared machine the runs differ more than the samples within one.
//!
//! The criterion dir defaults to `$CARGO_TARGET_DIR/criterion`, or the
//! workspace's `target/criterion`.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The median of one benchmark's samples, in nanoseconds per iteration,
/// with the bounds of its 95 % confidence interval.
#[derive(Clone, Copy)]
struct Estimate {
    median: f64,
    low: f64,
    high: f64,
}

fn estimate(dir: &Path, id: &str, run: &str) -> Option<Estimate> {
    let path = dir.join(id).join(run).join("estimates.json");
    let text = std::fs::read_to_string(&path).ok()?;
    let json: Value = serde_json::from_str(&text).ok()?;
    let median = &json["median"];
    Some(Estimate {
        median: median["point_estimate"].as_f64()?,
        low: median["confidence_interval"]["lower_bound"].as_f64()?,
        high: median["confidence_interval"]["upper_bound"].as_f64()?,
    })
}

fn time(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.3} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.1} ns")
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

/// The lowest and the highest of `values`.
fn range(values: &[f64]) -> (f64, f64) {
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (low, high)
}

/// One row comparing apigen with a rival: per iteration, per item, ratio.
fn row(dir: &Path, runs: &[String], ids: (&str, &str), items: f64) -> Option<String> {
    let pairs: Vec<(Estimate, Estimate)> = runs
        .iter()
        .map(|run| Some((estimate(dir, ids.0, run)?, estimate(dir, ids.1, run)?)))
        .collect::<Option<_>>()?;
    let ours = median(pairs.iter().map(|(o, _)| o.median).collect());
    let theirs = median(pairs.iter().map(|(_, t)| t.median).collect());
    let ratios: Vec<f64> = pairs.iter().map(|(o, t)| t.median / o.median).collect();
    let (low, high) = match pairs.as_slice() {
        // One run: the ratio's range over both confidence intervals.
        [(o, t)] => (t.low / o.high, t.high / o.low),
        _ => range(&ratios),
    };
    Some(format!(
        "{} ({}) | {} ({}) | **{:.2}x** ({:.2}x to {:.2}x) |",
        time(ours),
        time(ours / items),
        time(theirs),
        time(theirs / items),
        median(ratios),
        low,
        high,
    ))
}

fn main() {
    let mut runs = vec!["new".to_owned()];
    let mut dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--runs" {
            let list = args.next().expect("--runs takes a comma-separated list");
            runs = list.split(',').map(str::to_owned).collect();
        } else {
            dir = Some(PathBuf::from(arg));
        }
    }
    let dir = dir.unwrap_or_else(|| {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
        target.join("criterion")
    });

    let mut rows: Vec<(String, String, String, f64)> = [
        (
            "`recognize` vs matchit `at`, 130 GitHub paths",
            "github",
            "matchit",
        ),
        (
            "same, params a UUID and names instead of `p1`",
            "github-long-params",
            "matchit",
        ),
        (
            "same as the first, results to `black_box` by value",
            "github-by-value",
            "matchit",
        ),
        (
            "end to end (`benches/e2e.rs`), 130 requests: generated `router()` vs `axum::Router` calling the same 130 handler files (realistic rival)",
            "axum",
            "axum-handler-files",
        ),
        (
            "same, `axum::Router` with one closure type as every route's handler (axum's best case)",
            "axum",
            "axum",
        ),
        (
            "same, the floor: `axum::Router` with one static route (below 1: faster than apigen)",
            "axum",
            "axum-floor",
        ),
        (
            "same, a bare `tower::service_fn` answering \"ok\", no router",
            "axum",
            "service-fn",
        ),
    ]
    .into_iter()
    .map(|(label, group, rival)| {
        let ours = format!("{group}/apigen");
        (label.to_owned(), ours, format!("{group}/{rival}"), 130.0)
    })
    .collect();
    rows.push((
        "same, one `from_fn` folder middleware over every route: generated `router()` vs `axum-handler-files` with `route_layer(from_fn(..))` of it".to_owned(),
        "axum/apigen-middleware".to_owned(),
        "axum/axum-handler-files-middleware".to_owned(),
        130.0,
    ));
    for (label, rival) in [
        (
            "same, generated `service()` (no `axum::Router` around the dispatch) vs `axum::Router` calling the same 130 handler files",
            "axum-handler-files",
        ),
        ("same, `service()` vs axum's best case", "axum"),
    ] {
        rows.push((
            label.to_owned(),
            "axum/apigen-service".to_owned(),
            format!("axum/{rival}"),
            130.0,
        ));
    }
    for n in [10, 100, 1_000, 10_000] {
        // As `benches/dispatch.rs` samples them: 100 paths, or one per route.
        let lookups = n.min(100);
        rows.push((
            format!("scaling: {n} routes, {lookups} lookups (matchit as rival)"),
            format!("scaling/apigen/{n}"),
            format!("scaling/matchit/{n}"),
            lookups as f64,
        ));
    }

    let missing = |label: &str| {
        format!(
            "| {label} | no results in {} for runs {runs:?} | | |",
            dir.display()
        )
    };
    if runs.len() == 1 {
        println!("One run: medians of criterion's samples; the ratio is the rival's time over");
        println!(
            "apigen's (above 1: apigen is faster), in brackets its range over both 95 % intervals.\n"
        );
    } else {
        println!(
            "{} runs: medians over the runs of each side's median time and of the ratio (the",
            runs.len()
        );
        println!(
            "rival's time over apigen's; above 1: apigen is faster), in brackets the lowest and highest run.\n"
        );
    }
    println!(
        "| benchmark | apigen: iteration (per item) | rival: iteration (per item) | rival / apigen |"
    );
    println!("|---|---:|---:|---:|");
    for (label, ours, theirs, items) in &rows {
        match row(&dir, &runs, (ours, theirs), *items) {
            Some(cells) => println!("| {label} | {cells}"),
            None => println!("{}", missing(label)),
        }
    }
    println!();
    for rival in ["axum-handler-files", "axum"] {
        let ids = ["axum/apigen", &format!("axum/{rival}"), "axum/axum-floor"];
        let times: Option<Vec<[f64; 3]>> = runs
            .iter()
            .map(|run| {
                let [ours, theirs, floor] = ids.map(|id| estimate(&dir, id, run));
                Some([ours?.median, theirs?.median, floor?.median])
            })
            .collect();
        if let Some(times) = times {
            // 0 %: apigen at the floor; 100 %: apigen as slow as the rival.
            let at = |[ours, theirs, floor]: [f64; 3]| 100.0 * (ours - floor) / (theirs - floor);
            let (low, high) = range(&times.iter().copied().map(at).collect::<Vec<_>>());
            let at = median(times.into_iter().map(at).collect());
            println!(
                "apigen between the floor (0 %) and `{rival}` (100 %): {at:.0} % (runs from {low:.0} % to {high:.0} %)."
            );
        }
    }
    println!();
    for (id, target) in [
        ("render/10000 routes", "core target"),
        ("render/10000 routes, axum", "axum target"),
    ] {
        let renders: Option<Vec<Estimate>> =
            runs.iter().map(|run| estimate(&dir, id, run)).collect();
        match renders {
            Some(renders) => {
                let medians: Vec<f64> = renders.iter().map(|r| r.median).collect();
                let (low, high) = range(&medians);
                println!(
                    "Rendering 10,000 routes ({target}, scan included): {} (runs from {} to {}).",
                    time(median(medians)),
                    time(low),
                    time(high),
                );
            }
            None => println!("{}", missing(&format!("render ({target})"))),
        }
    }
}
