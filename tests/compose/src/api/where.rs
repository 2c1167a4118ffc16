use axum::extract::OriginalUri;
use axum::http::Uri;

/// `GET /api/where`: the path this handler sees, and the one the client sent
/// (they differ under `nest`).
pub async fn get(uri: Uri, OriginalUri(original): OriginalUri) -> String {
    format!("{} {}", uri.path(), original.path())
}
