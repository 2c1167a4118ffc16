pub async fn get() -> &'static str {
    "str"
}
