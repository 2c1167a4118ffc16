//! A folder with no route file yet: the module is still compiled (and
//! checked), warning-free, and its `layer()` is never built.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tower_http::set_header::SetResponseHeaderLayer;

pub async fn middleware(req: Request, next: Next) -> Response {
    crate::traced("unguarded", req, next).await
}

pub fn layer() -> SetResponseHeaderLayer<HeaderValue> {
    crate::recording_layer("unguarded-layer")
}
