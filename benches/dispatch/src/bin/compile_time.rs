//! How long rustc takes to compile the matcher apigen generates for a
//! synthetic API, in release mode (what `cargo build --release` passes:
//! `-C opt-level=3`, 16 codegen units, no debug info), with `-D warnings`.
//!
//! ```text
//! cargo run --release -p apigen-bench-dispatch --bin compile-time -- 1000 10000
//! ```
//!
//! For each route count it renders the core target (prefix `""`), wraps it
//! in a library crate and times `rustc` on it three times, printing the
//! fastest run. The route files are the same synthetic API the `scaling`
//! benchmark uses.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use apigen_bench_dispatch::routeset;

fn main() {
    let counts: Vec<usize> = std::env::args()
        .skip(1)
        .map(|arg| arg.parse().expect("route counts are numbers"))
        .collect();
    let counts = if counts.is_empty() {
        vec![1_000]
    } else {
        counts
    };
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let version = Command::new(&rustc)
        .arg("--version")
        .output()
        .expect("rustc runs");
    println!("{}", String::from_utf8_lossy(&version.stdout).trim());
    println!("| routes | lines generated | release compile (best of 3) |");
    println!("|---:|---:|---:|");
    for n in counts {
        let dir =
            std::env::temp_dir().join(format!("apigen-compile-time-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for file in routeset::synthetic_files(n) {
            let path = dir.join("api").join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let source = apigen::Builder::new()
            .api_dir(dir.join("api"))
            .prefix("")
            .target(apigen::Target::Core)
            .render()
            .unwrap_or_else(|err| panic!("{err}"));
        std::fs::write(dir.join("routes.rs"), &source).unwrap();
        std::fs::write(
            dir.join("lib.rs"),
            "pub mod routes {\n    include!(\"routes.rs\");\n}\n",
        )
        .unwrap();
        let best = (0..3)
            .map(|_| compile(&rustc, &dir))
            .min()
            .expect("three runs");
        println!(
            "| {n} | {} | {:.2} s |",
            source.lines().count(),
            best.as_secs_f64()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

fn compile(rustc: &str, dir: &Path) -> Duration {
    let out = dir.join("out");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let start = Instant::now();
    let status = Command::new(rustc)
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
        .args(["-D", "warnings", "--out-dir"])
        .arg(&out)
        .arg(dir.join("lib.rs"))
        .status()
        .expect("rustc runs");
    let elapsed = start.elapsed();
    assert!(status.success(), "the generated code does not compile");
    elapsed
}
