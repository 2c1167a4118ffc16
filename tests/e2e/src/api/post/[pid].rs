pub async fn get(pid: String) -> String {
    format!("Post: {pid}")
}
