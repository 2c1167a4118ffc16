/// `GET /api`
pub async fn get() -> &'static str {
    "index"
}

/// `HEAD /api`: its own handler, not `get` (its body is dropped all the same).
pub async fn head() -> ([(&'static str, &'static str); 1], &'static str) {
    ([("x-served-by", "head")], "dropped")
}
