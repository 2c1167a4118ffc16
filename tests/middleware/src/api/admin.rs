use axum::http::HeaderMap;

pub async fn get(headers: HeaderMap) -> String {
    crate::echo("admin.rs", &headers)
}
