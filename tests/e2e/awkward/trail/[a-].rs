pub async fn get(a_: String) -> String {
    format!("trail {a_}")
}
