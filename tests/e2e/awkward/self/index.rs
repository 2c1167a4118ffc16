pub async fn get() -> &'static str {
    "self"
}
