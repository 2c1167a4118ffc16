use axum::Json;

use crate::Color;

/// A color param with its own schema.
pub async fn get(color: Color) -> Json<Color> {
    Json(color)
}
