/// `GET /api/status`.
pub async fn get() -> &'static str {
    "ok"
}
