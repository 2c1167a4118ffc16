pub async fn get(hello_world: String) -> String {
    format!("hw {hello_world}")
}
