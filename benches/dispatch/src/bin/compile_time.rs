//! How long the code apigen generates for a synthetic API takes to compile
//! in release mode, warnings denied.
//!
//! ```text
//! cargo run --release -p apigen-bench-dispatch --bin compile-time -- 1000 10000
//! cargo run --release -p apigen-bench-dispatch --bin compile-time -- --axum 1000
//! ```
//!
//! For each route count it renders the generated file for the synthetic API
//! of the `scaling` benchmark and times three builds (`--builds N` to
//! change) of a library crate holding it, printing the fastest:
//!
//! - core target (default): `rustc` alone, with what `cargo build --release`
//!   passes (`-C opt-level=3`, 16 codegen units, no debug info);
//! - `--axum`: the axum target (every route file a `get` handler), built by
//!   `cargo build --release --offline` in `target/apigen-compile-time`
//!   against the workspace's locked axum; dependencies are built once
//!   before the timed runs, which rebuild only the crate. Its rival, built
//!   the same way, serves the same handler files through a hand-written
//!   `axum::Router` (`.route("/api/…/{id}", get(…))` per file): what the
//!   same API costs to build without apigen.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use apigen_bench_dispatch::routeset;

fn main() {
    let mut axum = false;
    let mut builds = 3;
    let mut counts = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--axum" => axum = true,
            "--builds" => {
                builds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--builds N");
            }
            _ => counts.push(arg.parse::<usize>().expect("route counts are numbers")),
        }
    }
    if counts.is_empty() {
        counts.push(1_000);
    }
    let version = Command::new("rustc")
        .arg("--version")
        .output()
        .expect("rustc runs");
    println!("{}", String::from_utf8_lossy(&version.stdout).trim());
    println!("| routes | target | lines of routes.rs | release build, best of {builds} |");
    println!("|---:|---|---:|---:|");
    for n in counts {
        let rows = if axum {
            measure_axum(n, builds)
        } else {
            let (lines, best) = measure_core(n, builds);
            vec![("core", lines, best)]
        };
        for (target, lines, best) in rows {
            println!("| {n} | {target} | {lines} | {:.2} s |", best.as_secs_f64());
        }
    }
}

/// The api tree of the synthetic API, each file holding `body`.
fn write_api(api: &Path, n: usize, body: &str) {
    let _ = std::fs::remove_dir_all(api);
    for file in routeset::synthetic_files(n) {
        let path = api.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
}

fn render(api: &Path, target: apigen::Target) -> String {
    apigen::Builder::new()
        .api_dir(api)
        .target(target)
        .render()
        .unwrap_or_else(|err| panic!("{err}"))
}

const LIB: &str = "#![deny(warnings)]\npub mod routes {\n    include!(\"routes.rs\");\n}\n";

fn measure_core(n: usize, builds: usize) -> (usize, Duration) {
    let dir = std::env::temp_dir().join(format!("apigen-compile-time-{}-{n}", std::process::id()));
    write_api(&dir.join("api"), n, "");
    let source = render(&dir.join("api"), apigen::Target::Core);
    std::fs::write(dir.join("routes.rs"), &source).unwrap();
    std::fs::write(dir.join("lib.rs"), LIB).unwrap();
    let best = (0..builds)
        .map(|_| {
            let out = dir.join("out");
            let _ = std::fs::remove_dir_all(&out);
            std::fs::create_dir_all(&out).unwrap();
            let mut rustc = Command::new("rustc");
            rustc
                .args([
                    "--edition",
                    "2024",
                    "--crate-type",
                    "lib",
                    "--crate-name",
                    "routes",
                ])
                .args([
                    "-C",
                    "opt-level=3",
                    "-C",
                    "codegen-units=16",
                    "-C",
                    "debuginfo=0",
                ])
                .arg("--out-dir")
                .arg(&out)
                .arg(dir.join("lib.rs"));
            timed(rustc)
        })
        .min()
        .expect("at least one build");
    std::fs::remove_dir_all(&dir).unwrap();
    (source.lines().count(), best)
}

/// The axum target against its rival, the same handler files served by a
/// hand-written `axum::Router` (one `.route(…, get(…))` per file), each
/// crate built `builds` times: `[(target, lines, best)]`.
fn measure_axum(n: usize, builds: usize) -> Vec<(&'static str, usize, Duration)> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir: PathBuf = workspace.join("target/apigen-compile-time");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"apigen-compile-time\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\naxum = \"0.8\"\n\n[workspace]\n",
    )
    .unwrap();
    // The workspace's versions, so the build works offline.
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let handler = "pub async fn get() -> &'static str {\n    \"ok\"\n}\n";
    write_api(&dir.join("api"), n, handler);
    let generated = render(&dir.join("api"), apigen::Target::Axum);
    let rival: Vec<(String, PathBuf)> = routeset::synthetic_files(n)
        .into_iter()
        .map(|file| {
            let pattern = format!("/api{}", routeset::synthetic_matchit(&file));
            (pattern, dir.join("api").join(file))
        })
        .collect();
    let rival = routeset::axum_router_source(&rival);
    let mut rows = Vec::new();
    for (target, source) in [
        ("axum, apigen `router()`", generated),
        ("axum, hand-written `Router`", rival),
    ] {
        std::fs::write(dir.join("src/routes.rs"), &source).unwrap();
        rows.push((target, source.lines().count(), build_crate(&dir, builds)));
    }
    rows
}

/// Builds the crate in `dir` (dependencies once, untimed) and then
/// `builds` times more, rebuilding only the crate: the fastest of those.
fn build_crate(dir: &Path, builds: usize) -> Duration {
    let cargo = |args: &[&str]| {
        let mut cargo = Command::new(env!("CARGO"));
        cargo
            .args(args)
            .args(["--release", "--offline", "--quiet"])
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", dir.join("target"));
        cargo
    };
    std::fs::write(dir.join("src/lib.rs"), LIB).unwrap();
    timed(cargo(&["build"]));
    (0..builds)
        .map(|_| {
            timed(cargo(&["clean", "-p", "apigen-compile-time"]));
            timed(cargo(&["build"]))
        })
        .min()
        .expect("at least one build")
}

fn timed(mut command: Command) -> Duration {
    let start = Instant::now();
    let status = command.status().expect("the compiler runs");
    let elapsed = start.elapsed();
    assert!(status.success(), "{command:?} failed");
    elapsed
}
