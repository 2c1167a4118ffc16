//! The generated matcher against an independent reference: the routing
//! rules of SPEC.md sections 2, 3 and 5 written out naively (every route in
//! Next.js order, first whole-pattern match wins), on a tree built to
//! stress the byte-level dispatch (keys that are prefixes of each other,
//! compressed chains, backtracking, catch-alls, levels deep enough to be
//! split into functions), with and without a prefix, over every path of up
//! to three segments from a tricky alphabet and many longer random ones.

use apigen_bench_dispatch::data::RULES;
use apigen_bench_dispatch::{rules_api, rules_root};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Static(String),
    Dynamic(String),
    CatchAll(String),
    Optional(String),
}

struct Reference {
    prefix: &'static str,
    /// Routes in the order a request tries them.
    routes: Vec<(&'static str, Vec<Part>)>,
}

type Answer = Option<(String, Vec<(String, String)>)>;

impl Reference {
    fn new(prefix: &'static str) -> Reference {
        let mut routes: Vec<(&'static str, Vec<Part>)> =
            RULES.iter().map(|file| (*file, parts(file))).collect();
        // Next.js order: at each position the route ending there, then
        // statics by byte, then `[x]`, `[...x]`, `[[...x]]`.
        routes.sort_by(|a, b| rank(&a.1).cmp(&rank(&b.1)));
        Reference { prefix, routes }
    }

    fn recognize(&self, path: &str) -> Answer {
        let rest = path.strip_prefix(self.prefix)?;
        // Served from the root, the root route is `/`; below a prefix, it
        // is the prefix itself (and `/api/` has one empty segment).
        let segments: Vec<&str> = match rest {
            "/" if self.prefix.is_empty() => vec![],
            "" if !self.prefix.is_empty() => vec![],
            _ => rest.strip_prefix('/')?.split('/').collect(),
        };
        self.routes.iter().find_map(|(file, parts)| {
            let params = matches(parts, &segments)?;
            Some((file.to_string(), params))
        })
    }
}

fn parts(file: &str) -> Vec<Part> {
    let path = file.strip_suffix(".rs").unwrap();
    let path = path.strip_suffix("index").unwrap_or(path);
    path.split('/')
        .filter(|p| !p.is_empty())
        .map(|p| {
            if let Some(name) = p.strip_prefix("[[...").and_then(|p| p.strip_suffix("]]")) {
                Part::Optional(name.into())
            } else if let Some(name) = p.strip_prefix("[...").and_then(|p| p.strip_suffix(']')) {
                Part::CatchAll(name.into())
            } else if let Some(name) = p.strip_prefix('[').and_then(|p| p.strip_suffix(']')) {
                Part::Dynamic(name.into())
            } else {
                Part::Static(p.into())
            }
        })
        .collect()
}

fn rank(parts: &[Part]) -> Vec<(u8, &str)> {
    parts
        .iter()
        .map(|p| match p {
            Part::Static(key) => (1, key.as_str()),
            Part::Dynamic(_) => (2, ""),
            Part::CatchAll(_) => (3, ""),
            Part::Optional(_) => (4, ""),
        })
        .collect()
}

/// A param binds a non-empty segment that is not `.` or `..` (in any
/// percent-encoded spelling) and holds no `\`.
fn bindable(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    let dots = lower.replace("%2e", ".");
    !segment.is_empty() && !segment.contains('\\') && dots != "." && dots != ".."
}

fn matches(parts: &[Part], segments: &[&str]) -> Option<Vec<(String, String)>> {
    let mut params = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let rest = &segments[i.min(segments.len())..];
        match part {
            Part::Static(key) => {
                if rest.first() != Some(&key.as_str()) {
                    return None;
                }
            }
            Part::Dynamic(name) => {
                let segment = rest.first().filter(|s| bindable(s))?;
                params.push((name.clone(), segment.to_string()));
            }
            Part::CatchAll(name) | Part::Optional(name) => {
                if rest.is_empty() && matches!(part, Part::Optional(_)) {
                    return Some(params);
                }
                if rest.is_empty() || !rest.iter().all(|s| bindable(s)) {
                    return None;
                }
                params.push((name.clone(), rest.join("/")));
                return Some(params);
            }
        }
    }
    (segments.len() == parts.len()).then_some(params)
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
        .flat_map(|file| parts(file))
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
    let reference = Reference::new(prefix);
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
        let expected = reference.recognize(path);
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
    let reference = Reference::new("/api");
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
