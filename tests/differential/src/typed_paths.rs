//! The route manifest and typed paths of the random trees (SPEC section
//! 9), against the reference.
//!
//! For each tree, `ROUTES` must list the reference's routes in its order,
//! with their patterns and params. Then proptest picks a route and values
//! for its params (any Unicode, the tree's own static names, `/`, `%`, `?`,
//! `#`, `\`, spaces, empty, `.`, `..`) and calls the route's `href`
//! function: it must give exactly what [`expected`] works out from the
//! SPEC with the reference, and a path it gives must reach the route with
//! the same values, decoded, both in the reference and in the generated
//! `resolve`.

use proptest::prelude::*;
use proptest::sample::select;

use crate::reference::{Answer, Part, Pattern, Reference, Value, browser_encode};
use crate::{Tree, compare, expected_pattern, treegen};

/// How many segments a param takes, as `ParamKind` says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `[x]`.
    One,
    /// `[...x]`.
    CatchAll,
    /// `[[...x]]`.
    OptionalCatchAll,
}

/// A generated `RouteInfo`, in the tests' terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manifest {
    /// `pattern`.
    pub pattern: &'static str,
    /// `file`.
    pub file: &'static str,
    /// `params`: names and kinds.
    pub params: Vec<(&'static str, Kind)>,
    /// `methods` (empty for the core target).
    pub methods: &'static [&'static str],
    /// `middleware` (none in these trees).
    pub middleware: &'static [&'static str],
}

/// What a generated `href` function returned, in the tests' terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Href {
    /// `Ok(path)`.
    Path(String),
    /// `HrefError::Empty { param }`.
    Empty(String),
    /// `HrefError::DotSegment { param }`.
    DotSegment(String),
    /// `HrefError::NoSegments { param }`.
    NoSegments(String),
    /// `HrefError::Shadowed { by }`: the file of `by`.
    Shadowed(String),
}

/// `href` calls per tree in a normal run; the 40 trees with a round trip
/// test make 10,400.
pub const CASES_PER_TREE: u32 = 260;

/// The number of `href` calls to try per tree (`APIGEN_HREF_CASES`
/// overrides [`CASES_PER_TREE`]).
pub fn cases_per_tree() -> u32 {
    crate::count_from_env("APIGEN_HREF_CASES", CASES_PER_TREE)
}

/// A value as SPEC section 9's encoding writes it into a segment, written
/// here from the rule alone (README, "Route manifest and typed paths"): a
/// byte stays where RFC 3986 allows it raw in a segment, except `%`; every
/// other byte is `%XX`, uppercase.
pub fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@".contains(byte as char) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// What the `href` function of `route` must return for `values` (one list
/// per param, one value for a `[x]`): the first param, in path order, with
/// a value no segment carries (empty, `.`, `..`) or, for a `[...x]`, no
/// value; else the route that serves the encoded path first, if it is
/// another; else the path.
pub fn expected(reference: &Reference, route: &Pattern, values: &[Vec<String>]) -> Href {
    let mut path = reference.prefix.clone();
    let mut next = values.iter();
    for part in &route.parts {
        let (name, required) = match part {
            Part::Static(name) => {
                path.push('/');
                path.push_str(&browser_encode(name));
                continue;
            }
            Part::Dynamic(name) | Part::CatchAll(name) => (name, true),
            Part::Optional(name) => (name, false),
        };
        let values = next.next().expect("a list of values per param");
        for value in values {
            match value.as_str() {
                "" => return Href::Empty(name.clone()),
                "." | ".." => return Href::DotSegment(name.clone()),
                _ => {}
            }
            path.push('/');
            path.push_str(&encode(value));
        }
        if required && values.is_empty() {
            return Href::NoSegments(name.clone());
        }
    }
    if path.is_empty() {
        path.push('/');
    }
    match reference.recognize(&path) {
        Some((file, _)) if file != route.file => Href::Shadowed(file),
        _ => Href::Path(path),
    }
}

/// The values a param might be given: the tree's own static names (so
/// that earlier routes take the path), values no segment carries,
/// characters that must be encoded, and any Unicode.
fn value(statics: Vec<String>) -> BoxedStrategy<String> {
    const SPECIAL: &[&str] = &[
        "", ".", "..", "...", "/", "%", "%25", "%2e", "?", "#", "\\", " ", "+", "a/b", "é", "😀",
    ];
    prop_oneof![
        3 => select(statics),
        2 => select(SPECIAL).prop_map(str::to_owned),
        3 => r"[a-c/%?#\\. é😀+\-]{0,6}",
        2 => prop::collection::vec(any::<char>(), 0..6).prop_map(String::from_iter),
    ]
    .boxed()
}

/// A route of the tree (by its index in `ROUTES`, whose order is
/// `listed`) and values for its params.
fn calls(listed: &[Pattern]) -> BoxedStrategy<(usize, Vec<Vec<String>>)> {
    let mut statics: Vec<String> = treegen::STATIC_NAMES
        .iter()
        .map(|s| s.to_string())
        .collect();
    for route in listed {
        for part in &route.parts {
            if let Part::Static(name) = part {
                statics.push(name.clone());
            }
        }
    }
    let kinds: Vec<Vec<bool>> = listed
        .iter()
        .map(|route| {
            let params = route.parts.iter().filter(|p| !matches!(p, Part::Static(_)));
            params.map(|p| matches!(p, Part::Dynamic(_))).collect()
        })
        .collect();
    (0..kinds.len())
        .prop_flat_map(move |at| {
            let params: Vec<BoxedStrategy<Vec<String>>> = kinds[at]
                .iter()
                .map(|&one| {
                    let value = value(statics.clone());
                    if one {
                        value.prop_map(|v| vec![v]).boxed()
                    } else {
                        prop::collection::vec(value, 0..4).boxed()
                    }
                })
                .collect();
            params.prop_map(move |values| (at, values))
        })
        .boxed()
}

/// `ROUTES` is the reference's routes in the reference's order (with
/// sibling statics by request bytes: [`Reference::listed`]), each with its
/// pattern and params.
pub fn check_manifest(tree: &Tree, reference: &Reference) {
    let manifest = (tree.manifest)();
    let listed = reference.listed();
    let files: Vec<&str> = manifest.iter().map(|m| m.file).collect();
    let sorted: Vec<&str> = listed.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(files, sorted, "ROUTES order, tree {}", tree.name);
    for (info, route) in manifest.iter().zip(&listed) {
        assert_eq!(info.pattern, expected_pattern(tree.prefix, &route.file));
        let params: Vec<(&str, Kind)> = route
            .parts
            .iter()
            .filter_map(|part| match part {
                Part::Static(_) => None,
                Part::Dynamic(name) => Some((name.as_str(), Kind::One)),
                Part::CatchAll(name) => Some((name.as_str(), Kind::CatchAll)),
                Part::Optional(name) => Some((name.as_str(), Kind::OptionalCatchAll)),
            })
            .collect();
        assert_eq!(info.params, params, "{}", route.file);
        assert!(info.methods.is_empty() && info.middleware.is_empty());
    }
}

/// One `href` call against [`expected`], and a path it gives through the
/// reference's and the generated `resolve`. `at` indexes `ROUTES`, in the
/// order of [`Reference::listed`].
fn check_call(
    tree: &Tree,
    reference: &Reference,
    listed: &[Pattern],
    at: usize,
    values: &[Vec<String>],
) -> Result<(), String> {
    let route = &listed[at];
    let got = (tree.href)(at, values);
    let want = expected(reference, route, values);
    let fail = |what: String| {
        Err(format!(
            "{what}\n  tree {} (prefix {:?}): {:?}\n  route {}, values {values:?}",
            tree.name, tree.prefix, tree.files, route.file
        ))
    };
    if got != want {
        return fail(format!("href gave {got:?}, expected {want:?}"));
    }
    let Href::Path(path) = got else {
        return Ok(());
    };
    let decoded: Vec<(String, Value)> = route
        .parts
        .iter()
        .filter(|part| !matches!(part, Part::Static(_)))
        .zip(values)
        .filter(|(part, values)| !(matches!(part, Part::Optional(_)) && values.is_empty()))
        .map(|(part, values)| match part {
            Part::Dynamic(name) => (name.clone(), Value::One(values[0].clone())),
            Part::CatchAll(name) | Part::Optional(name) => {
                (name.clone(), Value::Many(values.clone()))
            }
            Part::Static(_) => unreachable!("filtered out"),
        })
        .collect();
    match reference.resolve(&path) {
        Answer::Found {
            file,
            decoded: Some(found),
            ..
        } if file == route.file && found == decoded => {}
        other => return fail(format!("{path:?} resolves to {other}")),
    }
    compare(tree, reference, &path)
}

/// Runs proptest over `href` calls for one tree: [`cases_per_tree`] cases,
/// after [`check_manifest`].
pub fn check_href(tree: &Tree) {
    use proptest::test_runner::{Config, TestCaseError, TestRunner};
    let reference = tree.reference();
    check_manifest(tree, &reference);
    let config = Config {
        cases: cases_per_tree(),
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let listed = reference.listed();
    let result = runner.run(&calls(&listed), |(at, values)| {
        check_call(tree, &reference, &listed, at, &values).map_err(TestCaseError::fail)
    });
    if let Err(err) = result {
        panic!("{err}");
    }
}
