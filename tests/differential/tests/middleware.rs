//! No bypass (SPEC section 8), as a property: random trees with random
//! `_middleware.rs` files (a `middleware`, a `layer()` or both, each marking
//! the response header `x-mw`) and random method sets, under all three
//! trailing-slash policies, sent paths drawn from the tree and mutated
//! (case, escapes, `%2F`, dot segments, repeated and back slashes, trailing
//! slashes, other prefixes) with every method. A request that reaches a
//! handler has passed exactly the middleware above its file, in order;
//! 400 comes after that chain; 404, 308, 405 and the automatic `OPTIONS`
//! pass none. The expected answer comes from the reference resolver and the
//! tree's table, never from apigen's code. Each request goes through both
//! entry points, `router()` and `service()`.

use apigen_differential::reference::{Answer, Reference};
use apigen_differential::{
    Answers, METHODS, MIDDLEWARE_TREES, MiddlewareTree, exchange, paths, runtime,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// Requests per tree: six trees, 12,000 requests in all.
const CASES: u32 = 2000;

/// What the router answered: status, the `x-mw` marks outermost first, body.
#[derive(Debug)]
struct Got {
    status: u16,
    marks: Vec<String>,
    body: String,
}

fn send(
    runtime: &tokio::runtime::Runtime,
    router: &impl Answers,
    method: &str,
    target: &str,
) -> Option<Got> {
    let (head, body) = exchange(runtime, router, method, target)?;
    // Appended on the way out: innermost first.
    let mut marks: Vec<String> = head
        .headers
        .get_all("x-mw")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    marks.reverse();
    Some(Got {
        status: head.status.as_u16(),
        marks,
        body,
    })
}

/// The status and marks the rules give for `method target`, and the file
/// whose handler answers (its body starts with the file's name).
fn expected(
    tree: &MiddlewareTree,
    reference: &Reference,
    method: &str,
    target: &str,
) -> (u16, Vec<String>, Option<String>) {
    let uri: axum::http::Uri = target.parse().expect("a valid request target");
    let path = uri.path();
    if !reference.router_takes(path) {
        return (404, Vec::new(), None);
    }
    match reference.resolve(path) {
        Answer::Found { file, decoded, .. } => {
            let served = tree
                .served(&file)
                .is_none_or(|served| served.contains(&method.to_ascii_lowercase().as_str()));
            if !served {
                // The automatic answers come before any middleware.
                let status = if method == "OPTIONS" { 204 } else { 405 };
                return (status, Vec::new(), None);
            }
            let chain = tree.chain(&file);
            match decoded {
                Some(_) => (200, chain, Some(file)),
                None => (400, chain, None),
            }
        }
        Answer::Redirect(_) => (308, Vec::new(), None),
        other => (other.status(), Vec::new(), None),
    }
}

#[test]
fn no_request_reaches_a_handler_without_its_whole_chain() {
    let runtime = runtime();
    let mut guarded = 0;
    for tree in MIDDLEWARE_TREES {
        let router = (tree.router)();
        let service = (tree.service)();
        let reference = tree.reference();
        let requests = (
            prop::sample::select(METHODS),
            paths::paths(&reference),
            prop_oneof![Just(""), Just("?x=1")],
        );
        let mut runner = TestRunner::new(Config {
            cases: CASES,
            failure_persistence: None,
            ..Config::default()
        });
        let sent = std::cell::Cell::new(0u32);
        let reached = std::cell::Cell::new(0u32);
        let result = runner.run(&requests, |(method, path, query)| {
            let target = format!("{path}{query}");
            let Some(by_router) = send(&runtime, &router, method, &target) else {
                return Ok(());
            };
            let by_service = send(&runtime, &service, method, &target).expect("a valid request");
            sent.set(sent.get() + 1);
            let (status, marks, file) = expected(tree, &reference, method, &target);
            for (entry, got) in [("router()", by_router), ("service()", by_service)] {
                // A `HEAD` answer, and a 2xx to `CONNECT` (RFC 9110), has no
                // body to name the file: its status and marks show the chain.
                let handler_answered = file.as_ref().is_some_and(|file| {
                    matches!(method, "HEAD" | "CONNECT")
                        || got.body.starts_with(&format!("{file}\n"))
                });
                if got.status != status
                    || got.marks != marks
                    || (file.is_some() && !handler_answered)
                {
                    return Err(TestCaseError::fail(format!(
                        "{method} {target:?} through {entry}\n  tree {} (prefix {:?}, {:?}): {:?}\n  middleware {:?}\n  got {got:?}\n  expected {status} {marks:?} from {file:?}",
                        tree.name, tree.prefix, tree.slash, tree.files, tree.middleware
                    )));
                }
            }
            if status == 200 && !marks.is_empty() {
                reached.set(reached.get() + 1);
            }
            Ok(())
        });
        if let Err(err) = result {
            panic!("{err}");
        }
        assert!(
            sent.get() > CASES / 3,
            "{}: only {} requests sent",
            tree.name,
            sent.get()
        );
        guarded += reached.get();
    }
    // The property is not vacuous: many requests reached guarded handlers.
    eprintln!("{guarded} requests reached a handler through middleware");
    assert!(
        guarded > 500,
        "only {guarded} requests reached a guarded handler"
    );
}
