//! Every route below `/api/slow` answers within 200 ms, or 408: a tower-http
//! `TimeoutLayer` (inside a `ServiceBuilder` that gives its empty 408 the
//! blog's JSON error body), built once by `router()` and applied to this
//! folder's routes only.

use std::time::Duration;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower::ServiceBuilder;
use tower::layer::util::{Identity, Stack};
use tower::util::MapResponseLayer;
use tower_http::timeout::TimeoutLayer;

use crate::ApiError;

/// How long a route below `/api/slow` may take.
pub const TIMEOUT: Duration = Duration::from_millis(200);

type Layers = Stack<TimeoutLayer, Stack<MapResponseLayer<fn(Response) -> Response>, Identity>>;

pub fn layer() -> ServiceBuilder<Layers> {
    ServiceBuilder::new()
        .map_response(timed_out as fn(Response) -> Response)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            TIMEOUT,
        ))
}

/// The timeout's answer as the blog's other errors are: `{"error": ...}`.
fn timed_out(response: Response) -> Response {
    if response.status() != StatusCode::REQUEST_TIMEOUT {
        return response;
    }
    let message = format!("no answer within {} ms", TIMEOUT.as_millis());
    ApiError::new(StatusCode::REQUEST_TIMEOUT, message).into_response()
}
