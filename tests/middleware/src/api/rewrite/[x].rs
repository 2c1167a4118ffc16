use axum::extract::OriginalUri;
use axum::http::{HeaderMap, Uri};

pub async fn get(x: String, uri: Uri, OriginalUri(original): OriginalUri, headers: HeaderMap) -> String {
    format!(
        "{} x={x} uri={uri} original={original}",
        crate::echo("rewrite/[x].rs", &headers)
    )
}
