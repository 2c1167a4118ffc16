use axum::http::header;

/// `GET /api/sized`: a body whose length is known, with a header of its own.
pub async fn get() -> ([(header::HeaderName, &'static str); 1], &'static str) {
    ([(header::ETAG, "\"v1\"")], "hello")
}
