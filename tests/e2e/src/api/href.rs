/// `GET /api/href`: a route named like the generated `href` module, which
/// keeps that name (this file's module is `href2`).
pub async fn handler() -> &'static str {
    "href"
}
