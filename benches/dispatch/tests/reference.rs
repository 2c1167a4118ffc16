//! The generated matcher against the independent reference resolver of
//! `tests/differential` (the routing rules of SPEC.md sections 2, 3 and 5
//! written out naively: every route in Next.js order, first whole-pattern
//! match wins), on a tree built to stress the byte-level dispatch (keys
//! that are prefixes of each other, compressed chains, backtracking,
//! catch-alls, levels deep enough to be split into functions), with and
//! without a prefix, over every path of up to three segments from a tricky
//! alphabet and many longer random ones.

use apigen_bench_dispatch::data::RULES;
use apigen_bench_dispatch::{rules_api, rules_root};

/// The one reference resolver of the project, the differential tests' own.
#[path = "../../../tests/differential/src/reference.rs"]
#[allow(dead_code)]
mod reference;

use reference::{Part, Pattern, Reference, Slash, Value};

/// The route file and its raw params (a catch-all's segments joined by `/`).
type Answer = Option<(String, Vec<(String, String)>)>;

fn reference(prefix: &str) -> Reference {
    Reference::new(RULES, prefix, Slash::Redirect)
}

fn expected(reference: &Reference, path: &str) -> Answer {
    let (file, params) = reference.recognize(path)?;
    let params = params
        .into_iter()
        .map(|(name, value)| match value {
            Value::One(value) => (name, value),
            Value::Many(values) => (name, values.join("/")),
        })
        .collect();
    Some((file, params))
}

macro_rules! generated {
    ($module:ident) => {
        |path: &str| -> Answer {
            use $module::{Param, Route};
            Route::recognize(path).map(|route| {
                let params = route
                    .params()
                    .into_iter()
                    .map(|(name, value)| match value {
                        Param::One(value) => (name.to_owned(), value.to_owned()),
                        Param::Many(values) => (name.to_owned(), values.as_str().to_owned()),
                    })
                    .collect();
                (route.file().to_owned(), params)
            })
        }
    };
}

/// Segments worth trying: every static name, names one byte off, params'
/// enemies (empty, dot segments, `\`), and plain words.
fn alphabet() -> Vec<String> {
    let mut out: Vec<String> = RULES
        .iter()
        .flat_map(|file| Pattern::parse(file).parts)
        .filter_map(|p| match p {
            Part::Static(key) => Some(key),
            _ => None,
        })
        .collect();
    out.extend(
        [
            "",
            ".",
            "..",
            "%2e",
            "%2E%2e",
            ".%2e",
            "a\\b",
            "x",
            "A",
            "us",
            "use",
            "userss",
            "usersy",
            "abcd",
            "cccc",
            "c%63",
            "%61",
            "x y",
            "long-static-nam",
            "index",
            "api",
            "7",
            "é",
            // Long enough for the param scan's eight-bytes-at-a-time path.
            "3f2c1a9e-5b7d-4c8e-9a1f-2b3c4d5e6f70",
            "long-segment-with-a-\\-inside",
        ]
        .map(String::from),
    );
    out.sort();
    out.dedup();
    out
}

fn check(prefix: &'static str, generated: impl Fn(&str) -> Answer) {
    let reference = reference(prefix);
    let alphabet = alphabet();
    let mut paths: Vec<String> = vec![
        String::new(),
        "/".into(),
        "//".into(),
        "/api".into(),
        "/api/".into(),
        "/apix".into(),
        "/ap".into(),
        "api/a".into(),
        "\\api\\a".into(),
    ];
    // Every path of up to three segments.
    let mut level: Vec<String> = vec![String::new()];
    for _ in 0..3 {
        level = level
            .iter()
            .flat_map(|p| alphabet.iter().map(move |s| format!("{p}/{s}")))
            .collect();
        paths.extend(level.iter().map(|p| format!("{prefix}{p}")));
    }
    // Longer paths, random but fixed, biased towards the deep routes.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..20_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let len = 4 + (state % 10) as usize;
        let mut path = String::from(prefix);
        for i in 0..len {
            let pick = (state >> (5 * i % 60)) as usize;
            let segment = match (i, pick % 4) {
                (0, 0) => "deep",
                (_, 0 | 1) => "p",
                _ => alphabet[pick % alphabet.len()].as_str(),
            };
            path.push('/');
            path.push_str(segment);
        }
        paths.push(path);
    }
    let mut found = 0;
    for path in &paths {
        let expected = expected(&reference, path);
        assert_eq!(generated(path), expected, "{path:?}");
        found += usize::from(expected.is_some());
    }
    // The paths test both answers: neither almost all found nor almost none.
    let total = paths.len();
    assert!(
        found > total / 10 && found < total / 10 * 9,
        "{found} of {total}"
    );
}

#[test]
fn with_a_prefix() {
    check("/api", generated!(rules_api));
}

#[test]
fn from_the_root() {
    check("", generated!(rules_root));
}

#[test]
fn the_reference_finds_what_the_spec_says() {
    let reference = reference("/api");
    let file = |path: &str| reference.recognize(path).map(|(file, _)| file);
    assert_eq!(file("/api").as_deref(), Some("index.rs"));
    assert_eq!(
        file("/api/posts/1/baz/bar").as_deref(),
        Some("posts/[id]/[fo]/bar.rs")
    );
    assert_eq!(file("/api/abc/x").as_deref(), Some("abc/[...rest].rs"));
    assert_eq!(file("/api/ab/x").as_deref(), Some("[slug]/[...rest].rs"));
    assert_eq!(file("/api/abc/%2e"), None);
    assert_eq!(file("/api/b").as_deref(), Some("b/[[...opt]].rs"));
    assert_eq!(file("/api/x%20y").as_deref(), Some("x%20y.rs"));
    assert_eq!(file("/api/x y").as_deref(), Some("[slug].rs"));
    assert_eq!(file("/api/.."), None);
    assert_eq!(file("/apix"), None);
}
