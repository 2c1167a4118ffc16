use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

/// What every method of `/api/authors/[id]` answers.
#[derive(Serialize, ToSchema)]
pub struct Reply {
    id: String,
    message: String,
}

fn reply(id: String, done: &str) -> Json<Reply> {
    let message = format!("Author data {done} successfully");
    Json(Reply { id, message })
}

/// `GET /api/authors/1`
pub async fn get(id: String) -> Json<Reply> {
    reply(id, "fetched")
}

/// `POST /api/authors/1`
pub async fn post(id: String) -> Json<Reply> {
    reply(id, "sent")
}

/// `PUT /api/authors/1`
pub async fn put(id: String) -> Json<Reply> {
    reply(id, "updated")
}

/// `DELETE /api/authors/1`. Any other method (`PATCH`) gets 405 with `Allow`.
pub async fn delete(id: String) -> Json<Reply> {
    reply(id, "deleted")
}
