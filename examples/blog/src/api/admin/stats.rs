use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use crate::{ApiError, AppState};

/// `GET /api/admin/stats`: how many posts and comments there are. Admin
/// only (401 from `admin/_middleware.rs`, an `ApiError`).
pub async fn get(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    Ok(Json(json!({
        "posts": state.post_page(1, usize::MAX).total,
        "comments": state.comments().len(),
    })))
}
