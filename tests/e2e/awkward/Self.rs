pub async fn get() -> &'static str {
    "Self"
}
