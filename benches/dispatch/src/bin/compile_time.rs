//! How long the code apigen generates for a synthetic API takes to compile
//! in release mode, warnings denied.
//!
//! ```text
//! cargo run --release -p apigen-bench-dispatch --bin compile-time -- 1000 10000
//! cargo run --release -p apigen-bench-dispatch --bin compile-time -- --axum 1000
//! cargo run --release -p apigen-bench-dispatch --bin compile-time -- --daily
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
//!
//! `--daily` measures instead what a user waits for every few minutes: a
//! debug `cargo build` of a server (axum, tokio) after editing one handler
//! body, and after adding one route file, on a real tree (papermark's
//! `pages/api`, 224 files, `data/papermark-pages-api.txt`). Two crates are
//! built side by side in `target/apigen-daily-loop`, over the same handler
//! files: one whose `build.rs` calls `apigen::generate()`, and one with a
//! hand-written `axum::Router` (for a new route, the user adds its module
//! and its `.route(…)` line, as the harness does). Each change is made
//! `--builds N` times (default 5) to both, alternately; it prints the best
//! and the median build of each and the ratio of the medians.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use apigen_bench_dispatch::routeset;

fn main() {
    let mut axum = false;
    let mut daily = false;
    let mut builds = None;
    let mut counts = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--axum" => axum = true,
            "--daily" => daily = true,
            "--builds" => {
                builds = Some(
                    args.next()
                        .and_then(|n| n.parse().ok())
                        .expect("--builds N"),
                );
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
    if daily {
        return daily_loop(builds.unwrap_or(5));
    }
    let builds = builds.unwrap_or(3);
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
    let rival: Vec<(Vec<String>, PathBuf)> = routeset::synthetic_files(n)
        .into_iter()
        .map(|file| {
            let pattern = format!("/api{}", routeset::synthetic_matchit(&file));
            (vec![pattern], dir.join("api").join(file))
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

/// The route files of the daily-loop tree, one a line.
const PAPERMARK: &str = include_str!("../../data/papermark-pages-api.txt");

/// The handler file edited, in both crates.
const EDITED: &str = "links/[id]/index.rs";

/// A route file's handler; `edit` stands for the change a user makes.
fn daily_handler(file: &str, edit: usize) -> String {
    format!(
        "pub async fn get() -> String {{\n    let edit = {edit};\n    format!(\"{{}} {{edit}}\", {file:?})\n}}\n"
    )
}

/// One crate of the daily loop: a server over `src/api`.
struct Server {
    name: &'static str,
    dir: PathBuf,
    /// The route files, api-relative (the hand-written router lists them).
    files: Vec<String>,
    /// Whether the routes are apigen's (else a hand-written `axum::Router`).
    apigen: bool,
}

impl Server {
    fn new(root: &Path, name: &'static str, apigen: bool, files: &[String]) -> Server {
        let dir = root.join(name);
        let _ = std::fs::remove_dir_all(dir.join("src"));
        std::fs::create_dir_all(dir.join("src")).unwrap();
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let workspace = workspace.canonicalize().unwrap();
        let build = if apigen {
            format!(
                "\n[build-dependencies]\napigen = {{ path = {:?} }}\n",
                workspace.display()
            )
        } else {
            String::new()
        };
        std::fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"daily-{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                 [dependencies]\naxum = \"0.8\"\ntokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"net\"] }}\n{build}\n[workspace]\n"
            ),
        )
        .unwrap();
        // The workspace's versions, so the build works offline.
        std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
        let routes = if apigen {
            std::fs::write(
                dir.join("build.rs"),
                "fn main() {\n    apigen::generate();\n}\n",
            )
            .unwrap();
            "mod routes {\n    include!(concat!(env!(\"OUT_DIR\"), \"/routes.rs\"));\n}\n"
        } else {
            "mod routes;\n"
        };
        std::fs::write(
            dir.join("src/main.rs"),
            format!(
                "{routes}\n#[tokio::main]\nasync fn main() {{\n    let app = routes::router();\n    \
                 if std::env::var_os(\"SERVE\").is_some() {{\n        \
                 let listener = tokio::net::TcpListener::bind(\"127.0.0.1:3000\").await.unwrap();\n        \
                 axum::serve(listener, app).await.unwrap();\n    }}\n}}\n"
            ),
        )
        .unwrap();
        let mut server = Server {
            name,
            dir,
            files: Vec::new(),
            apigen,
        };
        for file in files {
            server.add(file);
        }
        server
    }

    /// Writes a route file (and, by hand, its route in the `axum::Router`).
    fn add(&mut self, file: &str) {
        let path = self.dir.join("src/api").join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, daily_handler(file, 0)).unwrap();
        self.files.push(file.to_owned());
        if !self.apigen {
            let routes: Vec<(Vec<String>, PathBuf)> = self
                .files
                .iter()
                .map(|file| {
                    let path = self.dir.join("src/api").join(file);
                    (routeset::file_matchit("/api", file), path)
                })
                .collect();
            write_if_changed(
                &self.dir.join("src/routes.rs"),
                &routeset::axum_router_source(&routes),
            );
        }
    }

    fn edit(&self, file: &str, edit: usize) {
        let path = self.dir.join("src/api").join(file);
        std::fs::write(path, daily_handler(file, edit)).unwrap();
    }

    fn build(&self, target: &Path) -> Duration {
        let mut cargo = Command::new(env!("CARGO"));
        cargo
            .args(["build", "--offline", "--quiet"])
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", target);
        timed(cargo)
    }

    /// Runs the server's binary once, without serving: its router builds.
    fn check(&self, target: &Path) {
        let status = Command::new(target.join("debug").join(format!("daily-{}", self.name)))
            .status()
            .expect("the server runs");
        assert!(
            status.success(),
            "daily-{}: the router did not build",
            self.name
        );
    }
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap();
    }
}

/// `--daily`: see the crate docs. Prints one table.
fn daily_loop(builds: usize) {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = workspace
        .canonicalize()
        .unwrap()
        .join("target/apigen-daily-loop");
    let target = root.join("target");
    let files: Vec<String> = PAPERMARK.lines().map(str::to_owned).collect();
    let mut servers = [
        Server::new(&root, "apigen", true, &files),
        Server::new(&root, "router", false, &files),
    ];
    // Dependencies, then the crates themselves, untimed.
    for server in &servers {
        server.build(&target);
        server.check(&target);
    }
    let mut edits = [Vec::new(), Vec::new()];
    let mut adds = [Vec::new(), Vec::new()];
    for round in 0..builds {
        for (server, times) in servers.iter().zip(&mut edits) {
            server.edit(EDITED, round + 1);
            times.push(server.build(&target));
        }
    }
    for round in 0..builds {
        let file = format!("links/[id]/daily-{round}.rs");
        for (server, times) in servers.iter_mut().zip(&mut adds) {
            server.add(&file);
            times.push(server.build(&target));
        }
    }
    for server in &servers {
        server.check(&target);
    }
    println!(
        "papermark's pages/api ({} route files), debug `cargo build` of an axum server, best / median of {builds}",
        files.len()
    );
    println!("| change | apigen | hand-written `axum::Router` | apigen / `Router` (medians) |");
    println!("|---|---:|---:|---:|");
    for (change, [ours, theirs]) in [
        ("edit one handler body", &mut edits),
        ("add one route file", &mut adds),
    ] {
        let (ours, theirs) = (best_median(ours), best_median(theirs));
        println!(
            "| {change} | {:.2} s / {:.2} s | {:.2} s / {:.2} s | {:.2}x |",
            ours.0.as_secs_f64(),
            ours.1.as_secs_f64(),
            theirs.0.as_secs_f64(),
            theirs.1.as_secs_f64(),
            ours.1.as_secs_f64() / theirs.1.as_secs_f64()
        );
    }
}

/// The fastest and the median of some builds.
fn best_median(times: &mut [Duration]) -> (Duration, Duration) {
    times.sort();
    (times[0], times[times.len() / 2])
}

fn timed(mut command: Command) -> Duration {
    let start = Instant::now();
    let status = command.status().expect("the compiler runs");
    let elapsed = start.elapsed();
    assert!(status.success(), "{command:?} failed");
    elapsed
}
