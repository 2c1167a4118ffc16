use axum::Json;
use serde_json::{Value, json};

use crate::ApiError;

/// `GET /api/admin/users`: the blog's admins. Admin only: without the token,
/// `admin/_middleware.rs` answers 401 (an `ApiError`, hence the `Result`,
/// which documents it).
pub async fn get() -> Result<Json<Value>, ApiError> {
    Ok(Json(json!({ "users": ["admin"] })))
}
