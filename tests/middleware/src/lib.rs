//! A tree with folder middleware everywhere SPEC section 8 draws a line:
//! at the api dir (a `middleware` and a `layer()`), in `admin/` (a token
//! check reading the state, beside the sibling files `admin.rs` and
//! `adminx.rs`), in `admin/users/[id]/` (beside `admin/users/[id].rs`), in a
//! catch-all folder, a `layer()` alone, and one that rewrites the URI.
//!
//! Every `middleware` records itself with [`traced`]: its name appended to
//! the request header `x-before` on the way in (so handlers see the chain
//! outermost first) and to the response header `x-after` on the way out
//! (innermost first). Each `layer()` appends its name to `x-after`. Each
//! `middleware` also appends the route file it found in the request's
//! `MatchedRoute` to `x-matched`.

use std::sync::atomic::{AtomicUsize, Ordering};

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::set_header::SetResponseHeaderLayer;

/// The router's state: the token `admin/_middleware.rs` checks.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The value of `x-token` that opens `admin/`.
    pub token: &'static str,
}

/// The generated routes.
pub mod routes {
    include!(concat!(env!("OUT_DIR"), "/routes.rs"));
}

/// Runs `next` with `name` recorded in `x-before` and `x-after`, and the
/// file of the request's `MatchedRoute` (`none` without one) in
/// `x-matched`.
pub async fn traced(name: &'static str, mut req: Request, next: Next) -> Response {
    let matched = req
        .extensions()
        .get::<routes::MatchedRoute>()
        .map_or("none", |route| route.file());
    req.headers_mut()
        .append(BEFORE, HeaderValue::from_static(name));
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.append(AFTER, HeaderValue::from_static(name));
    headers.append(MATCHED, HeaderValue::from_static(matched));
    response
}

/// The response header listing, for each `middleware` passed, the file of
/// the `MatchedRoute` it found in the request.
pub const MATCHED: HeaderName = HeaderName::from_static("x-matched");

/// The request header listing the middleware run so far, outermost first.
pub const BEFORE: HeaderName = HeaderName::from_static("x-before");

/// The response header listing the middleware and layers passed on the
/// way out, innermost first.
pub const AFTER: HeaderName = HeaderName::from_static("x-after");

/// How many times a `layer()` was called, over every router made.
pub static LAYER_CALLS: AtomicUsize = AtomicUsize::new(0);

/// A layer appending `name` to `x-after`, counted in [`LAYER_CALLS`].
pub fn recording_layer(name: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    LAYER_CALLS.fetch_add(1, Ordering::SeqCst);
    SetResponseHeaderLayer::appending(AFTER, HeaderValue::from_static(name))
}

/// A handler's answer: its file, then the `x-before` chain it received.
pub fn echo(file: &str, headers: &HeaderMap) -> String {
    let chain: Vec<&str> = headers
        .get_all(BEFORE)
        .iter()
        .map(|v| v.to_str().unwrap_or("?"))
        .collect();
    format!("{file} <- {}", chain.join(","))
}
