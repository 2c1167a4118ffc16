pub async fn get(__all: Option<Vec<String>>) -> String {
    format!("opt {__all:?}")
}
