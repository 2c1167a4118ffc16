pub async fn get(r#type: String) -> String {
    format!("self {}", r#type)
}
