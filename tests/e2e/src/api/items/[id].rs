pub async fn get(id: u64) -> String {
    format!("item {id}")
}

pub async fn post(id: u64) -> String {
    format!("created {id}")
}
