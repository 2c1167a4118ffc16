//! Guards everything below `/api/admin`: a request needs
//! `Authorization: Bearer <token>` with the state's admin token, or gets
//! 401 before its route reads anything. It runs for every spelling of a
//! path that reaches a route in this folder (`/api/admin/users/` is
//! redirected first, and the redirect's target is checked again), and for
//! no route outside it (`/api/adminx`, `/api/admin.rs`'s sibling files).

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::{ApiError, AppState};

pub async fn middleware(
    State(state): State<AppState>,
    headers: HeaderMap,
    req: Request,
    next: Next,
) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    if token.is_some_and(|token| state.is_admin_token(token)) {
        return next.run(req).await;
    }
    let refused = ApiError::new(StatusCode::UNAUTHORIZED, "admin token required");
    ([(header::WWW_AUTHENTICATE, "Bearer")], refused).into_response()
}
