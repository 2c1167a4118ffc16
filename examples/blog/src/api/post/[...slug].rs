/// `GET /api/post/a/b/c` → `Post: a, b, c`: every segment after `post/`
/// when there is more than one (one alone is `[pid]`).
pub async fn get(slug: Vec<String>) -> String {
    format!("Post: {}", slug.join(", "))
}
