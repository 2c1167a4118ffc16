/// `GET /api/post/abc` → `Post: abc`. The segment arrives percent-decoded:
/// `/api/post/a%20b` → `Post: a b`.
pub async fn get(pid: String) -> String {
    format!("Post: {pid}")
}
