use axum::http::StatusCode;
use uuid::Uuid;

/// A user, by UUID (no utoipa `uuid` feature: known by its type's name).
pub async fn get(uid: Uuid) -> String {
    uid.to_string()
}

/// Defined, so listed.
pub async fn head(uid: Uuid) -> StatusCode {
    let _ = uid;
    StatusCode::OK
}

/// Defined, so listed.
pub async fn options() -> StatusCode {
    StatusCode::NO_CONTENT
}
