//! The tree of awkward names (`awkward/`): its generated code builds
//! warning-free under clippy (`.ci/run` lints this crate with
//! `-D warnings`), and every route answers with its params bound.

use apigen_e2e::awkward::{core_routes, routes};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use tower::ServiceExt;

async fn get(uri: &str) -> (StatusCode, String) {
    let request = Request::builder().uri(uri).body(Body::empty()).unwrap();
    let response = routes::router().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

#[tokio::test]
async fn every_awkward_route_answers_with_its_params() {
    for (uri, body) in [
        ("/api/mongo/507f1f77", "mongo 507f1f77"),
        ("/api/dunder/x", "dunder x"),
        ("/api/upper/7", "upper 7"),
        ("/api/caps/8", "caps 8"),
        ("/api/camel/p1/%C3%BC", "camel p1 ü"),
        ("/api/dash/q", "dash q"),
        ("/api/trail/t", "trail t"),
        ("/api/Self", "Self"),
        ("/api/self", "self"),
        ("/api/self/t", "self t"),
        ("/api/_", "_"),
        ("/api/__", "__"),
        ("/api/404", "404"),
        ("/api/2fa/3", "2fa 3"),
        ("/api/caf%C3%A9", "café"),
        ("/api/wiki/%C3%A1", "wiki á"),
        ("/api/%E5%90%8D%E5%89%8D/x", "名前 x"),
        ("/api/greek/%CE%BB", "greek λ"),
        ("/api/str", "str"),
        ("/api/u8/9", "u8 9"),
        ("/api/routes", "routes"),
        ("/api/foo/bar", "foo bar"),
        ("/api/under/1", "under 1"),
        ("/api/mod", "mod"),
        ("/api/crate/c", "crate c"),
        ("/api/None", "None"),
        ("/api/Route", "Route"),
        ("/api/opt", "opt None"),
        ("/api/opt/a/b", r#"opt Some(["a", "b"])"#),
        ("/api/cat/a/b", r#"cat ["a", "b"]"#),
    ] {
        assert_eq!(get(uri).await, (StatusCode::OK, body.to_owned()), "{uri}");
    }
}

#[test]
fn the_core_target_names_the_fields_after_the_params() {
    use core_routes::{Param, Route};
    let mongo = Route::recognize("/mongo/abc").unwrap();
    assert_eq!(mongo, Route::MongoId { _id: "abc" });
    assert_eq!(mongo.params(), [("_id", Param::One("abc"))]);
    // Fields are snake_case: `[Über]` is `über`, `[a--b]` is `a_b`.
    assert_eq!(
        Route::recognize("/camel/x/y"),
        Some(Route::CamelPostIdUber {
            post_id: "x",
            über: "y"
        })
    );
    assert_eq!(
        Route::recognize("/dash/q"),
        Some(Route::DashAB { a_b: "q" })
    );
    // Keywords: `Self.rs` and `self/index.rs` are `Self_` and `Self2`.
    assert_eq!(Route::recognize("/Self"), Some(Route::Self_));
    assert_eq!(Route::recognize("/self"), Some(Route::Self2));
    assert_eq!(
        Route::recognize("/self/t"),
        Some(Route::SelfType { r#type: "t" })
    );
    assert_eq!(Route::recognize("/foo/x").unwrap().file(), "foo/[foo].rs");
}
