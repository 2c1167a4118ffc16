use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use serde::Deserialize;

use crate::{ApiError, AppState};

/// The JSON body of `POST /api/post/create`.
#[derive(Deserialize)]
pub struct NewPost {
    title: String,
    body: String,
}

/// `POST /api/post/create` with `{"title", "body"}`: stores the post and
/// answers 201 with it (and its `Location`). Bad JSON answers 400, 415 or 422;
/// a body over the route's limit (1 MiB) 413.
pub async fn post(
    State(state): State<AppState>,
    new: Result<Json<NewPost>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let Json(new) = new?;
    if new.title.trim().is_empty() {
        return Err(ApiError::unprocessable("`title` must not be empty"));
    }
    let post = state.create_post(new.title, new.body);
    let location = format!("/api/posts/{}", post.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(post),
    ))
}
