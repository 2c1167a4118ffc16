use std::sync::atomic::Ordering;

use axum::extract::State;

use crate::AppState;

pub async fn post(State(state): State<AppState>) -> String {
    let n = state.hits.fetch_add(1, Ordering::SeqCst) + 1;
    format!("hits {n}")
}
