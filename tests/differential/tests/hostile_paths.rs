//! Paths no client should send, through the generated `recognize`/`resolve`
//! and `router()`: megabyte paths, 10,000 segments, every character and every
//! escaped byte, malformed and overlong escapes, encoded dot segments, mixed
//! `/` and `\`, floods of `//`. Each gets a sensible answer (asserted), the
//! same as the reference's, without panicking or overflowing the stack.
//! (That the time is linear in the path's length is shown by the criterion
//! benchmark in `benches/hostile`, not here.)
//!
//! The tree (core target, prefix `/api`, trailing slashes redirected;
//! `tests/fixtures/fixed-tree.txt`, shared with `benches/hostile`):
//! `index.rs`, `hello.rs`, `post/create.rs`, `post/[pid].rs`,
//! `post/[...slug].rs`, `opt/[[...all]].rs`, `[id]/x.rs`, `[id]/[sub]/y.rs`,
//! `a b/café.rs`.

use apigen_differential::reference::{Answer, Value};
use apigen_differential::{AXUM_TREES, FIXED, compare, runtime, send};

const MB: usize = 1 << 20;

/// The generated answer, after checking it equals the reference's.
fn answer(path: &str) -> Answer {
    let reference = FIXED.reference();
    if let Err(diff) = compare(&FIXED, &reference, path) {
        let short: String = diff.chars().take(2000).collect();
        panic!("{short}");
    }
    (FIXED.run)(path).resolved
}

fn found(file: &str, params: &[(&str, Value)], decoded: Option<&[(&str, Value)]>) -> Answer {
    let own = |all: &[(&str, Value)]| -> Vec<(String, Value)> {
        all.iter()
            .map(|(n, v)| (n.to_string(), v.clone()))
            .collect()
    };
    Answer::Found {
        file: file.to_owned(),
        params: own(params),
        decoded: decoded.map(own),
    }
}

fn one(value: &str) -> Value {
    Value::One(value.to_owned())
}

fn many(values: &[&str]) -> Value {
    Value::Many(values.iter().map(|s| s.to_string()).collect())
}

fn redirect(to: &str) -> Answer {
    Answer::Redirect(to.to_owned())
}

/// Like `assert_eq!`, without printing megabytes.
fn same(got: Answer, expected: Answer, what: &str) {
    if got != expected {
        let show = |a: &Answer| a.to_string().chars().take(300).collect::<String>();
        panic!(
            "{what}:\n  got      {}\n  expected {}",
            show(&got),
            show(&expected)
        );
    }
}

#[test]
fn megabyte_paths() {
    let a = "a".repeat(MB);
    same(
        answer(&format!("/api/post/{a}")),
        found(
            "post/[pid].rs",
            &[("pid", one(&a))],
            Some(&[("pid", one(&a))]),
        ),
        "one 1 MB segment",
    );
    let percents = "%".repeat(MB);
    same(
        answer(&format!("/api/post/{percents}")),
        found("post/[pid].rs", &[("pid", one(&percents))], None),
        "1 MB of `%`: 400",
    );
    let escapes = "%41".repeat(MB / 3);
    let decoded = "A".repeat(MB / 3);
    same(
        answer(&format!("/api/post/{escapes}")),
        found(
            "post/[pid].rs",
            &[("pid", one(&escapes))],
            Some(&[("pid", one(&decoded))]),
        ),
        "1 MB of escapes",
    );
    let overlong = "%C0%AF".repeat(MB / 6);
    same(
        answer(&format!("/api/post/{overlong}")),
        found("post/[pid].rs", &[("pid", one(&overlong))], None),
        "1 MB of overlong escapes: 400",
    );
    let segments = vec!["s"; MB / 2];
    let path = format!("/api/post/{}", segments.join("/"));
    same(
        answer(&path),
        found(
            "post/[...slug].rs",
            &[("slug", many(&segments))],
            Some(&[("slug", many(&segments))]),
        ),
        "half a million segments",
    );
    same(
        answer(&format!("/api{}hello", "/".repeat(MB))),
        redirect("/api/hello"),
        "1 MB of `/`",
    );
    same(
        answer(&format!("/api/hello{}", "\\".repeat(MB))),
        redirect("/api/hello"),
        "1 MB of `\\`",
    );
    same(
        answer(&format!("/api/{}hello", "./".repeat(MB / 2))),
        redirect("/api/hello"),
        "1 MB of `./`",
    );
    same(
        answer(&format!("/api/{}", "%2e%2E/".repeat(MB / 7))),
        redirect("/"),
        "1 MB of encoded `..`",
    );
    same(
        answer(&format!("/api/{}", "/\\".repeat(MB / 2))),
        redirect("/api"),
        "1 MB of `/\\`",
    );
    same(
        answer(&format!("/api/{}/x", "é".repeat(MB / 2))),
        found(
            "[id]/x.rs",
            &[("id", one(&"é".repeat(MB / 2)))],
            Some(&[("id", one(&"é".repeat(MB / 2)))]),
        ),
        "1 MB of non-ASCII",
    );
    same(
        answer(&"x".repeat(MB)),
        redirect(&format!("/{}", "x".repeat(MB))),
        "no leading `/`",
    );
    same(
        answer(&format!("/{}", "x".repeat(MB))),
        Answer::NotFound,
        "outside the prefix",
    );
}

#[test]
fn ten_thousand_segments() {
    let segments = vec!["seg"; 10_000];
    let path = format!("/api/post/{}", segments.join("/"));
    let route = (FIXED.run)(&path)
        .recognized
        .expect("the catch-all matches");
    same(
        route.0,
        found(
            "post/[...slug].rs",
            &[("slug", many(&segments))],
            Some(&[("slug", many(&segments))]),
        ),
        "10,000 segments",
    );
    answer(&path);
    same(
        answer(&format!("/api/{}", vec!["a"; 10_000].join("/"))),
        Answer::NotFound,
        "10,000 segments, no route",
    );
    same(
        answer(&format!("/api/{}", vec![".."; 10_000].join("/"))),
        redirect("/"),
        "10,000 `..`",
    );
    same(
        answer(&format!("/api/post/{}/", vec!["s"; 10_000].join("/"))),
        redirect(&format!("/api/post/{}", vec!["s"; 10_000].join("/"))),
        "10,000 segments and a trailing slash",
    );
    let mut optional = String::from("/api/opt");
    for i in 0..10_000 {
        optional.push_str(if i % 2 == 0 { "/%2F" } else { "/%00" });
    }
    let raw: Vec<&str> = (0..10_000)
        .map(|i| if i % 2 == 0 { "%2F" } else { "%00" })
        .collect();
    let decoded: Vec<&str> = (0..10_000)
        .map(|i| if i % 2 == 0 { "/" } else { "\0" })
        .collect();
    same(
        answer(&optional),
        found(
            "opt/[[...all]].rs",
            &[("all", many(&raw))],
            Some(&[("all", many(&decoded))]),
        ),
        "10,000 escaped separators and NULs",
    );
}

#[test]
fn every_character() {
    let reference = FIXED.reference();
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let value = c.to_string();
        let path = format!("/api/post/{c}");
        let expected = match c {
            '/' | '\\' | '.' => redirect("/api/post"),
            '%' => found("post/[pid].rs", &[("pid", one("%"))], None),
            _ => found(
                "post/[pid].rs",
                &[("pid", one(&value))],
                Some(&[("pid", one(&value))]),
            ),
        };
        let got = (FIXED.run)(&path).resolved;
        assert_eq!(got, expected, "{c:?}");
        // At the root, where no `[id].rs` exists and no static is one character.
        let at_root = format!("/api/{c}");
        let expected = match c {
            '/' | '\\' | '.' => redirect("/api"),
            _ => Answer::NotFound,
        };
        assert_eq!((FIXED.run)(&at_root).resolved, expected, "{c:?}");
        // The reference is slower: every ASCII character, then a sample.
        if c.is_ascii() || u32::from(c) % 251 == 0 {
            for path in [&path, &at_root] {
                compare(&FIXED, &reference, path).unwrap();
            }
        }
    }
}

#[test]
fn every_escaped_byte() {
    for byte in 0..=255u8 {
        for escape in [format!("%{byte:02X}"), format!("%{byte:02x}")] {
            let path = format!("/api/post/{escape}");
            let expected = if byte == b'.' {
                redirect("/api/post")
            } else if byte.is_ascii() {
                let value = char::from(byte).to_string();
                found(
                    "post/[pid].rs",
                    &[("pid", one(&escape))],
                    Some(&[("pid", one(&value))]),
                )
            } else {
                found("post/[pid].rs", &[("pid", one(&escape))], None)
            };
            same(answer(&path), expected, &escape);
        }
    }
}

#[test]
fn malformed_and_overlong_escapes_answer_400() {
    for bad in [
        "%",
        "%4",
        "%G0",
        "%0G",
        "%%",
        "%+1",
        "%-1",
        "% 1",
        "a%",
        "%é",
        "%C0%AF",
        "%E0%80%80",
        "%F0%80%80%80",
        "%ED%A0%80",
        "%ED%BF%BF",
        "%F4%90%80%80",
        "%F8%88%80%80%80",
        "%FF",
        "%C3",
        "%E2%82",
        "%80",
        "%25%",
    ] {
        for (path, file, name) in [
            (format!("/api/post/{bad}"), "post/[pid].rs", "pid"),
            (format!("/api/post/ok/{bad}"), "post/[...slug].rs", "slug"),
            (format!("/api/opt/{bad}/ok"), "opt/[[...all]].rs", "all"),
        ] {
            match answer(&path) {
                Answer::Found {
                    file: got,
                    params,
                    decoded: None,
                } if got == file && params[0].0 == name => {}
                other => panic!("{path:?}: {other}"),
            }
        }
    }
    // NUL and encoded separators decode; they are the handler's to refuse.
    same(
        answer("/api/post/%00"),
        found(
            "post/[pid].rs",
            &[("pid", one("%00"))],
            Some(&[("pid", one("\0"))]),
        ),
        "%00",
    );
    same(
        answer("/api/post/a/%2F/%5C"),
        found(
            "post/[...slug].rs",
            &[("slug", many(&["a", "%2F", "%5C"]))],
            Some(&[("slug", many(&["a", "/", "\\"]))]),
        ),
        "encoded separators",
    );
    same(
        answer("/api/post/%252e%252E"),
        found(
            "post/[pid].rs",
            &[("pid", one("%252e%252E"))],
            Some(&[("pid", one("%2e%2E"))]),
        ),
        "double-encoded dots are decoded once",
    );
}

#[test]
fn encoded_dot_segments_are_resolved_by_308() {
    for (path, to) in [
        ("/api/post/%2e%2E", "/api"),
        ("/api/post/.%2e", "/api"),
        ("/api/post/%2E.", "/api"),
        ("/api/post/%2e", "/api/post"),
        ("/api/post/%2e%2e/hello", "/api/hello"),
        ("/api/post/./create", "/api/post/create"),
        ("/api/%2e%2e/%2e%2e/api/hello", "/api/hello"),
        ("/%2e%2e", "/"),
        ("/api/post/x/..", "/api/post"),
    ] {
        same(answer(path), redirect(to), path);
    }
    // Three dots are a name, not a dot segment.
    same(
        answer("/api/post/..."),
        found(
            "post/[pid].rs",
            &[("pid", one("..."))],
            Some(&[("pid", one("..."))]),
        ),
        "...",
    );
}

#[test]
fn mixed_slashes_and_backslashes() {
    for (path, to) in [
        ("/api\\hello", "/api/hello"),
        ("\\api\\hello", "/api/hello"),
        ("/api/\\/hello", "/api/hello"),
        ("/api/post\\create", "/api/post/create"),
        ("/api/post/a\\b", "/api/post/a/b"),
        ("//api//hello//", "/api/hello"),
        ("/api/hello/\\", "/api/hello"),
        ("\\\\evil.example\\x", "/evil.example/x"),
        ("//evil.example/x", "/evil.example/x"),
    ] {
        same(answer(path), redirect(to), path);
    }
    same(
        answer("/api/hello"),
        found("hello.rs", &[], Some(&[])),
        "plain",
    );
}

#[test]
fn the_router_survives_hostile_requests() {
    // `http` refuses request targets over 65,534 bytes, so nothing longer
    // ever reaches a router; these stay below.
    let runtime = runtime();
    let tree = AXUM_TREES.iter().find(|t| t.name == "fixed").unwrap();
    let router = (tree.router)();
    let big = 60_000;
    let cases: Vec<(String, u16, Option<String>)> = vec![
        (format!("/api/post/{}", "a".repeat(big)), 200, None),
        (format!("/api/post/{}", "%".repeat(big)), 400, None),
        (format!("/api/post/{}", "%C0%AF".repeat(big / 6)), 400, None),
        (
            format!("/api/post/{}", vec!["s"; big / 2].join("/")),
            200,
            None,
        ),
        (
            format!("/api{}hello?q", "/".repeat(big)),
            308,
            Some("/api/hello?q".to_owned()),
        ),
        (
            format!("/api/{}hello", "%2e%2E/".repeat(big / 7)),
            308,
            Some("/hello".to_owned()),
        ),
        (
            format!("/api/{}", vec![".."; 10_000].join("/")),
            308,
            Some("/".to_owned()),
        ),
        ("/api/post/%00".to_owned(), 200, None),
        ("/api/post/%E0%80%80".to_owned(), 400, None),
        (
            "/api/post/%2e%2E/hello".to_owned(),
            308,
            Some("/api/hello".to_owned()),
        ),
        // A redirect never leaves the origin: `//` becomes `/`.
        (
            "/api//evil.example/x".to_owned(),
            308,
            Some("/api/evil.example/x".to_owned()),
        ),
        (
            "/api\\\\evil.example/x".to_owned(),
            308,
            Some("/api/evil.example/x".to_owned()),
        ),
        // Outside the prefix, the path is not router()'s (SPEC section 7):
        // axum's fallback answers.
        ("//evil.example/x".to_owned(), 404, None),
        (format!("/{}", "x".repeat(big)), 404, None),
    ];
    let reference = tree.reference();
    for (target, status, location) in cases {
        let got = send(&runtime, &router, &target).expect("a valid request target");
        let show: String = target.chars().take(60).collect();
        assert_eq!(got.status, status, "{show}");
        if location.is_some() {
            assert_eq!(got.location, location, "{show}");
        }
        apigen_differential::compare_router(&runtime, tree, &reference, &target).unwrap();
    }
    // Every byte as the one character of a param, as far as `http` lets it through.
    for byte in 0..=255u8 {
        let target = format!("/api/post/{}", char::from(byte));
        if let Some(got) = send(&runtime, &router, &target) {
            assert!(matches!(got.status, 200 | 308 | 400), "{byte}: {got:?}");
            apigen_differential::compare_router(&runtime, tree, &reference, &target).unwrap();
        }
    }
}
