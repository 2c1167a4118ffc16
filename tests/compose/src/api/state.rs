use axum::extract::State;

use crate::AppState;

/// `GET /api/state`: the state given to `with_state`.
pub async fn get(State(state): State<AppState>) -> &'static str {
    state.name
}
