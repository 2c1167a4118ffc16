//! SPEC section 8 on a tree with middleware at the api dir, in `admin/`, in
//! `admin/users/[id]/` and in a catch-all folder, beside the sibling files
//! `admin.rs` and `adminx.rs`: each route's requests pass exactly its
//! chain, outermost first, and only once they have reached the route (never
//! for 404, 308, 405 or the automatic `OPTIONS`; always before 400 and 413).

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use apigen_middleware::{AFTER, AppState, LAYER_CALLS, MATCHED, routes};
use axum::body::{Body, Bytes};
use axum::http::{Method, Request, StatusCode};
use tower::ServiceExt;

const STATE: AppState = AppState { token: "secret" };

/// What came back: status, `x-after` (innermost first), the route files
/// the middleware found in the request (`x-matched`), the file of the
/// response's `MatchedRoute`, body.
#[derive(Debug)]
struct Answer {
    status: StatusCode,
    after: Vec<String>,
    matched: Vec<String>,
    route: Option<&'static str>,
    body: String,
}

impl Answer {
    /// The `x-after` chain outermost first, as SPEC lists it.
    fn chain(&self) -> Vec<&str> {
        self.after.iter().rev().map(String::as_str).collect()
    }
}

async fn send_request(request: Request<Body>) -> Answer {
    let app = routes::router().with_state(STATE);
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let values = |name| {
        response
            .headers()
            .get_all(name)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect()
    };
    let after = values(AFTER);
    let matched = values(MATCHED);
    let route = response
        .extensions()
        .get::<routes::MatchedRoute>()
        .map(|route| route.file());
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    Answer {
        status,
        after,
        matched,
        route,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

async fn send(method: Method, path: &str, token: bool) -> Answer {
    let mut request = Request::builder().method(method).uri(path);
    if token {
        request = request.header("x-token", "secret");
    }
    send_request(request.body(Body::empty()).unwrap()).await
}

async fn get(path: &str) -> Answer {
    send(Method::GET, path, true).await
}

const ROOT: [&str; 2] = ["root-layer", "root"];

/// The chain of the api dir's file, then `more`.
fn chain(more: &[&'static str]) -> Vec<&'static str> {
    ROOT.iter().chain(more).copied().collect()
}

#[tokio::test]
async fn each_route_runs_exactly_its_folders_middleware_outermost_first() {
    // (path, the handler's file, the chain: `layer()`s as `<name>-layer`)
    let cases: &[(&str, &str, Vec<&str>)] = &[
        ("/api", "index.rs", chain(&[])),
        ("/api/admin", "admin.rs", chain(&[])),
        ("/api/adminx", "adminx.rs", chain(&[])),
        (
            "/api/admin/settings",
            "admin/settings.rs",
            chain(&["admin"]),
        ),
        (
            "/api/admin/users",
            "admin/users/index.rs",
            chain(&["admin"]),
        ),
        (
            "/api/admin/users/7",
            "admin/users/[id].rs",
            chain(&["admin"]),
        ),
        (
            "/api/admin/users/7/posts",
            "admin/users/[id]/posts.rs",
            chain(&["admin", "user"]),
        ),
        ("/api/docs/intro", "docs/intro.rs", chain(&[])),
        ("/api/docs/a/b", "docs/[...rest]/index.rs", chain(&["docs"])),
        ("/api/layered/x", "layered/x.rs", chain(&["layered-layer"])),
    ];
    for (path, file, expected) in cases {
        let answer = get(path).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}: {answer:?}");
        assert_eq!(answer.chain(), *expected, "{path}: {answer:?}");
        // On the way in, the handler saw the `middleware`s outermost first.
        let before: Vec<&str> = expected
            .iter()
            .copied()
            .filter(|name| !name.ends_with("-layer"))
            .collect();
        let echo = format!("{file} <- {}", before.join(","));
        assert!(answer.body.starts_with(&echo), "{path}: {answer:?}");
        // Every middleware found the route in the request, and the
        // response carries it.
        assert_eq!(answer.matched, vec![*file; before.len()], "{path}");
        assert_eq!(answer.route, Some(*file), "{path}: {answer:?}");
    }
}

#[tokio::test]
async fn a_handler_extracts_its_matched_route() {
    // docs/intro.rs names its file and pattern from its `MatchedRoute`.
    let answer = get("/api/docs/intro").await;
    assert_eq!(answer.body, "docs/intro.rs <- root pattern=/api/docs/intro");
    let info = routes::Route::DocsIntro.info();
    assert_eq!(answer.route, Some(info.file));
}

#[tokio::test]
async fn every_method_and_spelling_that_reaches_admin_passes_the_token_check() {
    for method in ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "PURGE"] {
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let answer = send(method.clone(), "/api/admin/settings", false).await;
        match method.as_str() {
            "GET" | "HEAD" | "POST" => {
                assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{method}");
                assert_eq!(answer.chain(), ["root-layer", "root", "admin"], "{method}");
                // The middleware's own answer leaves the route labelled.
                assert_eq!(answer.route, Some("admin/settings.rs"), "{method}");
            }
            // 405 comes first: no middleware runs for it.
            _ => {
                assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
                assert!(answer.after.is_empty(), "{method}: {answer:?}");
            }
        }
    }
    // Other spellings are redirected (no middleware) or are other paths.
    for path in [
        "/api/admin/users/",
        "/api/admin//users",
        "/api/admin/./users",
        "/api/x/../admin/users",
        "/api/admin\\users",
        "/api/admin/users/%2e",
    ] {
        let answer = send(Method::GET, path, false).await;
        assert_eq!(answer.status, StatusCode::PERMANENT_REDIRECT, "{path}");
        assert!(answer.after.is_empty(), "{path}: {answer:?}");
    }
    for path in [
        "/api/Admin/users",
        "/api/admin/user%73",
        "/api/admin%2Fusers",
    ] {
        let answer = send(Method::GET, path, false).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        assert!(answer.after.is_empty(), "{path}: {answer:?}");
    }
}

#[tokio::test]
async fn not_found_redirect_405_and_options_run_no_middleware() {
    for (method, path, status) in [
        (Method::GET, "/api/nothing", StatusCode::NOT_FOUND),
        (Method::GET, "/api/admin/nothing", StatusCode::NOT_FOUND),
        (Method::GET, "/elsewhere", StatusCode::NOT_FOUND),
        (Method::GET, "/api/admin/", StatusCode::PERMANENT_REDIRECT),
        (
            Method::DELETE,
            "/api/admin/users/1",
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (
            Method::OPTIONS,
            "/api/admin/users/1",
            StatusCode::NO_CONTENT,
        ),
        (Method::OPTIONS, "/api", StatusCode::NO_CONTENT),
    ] {
        let answer = send(method.clone(), path, true).await;
        assert_eq!(answer.status, status, "{method} {path}");
        assert!(answer.after.is_empty(), "{method} {path}: {answer:?}");
        // 405 and OPTIONS answer for a route: their responses carry it.
        let reached = [StatusCode::METHOD_NOT_ALLOWED, StatusCode::NO_CONTENT];
        let route = match path {
            "/api" => "index.rs",
            _ => "admin/users/[id].rs",
        };
        let expected = reached.contains(&status).then_some(route);
        assert_eq!(answer.route, expected, "{method} {path}");
    }
    // A file with `handler` serves OPTIONS itself, through its chain.
    let answer = send(Method::OPTIONS, "/api/docs/a", true).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.chain(), chain(&["docs"]));
}

#[tokio::test]
async fn bad_params_and_big_bodies_are_answered_after_the_middleware() {
    for path in ["/api/admin/users/abc", "/api/admin/users/%E0"] {
        let answer = get(path).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(answer.chain(), chain(&["admin"]), "{path}: {answer:?}");
        assert_eq!(answer.route, Some("admin/users/[id].rs"), "{path}");
        // Without the token, the 401 comes first.
        let answer = send(Method::GET, path, false).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{path}");
    }
    let post = |token: bool, length: usize| {
        let mut request =
            Request::post("/api/admin/settings").header("content-length", length.to_string());
        if token {
            request = request.header("x-token", "secret");
        }
        request.body(Body::from("x".repeat(length))).unwrap()
    };
    let answer = send_request(post(true, 100)).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE, "{answer:?}");
    assert_eq!(answer.chain(), chain(&["admin"]));
    assert_eq!(answer.route, Some("admin/settings.rs"));
    let answer = send_request(post(false, 100)).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{answer:?}");
    let answer = send_request(post(true, 5)).await;
    assert_eq!(answer.status, StatusCode::OK, "{answer:?}");
    assert!(answer.body.ends_with("body=xxxxx"), "{answer:?}");
}

/// A request body that records whether anyone read it, and never ends.
struct Watched(Arc<AtomicBool>);

impl http_body::Body for Watched {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        self.0.store(true, Ordering::SeqCst);
        Poll::Pending
    }
}

#[tokio::test]
async fn a_middleware_that_answers_at_once_reads_no_body() {
    let read = Arc::new(AtomicBool::new(false));
    let request = Request::post("/api/admin/settings")
        .body(Body::new(Watched(read.clone())))
        .unwrap();
    let answer = send_request(request).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.body, "401 admin only");
    assert!(!read.load(Ordering::SeqCst), "the body was read");
}

#[tokio::test]
async fn a_middleware_rewriting_the_uri_cannot_reroute_the_request() {
    // rewrite/_middleware.rs sets every URI to `/api/adminx`: the route
    // matched serves it, with its params from the path it was matched on;
    // its extractors see the URI the middleware set.
    let answer = get("/api/rewrite/a%20b").await;
    assert_eq!(answer.status, StatusCode::OK, "{answer:?}");
    assert_eq!(
        answer.body,
        "rewrite/[x].rs <- root,rewrite x=a b uri=/api/adminx original=/api/rewrite/a%20b"
    );
    assert_eq!(answer.chain(), chain(&["rewrite"]));
}

#[tokio::test]
async fn layers_are_built_once_for_every_router() {
    for _ in 0..3 {
        let _ = routes::router();
        get("/api/layered/x").await;
    }
    let _ = routes::router_with_fallback(|| async { "fallback" });
    // One call for each of the two `layer()`s that guard a route, however
    // many routers and requests (`unguarded/`'s is never built).
    assert_eq!(LAYER_CALLS.load(Ordering::SeqCst), 2);
}
