use axum::extract::State;

use crate::AppState;

/// This route's body limit, in bytes.
pub const BODY_LIMIT: usize = 64;

/// Echoes a short text body, with the state's greeting.
///
/// Over 64 bytes answers 413.
pub async fn post(State(state): State<AppState>, text: String) -> String {
    format!("{}: {text}", state.greeting)
}
