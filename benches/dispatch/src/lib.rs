//! Dispatch benchmarks and their fixtures: the matchers apigen generates for
//! matchit's GitHub benchmark routes, the synthetic scaling sets and the
//! reference tree (all written by `build.rs`), plus the rivals built from
//! the same routes. The benchmarks live in `benches/dispatch.rs`, the
//! agreement and allocation tests in `tests/`.

pub mod routeset;

/// The benchmark data: `GITHUB_ROUTES`, `GITHUB_PATHS`, `RULES`.
pub mod data {
    include!(concat!(env!("OUT_DIR"), "/data.rs"));
}

/// The core matcher generated for the GitHub routes (prefix `""`).
pub mod github {
    include!(concat!(env!("OUT_DIR"), "/github_core.rs"));
}

/// The axum router generated for the GitHub routes (prefix `""`); each
/// handler answers its own pattern.
pub mod github_axum {
    include!(concat!(env!("OUT_DIR"), "/github_axum.rs"));
}

/// The second rival of the axum benchmark: an `axum::Router` over the GitHub
/// routes whose handlers are the same files `github_axum` serves, so each
/// route runs a handler function of its own, as in a real application.
pub mod github_rival {
    include!(concat!(env!("OUT_DIR"), "/github_rival.rs"));
}

/// The reference tree, served below `/api`.
pub mod rules_api {
    include!(concat!(env!("OUT_DIR"), "/rules_api.rs"));
}

/// The reference tree, served from the root.
pub mod rules_root {
    include!(concat!(env!("OUT_DIR"), "/rules_root.rs"));
}

/// The GitHub request paths with realistic params instead of `p1`..`p4`:
/// a UUID, a repository name, a branch name, a number.
pub fn github_long_paths() -> Vec<String> {
    data::GITHUB_PATHS
        .iter()
        .map(|path| {
            path.replace("p1", "3f2c1a9e-5b7d-4c8e-9a1f-2b3c4d5e6f70")
                .replace("p2", "hello-world-service")
                .replace("p3", "feature%2Fdispatch")
                .replace("p4", "1024")
        })
        .collect()
}

/// The rival: a `matchit` router over the GitHub routes, each mapped to its
/// index in [`data::GITHUB_ROUTES`].
pub fn matchit_github() -> matchit::Router<usize> {
    let mut router = matchit::Router::new();
    for (i, route) in data::GITHUB_ROUTES.iter().enumerate() {
        router
            .insert(*route, i)
            .expect("matchit accepts its own benchmark routes");
    }
    router
}

/// The first rival of the axum benchmark: an `axum::Router` with the same
/// routes, each answering its own pattern as the generated handlers do, all
/// through one closure type (so one copy of axum's handler code serves
/// every route: the rival's best case).
pub fn axum_github() -> axum::Router {
    let mut router = axum::Router::new();
    for route in data::GITHUB_ROUTES {
        let pattern: &'static str = Box::leak(routeset::github_pattern(route).into_boxed_str());
        router = router.route(route, axum::routing::get(move || async move { pattern }));
    }
    router
}
