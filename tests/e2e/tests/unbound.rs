//! A param no handler binds is only checked, and only when the path has a
//! `%`: over hostile values, the route answers 400 exactly when one of its
//! params does not percent-decode (naming the first in path order), and
//! serves the request otherwise.

use apigen_e2e::{AppState, routes};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use proptest::prelude::*;
use tower::ServiceExt;

/// A segment full of escapes, good and bad: `%`, hex digits and the starts
/// of multi-byte sequences, among letters (no dot segment: it is never a
/// param, and no `/`: the catch-all's segments are drawn one by one).
fn segment() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("%"),
            Just("%2"),
            Just("%20"),
            Just("%E0"),
            Just("%A0"),
            Just("%C3%A9"),
            Just("%FF"),
            Just("%zz"),
            Just("%2F"),
            Just("2"),
            Just("E"),
            Just("a"),
            Just("z"),
        ],
        1..6,
    )
    .prop_map(|parts| parts.concat())
    // `%2` then `E` spells a dot segment (`%2E`, `%2E%2E`): a 308, never a param.
    .prop_filter("a dot segment", |segment| {
        !matches!(segment.to_ascii_lowercase().as_str(), "%2e" | "%2e%2e")
    })
}

async fn answer(path: &str) -> (StatusCode, String) {
    let app = routes::router().with_state(AppState::default());
    let request = Request::get(path).body(Body::empty()).unwrap();
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn unbound_params_answer_400_exactly_when_one_does_not_decode(
        a in segment(),
        rest in proptest::collection::vec(segment(), 1..4),
    ) {
        let path = format!("/api/unbound/{a}/{}", rest.join("/"));
        let first_bad = if routes::decode(&a).is_err() {
            Some("a")
        } else if rest.iter().any(|segment| routes::decode(segment).is_err()) {
            Some("rest")
        } else {
            None
        };
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let (status, body) = runtime.block_on(answer(&path));
        match first_bad {
            Some(param) => {
                prop_assert_eq!(status, StatusCode::BAD_REQUEST, "{}", path);
                prop_assert!(body.contains(&format!("`{param}`")), "{}: {}", path, body);
            }
            None => prop_assert_eq!((status, body.as_str()), (StatusCode::OK, "unbound"), "{}", path),
        }
    }

    #[test]
    fn an_unbound_optional_catch_all_answers_400_exactly_when_it_does_not_decode(
        all in proptest::collection::vec(segment(), 0..4),
    ) {
        let path = if all.is_empty() {
            "/api/unbound-opt".to_owned()
        } else {
            format!("/api/unbound-opt/{}", all.join("/"))
        };
        let bad = all.iter().any(|segment| routes::decode(segment).is_err());
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let (status, body) = runtime.block_on(answer(&path));
        if bad {
            prop_assert_eq!(status, StatusCode::BAD_REQUEST, "{}", path);
            prop_assert!(body.contains("`all`"), "{}: {}", path, body);
        } else {
            prop_assert_eq!((status, body.as_str()), (StatusCode::OK, "unbound"), "{}", path);
        }
    }
}
