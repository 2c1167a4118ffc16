pub async fn get(__x: String) -> String {
    format!("dunder {__x}")
}
