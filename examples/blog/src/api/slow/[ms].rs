use std::time::Duration;

use crate::ApiError;

/// `GET /api/slow/50`: answers after 50 ms; past the folder's 200 ms
/// timeout, 408 (as an `ApiError`, which the `Result` documents).
pub async fn get(ms: u64) -> Result<String, ApiError> {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    Ok(format!("waited {ms} ms"))
}
