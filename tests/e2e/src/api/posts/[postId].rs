use axum::http::{HeaderMap, Method};

/// Binds `[postId]` by its snake_case name.
pub async fn get(post_id: u64) -> String {
    format!("post {post_id}")
}

pub async fn delete(post_id: u64, method: Method, headers: HeaderMap, body: String) -> String {
    format!("{method} {post_id} {} {body}", headers.len())
}

pub const BODY_LIMIT: usize = 16;
