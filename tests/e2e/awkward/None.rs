pub async fn get() -> &'static str {
    "None"
}
