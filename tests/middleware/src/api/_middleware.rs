//! Every route's outermost middleware; its `layer()` wraps its `middleware`.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tower_http::set_header::SetResponseHeaderLayer;

pub async fn middleware(req: Request, next: Next) -> Response {
    crate::traced("root", req, next).await
}

pub fn layer() -> SetResponseHeaderLayer<HeaderValue> {
    crate::recording_layer("root-layer")
}
