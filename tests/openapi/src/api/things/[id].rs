use axum::Json;
use axum::http::StatusCode;

use crate::{Problem, Thing, ThingPatch};

/// One thing, or 404.
pub async fn get(id: u64) -> Result<Json<Thing>, Problem> {
    Err(Problem(StatusCode::NOT_FOUND, format!("no thing {id}")))
}

/// Replaces a thing.
pub async fn put(id: u64, Json(thing): Json<Thing>) -> Result<Json<Thing>, Problem> {
    Ok(Json(Thing { id, ..thing }))
}

/// Changes a thing; no body changes nothing.
pub async fn patch(id: u64, patch: Option<Json<ThingPatch>>) -> Result<Json<Thing>, Problem> {
    let name = patch.and_then(|Json(p)| p.name).unwrap_or_default();
    Ok(Json(Thing {
        id,
        name,
        tags: Vec::new(),
    }))
}

/// Removes a thing.
pub async fn delete(id: u64) -> StatusCode {
    let _ = id;
    StatusCode::NO_CONTENT
}
