use axum::Json;
use serde_json::{Value, json};

use crate::routes::{ParamKind, ROUTES};

/// `GET /api/routes`: the route manifest, in the order a request tries the
/// routes: `[{"pattern", "file", "methods", "params": [{"name", "kind"}],
/// "middleware"}]`, `kind` one of `one`, `catch-all`, `optional-catch-all`,
/// `middleware` the route's `_middleware.rs` files, outermost first.
pub async fn get() -> Json<Value> {
    let routes = ROUTES.iter().map(|route| {
        let params = route.params.iter().map(|param| {
            let kind = match param.kind {
                ParamKind::One => "one",
                ParamKind::CatchAll => "catch-all",
                ParamKind::OptionalCatchAll => "optional-catch-all",
            };
            json!({ "name": param.name, "kind": kind })
        });
        json!({
            "pattern": route.pattern,
            "file": route.file,
            "methods": route.methods,
            "params": params.collect::<Vec<Value>>(),
            "middleware": route.middleware,
        })
    });
    Json(Value::Array(routes.collect()))
}
