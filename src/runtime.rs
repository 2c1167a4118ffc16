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
}
