// Support code for the generated matcher, the same in every output: path
// splitting, param checks, percent-decoding and path normalization; the
// route manifest's types and the typed paths' encoder (SPEC section 9).
//
// apigen compiles and tests this file itself and emits it verbatim into
// `routes.rs`, inside `mod __apigen`. It must stay free of inner attributes,
// dependencies and multi-line string literals.

use std::borrow::Cow;
use std::fmt;

/// One route as `ROUTES` lists it and `Route::info` returns it: static
/// data, the same for every request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RouteInfo {
    /// The URL pattern, prefix included: `/api/post/[pid]`.
    pub pattern: &'static str,
    /// The route file, relative to the api dir: `post/[pid].rs`.
    pub file: &'static str,
    /// The params, in path order.
    pub params: &'static [ParamInfo],
    /// Axum target: every method the route answers without 405, upper
    /// case, in the `Allow` header's order (`HEAD` with `GET`, `OPTIONS`
    /// always; all seven for a file with `handler`, which answers any
    /// method). Core target: empty (route files are not read).
    pub methods: &'static [&'static str],
    /// The `_middleware.rs` files that apply, api-relative, outermost first.
    pub middleware: &'static [&'static str],
}

/// One param of a route, as [`RouteInfo::params`] lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParamInfo {
    /// The name as the file spells it: `postId` for `[postId]`.
    pub name: &'static str,
    /// How many segments it takes.
    pub kind: ParamKind,
}

/// How many segments a param takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParamKind {
    /// `[x]`: exactly one.
    One,
    /// `[...x]`: one or more.
    CatchAll,
    /// `[[...x]]`: zero or more.
    OptionalCatchAll,
}

/// Why a generated `href` function gave no path: a value no path can carry,
/// or a path that another route would serve.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HrefError {
    /// A value of this param (or one of its segments) is empty: an empty
    /// segment never reaches a param.
    Empty {
        /// The param's name, as the file spells it.
        param: &'static str,
    },
    /// A value of this param (or one of its segments) is `.` or `..`:
    /// clients resolve such a segment away before they send the path.
    DotSegment {
        /// The param's name, as the file spells it.
        param: &'static str,
    },
    /// This `[...x]` param was given no segment: it takes at least one.
    NoSegments {
        /// The param's name, as the file spells it.
        param: &'static str,
    },
    /// The path would be served by this route, which comes earlier in
    /// precedence: `post/create.rs` for `href::post_pid("create")`.
    Shadowed {
        /// The route that would serve the path.
        by: &'static RouteInfo,
    },
}

impl fmt::Display for HrefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HrefError::Empty { param } => write!(
                f,
                "the value of `{param}` is empty, and an empty segment never reaches a param"
            ),
            HrefError::DotSegment { param } => write!(
                f,
                "the value of `{param}` is `.` or `..`, which clients resolve away"
            ),
            HrefError::NoSegments { param } => {
                write!(f, "`{param}` is a catch-all and needs at least one segment")
            }
            HrefError::Shadowed { by } => write!(
                f,
                "the path would be served by `{}` (`{}`), which comes first",
                by.file, by.pattern
            ),
        }
    }
}

impl std::error::Error for HrefError {}

/// A path being written by a generated `href` function: the route's static
/// parts as requests spell them, each param value percent-encoded (see
/// [`Encoded`]), then checked against the matcher.
pub struct Href {
    path: String,
    route: &'static RouteInfo,
}

impl Href {
    /// An empty path for `route`, with room for its pattern.
    pub fn new(route: &'static RouteInfo) -> Href {
        Href {
            path: String::with_capacity(route.pattern.len() + 8),
            route,
        }
    }

    /// Static parts (`/api/post`), as the matcher compares them.
    pub fn text(mut self, raw: &str) -> Href {
        self.path.push_str(raw);
        self
    }

    /// `/` and a `[x]` value (taken as `dyn Display`, so that each route's
    /// `href` function, generic over its values' types, stays a few calls).
    pub fn param(
        mut self,
        param: &'static str,
        value: &dyn fmt::Display,
    ) -> Result<Href, HrefError> {
        self.segment(param, value)?;
        Ok(self)
    }

    /// `/` and a segment for each value of a `[...x]`: at least one.
    pub fn segments(
        self,
        param: &'static str,
        values: impl IntoIterator<Item = impl fmt::Display>,
    ) -> Result<Href, HrefError> {
        let start = self.path.len();
        let href = self.optional_segments(param, values)?;
        if href.path.len() == start {
            return Err(HrefError::NoSegments { param });
        }
        Ok(href)
    }

    /// `/` and a segment for each value of a `[[...x]]`, if any.
    pub fn optional_segments(
        mut self,
        param: &'static str,
        values: impl IntoIterator<Item = impl fmt::Display>,
    ) -> Result<Href, HrefError> {
        for value in values {
            self.segment(param, &value)?;
        }
        Ok(self)
    }

    /// `/` and one encoded value, which must make a segment a param binds.
    fn segment(&mut self, param: &'static str, value: &dyn fmt::Display) -> Result<(), HrefError> {
        self.path.push('/');
        let start = self.path.len();
        // Writing to a `String` cannot fail; a `Display` that fails on its
        // own breaks its contract, and its output so far is kept.
        let _ = fmt::write(&mut Encoded(&mut self.path), format_args!("{value}"));
        // `.` is written as it is and `%` as `%25`: the only dot segments
        // an encoded value can form are `.` and `..` themselves.
        match &self.path[start..] {
            "" => Err(HrefError::Empty { param }),
            "." | ".." => Err(HrefError::DotSegment { param }),
            _ => Ok(()),
        }
    }

    /// The path, if the matcher (`served_by`: the route a path finds)
    /// gives it to this route; a route earlier in precedence that takes it
    /// instead is the error.
    pub fn reaches(
        mut self,
        served_by: impl FnOnce(&str) -> Option<&'static RouteInfo>,
    ) -> Result<String, HrefError> {
        if self.path.is_empty() {
            // The root, with the empty prefix.
            self.path.push('/');
        }
        match served_by(&self.path) {
            // The path is the route's own pattern filled in, so the route
            // matches it and nothing is only possible from a matcher bug,
            // which the round-trip tests (`tests/differential`) would see.
            Some(by) if *by != *self.route => Err(HrefError::Shadowed { by }),
            _ => Ok(self.path),
        }
    }
}

/// Percent-encodes what is written through it into a path segment: a byte
/// stays as it is where RFC 3986 allows it in a segment (`A`–`Z`, `a`–`z`,
/// `0`–`9` and `-._~!$&'()*+,;=:@`), every other byte is `%XX` (uppercase
/// hex), `%` itself included. Decoding once (see [`decode`]) gives back the
/// value; no `/`, `\`, `?`, `#`, space, control or non-ASCII byte is left
/// as it is.
pub struct Encoded<'s>(pub &'s mut String);

impl fmt::Write for Encoded<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let mut kept = 0;
        for (at, &byte) in text.as_bytes().iter().enumerate() {
            if stays(byte) {
                continue;
            }
            // A run of kept bytes starts and ends at ASCII bytes or a
            // character's first byte: on char boundaries.
            if kept < at {
                self.0.push_str(&text[kept..at]);
            }
            self.0.push('%');
            self.0.push(HEX[usize::from(byte >> 4)] as char);
            self.0.push(HEX[usize::from(byte & 15)] as char);
            kept = at + 1;
        }
        self.0.push_str(&text[kept..]);
        Ok(())
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Whether a byte stays as it is in an encoded segment: RFC 3986's
/// unreserved characters and sub-delims, `:` and `@` (its `pchar`).
fn stays(byte: u8) -> bool {
    byte.is_ascii_alphanumeric()
        || matches!(
            byte,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
        )
}

/// The segments a catch-all (`[...x]`) or optional catch-all (`[[...x]]`)
/// matched, as they appear in the request path: still percent-encoded,
/// joined by `/`.
///
/// Each segment is non-empty and never a dot segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Segments<'a> {
    raw: &'a str,
}

impl<'a> Segments<'a> {
    /// The matched part of the path, without its leading `/`: `a/b/c`.
    pub fn as_str(&self) -> &'a str {
        self.raw
    }

    /// The raw segments, in order.
    pub fn iter(&self) -> std::str::Split<'a, char> {
        self.raw.split('/')
    }

    /// How many segments matched (at least one).
    pub fn len(&self) -> usize {
        self.raw.bytes().filter(|&b| b == b'/').count() + 1
    }

    /// Always `false`: a catch-all matches at least one segment (an absent
    /// optional catch-all is `None`, not an empty `Segments`).
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Each segment percent-decoded once: `a/%2Fb` → `["a", "/b"]`.
    pub fn decode(&self) -> Result<Vec<Cow<'a, str>>, DecodeError> {
        self.iter().map(decode).collect()
    }
}

impl<'a> IntoIterator for Segments<'a> {
    type Item = &'a str;
    type IntoIter = std::str::Split<'a, char>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// A param's raw value, as `Route::params` lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Param<'a> {
    /// `[x]`: one segment.
    One(&'a str),
    /// `[...x]`, or a present `[[...x]]`: one or more segments.
    Many(Segments<'a>),
}

/// A param value that cannot be percent-decoded: a `%` not followed by two
/// hex digits, or bytes that are not UTF-8 once decoded. Answered with 400.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A `%` not followed by two hex digits.
    MalformedEscape,
    /// The decoded bytes are not valid UTF-8.
    InvalidUtf8,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DecodeError::MalformedEscape => "malformed percent-escape",
            DecodeError::InvalidUtf8 => "not UTF-8 once percent-decoded",
        })
    }
}

impl std::error::Error for DecodeError {}

/// Percent-decodes a raw segment once, as JavaScript's `decodeURIComponent`
/// does: `a%20b` → `a b`, `+` stays `+`, `%2F` → `/`, `%25E0` → `%E0`.
/// Borrows when there is nothing to decode.
pub fn decode(raw: &str) -> Result<Cow<'_, str>, DecodeError> {
    if !raw.contains('%') {
        return Ok(Cow::Borrowed(raw));
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hi = bytes.get(i + 1).and_then(|&b| hex(b));
            let lo = bytes.get(i + 2).and_then(|&b| hex(b));
            match (hi, lo) {
                (Some(hi), Some(lo)) => out.push(hi << 4 | lo),
                _ => return Err(DecodeError::MalformedEscape),
            }
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out)
        .map(Cow::Owned)
        .map_err(|_| DecodeError::InvalidUtf8)
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// What a request path gets, before any handler runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution<R> {
    /// A route matched.
    Found(R),
    /// No route matched and the path is not normal: answer 308 with this
    /// normalized path (plus the original query) as `Location`.
    Redirect(String),
    /// No route matched: answer 404.
    NotFound,
}

/// How a trailing slash is treated (`apigen::TrailingSlash`, decided at build time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrailingSlash {
    /// `/x/` answers 308 to `/x`.
    Redirect,
    /// `/x/` is served as `/x`.
    Ignore,
    /// `/x/` is a different path, and answers 404.
    Strict,
}

/// Resolves a path with `recognize`, or says how to answer when nothing matches.
///
/// A path that is not normal never matches (params are never empty or dot
/// segments, statics hold no `\`), so normalization only runs on a miss.
pub fn resolve<'a, R>(
    path: &'a str,
    slash: TrailingSlash,
    recognize: impl Fn(&'a str) -> Option<R>,
) -> Resolution<R> {
    if let Some(route) = recognize(path) {
        return Resolution::Found(route);
    }
    if slash != TrailingSlash::Redirect && path.len() > 1 && path.ends_with('/') {
        let trimmed = &path[..path.len() - 1];
        if is_normal(trimmed) {
            // The trailing slash is the only irregularity.
            let found = match slash {
                TrailingSlash::Ignore => recognize(trimmed),
                _ => None,
            };
            return found.map_or(Resolution::NotFound, Resolution::Found);
        }
    }
    if is_normal(path) {
        Resolution::NotFound
    } else {
        Resolution::Redirect(normalize(path))
    }
}

/// Whether a path is already normal: it starts with `/` and has no `\`, no
/// empty segment (so no `//` and no trailing `/`, except the root `/`) and
/// no dot segment.
pub fn is_normal(path: &str) -> bool {
    if path == "/" {
        return true;
    }
    match path.strip_prefix('/') {
        Some(rest) => {
            !rest.contains('\\') && rest.split('/').all(|s| !s.is_empty() && !is_dot_segment(s))
        }
        None => false,
    }
}

/// The normalized form of a path: `\` becomes `/`, empty segments are dropped,
/// dot segments are resolved (`..` removes the segment before it, never
/// climbing above the root), and there is no trailing slash (`/` stays `/`).
///
/// The result never starts with `//`, so it is always a same-origin `Location`.
pub fn normalize(path: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for segment in path.split(['/', '\\']) {
        if segment.is_empty() || segment == "." || is_single_dot(segment) {
            continue;
        }
        if is_dot_segment(segment) {
            kept.pop();
            continue;
        }
        kept.push(segment);
    }
    let mut out = String::with_capacity(path.len());
    for segment in &kept {
        out.push('/');
        out.push_str(segment);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

fn is_single_dot(segment: &str) -> bool {
    matches!(segment.as_bytes(), [b'%', b'2', b'e' | b'E'])
}

/// `.` and `..`, with any dot written `%2e` or `%2E` (WHATWG URL dot segments).
pub fn is_dot_segment(segment: &str) -> bool {
    let rest = match segment.as_bytes() {
        [b'.', rest @ ..] => rest,
        [b'%', b'2', b'e' | b'E', rest @ ..] => rest,
        _ => return false,
    };
    matches!(rest, [] | [b'.'] | [b'%', b'2', b'e' | b'E'])
}

/// The segment a `[x]` param would bind at the start of `rest` (a path
/// after a `/`), and what follows the segment's closing `/`: `None` when the
/// path ends with the segment. `None` overall when the segment cannot bind a
/// param: it is empty, a dot segment, or holds a `\` (which makes the whole
/// path irregular, so it redirects).
#[inline(always)]
pub fn split_param(rest: &str) -> Option<(&str, Option<&str>)> {
    let bytes = rest.as_bytes();
    let end = segment_end(bytes)?;
    // `end` is at a `/` or the end, so both halves are on char boundaries.
    let (segment, tail) = rest.split_at(end);
    // Looking at the first byte before calling keeps the common case inline.
    if end == 0 || (matches!(bytes[0], b'.' | b'%') && is_dot_segment(segment)) {
        return None;
    }
    Some((segment, tail.strip_prefix('/')))
}

/// Where the segment at the start of `bytes` ends: the index of the first
/// `/`, or the length. `None` if a `\` comes first.
///
/// Most segments end within eight bytes: those are found in one `u64`, a
/// rest shorter than that byte by byte. Longer segments (UUIDs, slugs) go
/// on eight bytes at a time in [`long_segment_end`], out of line, so each
/// param inlines one short loop (release builds of big trees stay quick).
#[inline(always)]
fn segment_end(bytes: &[u8]) -> Option<usize> {
    let Some(chunk) = bytes.first_chunk::<8>() else {
        return bytewise_segment_end(bytes, 0);
    };
    match slash_or_backslash(u64::from_le_bytes(*chunk)) {
        0 => long_segment_end(bytes),
        found => {
            let end = found.trailing_zeros() as usize / 8;
            (bytes[end] == b'/').then_some(end)
        }
    }
}

/// [`segment_end`] past the first eight bytes.
#[inline(never)]
fn long_segment_end(bytes: &[u8]) -> Option<usize> {
    let mut end = 8;
    while let Some(chunk) = bytes.get(end..).and_then(<[u8]>::first_chunk::<8>) {
        let found = slash_or_backslash(u64::from_le_bytes(*chunk));
        if found != 0 {
            end += found.trailing_zeros() as usize / 8;
            return (bytes[end] == b'/').then_some(end);
        }
        end += 8;
    }
    bytewise_segment_end(bytes, end)
}

/// [`segment_end`] one byte at a time, from `start` on.
#[inline(always)]
fn bytewise_segment_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut end = start;
    while end < bytes.len() {
        match bytes[end] {
            b'/' => break,
            b'\\' => return None,
            _ => end += 1,
        }
    }
    Some(end)
}

/// Flags (with its high bit) each byte of `word` that is `/` or `\`. The
/// lowest flag is exact, flags above it may be false; read little-endian,
/// the lowest byte is the first in memory.
#[inline(always)]
fn slash_or_backslash(word: u64) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & (ONES << 7);
    zero(word ^ (ONES * u64::from(b'/'))) | zero(word ^ (ONES * u64::from(b'\\')))
}

/// Whether a raw segment may bind a param: not empty, not a dot segment,
/// and without `\` (which makes the whole path irregular, so it redirects).
#[inline]
pub fn is_param(segment: &str) -> bool {
    !segment.is_empty() && !segment.contains('\\') && !is_dot_segment(segment)
}

/// The segments a catch-all takes from `rest` (a path after a `/`): all of
/// them, each of which must be able to bind a param.
#[inline]
pub fn catch_all(rest: &str) -> Option<Segments<'_>> {
    let mut left = rest;
    loop {
        let (_, tail) = split_param(left)?;
        match tail {
            Some(tail) => left = tail,
            None => return Some(Segments { raw: rest }),
        }
    }
}
