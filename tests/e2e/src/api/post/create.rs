use axum::Json;
use axum::http::StatusCode;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct NewPost {
    title: String,
}

pub async fn post(Json(post): Json<NewPost>) -> (StatusCode, String) {
    (StatusCode::CREATED, format!("created {}", post.title))
}
