//! A `layer()` alone.

use axum::http::HeaderValue;
use tower_http::set_header::SetResponseHeaderLayer;

pub fn layer() -> SetResponseHeaderLayer<HeaderValue> {
    crate::recording_layer("layered-layer")
}
