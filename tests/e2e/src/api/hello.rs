//! The greeting. A route file is a module of its own: it may have module
//! docs and inner attributes.
#![forbid(unsafe_code)]

use axum::Json;
use serde_json::{Value, json};

/// `GET /api/hello`
pub async fn get() -> Json<Value> {
    Json(json!({ "text": "Hello" }))
}
