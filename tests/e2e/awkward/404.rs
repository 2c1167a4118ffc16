pub async fn get() -> &'static str {
    "404"
}
