pub async fn get(a1: u32) -> String {
    format!("2fa {a1}")
}
