/// One segment: every `/api/shadow/{x}` a client can send is this file's.
pub async fn get(x: String) -> String {
    x
}
