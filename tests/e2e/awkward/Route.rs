pub async fn get() -> &'static str {
    "Route"
}
