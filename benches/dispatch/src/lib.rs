//! Dispatch benchmarks and their fixtures: the matchers apigen generates for
//! matchit's GitHub benchmark routes, the synthetic scaling sets and the
//! reference tree (all written by `build.rs`), plus the rivals built from
//! the same routes and the servers of the end-to-end benchmark
//! ([`EndToEnd`]). The benchmarks live in `benches/`, the agreement and
//! allocation tests in `tests/`.

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

/// The generated axum router for the GitHub routes with one folder
/// middleware, `_middleware.rs` in the api dir: [`pass_on`], through
/// `from_fn`.
pub mod github_axum_middleware {
    include!(concat!(env!("OUT_DIR"), "/github_axum_middleware.rs"));
}

/// The middleware of the end-to-end benchmark's guarded servers: passes
/// the request on, as a middleware does when it lets a request through.
pub async fn pass_on(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    next.run(req).await
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

/// The floor of the end-to-end benchmark: an `axum::Router` with one static
/// route and no param, answering "ok" at [`FLOOR_PATH`]: what a request
/// costs through axum's `Router` at the least.
pub fn axum_floor() -> axum::Router {
    axum::Router::new().route(FLOOR_PATH, axum::routing::get(|| async { "ok" }))
}

/// The one path of [`axum_floor`], which its requests all ask for.
pub const FLOOR_PATH: &str = "/x";

/// The floor of a `router()` made of axum routes: an `axum::Router` with the
/// two routes the generated `router()` registers (`/` and the catch-all
/// `/{*__private__axum_fallback}`, whose param axum does not copy into the
/// request), one closure answering "ok" for both, sent the 130 GitHub paths.
/// What those requests cost through axum's `Router` to the route that
/// `router()` hands them to, with no routing and no handler of apigen's.
pub fn axum_catch_all() -> axum::Router {
    let ok = axum::routing::get(|| async { "ok" });
    axum::Router::new()
        .route("/", ok.clone())
        .route("/{*__private__axum_fallback}", ok)
}

/// The servers of the end-to-end benchmark, by name, each answering the 130
/// GitHub requests (the floor its one path, as often):
///
/// - `apigen`: the generated `router()`;
/// - `axum-handler-files`: an `axum::Router` calling the same 130 handler
///   files (the realistic rival: one handler function per route);
/// - `axum`: an `axum::Router` serving every route with one closure type
///   (axum's best case: one copy of its handler code for all);
/// - `axum-floor`: [`axum_floor`];
/// - `axum-catch-all`: [`axum_catch_all`], sent the GitHub paths;
/// - `service-fn`: a bare `tower::service_fn` answering "ok", no router;
/// - `apigen-middleware`: the generated `router()` of the same files with a
///   `_middleware.rs` over them all, [`pass_on`];
/// - `axum-handler-files-middleware`: `axum-handler-files` with
///   `route_layer(from_fn(pass_on))`;
/// - `apigen-service`: the generated `service()`, the same API without an
///   `axum::Router` around it (for an app that is all apigen).
///
/// Every router gets `.with_state(())`, as `axum::serve` does before it
/// serves one (a `Router<()>` used without it converts its handlers on every
/// request).
pub const END_TO_END: [&str; 9] = [
    "apigen",
    "axum-handler-files",
    "axum",
    "axum-floor",
    "axum-catch-all",
    "service-fn",
    "apigen-middleware",
    "axum-handler-files-middleware",
    "apigen-service",
];

/// One server of the end-to-end benchmark (see [`END_TO_END`]).
pub enum EndToEnd {
    /// One of the routers, with the paths it is sent.
    Router(axum::Router, &'static [&'static str]),
    /// The bare `tower::service_fn`.
    ServiceFn,
    /// The generated `service()`.
    Service(github_axum::Service),
}

/// The request every server of the end-to-end benchmark gets, built the
/// same way for each: `GET path`, empty body.
pub fn request(path: &str) -> axum::extract::Request {
    axum::http::Request::get(path)
        .body(axum::body::Body::empty())
        .expect("a valid request")
}

/// The answer of the bare `tower::service_fn`.
async fn ok(
    _: axum::extract::Request,
) -> Result<axum::response::Response, std::convert::Infallible> {
    Ok(axum::response::IntoResponse::into_response("ok"))
}

impl EndToEnd {
    /// The server named `name` in [`END_TO_END`].
    pub fn new(name: &str) -> Option<EndToEnd> {
        let paths = data::GITHUB_PATHS;
        let router = match name {
            "apigen" => github_axum::router(),
            "axum-handler-files" => github_rival::router(),
            "axum" => axum_github(),
            "apigen-middleware" => github_axum_middleware::router(),
            "axum-handler-files-middleware" => {
                github_rival::router().route_layer(axum::middleware::from_fn(pass_on))
            }
            "axum-floor" => {
                static FLOOR: [&str; 130] = [FLOOR_PATH; 130];
                assert_eq!(FLOOR.len(), paths.len(), "as many requests as the others");
                return Some(EndToEnd::Router(axum_floor().with_state(()), &FLOOR));
            }
            "axum-catch-all" => axum_catch_all(),
            "service-fn" => return Some(EndToEnd::ServiceFn),
            "apigen-service" => return Some(EndToEnd::Service(github_axum::service())),
            _ => return None,
        };
        Some(EndToEnd::Router(router.with_state(()), paths))
    }

    /// The paths this server is sent, one request each per round.
    pub fn paths(&self) -> &'static [&'static str] {
        match self {
            EndToEnd::Router(_, paths) => paths,
            EndToEnd::ServiceFn | EndToEnd::Service(_) => data::GITHUB_PATHS,
        }
    }

    /// Sends one round of requests in process (`oneshot`), handing each
    /// response to `seen` (the benchmark's `black_box`, or a test's check).
    pub async fn round(&self, mut seen: impl FnMut(axum::response::Response)) {
        use tower::ServiceExt;
        match self {
            EndToEnd::Router(router, paths) => {
                for path in *paths {
                    let response = router.clone().oneshot(request(path)).await;
                    seen(response.expect("infallible"));
                }
            }
            EndToEnd::Service(service) => {
                for path in data::GITHUB_PATHS {
                    let response = service.clone().oneshot(request(path)).await;
                    seen(response.expect("infallible"));
                }
            }
            EndToEnd::ServiceFn => {
                let service = tower::service_fn(ok);
                for path in data::GITHUB_PATHS {
                    let response = service.oneshot(request(path)).await;
                    seen(response.expect("infallible"));
                }
            }
        }
    }
}
