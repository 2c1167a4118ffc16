pub async fn handler(gadgets: Vec<String>) -> String {
    format!("gadgets {gadgets:?}")
}
