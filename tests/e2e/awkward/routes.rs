pub async fn get() -> &'static str {
    "routes"
}
