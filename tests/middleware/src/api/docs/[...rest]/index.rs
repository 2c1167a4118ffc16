use axum::http::HeaderMap;

pub async fn handler(rest: Vec<String>, headers: HeaderMap) -> String {
    format!("{} rest={rest:?}", crate::echo("docs/[...rest]/index.rs", &headers))
}
