use axum::http::HeaderMap;

pub async fn get(id: u64, headers: HeaderMap) -> String {
    format!("{} id={id}", crate::echo("admin/users/[id]/posts.rs", &headers))
}
