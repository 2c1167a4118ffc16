//! Parse phase: a route file's path becomes a list of [`Segment`]s.
//!
//! `post/[pid].rs` → `post`, `[pid]`; one trailing `index` is dropped
//! (`posts/index.rs` → `posts`). Every mistake a single name can hold is found
//! here; mistakes between names (conflicts, duplicates) belong to `tree`.

use crate::error::{ErrorKind, Problem};
use crate::ident::{self, BadName};
use crate::runtime::core::is_dot_segment;

/// How a segment matches a request segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Kind {
    /// A literal name, compared byte for byte.
    Static,
    /// `[name]`: exactly one segment.
    Dynamic,
    /// `[...name]`: one or more segments, last only.
    CatchAll,
    /// `[[...name]]`: zero or more segments, last only.
    OptionalCatchAll,
}

/// One part of a route path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Segment {
    pub(crate) kind: Kind,
    /// The name as written: the static text, or the param name inside the brackets.
    pub(crate) name: String,
    /// The request bytes a static segment equals (its percent-encoded form), or
    /// the Rust identifier a param binds as (`hello_world`, `postId`, `r#type`).
    pub(crate) key: String,
    /// For a param, the snake_case identifier of the code apigen writes
    /// (`post_id`); a handler argument may use it or `key`. Empty for statics.
    pub(crate) field: String,
    /// For a param, the local variable the generated code binds its value
    /// to (`p_pid`; `p0_id` for `[_id]`, see [`ident::local_ident`]): set
    /// by `tree`, which knows the param's place in its path. Empty for
    /// statics.
    pub(crate) local: String,
}

impl Segment {
    /// The segment as it appears in a pattern, which is how its file or
    /// folder name spells it: `post`, `[pid]`, `[...slug]`, `[[...slug]]`.
    pub(crate) fn pattern(&self) -> String {
        match self.kind {
            Kind::Static => self.name.clone(),
            Kind::Dynamic => format!("[{}]", self.name),
            Kind::CatchAll => format!("[...{}]", self.name),
            Kind::OptionalCatchAll => format!("[[...{}]]", self.name),
        }
    }

    pub(crate) fn is_param(&self) -> bool {
        self.kind != Kind::Static
    }
}

/// Splits an api-relative route file path (`post/[pid].rs`) into its parts,
/// without `.rs` and with one trailing `index` removed.
fn route_parts(file: &str) -> Vec<&str> {
    let stem = file.strip_suffix(".rs").unwrap_or(file);
    let mut parts: Vec<&str> = stem.split('/').collect();
    if parts.last() == Some(&"index") {
        parts.pop();
    }
    parts
}

/// Parses every part of a route file's path, reporting each bad part.
pub(crate) fn parse_route(file: &str) -> Result<Vec<Segment>, Vec<Problem>> {
    let mut segments = Vec::new();
    let mut problems = Vec::new();
    for part in route_parts(file) {
        match parse_segment(part) {
            Ok(segment) => segments.push(segment),
            Err((kind, message, fix)) => {
                problems.push(Problem::new(kind, vec![file.to_owned()], message, fix))
            }
        }
    }
    if problems.is_empty() {
        Ok(segments)
    } else {
        Err(problems)
    }
}

type Bad = (ErrorKind, String, String);

/// Parses one file or folder name (without `.rs`).
pub(crate) fn parse_segment(part: &str) -> Result<Segment, Bad> {
    if !part.contains(['[', ']']) {
        return parse_static(part);
    }
    if !part.starts_with('[') || !part.ends_with(']') {
        return Err((
            ErrorKind::BadBrackets,
            format!("`{part}` has brackets that do not wrap the whole name"),
            "make the whole name dynamic (`[name]`) or remove the brackets".to_owned(),
        ));
    }
    let open = part.bytes().take_while(|&b| b == b'[').count();
    let close = part.bytes().rev().take_while(|&b| b == b']').count();
    if open != close || open > 2 {
        return Err((
            ErrorKind::BadBrackets,
            format!("`{part}` has unbalanced or extra brackets ({open} `[`, {close} `]`)"),
            "write `[name]`, `[...name]` or `[[...name]]`".to_owned(),
        ));
    }
    let inner = &part[open..part.len() - close];
    if inner.contains(['[', ']']) {
        return Err((
            ErrorKind::BadBrackets,
            format!("`{part}` has brackets inside the name"),
            "write `[name]`, `[...name]` or `[[...name]]` with one name".to_owned(),
        ));
    }
    if inner.starts_with('…') {
        let fixed = format!(
            "{}...{}{}",
            &part[..open],
            &inner['…'.len_utf8()..],
            &part[part.len() - close..]
        );
        return Err((
            ErrorKind::ThreeDotCharacter,
            format!("`{part}` uses the ellipsis character `…`"),
            format!("rename it to `{fixed}`"),
        ));
    }
    let dots = inner.bytes().take_while(|&b| b == b'.').count();
    let catch_all = dots == 3;
    if dots != 0 && !catch_all {
        let name = &inner[dots..];
        return Err((
            ErrorKind::ErroneousPeriods,
            format!(
                "`{part}` has {dots} dot{} before the name",
                if dots == 1 { "" } else { "s" }
            ),
            format!(
                "use three dots for a catch-all (`{}...{name}{}`) or none for a single segment (`[{name}]`)",
                &part[..open],
                &part[part.len() - close..]
            ),
        ));
    }
    let name = &inner[dots..];
    if name.is_empty() {
        return Err((
            ErrorKind::BadBrackets,
            format!("`{part}` has an empty param name"),
            format!(
                "name the param, e.g. `{}{}slug{}`",
                &part[..open],
                &inner[..dots],
                &part[part.len() - close..]
            ),
        ));
    }
    let kind = match (open, catch_all) {
        (1, false) => Kind::Dynamic,
        (1, true) => Kind::CatchAll,
        (_, true) => Kind::OptionalCatchAll,
        (_, false) => {
            return Err((
                ErrorKind::OptionalNonCatchAll,
                format!("`{part}` is an optional param, which Next.js and apigen do not support"),
                format!("use `[{name}]` for one segment or `[[...{name}]]` for zero or more"),
            ));
        }
    };
    let key = ident::param_ident(name).map_err(|why| {
        let reason = match why {
            BadName::Characters => "is not a Rust identifier (letters, digits, `_` and `-`)",
            BadName::LeadingDigit => "starts with a digit",
            BadName::Reserved => "is a Rust keyword that cannot be an argument name",
        };
        (
            ErrorKind::BadParamName,
            format!("the param name `{name}` in `{part}` {reason}, so no handler argument can bind it"),
            "rename the param to a Rust identifier, e.g. `id` or `post-id` (which binds as `post_id`)".to_owned(),
        )
    })?;
    let Some(field) = ident::snake_ident(&key) else {
        return Err((
            ErrorKind::BadParamName,
            format!(
                "the param name `{name}` in `{part}` lowercases to a Rust keyword that cannot be an argument name"
            ),
            "rename the param".to_owned(),
        ));
    };
    Ok(Segment {
        kind,
        name: name.to_owned(),
        key,
        field,
        local: String::new(),
    })
}

fn parse_static(part: &str) -> Result<Segment, Bad> {
    let bad = |message: String, fix: &str| Err((ErrorKind::BadStaticName, message, fix.to_owned()));
    if part.is_empty() {
        return bad(
            "a file or folder has an empty name".to_owned(),
            "give it a name",
        );
    }
    if let Some(c) = part.chars().find(|c| c.is_control()) {
        // A control character is a mistake no URL is typed with, and one
        // such as a newline would break the comments of the generated file.
        return bad(
            format!(
                "`{}` contains the control character {c:?}",
                part.escape_debug()
            ),
            "rename it without control characters (newlines, tabs, ...)",
        );
    }
    if part.contains('\\') {
        return bad(
            format!("`{part}` contains a backslash, which requests treat as `/`"),
            "remove the backslash, or use a folder",
        );
    }
    if is_dot_segment(part) {
        return bad(
            format!("`{part}` is a dot segment, which requests resolve away before routing"),
            "rename it",
        );
    }
    if let Some(escaped) = lone_percents_escaped(part) {
        return Err((
            ErrorKind::UnreachableStatic,
            format!(
                "`{part}` has a `%` that does not start a percent-escape (`%` and two hex digits): static names are matched as written, and a valid URL writes a literal `%` as `%25`, so no well-formed request reaches it"
            ),
            format!(
                "rename `{part}` to `{escaped}`: it then serves the segment `{escaped}`, `{part}` percent-encoded (as `encodeURIComponent` and URL builders write it)"
            ),
        ));
    }
    Ok(Segment {
        kind: Kind::Static,
        name: part.to_owned(),
        key: encode_static(part),
        field: String::new(),
        local: String::new(),
    })
}

/// The name with each `%` that does not start a percent-escape written
/// `%25`, or `None` when every `%` starts one (`%41`, `a%2Fb`).
fn lone_percents_escaped(name: &str) -> Option<String> {
    let bytes = name.as_bytes();
    let escape_at = |i: usize| {
        bytes
            .get(i + 1..i + 3)
            .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    };
    let mut lone = false;
    let mut out = String::with_capacity(name.len() + 2);
    for (i, c) in name.char_indices() {
        if c == '%' && !escape_at(i) {
            lone = true;
            out.push_str("%25");
        } else {
            out.push(c);
        }
    }
    lone.then_some(out)
}

/// The bytes a request segment must hold to equal a static name: the name
/// itself, with the characters a browser percent-encodes in a path (the WHATWG
/// path percent-encode set: controls, space, `"`, `#`, `<`, `>`, `?`, `` ` ``,
/// `{`, `}`, and non-ASCII) written as `%XX` with uppercase hex, as browsers send them.
pub(crate) fn encode_static(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for &b in name.as_bytes() {
        let encode = b <= 0x20
            || b >= 0x7f
            || matches!(b, b'"' | b'#' | b'<' | b'>' | b'?' | b'`' | b'{' | b'}');
        if encode {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(b as char);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(part: &str) -> Segment {
        parse_segment(part).unwrap_or_else(|e| panic!("{part}: {e:?}"))
    }

    fn err(part: &str) -> ErrorKind {
        match parse_segment(part) {
            Ok(s) => panic!("{part} parsed as {s:?}"),
            Err((kind, _, _)) => kind,
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(seg("post").kind, Kind::Static);
        assert_eq!(seg("[pid]").kind, Kind::Dynamic);
        assert_eq!(seg("[...slug]").kind, Kind::CatchAll);
        assert_eq!(seg("[[...slug]]").kind, Kind::OptionalCatchAll);
        assert_eq!(seg("[...slug]").name, "slug");
        assert_eq!(seg("[hello-world]").key, "hello_world");
        assert_eq!(seg("[type]").key, "r#type");
        assert_eq!(seg("[postId]").key, "postId");
        assert_eq!(seg("[postId]").field, "post_id");
        assert_eq!(err("[SELF]"), ErrorKind::BadParamName);
        assert_eq!(seg("_private").kind, Kind::Static);
        assert_eq!(seg("[[...x]]").pattern(), "[[...x]]");
    }

    #[test]
    fn bad_brackets() {
        for part in [
            "[[...id]",
            "[...id]]",
            "[[[...id]]]",
            "[[[...id]]",
            "a[b]",
            "[a]b",
            "[]",
            "[...]",
            "[[...]]",
            "[a][b]",
            "]",
            "[",
        ] {
            assert_eq!(err(part), ErrorKind::BadBrackets, "{part}");
        }
    }

    #[test]
    fn dots_and_ellipsis() {
        assert_eq!(err("[..id]"), ErrorKind::ErroneousPeriods);
        assert_eq!(err("[....id]"), ErrorKind::ErroneousPeriods);
        assert_eq!(err("[.id]"), ErrorKind::ErroneousPeriods);
        assert_eq!(err("[[..id]]"), ErrorKind::ErroneousPeriods);
        assert_eq!(err("[…slug]"), ErrorKind::ThreeDotCharacter);
        assert_eq!(err("[[…slug]]"), ErrorKind::ThreeDotCharacter);
    }

    #[test]
    fn optional_params_and_names() {
        assert_eq!(err("[[blog]]"), ErrorKind::OptionalNonCatchAll);
        assert_eq!(err("[123]"), ErrorKind::BadParamName);
        assert_eq!(err("[self]"), ErrorKind::BadParamName);
        assert_eq!(err("[...a.b]"), ErrorKind::BadParamName);
    }

    #[test]
    fn fixes_name_the_corrected_file() {
        let (_, _, fix) = parse_segment("[…slug]").unwrap_err();
        assert!(fix.contains("`[...slug]`"), "{fix}");
        let (_, _, fix) = parse_segment("[....id]").unwrap_err();
        assert!(fix.contains("`[...id]`") && fix.contains("`[id]`"), "{fix}");
    }

    #[test]
    fn statics() {
        assert_eq!(err("."), ErrorKind::BadStaticName);
        assert_eq!(err(".."), ErrorKind::BadStaticName);
        assert_eq!(err("%2e"), ErrorKind::BadStaticName);
        assert_eq!(err(".%2E"), ErrorKind::BadStaticName);
        assert_eq!(err("a\\b"), ErrorKind::BadStaticName);
        assert_eq!(err(""), ErrorKind::BadStaticName);
        assert_eq!(err("new\nline"), ErrorKind::BadStaticName);
        assert_eq!(err("cr\r"), ErrorKind::BadStaticName);
        assert_eq!(err("tab\there"), ErrorKind::BadStaticName);
        assert_eq!(err("\u{85}"), ErrorKind::BadStaticName);
        assert_eq!(seg(".well-known").key, ".well-known");
        assert_eq!(seg("...").key, "...");
        assert_eq!(seg("a b").key, "a%20b");
        assert_eq!(seg("café").key, "caf%C3%A9");
        assert_eq!(seg("a?b#c").key, "a%3Fb%23c");
    }

    #[test]
    fn a_percent_sign_starts_an_escape() {
        // Matched as written, like every static name: `%41` is reached by
        // the request segment `%41`, `100%25` by `100%25`.
        assert_eq!(seg("%41").key, "%41");
        assert_eq!(seg("a%2fb").key, "a%2fb");
        assert_eq!(seg("100%25").key, "100%25");
        assert_eq!(seg("caf%C3%A9").key, "caf%C3%A9");
        // A `%` without two hex digits after it: no valid URL holds it.
        for part in ["100%", "%", "%4", "%zz", "a%g1", "%%41", "50%off", "%4%41"] {
            assert_eq!(err(part), ErrorKind::UnreachableStatic, "{part}");
        }
        let (_, _, fix) = parse_segment("100%").unwrap_err();
        assert!(fix.contains("`100%25`"), "{fix}");
        let (_, _, fix) = parse_segment("%%41").unwrap_err();
        assert!(fix.contains("`%25%41`"), "{fix}");
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
    fn route_parts_drop_one_index() {
        assert_eq!(route_parts("index.rs"), Vec::<&str>::new());
        assert_eq!(route_parts("posts/index.rs"), vec!["posts"]);
        assert_eq!(route_parts("index/index.rs"), vec!["index"]);
        assert_eq!(route_parts("index/user.rs"), vec!["index", "user"]);
        assert_eq!(route_parts("post/[pid].rs"), vec!["post", "[pid]"]);
    }
}
