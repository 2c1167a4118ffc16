/// `String` reads the whole body.
pub const BODY_LIMIT: usize = 1000;

/// `POST /api/limit/text`.
pub async fn post(text: String) -> String {
    format!("read {} bytes", text.len())
}
