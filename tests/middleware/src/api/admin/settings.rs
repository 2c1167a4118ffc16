use axum::http::HeaderMap;

pub const BODY_LIMIT: usize = 8;

pub async fn get(headers: HeaderMap) -> String {
    crate::echo("admin/settings.rs", &headers)
}

pub async fn post(headers: HeaderMap, body: String) -> String {
    format!("{} body={body}", crate::echo("admin/settings.rs", &headers))
}
