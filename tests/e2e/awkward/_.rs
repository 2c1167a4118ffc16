pub async fn get() -> &'static str {
    "_"
}
