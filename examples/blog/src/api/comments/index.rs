use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use serde::Deserialize;

use crate::{ApiError, AppState, Comment};

/// `GET /api/comments`: every comment, oldest first.
pub async fn get(State(state): State<AppState>) -> Json<Vec<Comment>> {
    Json(state.comments())
}

/// The JSON body of `POST /api/comments`.
#[derive(Deserialize)]
pub struct NewComment {
    text: String,
}

/// `POST /api/comments` with `{"text"}`: stores the comment, 201 with it.
pub async fn post(
    State(state): State<AppState>,
    new: Result<Json<NewComment>, JsonRejection>,
) -> Result<(StatusCode, Json<Comment>), ApiError> {
    let Json(new) = new?;
    if new.text.trim().is_empty() {
        return Err(ApiError::unprocessable("`text` must not be empty"));
    }
    Ok((StatusCode::CREATED, Json(state.add_comment(new.text))))
}
