pub async fn get(slug: Vec<String>) -> String {
    format!("Post: {}", slug.join(", "))
}
