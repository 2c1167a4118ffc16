//! Differential and hostile-input tests of the code apigen generates.
//!
//! [`reference`](mod@reference) is an independent, deliberately plain interpreter of the
//! routing rules (SPEC sections 2, 3 and 5): it shares no code with apigen's
//! trie or emitter. `build.rs` grows random valid api trees from a fixed
//! seed ([`treegen`]: static, `[x]`, `[...x]` and `[[...x]]` segments, index
//! files, up to 8 levels, names that need encoding; prefixes `/api`, `` and
//! `/v1/api`; all three trailing-slash policies), renders each with apigen's
//! core target, and compiles them all into this crate ([`TREES`]). The tests
//! then feed each tree proptest-generated paths ([`paths`]: drawn from the
//! tree's own patterns, mutated, and random) and require the generated
//! `Route::recognize` and `resolve` to give exactly the reference's answer:
//! the route file, its raw params, its decoded params or 400, the 308
//! target, or 404.
//!
//! | test file | what |
//! |---|---|
//! | `differential.rs` | one test per random tree, [`CASES_PER_TREE`] paths each |
//! | `router.rs` | random trees rendered for axum with echo handlers ([`AXUM_TREES`]), requests through `router()`: status, body, `Location` |
//! | `middleware.rs` | random trees with random `_middleware.rs` files and method sets ([`MIDDLEWARE_TREES`]), every method: a handler's answer carries exactly its file's chain; 404, 308, 405, `OPTIONS` none |
//! | `hostile_paths.rs` | 1 MB paths, 10,000 segments, every character and escaped byte, malformed and overlong escapes, encoded dots, mixed `/` and `\`, through `resolve` and `router()` |
//! | `big_trees.rs` | the 100-level and 10,000-file trees, compiled ([`DEEP`], [`WIDE`]) |
//! | `reference_conformance.rs` | the reference itself against the shared conformance cases (checked against Next.js) |
//! | `safe_join.rs` | the path-joining example of the README's Security section against hostile catch-alls |
//! | `typed_paths.rs` | the first 40 random trees' `ROUTES` against the reference, and 260 random `href` calls each (10,400) that must err exactly as SPEC section 9 says or reach their route with their values |
//! | `reference_units.rs` | the reference and the typed paths oracle on SPEC's examples |
//!
//! # Running more
//!
//! A normal `cargo test -p apigen-differential` runs 160 trees with 800
//! paths each (128,000 cases) in about 30 seconds on two cores, plus the
//! other tests. For ten times as many paths, or other trees:
//!
//! ```text
//! APIGEN_DIFF_CASES=8000 cargo test --release -p apigen-differential --test differential
//! APIGEN_DIFF_SEED=2 APIGEN_DIFF_TREES=1600 cargo test --release -p apigen-differential --test differential
//! ```
//!
//! `APIGEN_DIFF_CASES` is the number of paths per tree (read when the tests
//! run); `APIGEN_DIFF_SEED` and `APIGEN_DIFF_TREES` choose the trees (read by
//! `build.rs`: changing them rebuilds the crate). Proptest's own seed is
//! random on each run; a failure prints the tree (files, prefix, policy) and
//! the shrunk path, which reproduce it deterministically.

pub mod paths;
pub mod reference;
pub mod treegen;
pub mod typed_paths;

use reference::{Answer, Slash, Value};
use typed_paths::{Href, Kind, Manifest};

/// A random tree compiled with the core target.
pub struct Tree {
    /// The module holding its generated code (`t007`).
    pub name: &'static str,
    /// Its route files, relative to the api dir.
    pub files: &'static [&'static str],
    /// Its `Builder::prefix`.
    pub prefix: &'static str,
    /// Its trailing-slash policy.
    pub slash: Slash,
    /// Runs the generated `Route::recognize` and `resolve` on a path.
    pub run: fn(&str) -> Outcome,
    /// The generated `ROUTES`.
    pub manifest: fn() -> Vec<Manifest>,
    /// Calls the generated `href` function of `ROUTES[route]` with one list
    /// of values per param (one value for a `[x]`).
    pub href: fn(route: usize, values: &[Vec<String>]) -> Href,
}

/// The methods the HTTP tests send: every standard one, `CONNECT` and an
/// extension method (`PURGE`) included.
pub const METHODS: &[&str] = &[
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PURGE",
];

/// What answers requests in process: an `axum::Router`, or a tree's
/// [`Service`].
pub trait Answers:
    tower::Service<
        axum::extract::Request,
        Response = axum::response::Response,
        Error = std::convert::Infallible,
    > + Clone
{
}

impl<S> Answers for S where
    S: tower::Service<
            axum::extract::Request,
            Response = axum::response::Response,
            Error = std::convert::Infallible,
        > + Clone
{
}

/// A tree's generated `service()`, boxed so that one table holds every
/// tree's.
pub type Service = tower::util::BoxCloneSyncService<
    axum::extract::Request,
    axum::response::Response,
    std::convert::Infallible,
>;

/// A tree compiled with the axum target and echo handlers.
pub struct AxumTree {
    /// The module holding its generated code.
    pub name: &'static str,
    /// Its route files, relative to the api dir.
    pub files: &'static [&'static str],
    /// Its `Builder::prefix`.
    pub prefix: &'static str,
    /// Its trailing-slash policy.
    pub slash: Slash,
    /// Its generated `router()`.
    pub router: fn() -> axum::Router,
    /// Its generated `service()`, boxed.
    pub service: fn() -> Service,
}

impl Tree {
    /// The reference resolver for this tree.
    pub fn reference(&self) -> reference::Reference {
        reference::Reference::new(self.files, self.prefix, self.slash)
    }
}

impl AxumTree {
    /// The reference resolver for this tree.
    pub fn reference(&self) -> reference::Reference {
        reference::Reference::new(self.files, self.prefix, self.slash)
    }
}

/// What the generated code answered for one path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// `Route::recognize`: the answer and the route's `pattern()`.
    pub recognized: Option<(Answer, &'static str)>,
    /// `resolve`.
    pub resolved: Answer,
}

/// Puts a generated `Route` in the reference's terms, checking on the way
/// that its `Segments` agree with themselves.
macro_rules! found {
    ($tree:ident, $route:expr) => {{
        let route: $tree::Route<'_> = $route;
        let mut params = Vec::new();
        let mut decoded = Some(Vec::new());
        for (name, param) in route.params() {
            let name = name.to_owned();
            match param {
                $tree::Param::One(raw) => {
                    params.push((name.clone(), Value::One(raw.to_owned())));
                    let value = $tree::decode(raw).ok().map(|v| v.into_owned());
                    decoded = decoded.zip(value).map(|(mut all, v)| {
                        all.push((name, Value::One(v)));
                        all
                    });
                }
                $tree::Param::Many(segments) => {
                    let raw: Vec<String> = segments.iter().map(str::to_owned).collect();
                    assert_eq!(segments.as_str(), raw.join("/"), "Segments::as_str");
                    assert_eq!(segments.len(), raw.len(), "Segments::len");
                    assert!(!segments.is_empty());
                    params.push((name.clone(), Value::Many(raw)));
                    let value = segments
                        .decode()
                        .ok()
                        .map(|v| v.into_iter().map(|s| s.into_owned()).collect());
                    decoded = decoded.zip(value).map(|(mut all, v)| {
                        all.push((name, Value::Many(v)));
                        all
                    });
                }
            }
        }
        let answer = Answer::Found {
            file: route.file().to_owned(),
            params,
            decoded,
        };
        (answer, route.pattern())
    }};
}

/// Runs a generated module's `recognize` and `resolve` on a path.
macro_rules! run {
    ($tree:ident, $path:expr) => {{
        let path: &str = $path;
        let recognized = $tree::Route::recognize(path).map(|route| found!($tree, route));
        let resolved = match $tree::resolve(path) {
            $tree::Resolution::Found(route) => found!($tree, route).0,
            $tree::Resolution::Redirect(to) => Answer::Redirect(to),
            $tree::Resolution::NotFound => Answer::NotFound,
        };
        Outcome {
            recognized,
            resolved,
        }
    }};
}

/// A generated module's `ROUTES` in the tests' terms. Plain loops: each
/// tree has its own `RouteInfo` type, and iterator adapters would be
/// compiled again for each of the trees.
macro_rules! manifest {
    ($tree:ident) => {{
        let mut routes = Vec::new();
        for info in $tree::ROUTES {
            let mut params = Vec::new();
            for param in info.params {
                let kind = match param.kind {
                    $tree::ParamKind::One => Kind::One,
                    $tree::ParamKind::CatchAll => Kind::CatchAll,
                    $tree::ParamKind::OptionalCatchAll => Kind::OptionalCatchAll,
                };
                params.push((param.name, kind));
            }
            routes.push(Manifest {
                pattern: info.pattern,
                file: info.file,
                params,
                methods: info.methods,
                middleware: info.middleware,
            });
        }
        routes
    }};
}

/// What a generated `href` function returned, in the tests' terms.
macro_rules! href {
    ($tree:ident, $result:expr) => {
        match $result {
            Ok(path) => Href::Path(path),
            Err($tree::HrefError::Empty { param }) => Href::Empty(param.to_owned()),
            Err($tree::HrefError::DotSegment { param }) => Href::DotSegment(param.to_owned()),
            Err($tree::HrefError::NoSegments { param }) => Href::NoSegments(param.to_owned()),
            Err($tree::HrefError::Shadowed { by }) => Href::Shadowed(by.file.to_owned()),
        }
    };
}

#[allow(clippy::all, missing_docs)]
mod generated {
    use super::*;
    include!(concat!(env!("OUT_DIR"), "/trees.rs"));
}

pub use generated::{AXUM_TREES, DEEP, FIXED, MIDDLEWARE_TREES, TREES, WIDE};

/// Paths per tree in a normal run; `APIGEN_DIFF_CASES` overrides it.
pub const CASES_PER_TREE: u32 = 800;

/// The number of paths to try per tree.
pub fn cases_per_tree() -> u32 {
    count_from_env("APIGEN_DIFF_CASES", CASES_PER_TREE)
}

/// The number in the environment variable `var`, or `default` when it is
/// not set; panics on anything else, naming the variable.
pub fn count_from_env(var: &str, default: u32) -> u32 {
    match std::env::var(var) {
        Ok(value) => value
            .parse()
            .unwrap_or_else(|_| panic!("{var}={value:?} is not a number")),
        Err(_) => default,
    }
}

/// The pattern the reference expects for a route file.
pub fn expected_pattern(prefix: &str, file: &str) -> String {
    let pattern = reference::Pattern::parse(file);
    let mut out = prefix.to_owned();
    for part in &pattern.parts {
        out.push('/');
        match part {
            reference::Part::Static(name) => out.push_str(name),
            reference::Part::Dynamic(name) => out.push_str(&format!("[{name}]")),
            reference::Part::CatchAll(name) => out.push_str(&format!("[...{name}]")),
            reference::Part::Optional(name) => out.push_str(&format!("[[...{name}]]")),
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// Compares the generated code with the reference on one path; the
/// difference, if any, as a message naming the tree and the path.
pub fn compare(tree: &Tree, reference: &reference::Reference, path: &str) -> Result<(), String> {
    let got = (tree.run)(path);
    let expected_match = reference.recognize(path);
    let expected = reference.resolve(path);
    let fail = |what: &str, got: &dyn std::fmt::Display, expected: &dyn std::fmt::Display| {
        Err(format!(
            "{what} differs\n  tree {} (prefix {:?}, {:?}): {:?}\n  path {path:?}\n  generated: {got}\n  reference: {expected}",
            tree.name, tree.prefix, tree.slash, tree.files
        ))
    };
    // `recognize` is `resolve` before any trailing-slash or normalization rule.
    let got_match = got.recognized.as_ref().map(|(answer, _)| answer.clone());
    let expected_found = expected_match.map(reference::found_answer);
    if got_match != expected_found {
        let show = |a: &Option<Answer>| a.as_ref().map_or("None".to_owned(), |a| a.to_string());
        return fail("recognize", &show(&got_match), &show(&expected_found));
    }
    if let Some((Answer::Found { file, .. }, pattern)) = &got.recognized {
        let want = expected_pattern(tree.prefix, file);
        if *pattern != want {
            return fail("pattern()", pattern, &want);
        }
    }
    if got.resolved != expected {
        return fail("resolve", &got.resolved, &expected);
    }
    // A redirect goes to a normal path, which never redirects again.
    if let Answer::Redirect(to) = &got.resolved {
        let again = (tree.run)(to).resolved;
        if matches!(again, Answer::Redirect(_)) {
            return fail(
                "resolve of the redirect target",
                &again,
                &"no second redirect",
            );
        }
    }
    Ok(())
}

/// Runs proptest over paths for one tree: [`cases_per_tree`] cases.
pub fn check(tree: &Tree) {
    check_cases(tree, cases_per_tree());
}

/// Runs proptest over paths for one tree: `cases` cases.
pub fn check_cases(tree: &Tree, cases: u32) {
    use proptest::test_runner::{Config, TestCaseError, TestRunner};
    let reference = tree.reference();
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&paths::paths(&reference), |path| {
        compare(tree, &reference, &path).map_err(TestCaseError::fail)
    });
    if let Err(err) = result {
        panic!("{err}");
    }
}

/// What the axum router answered: status, `Location`, body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The `Location` header, if any.
    pub location: Option<String>,
    /// The body, lossily as text.
    pub body: String,
}

/// Sends `GET <target>` through a router, on a current-thread runtime.
/// `None` when `target` is not a request target the `http` crate accepts.
pub fn send(
    runtime: &tokio::runtime::Runtime,
    router: &axum::Router,
    target: &str,
) -> Option<Response> {
    let (head, body) = exchange(runtime, router, "GET", target)?;
    let location = head
        .headers
        .get(axum::http::header::LOCATION)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    Some(Response {
        status: head.status.as_u16(),
        location,
        body,
    })
}

/// Sends `<method> <target>` with an empty body through a router, on a
/// current-thread runtime: the response's head, and its body lossily as
/// text. `None` when `target` is not a request target the `http` crate
/// accepts. `router` is an `axum::Router` or a tree's [`Service`].
pub fn exchange(
    runtime: &tokio::runtime::Runtime,
    router: &impl Answers,
    method: &str,
    target: &str,
) -> Option<(axum::http::response::Parts, String)> {
    use tower::ServiceExt;
    let uri: axum::http::Uri = target.parse().ok()?;
    let method = axum::http::Method::from_bytes(method.as_bytes()).ok()?;
    let request = axum::http::Request::builder()
        .method(method)
        .uri(uri)
        .body(axum::body::Body::empty())
        .ok()?;
    let response = runtime
        .block_on(router.clone().oneshot(request))
        .unwrap_or_else(|never| match never {});
    let (head, body) = response.into_parts();
    let bytes = runtime
        .block_on(axum::body::to_bytes(body, usize::MAX))
        .expect("the body reads");
    Some((head, String::from_utf8_lossy(&bytes).into_owned()))
}

/// A current-thread runtime for [`send`].
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime starts")
}

/// The response the reference expects for `target` (path plus query): the
/// echo handler's body for 200, `Location` with the query kept for 308.
pub fn expected_response(
    reference: &reference::Reference,
    target: &str,
) -> (u16, Option<String>, Option<String>) {
    let uri: axum::http::Uri = target.parse().expect("a valid request target");
    if !reference.router_takes(uri.path()) {
        return (404, None, Some(String::new()));
    }
    let answer = reference.resolve(uri.path());
    match &answer {
        Answer::Found {
            file,
            decoded: Some(decoded),
            ..
        } => {
            let mut body = format!("{file}\n");
            for (name, value) in decoded {
                match value {
                    Value::One(v) => body.push_str(&format!("{name}={v:?}\n")),
                    Value::Many(v) => body.push_str(&format!("{name}={v:?}\n")),
                }
            }
            (200, None, Some(body))
        }
        Answer::Redirect(to) => {
            let location = match uri.query() {
                Some(query) => format!("{to}?{query}"),
                None => to.clone(),
            };
            (308, Some(location), None)
        }
        other => (other.status(), None, None),
    }
}

/// Compares the router with the reference on one request target; whether
/// it was sent (`false` when `http` refuses it as a request target).
pub fn compare_router(
    runtime: &tokio::runtime::Runtime,
    tree: &AxumTree,
    reference: &reference::Reference,
    target: &str,
) -> Result<bool, String> {
    let Some(got) = send(runtime, &(tree.router)(), target) else {
        return Ok(false);
    };
    let (status, location, body) = expected_response(reference, target);
    let same = got.status == status
        && (location.is_none() || got.location == location)
        && body.as_ref().is_none_or(|b| *b == got.body);
    if same {
        Ok(true)
    } else {
        Err(format!(
            "router differs\n  tree {} (prefix {:?}, {:?}): {:?}\n  target {target:?}\n  router: {got:?}\n  reference: {status} {location:?} {body:?}",
            tree.name, tree.prefix, tree.slash, tree.files
        ))
    }
}

/// A tree compiled with the axum target, echo handlers for random method
/// sets, and random `_middleware.rs` files (see `build.rs`).
pub struct MiddlewareTree {
    /// The module holding its generated code.
    pub name: &'static str,
    /// Its route files, relative to the api dir.
    pub files: &'static [&'static str],
    /// Its `Builder::prefix`.
    pub prefix: &'static str,
    /// Its trailing-slash policy.
    pub slash: Slash,
    /// For each file of `files`, the methods it has handlers for (empty:
    /// `handler`, every method).
    pub methods: &'static [&'static [&'static str]],
    /// Each `_middleware.rs`: its folder, the number in its marks (`m<i>`
    /// for its `middleware`, `l<i>` for its `layer()`, appended to the
    /// response header `x-mw`), whether it has `middleware`, whether it
    /// has `layer()`.
    pub middleware: &'static [(&'static str, usize, bool, bool)],
    /// Its generated `router()`.
    pub router: fn() -> axum::Router,
    /// Its generated `service()`, boxed.
    pub service: fn() -> Service,
}

impl MiddlewareTree {
    /// The reference resolver for this tree.
    pub fn reference(&self) -> reference::Reference {
        reference::Reference::new(self.files, self.prefix, self.slash)
    }

    /// The marks a request to `file` must collect, outermost first: for
    /// the api dir's `_middleware.rs` and each folder's down to the file's
    /// own, `l<i>` (its `layer()`) then `m<i>` (its `middleware`). Written
    /// from SPEC section 8 without apigen's code: a folder covers the files
    /// whose path starts with it and a `/`.
    pub fn chain(&self, file: &str) -> Vec<String> {
        let mut covering: Vec<&(&str, usize, bool, bool)> = self
            .middleware
            .iter()
            .filter(|(folder, ..)| folder.is_empty() || file.starts_with(&format!("{folder}/")))
            .collect();
        covering.sort_by_key(|(folder, ..)| folder.len());
        let mut marks = Vec::new();
        for (_, i, middleware, layer) in covering {
            if *layer {
                marks.push(format!("l{i}"));
            }
            if *middleware {
                marks.push(format!("m{i}"));
            }
        }
        marks
    }

    /// The methods `file` answers without 405 (`None`: every method).
    pub fn served(&self, file: &str) -> Option<Vec<&'static str>> {
        let at = self.files.iter().position(|f| *f == file)?;
        let methods = self.methods[at];
        if methods.is_empty() {
            return None;
        }
        let mut served: Vec<&str> = methods.iter().map(|m| m.to_owned()).collect();
        if methods.contains(&"get") && !methods.contains(&"head") {
            served.push("head");
        }
        Some(served)
    }
}
