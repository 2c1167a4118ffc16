pub async fn get() -> &'static str {
    "café"
}
