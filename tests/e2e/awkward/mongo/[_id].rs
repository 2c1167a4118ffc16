pub async fn get(_id: String) -> String {
    format!("mongo {_id}")
}
