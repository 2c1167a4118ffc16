//! The blog's OpenAPI document, as `GET /api/openapi.json` serves it:
//! pretty JSON, reviewed as an insta snapshot in the repository's top-level
//! `snapshots/` (`blog_openapi.snap`). `.ci/run` validates the served
//! document as OpenAPI 3.1 and runs schemathesis against the server with it.

use blog::{AppState, app, routes, seed_comments};
use tower::ServiceExt;

#[test]
fn document() {
    let doc = routes::openapi().to_pretty_json().unwrap();
    insta::with_settings!({ snapshot_path => "../../../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("blog_openapi", doc);
    });
}

#[test]
fn the_document_is_the_same_on_every_call() {
    let first = routes::openapi().to_pretty_json().unwrap();
    for _ in 0..20 {
        assert_eq!(routes::openapi().to_pretty_json().unwrap(), first);
    }
}

#[tokio::test]
async fn the_document_is_served_at_api_openapi_json() {
    let request = axum::http::Request::get("/api/openapi.json")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = app(AppState::new(seed_comments().unwrap()))
        .oneshot(request)
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let served: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(served, serde_json::to_value(routes::openapi()).unwrap());
}
