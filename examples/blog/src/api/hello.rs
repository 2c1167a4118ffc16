use axum::Json;
use serde_json::{Value, json};

/// `GET /api/hello`: the first API route of every Next.js tutorial.
pub async fn get() -> Json<Value> {
    Json(json!({ "text": "Hello" }))
}
