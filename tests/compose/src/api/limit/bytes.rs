use axum::body::Bytes;
use axum::http::HeaderMap;

/// `Bytes` after a parts extractor.
pub const BODY_LIMIT: usize = 1000;

/// `POST /api/limit/bytes`.
pub async fn post(_headers: HeaderMap, bytes: Bytes) -> String {
    format!("read {} bytes", bytes.len())
}
