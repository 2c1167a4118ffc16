//! The admin area: 401 without the state's token, before anything of the
//! request is read.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;

pub async fn middleware(
    State(state): State<AppState>,
    headers: HeaderMap,
    req: Request,
    next: Next,
) -> Response {
    if headers.get("x-token").is_none_or(|t| t != state.token) {
        let mut refused = (StatusCode::UNAUTHORIZED, "401 admin only").into_response();
        refused
            .headers_mut()
            .append(crate::AFTER, axum::http::HeaderValue::from_static("admin"));
        return refused;
    }
    crate::traced("admin", req, next).await
}
