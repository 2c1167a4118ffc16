pub async fn get(名前: String) -> String {
    format!("名前 {名前}")
}
