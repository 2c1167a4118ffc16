use axum::Json;
use serde_json::Value;

/// `Json` reads the whole body.
pub const BODY_LIMIT: usize = 1000;

/// `POST /api/limit/json`.
pub async fn post(Json(value): Json<Value>) -> String {
    format!("read {} bytes", value.to_string().len())
}
