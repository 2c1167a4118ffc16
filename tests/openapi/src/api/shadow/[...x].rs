/// Two or more segments: not in the document, whose `/api/shadow/{x}` is
/// `[x].rs`'s (which answers `POST` with 405).
pub async fn get(x: Vec<String>) -> String {
    x.join("/")
}

/// Not in the document either.
pub async fn post(x: Vec<String>) -> String {
    x.join("/")
}
