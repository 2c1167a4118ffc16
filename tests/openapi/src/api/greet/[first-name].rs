/// A param whose file name has a `-`.
pub async fn get(first_name: String) -> String {
    format!("Hello, {first_name}")
}
