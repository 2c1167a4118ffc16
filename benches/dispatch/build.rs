//! Writes the api trees the benchmarks and tests run on into `OUT_DIR` and
//! runs apigen on each, as a consumer's build script would:
//!
//! - `github`: matchit's own benchmark routes (130 GitHub API patterns),
//!   converted to files, generated for the core and the axum target; and
//!   `github_middleware`, the same with a `_middleware.rs` over them all;
//! - `scale_<n>`: synthetic APIs of 10, 100, 1,000 and 10,000 routes (core);
//! - `rules`: a small tree full of shared prefixes, backtracking and
//!   catch-alls, for the reference test (core, with and without a prefix).
//!
//! The GitHub data is read from `$APIGEN_BENCH_DATA`, or from this crate's
//! `data/` (a copy of `../shared/bench/`, checked byte for byte by
//! `tests/shared_copies.rs` where `../shared` is beside the checkout).

// The library's route sets; this script uses only some of its functions.
#[allow(dead_code)]
#[path = "src/routeset.rs"]
mod routeset;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The tree of the reference test: every routing rule, and static names
/// that share prefixes so the byte-level dispatch has to tell them apart.
/// (Next.js's example param `[foo]` is `[fo]` here: clippy's
/// `disallowed_names` rejects a binding named `foo` in the generated
/// accessors.)
const RULES: &[&str] = &[
    "index.rs",
    "a.rs",
    "a/b/c/d.rs",
    "a/b/c/e.rs",
    "a/b/[x]/d.rs",
    "a/[y]/c/d.rs",
    "a/[y]/[z]/e.rs",
    "ab.rs",
    "abc/index.rs",
    "abc/[...rest].rs",
    "abd/[x].rs",
    "b/[[...opt]].rs",
    "b/[x]/c.rs",
    "c/c.rs",
    "c/cc.rs",
    "c/ccc.rs",
    "c/ccc/[x].rs",
    "c/cd.rs",
    "c/d/[[...opt]].rs",
    "c/[y]/[z].rs",
    "deep/[a]/[b]/[c]/[d]/[e]/[f]/[g]/[h]/[i]/[j]/[k].rs",
    "deep/[a]/[b]/[c]/[d]/[e]/[f]/[g]/[h]/[i]/x/y/z.rs",
    "deep/[a]/[b]/[c]/[d]/[e]/[f]/[g]/[h]/[...rest].rs",
    "long-static-name/with/several/parts.rs",
    "long-static-name/with/other.rs",
    "posts.rs",
    "posts/[id].rs",
    "posts/[id]/foo.rs",
    "posts/[id]/[fo]/bar.rs",
    "posts/[id]/baz/[fo]/bar.rs",
    "u.rs",
    "user.rs",
    "user/[x].rs",
    "users.rs",
    "users/me.rs",
    "users/[x]/keys.rs",
    "usersx.rs",
    "x%20y.rs",
    "[slug].rs",
    "[slug]/a.rs",
    "[slug]/[...rest].rs",
];

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let data = match std::env::var_os("APIGEN_BENCH_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => manifest.join("data"),
    };
    println!("cargo:rerun-if-env-changed=APIGEN_BENCH_DATA");
    println!("cargo:rerun-if-changed=src/routeset.rs");
    let read = |name: &str| {
        let path = data.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|err| {
            panic!(
                "cannot read the benchmark data at {}: {err}\n\
                 (expected in the crate's data/, or APIGEN_BENCH_DATA)",
                path.display()
            )
        });
        text.lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let routes = read("github-routes.txt");
    let paths = read("github-paths.txt");
    assert_eq!(routes.len(), paths.len(), "one request path per route");

    let mut data_rs = String::from("/// matchit's benchmark routes, in its syntax.\n");
    writeln!(data_rs, "pub const GITHUB_ROUTES: &[&str] = &{routes:?};").unwrap();
    writeln!(
        data_rs,
        "/// One request path per route, as matchit's benchmark looks them up."
    )
    .unwrap();
    writeln!(data_rs, "pub const GITHUB_PATHS: &[&str] = &{paths:?};").unwrap();

    // The GitHub tree: each file answers its own pattern (axum target).
    let github = out.join("github");
    let files: Vec<(String, String)> = routes
        .iter()
        .map(|route| {
            let body = format!(
                "pub async fn get() -> &'static str {{\n    {:?}\n}}\n",
                routeset::github_pattern(route)
            );
            (routeset::github_file(route), body)
        })
        .collect();
    write_tree(&github, &files);
    generate(
        &github,
        "",
        apigen::Target::Core,
        &out.join("github_core.rs"),
    );
    generate(
        &github,
        "",
        apigen::Target::Axum,
        &out.join("github_axum.rs"),
    );
    // The second rival of the axum benchmark: an `axum::Router` calling the
    // very handler files the generated router calls, so both run 130
    // distinct handler functions.
    let rival: Vec<(Vec<String>, PathBuf)> = routes
        .iter()
        .map(|route| {
            (
                vec![route.clone()],
                github.join("api").join(routeset::github_file(route)),
            )
        })
        .collect();
    write_if_changed(
        &out.join("github_rival.rs"),
        &routeset::axum_router_source(&rival),
    );
    // The same tree with one folder middleware over every route, a
    // `from_fn` that passes the request on (its rival: the rival above with
    // `route_layer(from_fn(..))` of the same function).
    let mut guarded = files.clone();
    guarded.push((
        "_middleware.rs".to_owned(),
        "pub async fn middleware(\n    req: ::axum::extract::Request,\n    next: ::axum::middleware::Next,\n) -> ::axum::response::Response {\n    crate::pass_on(req, next).await\n}\n".to_owned(),
    ));
    let github_middleware = out.join("github_middleware");
    write_tree(&github_middleware, &guarded);
    generate(
        &github_middleware,
        "",
        apigen::Target::Axum,
        &out.join("github_axum_middleware.rs"),
    );

    for n in [10, 100, 1_000, 10_000] {
        let files = routeset::synthetic_files(n);
        let dir = out.join(format!("scale_{n}"));
        let files: Vec<(String, String)> = files.into_iter().map(|f| (f, String::new())).collect();
        write_tree(&dir, &files);
        generate(
            &dir,
            "",
            apigen::Target::Core,
            &out.join(format!("scale_{n}.rs")),
        );
    }

    let rules = out.join("rules");
    let files: Vec<(String, String)> = RULES
        .iter()
        .map(|f| (f.to_string(), String::new()))
        .collect();
    write_tree(&rules, &files);
    generate(
        &rules,
        "/api",
        apigen::Target::Core,
        &out.join("rules_api.rs"),
    );
    generate(&rules, "", apigen::Target::Core, &out.join("rules_root.rs"));
    writeln!(data_rs, "/// The files of the reference test's tree.").unwrap();
    writeln!(data_rs, "pub const RULES: &[&str] = &{RULES:?};").unwrap();

    std::fs::write(out.join("data.rs"), data_rs).unwrap();
}

/// Replaces `dir/api` with exactly these files.
fn write_tree(dir: &Path, files: &[(String, String)]) {
    let api = dir.join("api");
    let _ = std::fs::remove_dir_all(&api);
    for (file, body) in files {
        let path = api.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
}

/// Writes `text` to `path` unless the file already holds it (no rebuild).
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap();
    }
}

/// Renders rather than `generate()`s: the trees live in `OUT_DIR`, and a
/// `rerun-if-changed` on them would rerun this script on every build.
fn generate(dir: &Path, prefix: &str, target: apigen::Target, out: &Path) {
    let source = apigen::Builder::new()
        .api_dir(dir.join("api"))
        .prefix(prefix)
        .target(target)
        .render()
        .unwrap_or_else(|err| panic!("{err}"));
    write_if_changed(out, &source);
}
