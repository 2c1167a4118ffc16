//! The axum `router()` of a few random trees (echo handlers) against the
//! reference: status 200 with the decoded params, 400, 308 with `Location`
//! (query kept), 404.

use apigen_differential::{AXUM_TREES, METHODS, compare_router, exchange, paths, runtime};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// Requests per axum tree.
const CASES: u32 = 1500;

#[test]
fn routers_answer_as_the_reference() {
    let runtime = runtime();
    for tree in AXUM_TREES {
        let reference = tree.reference();
        let targets = (
            paths::paths(&reference),
            prop_oneof![Just(""), Just("?x=1"), Just("?a=%2F&b")],
        )
            .prop_map(|(path, query)| format!("{path}{query}"));
        let mut runner = TestRunner::new(Config {
            cases: CASES,
            failure_persistence: None,
            ..Config::default()
        });
        let sent = std::cell::Cell::new(0u32);
        let result = runner.run(&targets, |target| {
            let was_sent =
                compare_router(&runtime, tree, &reference, &target).map_err(TestCaseError::fail)?;
            sent.set(sent.get() + u32::from(was_sent));
            Ok(())
        });
        if let Err(err) = result {
            panic!("{err}");
        }
        // Most generated paths are valid request targets; the rest (spaces,
        // controls, non-ASCII) never reach a router.
        assert!(
            sent.get() > CASES / 3,
            "{}: only {} requests sent",
            tree.name,
            sent.get()
        );
    }
}

#[test]
fn the_fixed_router_answers_known_requests() {
    let runtime = runtime();
    let tree = AXUM_TREES.iter().find(|t| t.name == "fixed").unwrap();
    let router = (tree.router)();
    let get = |target: &str| apigen_differential::send(&runtime, &router, target).unwrap();
    let ok = get("/api/post/a%20b");
    assert_eq!(
        (ok.status, ok.body.as_str()),
        (200, "post/[pid].rs\npid=\"a b\"\n")
    );
    assert_eq!(get("/api/post/%E0").status, 400);
    assert_eq!(get("/api/post/a/%C0%AF").status, 400);
    let moved = get("/api/post/%2e%2E/hello/?q=1");
    assert_eq!(
        (moved.status, moved.location.as_deref()),
        (308, Some("/api/hello?q=1"))
    );
    assert_eq!(get("/api/nothing").status, 404);
    assert_eq!(get("/elsewhere").status, 404);
    let cafe = get("/api/a%20b/caf%C3%A9");
    assert_eq!((cafe.status, cafe.body.as_str()), (200, "a b/café.rs\n"));
}

/// `service()` (no `axum::Router` around the dispatch) answers every request
/// exactly as `router()` does: status, every header (`Content-Length`,
/// `Allow`, `Location` included) and body, `HEAD` without one; outside the
/// prefix, axum's fallback's 404 without a body.
#[test]
fn services_answer_as_routers() {
    let runtime = runtime();
    let mut compared = 0u32;
    for tree in AXUM_TREES {
        let reference = tree.reference();
        let (router, service) = ((tree.router)(), (tree.service)());
        let requests = (
            prop::sample::select(METHODS),
            paths::paths(&reference),
            prop_oneof![Just(""), Just("?x=1"), Just("?a=%2F&b")],
        );
        let mut runner = TestRunner::new(Config {
            cases: 600,
            failure_persistence: None,
            ..Config::default()
        });
        let sent = std::cell::Cell::new(0u32);
        let result = runner.run(&requests, |(method, path, query)| {
            let target = format!("{path}{query}");
            let Some((head, body)) = exchange(&runtime, &router, method, &target) else {
                return Ok(());
            };
            let (service_head, service_body) =
                exchange(&runtime, &service, method, &target).expect("a valid request");
            sent.set(sent.get() + 1);
            let headers = |head: &axum::http::response::Parts| {
                let mut all: Vec<(String, Vec<u8>)> = head
                    .headers
                    .iter()
                    .map(|(name, value)| (name.to_string(), value.as_bytes().to_vec()))
                    .collect();
                all.sort();
                all
            };
            // Outside the prefix, axum's fallback answers 404 with an empty
            // body, and with `Content-Length: 0` or none depending on which
            // of its fallback routes took the path (on the wire, hyper sends
            // the length either way): there, status and body.
            let uri: axum::http::Uri = target.parse().expect("a valid request target");
            let inside = reference.router_takes(uri.path());
            let same = head.status == service_head.status
                && (!inside || headers(&head) == headers(&service_head))
                && body == service_body;
            if !same {
                return Err(TestCaseError::fail(format!(
                    "{method} {target:?}\n  tree {} (prefix {:?}, {:?}): {:?}\n  router():  {head:?} {body:?}\n  service(): {service_head:?} {service_body:?}",
                    tree.name, tree.prefix, tree.slash, tree.files
                )));
            }
            Ok(())
        });
        if let Err(err) = result {
            panic!("{err}");
        }
        compared += sent.get();
    }
    assert!(compared > 2000, "only {compared} requests compared");
}
