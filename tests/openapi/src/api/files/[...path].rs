use axum::body::Bytes;
use axum::http::{Method, StatusCode};
use axum::response::IntoResponse;

/// Any method on any file path: a `handler` file with a catch-all and a raw
/// body.
pub async fn handler(path: Vec<String>, method: Method, body: Bytes) -> impl IntoResponse {
    (
        StatusCode::OK,
        format!("{method} {} ({} bytes)", path.join("/"), body.len()),
    )
}
