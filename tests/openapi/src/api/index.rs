use axum::http::Method;

/// Every method of `/api`: a `handler` file.
///
/// Answers with the method's name.
pub async fn handler(method: Method) -> String {
    method.to_string()
}
