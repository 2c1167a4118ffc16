pub async fn get(λόγος: String) -> String {
    format!("greek {λόγος}")
}
