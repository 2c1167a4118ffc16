pub async fn get(usize: usize) -> String {
    format!("u8 {usize}")
}
