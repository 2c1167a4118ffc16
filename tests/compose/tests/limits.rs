//! SPEC section 6: every body, however it is sent, is held to its route's
//! limit (here 1,000 bytes), for every extractor and for a raw `Body` or
//! `Request`; and a `HEAD` answer keeps every header `get` sends.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};

use apigen_compose::{AppState, routes};
use apigen_test_client::{send, send_chunked};
use axum::body::{Body, Bytes};
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use proptest::prelude::*;
use tower::ServiceExt;

const STATE: AppState = AppState { name: "limits" };
const LIMIT: usize = 1000;

async fn serve() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = routes::router().with_state(STATE);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// A body of `n` bytes: a JSON string, so the `Json` route can parse it.
fn body_of(n: usize) -> Vec<u8> {
    assert!(n >= 2);
    let mut body = vec![b'a'; n];
    body[0] = b'"';
    body[n - 1] = b'"';
    body
}

const ROUTES: [&str; 5] = ["body", "request", "text", "json", "bytes"];

/// What every route answers to a body of `n` bytes that fits (the JSON
/// route's value is the string itself, quotes included).
fn read(n: usize) -> String {
    format!("read {n} bytes")
}

/// `Json` wants its content type; the other routes ignore it.
const JSON: [(&str, &str); 1] = [("Content-Type", "application/json")];

#[tokio::test(flavor = "multi_thread")]
async fn bodies_within_the_limit_are_read_whole_however_sent() {
    let addr = serve().await;
    for route in ROUTES {
        let path = format!("/api/limit/{route}");
        let body = body_of(LIMIT);
        let sized = send(addr, "POST", &path, &JSON, &body).await;
        assert_eq!(
            (sized.status, sized.body.clone()),
            (200, read(LIMIT)),
            "{route}"
        );
        let chunked = send_chunked(addr, "POST", &path, &JSON, &body, 300).await;
        assert_eq!(
            (chunked.status, chunked.body),
            (200, read(LIMIT)),
            "{route}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_declared_length_over_the_limit_gets_413_before_anything_runs() {
    let addr = serve().await;
    for route in ROUTES {
        let answer = send(
            addr,
            "POST",
            &format!("/api/limit/{route}"),
            &JSON,
            &body_of(LIMIT + 1),
        )
        .await;
        assert_eq!(answer.status, 413, "{route}: {answer:?}");
        assert!(
            answer.body.contains("exceeds 1000 bytes"),
            "{route}: {answer:?}"
        );
    }
}

/// Over HTTP, a chunked body past the limit (small enough that the server's
/// connection reads it whole, so the answer is never lost to a reset).
#[tokio::test(flavor = "multi_thread")]
async fn a_chunked_body_over_the_limit_is_cut_at_the_limit() {
    let addr = serve().await;
    let over = body_of(4 * LIMIT);
    for route in ROUTES {
        let answer = send_chunked(
            addr,
            "POST",
            &format!("/api/limit/{route}"),
            &JSON,
            &over,
            300,
        )
        .await;
        assert_cut(route, answer.status, &answer.body);
    }
}

/// The bug this fixes: 5 MiB streamed with no declared length went past a
/// raw `Body`'s limit. In process, the stream records how much was taken.
#[tokio::test]
async fn five_mebibytes_streamed_are_cut_at_the_limit() {
    for route in ROUTES {
        let (status, text, polled) = stream(route, vec![4096; (5 << 20) / 4096], None).await;
        assert_cut(route, status.as_u16(), &text);
        assert!(
            polled <= LIMIT + 4096,
            "{route}: {polled} bytes taken from the stream"
        );
    }
}

/// A body over the limit: 413 from the body extractors, an error from the
/// stream (after at most the limit) for a raw `Body` or `Request`.
#[track_caller]
fn assert_cut(route: &str, status: u16, text: &str) {
    if route == "body" || route == "request" {
        assert_eq!(status, 200, "{route}: {text}");
        let read: usize = text
            .strip_prefix("error after ")
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{route}: the stream did not stop: {text}"));
        assert!(
            read <= LIMIT,
            "{route}: read {read} bytes of a {LIMIT}-byte limit"
        );
    } else {
        assert_eq!(status, 413, "{route}: {text}");
    }
}

/// Sends `frames` (with an optional declared `Content-Length`) to a route in
/// process: the status, the body as text, and how many bytes the router took
/// out of the stream.
async fn stream(
    route: &str,
    frames: Vec<usize>,
    declared: Option<usize>,
) -> (StatusCode, String, usize) {
    let sent = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let body = Frames {
        frames,
        sent: sent.clone(),
    };
    let mut request =
        Request::post(format!("/api/limit/{route}")).header("content-type", "application/json");
    if let Some(declared) = declared {
        request = request.header("content-length", declared.to_string());
    }
    let request = request.body(Body::new(body)).unwrap();
    let response = routes::router()
        .with_state(STATE)
        .oneshot(request)
        .await
        .unwrap();
    let status = response.status();
    let text = response.into_body().collect().await.unwrap().to_bytes();
    let polled = sent.load(std::sync::atomic::Ordering::Relaxed);
    (status, String::from_utf8_lossy(&text).into_owned(), polled)
}

#[tokio::test(flavor = "multi_thread")]
async fn head_keeps_every_header_get_sends() {
    let addr = serve().await;
    let get = send(addr, "GET", "/api/sized", &[], b"").await;
    let head = send(addr, "HEAD", "/api/sized", &[], b"").await;
    assert_eq!((get.status, get.body.as_str()), (200, "hello"), "{get:?}");
    assert_eq!(head.status, 200, "{head:?}");
    assert_eq!(head.body, "", "{head:?}");
    for name in ["content-length", "content-type", "etag"] {
        assert_eq!(
            head.header(name),
            get.header(name),
            "{name}: {head:?} vs {get:?}"
        );
    }
    assert_eq!(head.header("content-length"), Some("5"));
}

/// A request body with no declared size, delivered in the given frames (as
/// a chunked upload reaches the handler), which records how much of it was
/// ever polled out.
struct Frames {
    frames: Vec<usize>,
    sent: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl http_body::Body for Frames {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Infallible>>> {
        if self.frames.is_empty() {
            return Poll::Ready(None);
        }
        let n = self.frames.remove(0);
        self.sent.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
        Poll::Ready(Some(Ok(http_body::Frame::data(Bytes::from(vec![b'a'; n])))))
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// No route reads more than its limit, whatever the frame sizes, with or
    /// without a (possibly false) `Content-Length`; a body over the limit is
    /// refused (413, or an error from the raw stream) and one within it read
    /// whole.
    #[test]
    fn no_body_exceeds_its_limit(
        route in prop::sample::select(&ROUTES[..]),
        frames in prop::collection::vec(0usize..700, 0..8),
        declared in prop::option::of(0usize..3000),
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let total: usize = frames.iter().sum();
        let (status, text, polled) = runtime.block_on(stream(route, frames, declared));
        // Never more than one frame past the limit is even polled out of the stream.
        prop_assert!(polled <= LIMIT + 700, "{route}: polled {polled} bytes");
        if declared.is_some_and(|d| d > LIMIT) {
            prop_assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{}", text);
            prop_assert_eq!(polled, 0);
        } else if total > LIMIT {
            match route {
                "body" | "request" => prop_assert!(text.starts_with("error after "), "{}", text),
                _ => prop_assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{}", text),
            }
        } else if let Some(rest) = text.strip_prefix("read ") {
            // Within the limit: the route saw exactly what was sent (the
            // JSON route may refuse a body that is not JSON, never by size).
            prop_assert_eq!(rest, format!("{total} bytes"));
        } else {
            prop_assert_eq!(route, "json", "{}: {} {}", route, status, text);
            prop_assert_ne!(status, StatusCode::PAYLOAD_TOO_LARGE);
        }
    }
}
