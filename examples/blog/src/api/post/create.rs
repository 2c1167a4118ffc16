use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::{ApiError, AppState, Created, Post};

/// The JSON body of `POST /api/post/create`.
#[derive(Deserialize, ToSchema)]
pub struct NewPost {
    /// Not blank.
    #[schema(pattern = r"\S")]
    title: String,
    body: String,
}

/// `POST /api/post/create` with `{"title", "body"}`: stores the post and
/// answers 201 with it (and its `Location`, from `href`). Bad JSON answers 400, 415 or 422;
/// a body over the route's limit (1 MiB) 413.
pub async fn post(
    State(state): State<AppState>,
    new: Result<Json<NewPost>, JsonRejection>,
) -> Result<Created<Post>, ApiError> {
    let Json(new) = new?;
    if new.title.trim().is_empty() {
        return Err(ApiError::unprocessable("`title` must not be empty"));
    }
    let post = state.create_post(new.title, new.body);
    // The path of `posts/[postId].rs`, built from the route itself: a
    // number is always a path segment that reaches it.
    let location = crate::routes::href::posts_post_id(post.id)
        .map_err(|err| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, err.to_string()))?;
    Ok(Created {
        location: Some(location),
        body: post,
    })
}
