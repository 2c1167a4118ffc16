/// `GET /api`
pub async fn get() -> &'static str {
    "index"
}
