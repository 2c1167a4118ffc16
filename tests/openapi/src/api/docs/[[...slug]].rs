use axum::response::Html;

/// The docs page at `slug`, or the index.
pub async fn get(slug: Option<Vec<String>>) -> Html<String> {
    Html(format!("<h1>{}</h1>", slug.unwrap_or_default().join(" / ")))
}

/// Every other method: echoes the text body.
pub async fn handler(text: String) -> String {
    text
}
