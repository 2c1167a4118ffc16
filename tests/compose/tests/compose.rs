//! SPEC section 7: `routes::router()` is one part of an axum app. Each app
//! below is served on a loopback port and sent real requests.

use std::net::SocketAddr;
use std::path::Path;

use apigen_compose::{AppState, root_routes, routes};
use apigen_test_client::{Answer, get};
use axum::Router;
use axum::http::StatusCode;
use axum::routing::get as axum_get;
use tower_http::services::ServeDir;

const STATE: AppState = AppState { name: "the state" };

async fn serve(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

fn public() -> ServeDir {
    ServeDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("public"))
}

#[track_caller]
fn assert_answer(answer: &Answer, status: u16, body: &str) {
    assert_eq!(
        (answer.status, answer.body.as_str()),
        (status, body),
        "{answer:?}"
    );
}

#[track_caller]
fn assert_redirect(answer: &Answer, location: &str) {
    assert_eq!(answer.status, 308, "{answer:?}");
    assert_eq!(answer.header("location"), Some(location), "{answer:?}");
}

/// apigen's own answers inside `/api`, whatever surrounds the router.
async fn assert_api_answers(addr: SocketAddr, outer: &str) {
    assert_answer(&get(addr, &format!("{outer}/api/status")).await, 200, "ok");
    assert_answer(
        &get(addr, &format!("{outer}/api/state")).await,
        200,
        "the state",
    );
    assert_answer(
        &get(addr, &format!("{outer}/api/nope")).await,
        404,
        "404 Not Found",
    );
    assert_answer(
        &get(addr, &format!("{outer}/api")).await,
        404,
        "404 Not Found",
    );
    assert_redirect(
        &get(addr, &format!("{outer}/api//status")).await,
        &format!("{outer}/api/status"),
    );
    assert_redirect(
        &get(addr, &format!("{outer}/api/status/?x=1")).await,
        &format!("{outer}/api/status?x=1"),
    );
    assert_redirect(
        &get(addr, &format!("{outer}/api/")).await,
        &format!("{outer}/api"),
    );
    assert_redirect(
        &get(addr, &format!("{outer}/api/nope/../status")).await,
        &format!("{outer}/api/status"),
    );
}

#[tokio::test]
async fn a_serve_dir_fallback_serves_only_outside_the_prefix() {
    let app = routes::router()
        .fallback_service(public())
        .with_state(STATE);
    let addr = serve(app).await;
    assert_api_answers(addr, "").await;
    assert_answer(&get(addr, "/file.txt").await, 200, "plain\n");
    assert_answer(&get(addr, "/").await, 200, "<h1>public</h1>\n");
    assert_eq!(get(addr, "/missing.txt").await.status, 404);
}

#[tokio::test]
async fn a_fallback_handler_serves_only_outside_the_prefix() {
    let app = routes::router()
        .fallback(|| async { (StatusCode::IM_A_TEAPOT, "fallback") })
        .with_state(STATE);
    let addr = serve(app).await;
    assert_api_answers(addr, "").await;
    assert_answer(&get(addr, "/elsewhere").await, 418, "fallback");
    assert_answer(&get(addr, "/apix").await, 418, "fallback");
}

#[tokio::test]
async fn it_merges_into_a_router_with_a_fallback_and_routes() {
    let app: Router = Router::new()
        .route("/health", axum_get(|| async { "healthy" }))
        .fallback(|| async { (StatusCode::IM_A_TEAPOT, "fallback") })
        .merge(routes::router())
        .route("/after", axum_get(|| async { "after" }))
        .with_state(STATE);
    let addr = serve(app).await;
    assert_api_answers(addr, "").await;
    assert_answer(&get(addr, "/health").await, 200, "healthy");
    assert_answer(&get(addr, "/after").await, 200, "after");
    assert_answer(&get(addr, "/elsewhere").await, 418, "fallback");
}

#[tokio::test]
async fn routers_merge_either_way() {
    let other: Router<AppState> = Router::new().route("/other", axum_get(|| async { "other" }));
    let app = routes::router().merge(other).with_state(STATE);
    let addr = serve(app).await;
    assert_api_answers(addr, "").await;
    assert_answer(&get(addr, "/other").await, 200, "other");
    assert_eq!(get(addr, "/elsewhere").await.status, 404);
}

#[tokio::test]
async fn nested_redirects_keep_the_outer_prefix() {
    let app: Router = Router::new()
        .nest("/v1", routes::router())
        .fallback_service(public())
        .with_state(STATE);
    let addr = serve(app).await;
    assert_api_answers(addr, "/v1").await;
    // Handlers and the matcher see the path inside the nest.
    assert_answer(
        &get(addr, "/v1/api/where").await,
        200,
        "/api/where /v1/api/where",
    );
    assert_answer(&get(addr, "/file.txt").await, 200, "plain\n");
}

#[tokio::test]
async fn layers_wrap_every_answer() {
    let app = routes::router()
        .layer(axum::middleware::map_response(
            |mut response: axum::response::Response| async move {
                response
                    .headers_mut()
                    .insert("x-layer", "yes".parse().unwrap());
                response
            },
        ))
        .with_state(STATE);
    let addr = serve(app).await;
    for path in ["/api/status", "/api/nope", "/api//status"] {
        let answer = get(addr, path).await;
        assert_eq!(answer.header("x-layer"), Some("yes"), "{path}: {answer:?}");
    }
}

#[tokio::test]
async fn from_the_root_apigen_owns_every_path() {
    let app = root_routes::router()
        .fallback(|| async { (StatusCode::IM_A_TEAPOT, "fallback") })
        .with_state(STATE);
    let addr = serve(app).await;
    assert_answer(&get(addr, "/status").await, 200, "ok");
    assert_answer(&get(addr, "/elsewhere").await, 404, "404 Not Found");
    assert_redirect(&get(addr, "//status").await, "/status");
    assert_redirect(&get(addr, "/status/").await, "/status");
}

#[tokio::test]
async fn from_the_root_unmatched_paths_can_go_to_a_fallback() {
    let app =
        root_routes::router_with_fallback(axum::routing::get_service(public())).with_state(STATE);
    let addr = serve(app).await;
    assert_answer(&get(addr, "/status").await, 200, "ok");
    assert_answer(&get(addr, "/file.txt").await, 200, "plain\n");
    assert_eq!(get(addr, "/missing.txt").await.status, 404);
    // Irregular paths are still made regular first.
    assert_redirect(&get(addr, "//status").await, "/status");
}

#[tokio::test]
async fn a_fallback_handler_can_take_the_state() {
    let app = root_routes::router_with_fallback(
        |axum::extract::State(state): axum::extract::State<AppState>| async move {
            (StatusCode::IM_A_TEAPOT, state.name)
        },
    )
    .with_state(STATE);
    let addr = serve(app).await;
    assert_answer(&get(addr, "/elsewhere").await, 418, "the state");
    assert_answer(&get(addr, "/state").await, 200, "the state");
}

/// A layer of the app's router runs around each of its routes, after axum
/// matched the request: it can read axum's `MatchedPath`, as axum's own
/// tracing example does. For apigen's routes that path is the catch-all
/// that hands every request inside the prefix to the dispatch, the same for
/// every route (README, "The route a request reached"): the route is the
/// response's `MatchedRoute`, which the layer reads once answered.
#[tokio::test]
async fn a_router_layer_names_the_route_by_matched_route_not_matched_path() {
    async fn label(
        req: axum::extract::Request,
        next: axum::middleware::Next,
    ) -> axum::response::Response {
        let matched_path = req
            .extensions()
            .get::<axum::extract::MatchedPath>()
            .map(|path| path.as_str().to_owned());
        let mut response = next.run(req).await;
        let route = response
            .extensions()
            .get::<routes::MatchedRoute>()
            .map(|route| route.pattern());
        let headers = response.headers_mut();
        if let Some(path) = matched_path {
            headers.insert("x-matched-path", path.parse().unwrap());
        }
        if let Some(route) = route {
            headers.insert("x-route", route.parse().unwrap());
        }
        response
    }
    let app = Router::new()
        .merge(routes::router())
        .route("/own", axum_get(|| async { "own" }))
        .layer(axum::middleware::from_fn(label))
        .with_state(STATE);
    let addr = serve(app).await;

    let status = get(addr, "/api/status").await;
    let state = get(addr, "/api/state").await;
    assert_answer(&status, 200, "ok");
    assert_answer(&state, 200, "the state");
    assert_eq!(status.header("x-route"), Some("/api/status"), "{status:?}");
    assert_eq!(state.header("x-route"), Some("/api/state"), "{state:?}");
    // axum's `MatchedPath` is there, but names apigen's catch-all below
    // `/api`, not the route: the same for both.
    let catch_all = status.header("x-matched-path").expect("axum's MatchedPath");
    assert!(catch_all.starts_with("/api/"), "{status:?}");
    assert_ne!(catch_all, "/api/status", "{status:?}");
    assert_eq!(state.header("x-matched-path"), Some(catch_all), "{state:?}");
    // A 404 inside the prefix reached no route: no `MatchedRoute`.
    let missing = get(addr, "/api/nope").await;
    assert_answer(&missing, 404, "404 Not Found");
    assert_eq!(missing.header("x-route"), None, "{missing:?}");
    // The app's own route: axum's `MatchedPath` is its pattern, as always.
    let own = get(addr, "/own").await;
    assert_answer(&own, 200, "own");
    assert_eq!(own.header("x-matched-path"), Some("/own"), "{own:?}");
    assert_eq!(own.header("x-route"), None, "{own:?}");
}
