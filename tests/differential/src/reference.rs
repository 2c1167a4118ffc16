//! The reference resolver: SPEC sections 2, 3 and 5 read as literally as
//! possible, for obviousness rather than speed.
//!
//! It shares no code with apigen: it parses file names itself, sorts the
//! routes with its own transcription of Next.js's `sorted-routes.ts`, tries
//! each whole pattern in that order against the path's segments, decodes
//! params with its own `decodeURIComponent`, and normalizes paths with its
//! own dot-segment rules. It allocates freely and is never used by generated
//! code: it is the oracle the generated matcher is compared with.

use std::fmt;

/// How a trailing slash is treated (SPEC section 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slash {
    /// `/x/` answers 308 to `/x`.
    Redirect,
    /// `/x/` is served as `/x`.
    Ignore,
    /// `/x/` answers 404.
    Strict,
}

/// One part of a route file's path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// A literal name, as written in the file tree.
    Static(String),
    /// `[name]`.
    Dynamic(String),
    /// `[...name]`.
    CatchAll(String),
    /// `[[...name]]`.
    Optional(String),
}

/// A route file and the parts of its path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// Relative to the api dir: `post/[pid].rs`.
    pub file: String,
    /// Without `.rs` and one trailing `index`.
    pub parts: Vec<Part>,
}

impl Pattern {
    /// Parses an api-relative file path (`post/[pid].rs`). The names are
    /// assumed valid: the generator only makes valid trees.
    pub fn parse(file: &str) -> Pattern {
        let stem = file.strip_suffix(".rs").expect("a route file ends in .rs");
        let mut names: Vec<&str> = stem.split('/').collect();
        if names.last() == Some(&"index") {
            names.pop();
        }
        let parts = names
            .into_iter()
            .map(|name| {
                if let Some(inner) = name.strip_prefix("[[...") {
                    Part::Optional(inner.strip_suffix("]]").unwrap().to_owned())
                } else if let Some(inner) = name.strip_prefix("[...") {
                    Part::CatchAll(inner.strip_suffix(']').unwrap().to_owned())
                } else if let Some(inner) = name.strip_prefix('[') {
                    Part::Dynamic(inner.strip_suffix(']').unwrap().to_owned())
                } else {
                    Part::Static(name.to_owned())
                }
            })
            .collect();
        Pattern {
            file: file.to_owned(),
            parts,
        }
    }

    /// Whether every part is static.
    pub fn is_static(&self) -> bool {
        self.parts.iter().all(|p| matches!(p, Part::Static(_)))
    }
}

/// A param's raw value, as the path holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// `[x]`.
    One(String),
    /// `[...x]`, or a present `[[...x]]`.
    Many(Vec<String>),
}

/// What a request path gets, in the terms both the reference and the
/// generated code can be put in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A route matched: its file, its raw params in path order (an absent
    /// optional catch-all left out), and the params percent-decoded, or
    /// `None` when one does not decode (400).
    Found {
        /// The route file.
        file: String,
        /// Raw params.
        params: Vec<(String, Value)>,
        /// Decoded params, or `None` for 400.
        decoded: Option<Vec<(String, Value)>>,
    },
    /// 308 to this path.
    Redirect(String),
    /// 404.
    NotFound,
}

impl Answer {
    /// The HTTP status the axum router gives this answer.
    pub fn status(&self) -> u16 {
        match self {
            Answer::Found {
                decoded: Some(_), ..
            } => 200,
            Answer::Found { decoded: None, .. } => 400,
            Answer::Redirect(_) => 308,
            Answer::NotFound => 404,
        }
    }
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Answer::Found {
                file,
                params,
                decoded,
            } => {
                write!(f, "{} {file} {params:?}", self.status())?;
                if let Some(decoded) = decoded {
                    write!(f, " decoded {decoded:?}")?;
                }
                Ok(())
            }
            Answer::Redirect(to) => write!(f, "308 -> {to:?}"),
            Answer::NotFound => write!(f, "404"),
        }
    }
}

/// A generated tree as the reference sees it.
#[derive(Clone, Debug)]
pub struct Reference {
    /// `/api`, or `` to serve from the root.
    pub prefix: String,
    /// The trailing-slash policy.
    pub slash: Slash,
    /// Every route, in Next.js's sorted order.
    pub sorted: Vec<Pattern>,
}

impl Reference {
    /// [`Reference::sorted`] with sibling statics ordered by the request
    /// bytes they match (as a browser encodes the names), as apigen lists
    /// them in `ROUTES`. Next.js orders them by their names' UTF-16 code
    /// units; the two differ only where a name holds non-ASCII or encoded
    /// characters, and only in the listing: siblings match different
    /// segments, so no request can tell which comes first.
    pub fn listed(&self) -> Vec<Pattern> {
        sort_statics_by(self.sorted.clone(), 0, &|name| {
            browser_encode(name).into_bytes()
        })
    }

    /// The reference for a tree of route files.
    pub fn new(files: &[&str], prefix: &str, slash: Slash) -> Reference {
        let patterns: Vec<Pattern> = files.iter().map(|f| Pattern::parse(f)).collect();
        Reference {
            prefix: prefix.to_owned(),
            slash,
            sorted: sort(patterns, 0),
        }
    }

    /// SPEC section 3: the first route in precedence order whose whole
    /// pattern matches the raw path. Static routes first, by exact equality
    /// with the raw path; then the dynamic routes in sorted order.
    pub fn recognize(&self, path: &str) -> Option<(String, Vec<(String, Value)>)> {
        for route in self.sorted.iter().filter(|r| r.is_static()) {
            if self.static_path(route) == path {
                return Some((route.file.clone(), Vec::new()));
            }
        }
        let segments = self.segments(path)?;
        for route in self.sorted.iter().filter(|r| !r.is_static()) {
            if let Some(params) = match_parts(&route.parts, &segments) {
                return Some((route.file.clone(), params));
            }
        }
        None
    }

    /// SPEC section 5: the route, or 308 to the normalized path, or 404.
    pub fn resolve(&self, path: &str) -> Answer {
        if let Some(found) = self.recognize(path) {
            return found_answer(found);
        }
        if path.len() > 1 && path.ends_with('/') {
            let trimmed = &path[..path.len() - 1];
            if is_normal(trimmed) {
                match self.slash {
                    Slash::Redirect => {}
                    Slash::Ignore => {
                        return match self.recognize(trimmed) {
                            Some(found) => found_answer(found),
                            None => Answer::NotFound,
                        };
                    }
                    Slash::Strict => return Answer::NotFound,
                }
            }
        }
        if is_normal(path) {
            Answer::NotFound
        } else {
            Answer::Redirect(normalize(path))
        }
    }

    /// The one raw path a static route equals: the prefix, then each name
    /// as a browser sends it.
    fn static_path(&self, route: &Pattern) -> String {
        let mut out = self.prefix.clone();
        for part in &route.parts {
            let Part::Static(name) = part else {
                unreachable!("only static routes have a static path")
            };
            out.push('/');
            out.push_str(&browser_encode(name));
        }
        if out.is_empty() {
            out.push('/');
        }
        out
    }

    /// Whether the axum `router()` takes a path at all (SPEC section 7):
    /// every path from the root, else the prefix itself and what continues
    /// it with `/` or `\`. The others are axum's fallback's (a bare 404).
    pub fn router_takes(&self, path: &str) -> bool {
        let Some(rest) = path.strip_prefix(self.prefix.as_str()) else {
            return false;
        };
        // Every route's pattern starts with `/` (a path that does not, such
        // as the empty path of an in-process `Uri`, is no route's).
        (self.prefix.is_empty() && rest.starts_with('/'))
            || (!self.prefix.is_empty() && (rest.is_empty() || rest.starts_with(['/', '\\'])))
    }

    /// The raw segments of a path below the prefix; `None` outside it.
    fn segments<'p>(&self, path: &'p str) -> Option<Vec<&'p str>> {
        let root = if self.prefix.is_empty() {
            "/"
        } else {
            &self.prefix
        };
        if path == root {
            return Some(Vec::new());
        }
        let below = path.strip_prefix(&format!("{}/", self.prefix))?;
        Some(below.split('/').collect())
    }
}

/// The answer for a matched route: its params decoded, or 400.
pub fn found_answer((file, params): (String, Vec<(String, Value)>)) -> Answer {
    let decoded = params
        .iter()
        .map(|(name, value)| {
            let value = match value {
                Value::One(raw) => Value::One(decode_uri_component(raw)?),
                Value::Many(raws) => Value::Many(
                    raws.iter()
                        .map(|raw| decode_uri_component(raw))
                        .collect::<Option<Vec<String>>>()?,
                ),
            };
            Some((name.clone(), value))
        })
        .collect();
    Answer::Found {
        file,
        params,
        decoded,
    }
}

/// Whether a pattern matches the whole list of segments; its params if so.
fn match_parts(parts: &[Part], segments: &[&str]) -> Option<Vec<(String, Value)>> {
    let mut params = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        match part {
            Part::Static(name) => {
                if segments.get(i) != Some(&browser_encode(name).as_str()) {
                    return None;
                }
            }
            Part::Dynamic(name) => {
                let segment = segments.get(i)?;
                if !can_be_param(segment) {
                    return None;
                }
                params.push((name.clone(), Value::One(segment.to_string())));
            }
            Part::CatchAll(name) | Part::Optional(name) => {
                let rest = segments.get(i..).unwrap_or(&[]);
                if !rest.iter().all(|s| can_be_param(s)) {
                    return None;
                }
                if rest.is_empty() {
                    if matches!(part, Part::CatchAll(_)) {
                        return None;
                    }
                } else {
                    let rest = rest.iter().map(|s| s.to_string()).collect();
                    params.push((name.clone(), Value::Many(rest)));
                }
                return Some(params);
            }
        }
    }
    if segments.len() == parts.len() {
        Some(params)
    } else {
        None
    }
}

/// SPEC section 5: empty segments and dot segments never match a param, and
/// a segment holding `\` belongs to a path that is not normal.
fn can_be_param(segment: &str) -> bool {
    !segment.is_empty() && !is_dot_segment(segment) && !segment.contains('\\')
}

/// `.` or `..`, with any dot possibly written `%2e` or `%2E`.
pub fn is_dot_segment(segment: &str) -> bool {
    let dots = segment.to_ascii_lowercase().replace("%2e", ".");
    dots == "." || dots == ".."
}

/// SPEC section 5: `\` becomes `/`, empty segments are dropped, `.` is
/// dropped, `..` removes the segment before it, no trailing slash.
pub fn normalize(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut kept: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        if segment.is_empty() {
            continue;
        }
        if is_dot_segment(segment) {
            if segment.to_ascii_lowercase().replace("%2e", ".") == ".." {
                kept.pop();
            }
            continue;
        }
        kept.push(segment);
    }
    format!("/{}", kept.join("/"))
}

/// A path is normal when normalizing leaves it as it is.
pub fn is_normal(path: &str) -> bool {
    normalize(path) == path
}

/// JavaScript's `decodeURIComponent`: every `%XX` becomes the byte `XX`, and
/// the bytes must be UTF-8. `None` for a malformed escape or invalid UTF-8.
pub fn decode_uri_component(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let digits = bytes.get(i + 1..i + 3)?;
            if !digits.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            let text = std::str::from_utf8(digits).ok()?;
            out.push(u8::from_str_radix(text, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// How a browser sends a path segment typed as this name: the WHATWG URL
/// path percent-encode set (C0 controls, space, `"`, `#`, `<`, `>`, `?`,
/// `` ` ``, `{`, `}`, DEL and everything non-ASCII) as `%XX`, uppercase.
pub fn browser_encode(name: &str) -> String {
    let mut out = String::new();
    for byte in name.bytes() {
        let keep = byte.is_ascii_graphic() && !"\"#<>?`{}".contains(byte as char);
        if keep {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Next.js's `sorted-routes.ts`, transcribed: at each level the route ending
/// there, then the static children (JavaScript's default sort, by UTF-16
/// code units), then the `[x]` subtree, then `[...x]`, then `[[...x]]`.
fn sort(patterns: Vec<Pattern>, level: usize) -> Vec<Pattern> {
    sort_statics_by(patterns, level, &|name| {
        name.encode_utf16().flat_map(u16::to_be_bytes).collect()
    })
}

/// [`sort`], with sibling statics ordered by `key` of their names.
fn sort_statics_by(
    patterns: Vec<Pattern>,
    level: usize,
    key: &dyn Fn(&str) -> Vec<u8>,
) -> Vec<Pattern> {
    if patterns.is_empty() {
        return patterns;
    }
    let mut here = Vec::new();
    let mut statics: Vec<(String, Vec<Pattern>)> = Vec::new();
    let mut dynamic = Vec::new();
    let mut catch_all = Vec::new();
    let mut optional = Vec::new();
    for pattern in patterns {
        match pattern.parts.get(level) {
            None => here.push(pattern),
            Some(Part::Static(name)) => {
                let name = name.clone();
                match statics.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, group)) => group.push(pattern),
                    None => statics.push((name, vec![pattern])),
                }
            }
            Some(Part::Dynamic(_)) => dynamic.push(pattern),
            Some(Part::CatchAll(_)) => catch_all.push(pattern),
            Some(Part::Optional(_)) => optional.push(pattern),
        }
    }
    statics.sort_by_cached_key(|(name, _)| key(name));
    let mut out = here;
    for (_, group) in statics {
        out.extend(sort_statics_by(group, level + 1, key));
    }
    out.extend(sort_statics_by(dynamic, level + 1, key));
    out.extend(sort_statics_by(catch_all, level + 1, key));
    out.extend(sort_statics_by(optional, level + 1, key));
    out
}
