pub async fn get(r#type: String) -> String {
    format!("type {type}", type = r#type)
}
