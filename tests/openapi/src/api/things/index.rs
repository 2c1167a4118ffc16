use axum::Json;
use axum::extract::Query;
use axum::http::StatusCode;

use crate::{Search, Thing};

/// The things that match.
pub async fn get(search: Query<Search>) -> Json<Vec<Thing>> {
    let _ = search;
    Json(Vec::new())
}

/// Creates a thing.
pub async fn post(Json(thing): Json<Thing>) -> (StatusCode, Json<Thing>) {
    (StatusCode::CREATED, Json(thing))
}
