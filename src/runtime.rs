//! The support code every generated file carries, from `templates/`.
//!
//! The generator emits the templates verbatim; it also compiles the core
//! template here, to test it and to share its definitions (a dot segment is
//! defined once, for the generator and the generated matcher alike), and,
//! in its tests, the axum template, to test its helpers.

/// `templates/core.rs`, compiled.
#[allow(dead_code, unreachable_pub)]
pub(crate) mod core {
    include!("../templates/core.rs");
}

/// `templates/core.rs`, as emitted.
pub(crate) const CORE: &str = include_str!("../templates/core.rs");

/// `templates/axum.rs`, as emitted (compiled in every generated axum crate, and
/// tested through them: `tests/e2e`, `tests/conformance`, `examples/blog`;
/// its helpers are unit-tested in `runtime::axum`).
pub(crate) const AXUM: &str = include_str!("../templates/axum.rs");

/// `templates/axum.rs`, compiled and unit-tested here too (axum is a
/// dev-dependency).
#[cfg(test)]
mod axum;

/// `templates/openapi.rs`, as emitted after `axum.rs` with
/// `Builder::openapi(true)` (compiled in `tests/openapi` and
/// `examples/blog`; its helpers are unit-tested in `runtime::openapi`).
pub(crate) const OPENAPI: &str = include_str!("../templates/openapi.rs");

/// `templates/openapi.rs`, compiled and unit-tested here too (axum and
/// utoipa are dev-dependencies).
#[cfg(test)]
mod openapi;

#[cfg(test)]
mod tests {
    use super::core::*;
    use std::borrow::Cow;

    #[test]
    fn decode_once_like_decode_uri_component() {
        assert_eq!(decode("abc").unwrap(), Cow::Borrowed("abc"));
        assert!(matches!(decode("abc").unwrap(), Cow::Borrowed(_)));
        assert_eq!(decode("a%20b").unwrap(), "a b");
        assert_eq!(decode("a+b").unwrap(), "a+b");
        assert_eq!(decode("%2F").unwrap(), "/");
        assert_eq!(decode("%2f%2F").unwrap(), "//");
        assert_eq!(decode("%25E0").unwrap(), "%E0");
        assert_eq!(decode("%00").unwrap(), "\0");
        assert_eq!(decode("caf%C3%A9").unwrap(), "café");
        assert_eq!(decode("caf%c3%a9").unwrap(), "café");
        assert_eq!(decode("%F0%9F%98%80").unwrap(), "😀");
        assert_eq!(decode("é").unwrap(), "é");
    }

    #[test]
    fn decode_rejects_malformed_escapes_and_bad_utf8() {
        for raw in ["%", "%4", "a%", "%g0", "%0g", "%%", "% 20"] {
            assert_eq!(decode(raw), Err(DecodeError::MalformedEscape), "{raw}");
        }
        // A lone continuation byte, an overlong `/`, an overlong NUL, a surrogate,
        // a truncated sequence, and a code point above U+10FFFF.
        for raw in [
            "%E0",
            "%80",
            "%C0%AF",
            "%E0%80%80",
            "%ED%A0%80",
            "%F0%9F%98",
            "%F4%90%80%80",
        ] {
            assert_eq!(decode(raw), Err(DecodeError::InvalidUtf8), "{raw}");
        }
        assert_eq!(
            DecodeError::MalformedEscape.to_string(),
            "malformed percent-escape"
        );
    }

    #[test]
    fn normal_paths() {
        for path in [
            "/",
            "/api",
            "/api/a",
            "/api/a%2e",
            "/api/...",
            "/api/a.b",
            "/api/%2fx",
        ] {
            assert!(is_normal(path), "{path}");
        }
        for path in [
            "",
            "api",
            "/api/",
            "//api",
            "/api//a",
            "/api/.",
            "/api/..",
            "/api/%2e",
            "/api/.%2E",
            "/api\\a",
            "/a/./b",
        ] {
            assert!(!is_normal(path), "{path}");
        }
    }

    #[test]
    fn normalization() {
        let cases = [
            ("/api/hello/", "/api/hello"),
            ("/api//hello", "/api/hello"),
            ("//", "/"),
            ("/api/post/..", "/api"),
            ("/api/post/%2e%2E", "/api"),
            ("/api/./x", "/api/x"),
            ("/api/%2E/x", "/api/x"),
            ("/../../x", "/x"),
            ("/api\\hello", "/api/hello"),
            ("/\\evil.example", "/evil.example"),
            ("//evil.example/x", "/evil.example/x"),
            ("", "/"),
            ("/a/b/../../..", "/"),
            ("/a/.../b", "/a/.../b"),
        ];
        for (from, to) in cases {
            assert_eq!(normalize(from), to, "{from}");
            assert!(is_normal(&normalize(from)), "{from}");
            assert!(!normalize(from).starts_with("//"), "{from}");
        }
    }

    fn only_x(path: &str) -> Option<&'static str> {
        (path == "/x").then_some("x")
    }

    #[test]
    fn resolve_by_policy() {
        assert_eq!(
            resolve("/x", TrailingSlash::Redirect, only_x),
            Resolution::Found("x")
        );
        assert_eq!(
            resolve("/x/", TrailingSlash::Redirect, only_x),
            Resolution::Redirect("/x".into())
        );
        assert_eq!(
            resolve("/x/", TrailingSlash::Ignore, only_x),
            Resolution::Found("x")
        );
        assert_eq!(
            resolve("/x/", TrailingSlash::Strict, only_x),
            Resolution::NotFound
        );
        // A trailing slash on a path with other irregularities still redirects.
        for slash in [
            TrailingSlash::Redirect,
            TrailingSlash::Ignore,
            TrailingSlash::Strict,
        ] {
            assert_eq!(
                resolve("//x/", slash, only_x),
                Resolution::Redirect("/x".into()),
                "{slash:?}"
            );
            assert_eq!(
                resolve("/y", slash, only_x),
                Resolution::NotFound,
                "{slash:?}"
            );
            assert_eq!(
                resolve("/", slash, only_x),
                Resolution::NotFound,
                "{slash:?}"
            );
        }
        assert_eq!(
            resolve("/y/", TrailingSlash::Ignore, only_x),
            Resolution::NotFound
        );
        assert_eq!(
            resolve("/y/", TrailingSlash::Redirect, only_x),
            Resolution::Redirect("/y".into())
        );
    }

    #[test]
    fn segments_of_a_catch_all() {
        // `catch_all` takes the path after the `/` that opens its first segment.
        let segments = catch_all("a/%2Fb/c").unwrap();
        assert_eq!(segments.as_str(), "a/%2Fb/c");
        assert_eq!(segments.len(), 3);
        assert!(!segments.is_empty());
        assert_eq!(segments.iter().collect::<Vec<_>>(), ["a", "%2Fb", "c"]);
        assert_eq!(segments.decode().unwrap(), ["a", "/b", "c"]);
        assert_eq!(
            catch_all("a/%E0").unwrap().decode(),
            Err(DecodeError::InvalidUtf8)
        );
        for rest in [
            "", "/", "/a", "a/", "a//b", "a/../b", "a/%2e", "a\\b", "%2E%2e/a",
        ] {
            assert_eq!(catch_all(rest), None, "{rest:?}");
        }
    }

    #[test]
    fn split_param_takes_one_segment() {
        assert_eq!(split_param("a"), Some(("a", None)));
        assert_eq!(split_param("a/"), Some(("a", Some(""))));
        assert_eq!(split_param("a%2Fb/c/d"), Some(("a%2Fb", Some("c/d"))));
        assert_eq!(split_param("é/x"), Some(("é", Some("x"))));
        assert_eq!(split_param("..."), Some(("...", None)));
        for rest in [
            "", "/a", ".", "./a", "..", "%2e", ".%2E/a", "%2e%2e", "a\\b", "a\\/b",
        ] {
            assert_eq!(split_param(rest), None, "{rest:?}");
        }
    }

    #[test]
    fn split_param_finds_the_first_slash_or_backslash_anywhere() {
        // Every position of a `/` and a `\` in segments of up to 40 bytes
        // (the scan goes 8 bytes at a time), against a byte-by-byte scan.
        fn naive(rest: &str) -> Option<(&str, Option<&str>)> {
            let end = rest.find('/').unwrap_or(rest.len());
            let (segment, tail) = rest.split_at(end);
            is_param(segment).then(|| (segment, tail.strip_prefix('/')))
        }
        for len in 0..40 {
            for slash in 0..=len {
                for backslash in (0..=len).chain([usize::MAX]) {
                    let mut bytes: Vec<u8> = (0..len).map(|i| b"a\xc3\xa9-~"[i % 5]).collect();
                    if backslash < len {
                        bytes[backslash] = b'\\';
                    }
                    if slash < len {
                        bytes[slash] = b'/';
                    }
                    let rest = String::from_utf8_lossy(&bytes).into_owned();
                    assert_eq!(split_param(&rest), naive(&rest), "{rest:?}");
                }
            }
        }
    }

    const PID: RouteInfo = RouteInfo {
        pattern: "/api/post/[pid]",
        file: "post/[pid].rs",
        params: &[ParamInfo {
            name: "pid",
            kind: ParamKind::One,
        }],
        methods: &["GET", "HEAD", "OPTIONS"],
        middleware: &[],
    };
    const CREATE: RouteInfo = RouteInfo {
        pattern: "/api/post/create",
        file: "post/create.rs",
        params: &[],
        methods: &["POST", "OPTIONS"],
        middleware: &[],
    };

    /// A value as `href` writes it into a segment.
    fn encoded(value: &str) -> String {
        let mut out = String::new();
        std::fmt::Write::write_str(&mut Encoded(&mut out), value).unwrap();
        out
    }

    #[test]
    fn encoding_keeps_only_what_a_segment_may_hold_raw() {
        assert_eq!(encoded("abc-._~XYZ09"), "abc-._~XYZ09");
        assert_eq!(encoded("!$&'()*+,;=:@"), "!$&'()*+,;=:@");
        assert_eq!(encoded("a b"), "a%20b");
        assert_eq!(encoded("a/b\\c"), "a%2Fb%5Cc");
        assert_eq!(encoded("100%"), "100%25");
        assert_eq!(encoded("%2e"), "%252e");
        assert_eq!(encoded("?#[]"), "%3F%23%5B%5D");
        assert_eq!(encoded("\"<>`{}|^"), "%22%3C%3E%60%7B%7D%7C%5E");
        assert_eq!(encoded("\0\n\u{7f}"), "%00%0A%7F");
        assert_eq!(encoded("café"), "caf%C3%A9");
        assert_eq!(encoded("é"), "%C3%A9");
        assert_eq!(encoded("😀x"), "%F0%9F%98%80x");
        assert_eq!(encoded(""), "");
    }

    #[test]
    fn decoding_an_encoded_value_gives_it_back() {
        let mut samples: Vec<String> = (0..0x3000)
            .chain(0x1F600..0x1F610)
            .chain([0xFEFF, 0x10FFFF])
            .filter_map(char::from_u32)
            .map(|c| format!("a{c}{c}b"))
            .collect();
        samples.extend(["", "%", "%%", "%25", "%zz", "a/b", "..", "."].map(String::from));
        for value in samples {
            let raw = encoded(&value);
            assert!(is_param(&raw) || value.is_empty() || value == "." || value == "..");
            assert!(!raw.contains(['/', '\\', '?', '#', ' ']), "{raw}");
            assert!(raw.bytes().all(|b| b.is_ascii_graphic()), "{raw}");
            assert_eq!(decode(&raw).unwrap(), value, "{raw}");
        }
    }

    #[test]
    fn href_writes_the_pattern_with_the_values_encoded() {
        let path = Href::new(&PID)
            .text("/api/post")
            .param("pid", &"a b/c")
            .unwrap()
            .reaches(|_| Some(&PID));
        assert_eq!(path.unwrap(), "/api/post/a%20b%2Fc");
        let path = Href::new(&PID)
            .text("/api")
            .segments("pid", ["x", "y/z"])
            .unwrap()
            .text("/tail")
            .optional_segments("pid", [1, 2])
            .unwrap()
            .reaches(|_| Some(&PID));
        assert_eq!(path.unwrap(), "/api/x/y%2Fz/tail/1/2");
        // The root with the empty prefix.
        let path = Href::new(&PID)
            .optional_segments("pid", None::<&str>)
            .unwrap()
            .reaches(|path| {
                assert_eq!(path, "/");
                Some(&PID)
            });
        assert_eq!(path.unwrap(), "/");
    }

    #[test]
    fn href_refuses_values_no_segment_can_carry() {
        let one = |value: &str| Href::new(&PID).param("pid", &value).err();
        assert_eq!(one(""), Some(HrefError::Empty { param: "pid" }));
        assert_eq!(one("."), Some(HrefError::DotSegment { param: "pid" }));
        assert_eq!(one(".."), Some(HrefError::DotSegment { param: "pid" }));
        for fine in ["...", ".a", "%2e", "%2E%2e", " ", "/"] {
            assert_eq!(one(fine), None, "{fine:?}");
        }
        let many = |values: &[&str]| Href::new(&PID).segments("rest", values.iter()).err();
        assert_eq!(many(&[]), Some(HrefError::NoSegments { param: "rest" }));
        assert_eq!(many(&["a", ""]), Some(HrefError::Empty { param: "rest" }));
        assert_eq!(
            many(&["a", "..", "b"]),
            Some(HrefError::DotSegment { param: "rest" })
        );
        assert_eq!(many(&["a"]), None);
        let optional = Href::new(&PID).optional_segments("all", [".", "a"]).err();
        assert_eq!(optional, Some(HrefError::DotSegment { param: "all" }));
        assert!(
            Href::new(&PID)
                .optional_segments("all", Vec::<u8>::new())
                .is_ok()
        );
    }

    #[test]
    fn href_names_the_route_that_would_serve_the_path_instead() {
        let href = || Href::new(&PID).text("/api/post").param("pid", &"create");
        let shadowed = href().unwrap().reaches(|path| {
            assert_eq!(path, "/api/post/create");
            Some(&CREATE)
        });
        assert_eq!(shadowed, Err(HrefError::Shadowed { by: &CREATE }));
        // Another copy of the route's own entry is the route.
        let copy: &'static RouteInfo = Box::leak(Box::new(PID));
        assert!(href().unwrap().reaches(|_| Some(copy)).is_ok());
    }

    #[test]
    fn href_errors_say_which_param_and_why() {
        let texts = [
            HrefError::Empty { param: "pid" },
            HrefError::DotSegment { param: "pid" },
            HrefError::NoSegments { param: "slug" },
            HrefError::Shadowed { by: &CREATE },
        ]
        .map(|e| e.to_string());
        assert_eq!(
            texts,
            [
                "the value of `pid` is empty, and an empty segment never reaches a param",
                "the value of `pid` is `.` or `..`, which clients resolve away",
                "`slug` is a catch-all and needs at least one segment",
                "the path would be served by `post/create.rs` (`/api/post/create`), which comes first",
            ]
        );
    }

    #[test]
    fn a_failing_display_keeps_what_it_wrote() {
        struct Half;
        impl std::fmt::Display for Half {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a b")?;
                Err(std::fmt::Error)
            }
        }
        let path = Href::new(&PID).param("pid", &Half).unwrap();
        assert_eq!(path.reaches(|_| None).unwrap(), "/a%20b");
    }
}
