//! Reads the results of `cargo bench -p apigen-bench-dispatch` (criterion's
//! `estimates.json` files) and prints the tables of `RESULTS.md`: each
//! rival's median time, per lookup or request, and the ratio between them.
//!
//! ```text
//! cargo run --release -p apigen-bench-dispatch --bin ratios [criterion dir]
//! ```
//!
//! The criterion dir defaults to `$CARGO_TARGET_DIR/criterion`, or the
//! workspace's `target/criterion`.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The median of one benchmark, in nanoseconds per iteration, with the
/// bounds of its 95 % confidence interval.
struct Estimate {
    median: f64,
    low: f64,
    high: f64,
}

fn estimate(dir: &Path, id: &str) -> Option<Estimate> {
    let path = dir.join(id).join("new/estimates.json");
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

/// One row comparing apigen with a rival: per iteration, per item, ratio.
fn row(dir: &Path, label: &str, ours: &str, theirs: &str, items: f64) -> Option<String> {
    let ours = estimate(dir, ours)?;
    let theirs = estimate(dir, theirs)?;
    Some(format!(
        "| {label} | {} ({}) | {} ({}) | **{:.2}x** ({:.2}x to {:.2}x) |",
        time(ours.median),
        time(ours.median / items),
        time(theirs.median),
        time(theirs.median / items),
        theirs.median / ours.median,
        theirs.low / ours.high,
        theirs.high / ours.low,
    ))
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
            target.join("criterion")
        });
    let missing = || {
        format!(
            "| (no results in {}: run `cargo bench -p apigen-bench-dispatch` first) |",
            dir.display()
        )
    };
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
            "generated `router()` vs `axum::Router`, 130 requests",
            "axum",
            "axum",
        ),
    ]
    .into_iter()
    .map(|(label, group, rival)| {
        let ours = format!("{group}/apigen");
        (label.to_owned(), ours, format!("{group}/{rival}"), 130.0)
    })
    .collect();
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

    println!("Medians of criterion's samples; the ratio is the rival's time over apigen's");
    println!(
        "(above 1: apigen is faster), in brackets the ratio's range over both 95 % intervals.\n"
    );
    println!(
        "| benchmark | apigen: iteration (per item) | rival: iteration (per item) | rival / apigen |"
    );
    println!("|---|---:|---:|---:|");
    for (label, ours, theirs, items) in &rows {
        let line = row(&dir, label, ours, theirs, *items);
        println!("{}", line.unwrap_or_else(missing));
    }
    println!();
    match estimate(&dir, "render/10000 routes") {
        Some(render) => println!(
            "Rendering 10,000 routes (core target, scan included): {} ({} to {}).",
            time(render.median),
            time(render.low),
            time(render.high)
        ),
        None => println!("{}", missing()),
    }
}
