use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::{ApiError, AppState, Comment, Created};

/// `GET /api/comments`: every comment, oldest first.
pub async fn get(State(state): State<AppState>) -> Json<Vec<Comment>> {
    Json(state.comments())
}

/// The JSON body of `POST /api/comments`.
#[derive(Deserialize, ToSchema)]
pub struct NewComment {
    /// Not blank.
    #[schema(pattern = r"\S")]
    text: String,
}

/// `POST /api/comments` with `{"text"}`: stores the comment, 201 with it.
pub async fn post(
    State(state): State<AppState>,
    new: Result<Json<NewComment>, JsonRejection>,
) -> Result<Created<Comment>, ApiError> {
    let Json(new) = new?;
    if new.text.trim().is_empty() {
        return Err(ApiError::unprocessable("`text` must not be empty"));
    }
    let body = state.add_comment(new.text);
    Ok(Created {
        location: None,
        body,
    })
}
