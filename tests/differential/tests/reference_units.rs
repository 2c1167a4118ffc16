//! The reference resolver and the typed paths oracle, on the examples of
//! SPEC sections 3, 4 and 9 (here, not in the library: its test build
//! would compile every generated tree a second time).

use apigen_differential::reference::*;
use apigen_differential::typed_paths::{Href, expected};

fn order(files: &[&str]) -> Vec<String> {
    Reference::new(files, "/api", Slash::Redirect)
        .sorted
        .into_iter()
        .map(|p| p.file)
        .collect()
}

#[test]
fn listed_orders_sibling_statics_by_request_bytes() {
    let files = ["~.rs", "é.rs", "a.rs", "a b.rs", "[x].rs"];
    let reference = Reference::new(&files, "/api", Slash::Redirect);
    let listed: Vec<String> = reference.listed().into_iter().map(|p| p.file).collect();
    // `é` is sent as `%C3%A9`, before `a` and `~`; `a b` as `a%20b`.
    assert_eq!(listed, ["é.rs", "a.rs", "a b.rs", "~.rs", "[x].rs"]);
    // By UTF-16 code units, `é` (0xE9) comes after `~` (0x7E).
    assert_eq!(order(&files), ["a.rs", "a b.rs", "~.rs", "é.rs", "[x].rs"]);
}

#[test]
fn sorts_as_next_js() {
    assert_eq!(
        order(&[
            "[...rest].rs",
            "[root].rs",
            "posts/[id].rs",
            "posts.rs",
            "blog/abc.rs",
            "index.rs",
            "p/[[...all]].rs",
            "p/[id].rs",
        ]),
        [
            "index.rs",
            "blog/abc.rs",
            "p/[id].rs",
            "p/[[...all]].rs",
            "posts.rs",
            "posts/[id].rs",
            "[root].rs",
            "[...rest].rs",
        ]
    );
}

#[test]
fn decodes_as_javascript() {
    assert_eq!(decode_uri_component("a%20b").as_deref(), Some("a b"));
    assert_eq!(decode_uri_component("a+b").as_deref(), Some("a+b"));
    assert_eq!(decode_uri_component("%2F").as_deref(), Some("/"));
    assert_eq!(decode_uri_component("%25E0").as_deref(), Some("%E0"));
    assert_eq!(decode_uri_component("%E0"), None);
    assert_eq!(decode_uri_component("%+1"), None);
    assert_eq!(decode_uri_component("%1"), None);
    assert_eq!(decode_uri_component("%C0%AF"), None);
    assert_eq!(decode_uri_component("%E0%80%80"), None);
    assert_eq!(decode_uri_component("%ED%A0%80"), None);
    assert_eq!(decode_uri_component("%00").as_deref(), Some("\0"));
}

#[test]
fn normalizes() {
    assert_eq!(normalize("/api/hello/"), "/api/hello");
    assert_eq!(normalize("/api/post/.."), "/api");
    assert_eq!(normalize("/a\\b//c/./%2E%2e/d"), "/a/b/d");
    assert_eq!(normalize("/../.."), "/");
    assert_eq!(normalize(""), "/");
    assert!(is_normal("/"));
    assert!(is_normal("/a/..."));
    assert!(!is_normal("/a/"));
    assert!(!is_normal("a"));
    assert!(!is_normal("/a/.%2E"));
}

#[test]
fn dot_segments() {
    for s in [".", "..", "%2e", "%2E", ".%2e", "%2e.", "%2E%2e"] {
        assert!(is_dot_segment(s), "{s}");
    }
    for s in ["...", ".a", "%2e%2e%2e", "%2f", "a.", "", "%2", "%252e"] {
        assert!(!is_dot_segment(s), "{s}");
    }
}

#[test]
fn resolves_the_spec_examples() {
    let r = Reference::new(
        &[
            "posts/[id]/[foo]/bar.rs",
            "posts/[id]/baz/[foo]/bar.rs",
            "blog/[slug].rs",
            "blog/x/y.rs",
            "hello.rs",
            "c/[...all].rs",
        ],
        "/api",
        Slash::Redirect,
    );
    let found = |path: &str| r.recognize(path);
    assert_eq!(
        found("/api/posts/1/baz/bar"),
        Some((
            "posts/[id]/[foo]/bar.rs".to_owned(),
            vec![
                ("id".to_owned(), Value::One("1".to_owned())),
                ("foo".to_owned(), Value::One("baz".to_owned()))
            ]
        ))
    );
    assert_eq!(found("/api/blog/x").unwrap().0, "blog/[slug].rs");
    assert_eq!(
        r.resolve("/api/c/a/%2Fb"),
        Answer::Found {
            file: "c/[...all].rs".to_owned(),
            params: vec![(
                "all".to_owned(),
                Value::Many(vec!["a".to_owned(), "%2Fb".to_owned()])
            )],
            decoded: Some(vec![(
                "all".to_owned(),
                Value::Many(vec!["a".to_owned(), "/b".to_owned()])
            )]),
        }
    );
    assert_eq!(r.resolve("/api/c/%E0").status(), 400);
    assert_eq!(
        r.resolve("/api/hello/"),
        Answer::Redirect("/api/hello".into())
    );
    assert_eq!(r.resolve("/api/c/a/.."), Answer::Redirect("/api/c".into()));
    assert_eq!(r.resolve("/api/cr%65ate"), Answer::NotFound);
    assert_eq!(
        r.resolve("/api/blog/%2e"),
        Answer::Redirect("/api/blog".into())
    );
    let ignore = Reference::new(&["hello.rs"], "/api", Slash::Ignore);
    assert_eq!(ignore.resolve("/api/hello/").status(), 200);
    let strict = Reference::new(&["hello.rs"], "/api", Slash::Strict);
    assert_eq!(strict.resolve("/api/hello/"), Answer::NotFound);
    assert_eq!(
        strict.resolve("/api//hello"),
        Answer::Redirect("/api/hello".into())
    );
}

#[test]
fn encodes_as_browsers() {
    assert_eq!(browser_encode("a b"), "a%20b");
    assert_eq!(browser_encode("café"), "caf%C3%A9");
    assert_eq!(browser_encode("100%"), "100%");
    assert_eq!(browser_encode("a?b#c"), "a%3Fb%23c");
    assert_eq!(browser_encode("\u{7f}"), "%7F");
}

#[test]
fn the_oracle_follows_the_spec_examples() {
    let reference = Reference::new(
        &["post/create.rs", "post/[pid].rs", "post/[...slug].rs"],
        "/api",
        Slash::Redirect,
    );
    let route = |file: &str| {
        reference
            .sorted
            .iter()
            .find(|p| p.file == file)
            .unwrap()
            .clone()
    };
    let (pid, slug) = (route("post/[pid].rs"), route("post/[...slug].rs"));
    let one = |value: &str| expected(&reference, &pid, &[vec![value.to_owned()]]);
    let text = |s: &str| s.to_owned();
    assert_eq!(one("create"), Href::Shadowed(text("post/create.rs")));
    assert_eq!(one("a b/c"), Href::Path(text("/api/post/a%20b%2Fc")));
    assert_eq!(one(""), Href::Empty(text("pid")));
    assert_eq!(one(".."), Href::DotSegment(text("pid")));
    let many = |values: &[&str]| {
        let values = values.iter().map(|v| v.to_string()).collect();
        expected(&reference, &slug, &[values])
    };
    assert_eq!(many(&["abc"]), Href::Shadowed(text("post/[pid].rs")));
    assert_eq!(many(&[]), Href::NoSegments(text("slug")));
    assert_eq!(many(&["a", "%"]), Href::Path(text("/api/post/a/%25")));
}
