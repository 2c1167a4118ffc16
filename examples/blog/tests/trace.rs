//! The blog's `TraceLayer` names the route of each response in the
//! request's span (the response's `routes::MatchedRoute`), over real HTTP.
//! One thread: the test's `tracing` subscriber sees the server's events.

use apigen_test_client as client;

use std::sync::{Arc, Mutex};

use blog::{AppState, app, seed_comments};
use tokio::net::TcpListener;

/// Where the subscriber writes: a buffer the test reads.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn each_response_is_logged_in_a_span_naming_its_route() {
    let logs = Logs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .without_time()
        .with_max_level(tracing::Level::INFO)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState::new(seed_comments().unwrap()).with_admin_token("t");
    tokio::spawn(async move { axum::serve(listener, app(state)).await.unwrap() });

    // (method, path, the span's fields, the status)
    let cases = [
        ("GET", "/api/hello", "route=/api/hello", 200),
        ("GET", "/api/post/abc", "route=/api/post/[pid]", 200),
        ("GET", "/api/post/a/b", "route=/api/post/[...slug]", 200),
        ("GET", "/api/posts/x", "route=/api/posts/[postId]", 400),
        // The admin middleware's own answer, and a 405, are the route's.
        ("GET", "/api/admin/users", "route=/api/admin/users", 401),
        ("DELETE", "/api/hello", "route=/api/hello", 405),
        // No route: no label.
        ("GET", "/api/nothing", "", 404),
        ("GET", "/api/hello/", "", 308),
    ];
    for (method, path, _, status) in cases {
        let answer = client::send(addr, method, path, &[], b"").await;
        assert_eq!(answer.status, status, "{method} {path}: {answer:?}");
    }

    let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    let responses: Vec<&str> = logs.lines().filter(|l| l.contains(" response ")).collect();
    assert_eq!(responses.len(), cases.len(), "{logs}");
    for ((method, path, route, status), line) in cases.iter().zip(&responses) {
        let span = match route {
            &"" => format!("request{{method={method} uri={path}}}:"),
            route => format!("request{{method={method} uri={path} {route}}}:"),
        };
        assert!(line.contains(&span), "{method} {path}: {line}");
        assert!(line.contains(&format!("status={status} ")), "{line}");
    }
}
