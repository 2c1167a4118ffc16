pub async fn get() -> &'static str {
    "mod"
}
