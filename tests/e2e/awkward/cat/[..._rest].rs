pub async fn get(_rest: Vec<String>) -> String {
    format!("cat {_rest:?}")
}
