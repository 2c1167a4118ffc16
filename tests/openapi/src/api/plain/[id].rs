use axum::Json;

use crate::Opaque;

/// Types without schemas fall back to plain ones.
pub async fn post(id: Opaque, Json(body): Json<Opaque>) -> Json<Opaque> {
    let _ = id;
    Json(body)
}
