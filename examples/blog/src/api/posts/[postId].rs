use axum::Json;
use axum::extract::State;

use crate::{ApiError, AppState, Post};

/// `GET /api/posts/1`: the post with that id, or 404. A `postId` that is not
/// a number never gets here: apigen answers 400 naming the param.
pub async fn get(State(state): State<AppState>, post_id: u64) -> Result<Json<Post>, ApiError> {
    state
        .post(post_id)
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no post with id {post_id}")))
}
