use axum::Json;
use serde_json::{Value, json};

/// `GET /api/hello`
pub async fn get() -> Json<Value> {
    Json(json!({ "text": "Hello" }))
}
