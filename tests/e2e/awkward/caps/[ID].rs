pub async fn get(id: u64) -> String {
    format!("caps {id}")
}
