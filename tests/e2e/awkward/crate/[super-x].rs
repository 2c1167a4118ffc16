pub async fn get(super_x: String) -> String {
    format!("crate {super_x}")
}
