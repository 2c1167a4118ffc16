pub async fn get() -> &'static str {
    "__"
}
