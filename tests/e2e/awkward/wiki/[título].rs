pub async fn get(título: String) -> String {
    format!("wiki {título}")
}
