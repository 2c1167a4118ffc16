//! Request paths for a tree, as proptest strategies.
//!
//! Most are drawn from the tree's own patterns, so they reach deep routes
//! and their siblings: static parts as a browser sends them (sometimes raw,
//! or another name), params from a mix of plain values, the tree's own
//! static names, dot segments, escapes good and bad, backslashes and
//! non-ASCII text. Then some are mutated (a trailing slash, `//`, a `\`, an
//! inserted dot segment, a segment dropped or repeated, a cut, a changed
//! prefix). The rest are random: over a routing-heavy alphabet, arbitrary
//! Unicode, and arbitrary bytes made UTF-8.

use proptest::prelude::*;
use proptest::sample::{Index, select};

use crate::reference::{Part, Reference, browser_encode};

/// Segments worth trying anywhere: dot segments in every spelling, escapes
/// that decode, that do not (malformed, overlong, surrogates, truncated),
/// separators in disguise, controls and non-ASCII.
pub const TRICKY: &[&str] = &[
    "",
    ".",
    "..",
    "...",
    "%2e",
    "%2E",
    ".%2e",
    "%2e.",
    "%2E%2e",
    "%2e%2e%2e",
    "%252e",
    "\\",
    "a\\b",
    "%5C",
    "%2F",
    "%2f",
    "a%2Fb",
    "%",
    "%4",
    "%zz",
    "%%",
    "%+1",
    "%C0%AF",
    "%E0%80%80",
    "%ED%A0%80",
    "%F0%9F%98%80",
    "%F4%90%80%80",
    "%FF",
    "%00",
    "\0",
    "\t",
    "\u{7f}",
    "é",
    "caf%C3%A9",
    "caf%c3%a9",
    "café",
    "a b",
    "a%20b",
    "+",
    "?",
    "#",
    "%25",
    "%25E0",
    "😀",
    "\u{FEFF}",
    "index",
    "api",
    "a",
];

/// Every path strategy for a tree.
pub fn paths(reference: &Reference) -> BoxedStrategy<String> {
    let prefix = reference.prefix.clone();
    prop_oneof![
        6 => mutated(from_pattern(reference), prefix.clone()),
        2 => r"[/\\%.a-cA-C0-9eE?# ]{0,24}".prop_map(move |s| format!("{prefix}{s}")),
        1 => r"[/\\%.a-cA-C0-9eE?# ]{0,24}",
        1 => any::<String>(),
        1 => prop::collection::vec(any::<u8>(), 0..48)
            .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
    ]
    .boxed()
}

/// The static names of a tree, each as a browser sends it and raw.
fn static_names(reference: &Reference) -> Vec<String> {
    let mut names: Vec<String> = reference
        .sorted
        .iter()
        .flat_map(|route| &route.parts)
        .filter_map(|part| match part {
            Part::Static(name) => Some(name.clone()),
            _ => None,
        })
        .flat_map(|name| [browser_encode(&name), name])
        .collect();
    names.sort();
    names.dedup();
    if names.is_empty() {
        names.push("a".to_owned());
    }
    names
}

/// One raw request segment (it may hold `/`, making more than one).
pub fn segment(names: Vec<String>) -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[a-c0-9]{1,4}",
        3 => select(names),
        3 => select(TRICKY).prop_map(str::to_owned),
        2 => "(%[0-9a-fA-F]{2}|%[2eE]{1,2}|[a-z%.\\\\]){1,6}",
        1 => "[^/]{0,5}",
        1 => any::<String>(),
    ]
    .boxed()
}

/// A path built along one of the tree's routes.
fn from_pattern(reference: &Reference) -> BoxedStrategy<String> {
    let reference = reference.clone();
    let names = static_names(&reference);
    let routes = reference.sorted.len();
    (
        0..routes,
        prop::collection::vec((0..10u8, segment(names.clone())), 12),
        prop::collection::vec(segment(names.clone()), 0..5),
        select(names),
    )
        .prop_map(move |(route, picks, tail, other)| {
            let mut path = reference.prefix.clone();
            let mut picks = picks.into_iter();
            for part in &reference.sorted[route].parts {
                let (roll, value) = picks.next().unwrap_or((0, String::new()));
                let segment = match part {
                    Part::Static(name) => match roll {
                        0 => name.clone(),
                        1 => other.clone(),
                        2 => browser_encode(name).to_ascii_lowercase(),
                        _ => browser_encode(name),
                    },
                    Part::Dynamic(_) => value,
                    Part::CatchAll(_) | Part::Optional(_) => {
                        let min = usize::from(matches!(part, Part::CatchAll(_)));
                        let mut all = vec![value];
                        all.extend(tail.iter().cloned());
                        let count = (usize::from(roll) % 4 + min).min(all.len());
                        all.truncate(count);
                        if count == 0 {
                            continue;
                        }
                        all.join("/")
                    }
                };
                path.push('/');
                path.push_str(&segment);
            }
            if path.is_empty() {
                path.push('/');
            }
            path
        })
        .boxed()
}

/// A change to a path.
#[derive(Clone, Debug)]
enum Mutation {
    TrailingSlash,
    DoubleSlash(Index),
    Backslash(Index),
    Insert(Index, String),
    Remove(Index),
    Repeat(Index),
    Cut(Index),
    Prefix(&'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let inserted = prop_oneof![
        select(&[".", "..", "%2e", "%2E%2e", ".%2E", "", "x"][..]).prop_map(str::to_owned),
        "[a-c]{1,2}",
    ];
    prop_oneof![
        3 => Just(Mutation::TrailingSlash),
        2 => any::<Index>().prop_map(Mutation::DoubleSlash),
        2 => any::<Index>().prop_map(Mutation::Backslash),
        3 => (any::<Index>(), inserted).prop_map(|(i, s)| Mutation::Insert(i, s)),
        2 => any::<Index>().prop_map(Mutation::Remove),
        1 => any::<Index>().prop_map(Mutation::Repeat),
        1 => any::<Index>().prop_map(Mutation::Cut),
        1 => select(&["", "/apix", "/API", "/api/api", "api", "/v1", "/"][..]).prop_map(Mutation::Prefix),
    ]
}

/// Half the paths unchanged, half with one to three mutations.
fn mutated(paths: BoxedStrategy<String>, prefix: String) -> BoxedStrategy<String> {
    (
        paths,
        prop_oneof![Just(Vec::new()), prop::collection::vec(mutation(), 1..4)],
    )
        .prop_map(move |(mut path, mutations)| {
            for m in mutations {
                apply(&mut path, &prefix, m);
            }
            path
        })
        .boxed()
}

/// The byte offsets of the `/` in a path.
fn slashes(path: &str) -> Vec<usize> {
    path.match_indices('/').map(|(i, _)| i).collect()
}

fn apply(path: &mut String, prefix: &str, mutation: Mutation) {
    let slashes = slashes(path);
    let at = |i: &Index| (!slashes.is_empty()).then(|| slashes[i.index(slashes.len())]);
    match mutation {
        Mutation::TrailingSlash => path.push('/'),
        Mutation::DoubleSlash(i) => {
            if let Some(at) = at(&i) {
                path.insert(at, '/');
            }
        }
        Mutation::Backslash(i) => {
            if let Some(at) = at(&i) {
                path.replace_range(at..at + 1, "\\");
            }
        }
        Mutation::Insert(i, segment) => {
            if let Some(at) = at(&i) {
                path.insert_str(at, &format!("/{segment}"));
            }
        }
        Mutation::Remove(i) | Mutation::Repeat(i) => {
            if let Some(start) = at(&i) {
                let end = path[start + 1..]
                    .find('/')
                    .map_or(path.len(), |e| start + 1 + e);
                let segment = path[start..end].to_owned();
                if matches!(mutation, Mutation::Remove(_)) {
                    path.replace_range(start..end, "");
                } else {
                    path.insert_str(end, &segment);
                }
            }
        }
        Mutation::Cut(i) => {
            let bounds: Vec<usize> = path.char_indices().map(|(i, _)| i).collect();
            if !bounds.is_empty() {
                path.truncate(bounds[i.index(bounds.len())]);
            }
        }
        Mutation::Prefix(new) => {
            if let Some(rest) = path.strip_prefix(prefix) {
                *path = format!("{new}{rest}");
            }
        }
    }
}
