use axum::http::HeaderMap;

pub async fn get(headers: HeaderMap) -> String {
    crate::echo("layered/x.rs", &headers)
}
