//! `routes::service(state)`, the blog's API as one service without an
//! `axum::Router` around it, over real HTTP: every request below gets the
//! same answer (status, headers but `date`, body) as from
//! `routes::router().with_state(state)`, each server with its own fresh
//! state and the requests sent in the same order, so that the writes (a
//! post created, a comment deleted) are seen alike.

use apigen_test_client as client;

use std::net::SocketAddr;

use blog::{AppState, routes, seed_comments};
use client::{Answer, send};
use tokio::net::TcpListener;

const ADMIN_TOKEN: &str = "s3cret";

fn state() -> AppState {
    AppState::new(seed_comments().unwrap()).with_admin_token(ADMIN_TOKEN)
}

async fn listener() -> (TcpListener, SocketAddr) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    (listener, addr)
}

/// The two servers: `router()` and `service()`, each with a fresh state.
async fn servers() -> (SocketAddr, SocketAddr) {
    let (by_router, router_addr) = listener().await;
    let router = routes::router().with_state(state());
    tokio::spawn(async move { axum::serve(by_router, router).await.unwrap() });
    let (by_service, service_addr) = listener().await;
    let service = routes::service(state());
    tokio::spawn(async move {
        axum::serve(by_service, service.into_make_service())
            .await
            .unwrap()
    });
    (router_addr, service_addr)
}

/// One request: method, path, headers, body.
type Request<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)], &'a [u8]);

/// The answer without the headers that differ from one response to the
/// next (`date`).
fn comparable(mut answer: Answer) -> Answer {
    answer.headers.retain(|(name, _)| name != "date");
    answer
}

#[tokio::test]
async fn the_service_answers_as_the_router() {
    let (router, service) = servers().await;
    let bearer = format!("Bearer {ADMIN_TOKEN}");
    let json = [("Content-Type", "application/json")];
    let token = [("Authorization", bearer.as_str())];
    let big = [("Content-Length", "99999999")];
    let requests: Vec<Request> = vec![
        ("GET", "/api/hello", &[], b""),
        ("HEAD", "/api/hello", &[], b""),
        ("OPTIONS", "/api/hello", &[], b""),
        ("DELETE", "/api/hello", &[], b""),
        ("PURGE", "/api/hello", &[], b""),
        ("GET", "/api//hello/?q=1", &[], b""),
        ("GET", "/api/HELLO", &[], b""),
        ("GET", "/api/nothing/here", &[], b""),
        ("GET", "/elsewhere", &[], b""),
        ("GET", "/api/post/abc", &[], b""),
        ("GET", "/api/post/caf%C3%A9", &[], b""),
        ("GET", "/api/post/%E0", &[], b""),
        ("GET", "/api/post/a/b/c", &[], b""),
        (
            "POST",
            "/api/post/create",
            &json,
            br#"{"title":"T","body":"B"}"#,
        ),
        ("POST", "/api/post/create", &json, b"{not json"),
        ("GET", "/api/posts?page=1&limit=2", &[], b""),
        ("GET", "/api/posts/1", &[], b""),
        ("GET", "/api/posts/x", &[], b""),
        ("PUT", "/api/authors/1", &json, br#"{"name":"N"}"#),
        ("GET", "/api/store", &[], b""),
        ("GET", "/api/store/a/b", &[], b""),
        ("GET", "/api/comments", &[], b""),
        ("DELETE", "/api/comments/1", &[], b""),
        ("GET", "/api/comments/1", &[], b""),
        ("GET", "/api/admin/users", &[], b""),
        ("GET", "/api/admin/users", &token, b""),
        ("GET", "/api/ADMIN/users/", &token, b""),
        ("GET", "/api/admin/stats", &token, b""),
        ("GET", "/api/slow/10", &[], b""),
        ("GET", "/api/slow/2000", &[], b""),
        ("GET", "/api/routes", &[], b""),
        ("GET", "/api/openapi.json", &[], b""),
        ("POST", "/api/post/create", &big, b""),
    ];
    for (method, path, headers, body) in requests {
        let by_router = comparable(send(router, method, path, headers, body).await);
        let by_service = comparable(send(service, method, path, headers, body).await);
        assert_eq!(by_service, by_router, "{method} {path}");
    }
}

/// A tower layer goes around `service()` as around any service: here a
/// `TraceLayer`-style `map_response` reads each response's `MatchedRoute`
/// (the route's pattern; none for a 404 or a 308), and `axum::serve` takes the
/// layered service through `axum::ServiceExt::into_make_service`.
#[tokio::test]
async fn a_layer_around_the_service_reads_the_matched_route() {
    use tower::Layer as _;
    let label = tower::util::MapResponseLayer::new(|mut response: axum::response::Response| {
        let pattern = response
            .extensions()
            .get::<routes::MatchedRoute>()
            .map_or("none", |route| route.pattern());
        let value = axum::http::HeaderValue::from_static(pattern);
        response.headers_mut().insert("x-route", value);
        response
    });
    let app = label.layer(routes::service(state()));
    let app = axum::ServiceExt::<axum::extract::Request>::into_make_service(app);
    let (listener, addr) = listener().await;
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    for (path, route) in [
        ("/api/post/abc", "/api/post/[pid]"),
        ("/api/post/a/b/c", "/api/post/[...slug]"),
        ("/api/admin/users", "/api/admin/users"),
        ("/api/hello/", "none"),
        ("/api/nothing", "none"),
    ] {
        let answer = send(addr, "GET", path, &[], b"").await;
        assert_eq!(answer.header("x-route"), Some(route), "{path}: {answer:?}");
    }
}
