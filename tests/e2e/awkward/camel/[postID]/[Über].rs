pub async fn get(post_id: String, über: String) -> String {
    format!("camel {post_id} {über}")
}
