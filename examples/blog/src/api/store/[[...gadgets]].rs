use axum::Json;
use serde_json::{Value, json};

/// `GET /api/store/phones/apple` → `{"gadgets": ["phones", "apple"]}`;
/// `GET /api/store` → `{"gadgets": []}`.
pub async fn get(gadgets: Vec<String>) -> Json<Value> {
    Json(json!({ "gadgets": gadgets }))
}
