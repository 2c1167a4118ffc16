use axum::Json;
use axum::extract::State;

use crate::{ApiError, AppState, Comment};

fn missing(id: u64) -> ApiError {
    ApiError::not_found(format!("no comment with id {id}"))
}

/// `GET /api/comments/1`: that comment, or 404.
pub async fn get(State(state): State<AppState>, id: u64) -> Result<Json<Comment>, ApiError> {
    state.comment(id).map(Json).ok_or_else(|| missing(id))
}

/// `DELETE /api/comments/1`: removes that comment and answers with it, or 404.
pub async fn delete(State(state): State<AppState>, id: u64) -> Result<Json<Comment>, ApiError> {
    state
        .delete_comment(id)
        .map(Json)
        .ok_or_else(|| missing(id))
}
