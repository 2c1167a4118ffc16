//! Turning names from the file tree into legal Rust identifiers.
//!
//! Params bind as handler arguments, so their mapping is part of the contract
//! (`[hello-world]` → `hello_world`, `[type]` → `r#type`) and a name that cannot
//! map is an error. Module and variant names are apigen's own choice: they are
//! derived from the file path, always legal, and made unique.

use std::collections::BTreeSet;

/// Keywords of every edition, strict and reserved. Raw identifiers are legal
/// in all editions, so any of these binds as `r#name`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Why a param name cannot bind.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum BadName {
    /// Not an identifier for other reasons: characters other than letters,
    /// digits, `_` and `-` (`a.b`, `a b`), or empty.
    Characters,
    /// Starts with a digit once mapped.
    LeadingDigit,
    /// `self`, `super`, `crate`, `Self` or `_`.
    Reserved,
}

/// Maps a param name to the identifier a handler argument uses:
/// `-` becomes `_`, keywords become raw identifiers.
///
/// Returns the identifier as source text (`hello_world`, `r#type`).
pub(crate) fn param_ident(name: &str) -> Result<String, BadName> {
    let mapped = name.replace('-', "_");
    if mapped.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(BadName::LeadingDigit);
    }
    if !is_identifier(&mapped) {
        return Err(BadName::Characters);
    }
    if NOT_RAW.contains(&mapped.as_str()) {
        return Err(BadName::Reserved);
    }
    if KEYWORDS.contains(&mapped.as_str()) {
        return Ok(format!("r#{mapped}"));
    }
    Ok(mapped)
}

/// Whether `text` is one Rust identifier, by the lexer's rules (Unicode
/// `XID_Start` then `XID_Continue`, so `café` and `名前` are identifiers),
/// keywords included, raw identifiers not.
fn is_identifier(text: &str) -> bool {
    if text.contains('#') {
        return false;
    }
    let Ok(tokens) = text.parse::<proc_macro2::TokenStream>() else {
        return false;
    };
    let mut tokens = tokens.into_iter();
    match (tokens.next(), tokens.next()) {
        (Some(proc_macro2::TokenTree::Ident(ident)), None) => ident == text,
        _ => false,
    }
}

/// The snake_case form of a mapped param identifier, for the code apigen
/// writes (`postId` → `post_id`, `Type` → `r#type`, `Über` → `über`): an
/// `_` goes before an uppercase letter that follows a lowercase letter or
/// digit, all is lowercased (Unicode letters too), and a run of `_` inside
/// the name becomes one (`a__b` → `a_b`); leading and trailing ones stay
/// (`_id`). So the result is a name rustc's `non_snake_case` accepts.
/// `None` if it cannot be an identifier (`SELF`).
pub(crate) fn snake_ident(ident: &str) -> Option<String> {
    let name = unraw(ident);
    let start = name.len() - name.trim_start_matches('_').len();
    let end = name.trim_end_matches('_').len().max(start);
    let mut out = String::with_capacity(name.len() + 4);
    out.push_str(&name[..start]);
    let mut prev: Option<char> = None;
    for c in name[start..end].chars() {
        if c == '_' && prev == Some('_') {
            continue;
        }
        if c.is_uppercase() && prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit()) {
            out.push('_');
        }
        out.extend(c.to_lowercase());
        prev = Some(c);
    }
    out.push_str(&name[end..]);
    param_ident(&out).ok()
}

/// The local variable the generated code binds a param's value to, given
/// its field (see [`snake_ident`]) and its index among its path's params:
/// `p_` + the field (`p_pid`, `p_type` for `r#type`) when that is plain
/// ASCII snake_case, else `p<index>` and the field's ASCII words (`[_id]`
/// → `p0_id`, `[名前]` → `p0`). Locals are apigen's own, so they are always
/// ASCII and warning-free (`p__id` is not snake_case to rustc), never
/// shadow the matcher's own `rest`/`path`, and are distinct within a route:
/// plain ones are their field, the others carry their index.
pub(crate) fn local_ident(field: &str, index: usize) -> String {
    let field = unraw(field);
    let plain = !field.starts_with('_')
        && !field.contains("__")
        && field
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if plain {
        return format!("p_{field}");
    }
    let mut out = format!("p{index}");
    for word in words(field) {
        out.push('_');
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

/// The identifier without a raw prefix, as `syn::Ident::unraw` shows it.
pub(crate) fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Splits a name into ASCII alphanumeric words: accented Latin letters
/// count as their base letters (`título` → `titulo`), every other character
/// separates, and so does a lowercase-to-uppercase step (`postId` → `post`,
/// `Id`).
fn words(name: &str) -> Vec<String> {
    let mut folded = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            folded.push(c);
        } else {
            folded.push_str(fold_latin(c).unwrap_or(" "));
        }
    }
    let mut out = Vec::new();
    for chunk in folded.split(' ') {
        let bytes = chunk.as_bytes();
        let mut start = 0;
        for i in 1..bytes.len() {
            if bytes[i].is_ascii_uppercase() && !bytes[i - 1].is_ascii_uppercase() {
                out.push(chunk[start..i].to_owned());
                start = i;
            }
        }
        if start < chunk.len() {
            out.push(chunk[start..].to_owned());
        }
    }
    out
}

/// The base letters of an accented Latin letter (Latin-1 Supplement and
/// Latin Extended-A: `é` → `e`, `Ł` → `L`, `ß` → `ss`), for names apigen
/// derives; `None` for anything else.
fn fold_latin(c: char) -> Option<&'static str> {
    // The base letter of each code point from U+00C0 and from U+0100; `*`
    // marks the letters of more than one (below), `-` the signs × and ÷.
    const LATIN_1: &str = "AAAAAA*CEEEEIIIIDNOOOOO-OUUUUY**aaaaaa*ceeeeiiiidnooooo-ouuuuy*y";
    const EXTENDED_A: &str = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi**JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo**RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyyZzZzZzs";
    let (table, at) = match c {
        'Æ' => return Some("AE"),
        'æ' => return Some("ae"),
        'Þ' => return Some("TH"),
        'þ' => return Some("th"),
        'ß' => return Some("ss"),
        'Ĳ' => return Some("IJ"),
        'ĳ' => return Some("ij"),
        'Œ' => return Some("OE"),
        'œ' => return Some("oe"),
        '\u{C0}'..='\u{FF}' => (LATIN_1, u32::from(c) - 0xC0),
        '\u{100}'..='\u{17F}' => (EXTENDED_A, u32::from(c) - 0x100),
        _ => return None,
    };
    let at = at as usize;
    table
        .get(at..=at)
        .filter(|base| base.as_bytes()[0].is_ascii_alphabetic())
}

/// A snake_case module name for a route file, from its path segments
/// (`post/[pid].rs` → `post_pid`).
pub(crate) fn snake_name(parts: &[&str]) -> String {
    let mut out = String::new();
    for word in parts.iter().flat_map(|part| words(part)) {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    legal(out, "route", "r")
}

/// An UpperCamelCase variant name for a route file (`post/[pid].rs` → `PostPid`).
pub(crate) fn camel_name(parts: &[&str]) -> String {
    let mut out = String::new();
    for word in parts.iter().flat_map(|part| words(part)) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    legal(out, "Route", "R")
}

fn legal(name: String, empty: &str, digit_prefix: &str) -> String {
    if name.is_empty() {
        empty.to_owned()
    } else if name.as_bytes()[0].is_ascii_digit() {
        format!("{digit_prefix}{name}")
    } else if KEYWORDS.contains(&name.as_str()) || NOT_RAW.contains(&name.as_str()) {
        // `r#` would work for most, but not `self`/`crate`/`super`; a suffix
        // works for all and reads the same in every position.
        format!("{name}_")
    } else {
        name
    }
}

/// Hands out unique names: the first taker of a name gets it as is, later ones
/// get `2`, `3`, … appended. Callers go in file order, so the result is stable.
#[derive(Default)]
pub(crate) struct Unique {
    taken: BTreeSet<String>,
}

impl Unique {
    /// Names the generated code itself uses, so no route may take them.
    pub(crate) fn reserving(names: &[&str]) -> Unique {
        Unique {
            taken: names.iter().map(|n| (*n).to_owned()).collect(),
        }
    }

    pub(crate) fn take(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        // A keyword's name ends in `_` (`Self_`): the number replaces it, as
        // `Self_2` is not UpperCamelCase to rustc.
        let base = match name.trim_end_matches('_') {
            "" => name.as_str(),
            base => base,
        };
        (2..)
            .map(|n| format!("{base}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }

    /// Takes a name and keeps `<name><companion>` with it, for names the
    /// generated code derives from it. The caller reserves
    /// `<name><companion>` before anyone takes names, so that an earlier
    /// taker cannot hold it; when `name` itself is taken, the first
    /// `<name>N` whose companion is free too is taken, with it.
    pub(crate) fn take_with(&mut self, name: String, companion: &str) -> String {
        if self.taken.insert(name.clone()) {
            self.taken.insert(format!("{name}{companion}"));
            return name;
        }
        (2..)
            .map(|n| format!("{name}{n}"))
            .find(|candidate| {
                let pair = format!("{candidate}{companion}");
                if self.taken.contains(candidate) || self.taken.contains(&pair) {
                    return false;
                }
                self.taken.insert(candidate.clone());
                self.taken.insert(pair);
                true
            })
            .expect("an unbounded range always yields a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_map_dashes_and_keywords() {
        assert_eq!(param_ident("id").unwrap(), "id");
        assert_eq!(param_ident("hello-world").unwrap(), "hello_world");
        assert_eq!(param_ident("postId").unwrap(), "postId");
        assert_eq!(param_ident("type").unwrap(), "r#type");
        assert_eq!(param_ident("gen").unwrap(), "r#gen");
        assert_eq!(param_ident("async").unwrap(), "r#async");
        assert_eq!(param_ident("_id").unwrap(), "_id");
        assert_eq!(param_ident("a-").unwrap(), "a_");
        // Rust identifiers are Unicode: so are params.
        assert_eq!(param_ident("café").unwrap(), "café");
        assert_eq!(param_ident("名前").unwrap(), "名前");
        assert_eq!(param_ident("größe-x").unwrap(), "größe_x");
    }

    #[test]
    fn every_character_either_binds_or_is_refused() {
        // No panic on any name; what binds is one identifier token that
        // proc-macro2 prints back unchanged (so the emitter can write it).
        for code in (0..0x3100).chain(0x1F600..0x1F650).chain(0xE0000..0xE0080) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            for name in [
                c.to_string(),
                format!("a{c}"),
                format!("{c}a"),
                format!("a{c}b"),
            ] {
                if let Ok(ident) = param_ident(&name) {
                    let parsed: proc_macro2::TokenStream = ident.parse().expect("binds as a token");
                    assert_eq!(parsed.to_string(), ident, "{name:?}");
                }
            }
        }
    }

    #[test]
    fn params_that_cannot_bind() {
        assert_eq!(param_ident("123"), Err(BadName::LeadingDigit));
        assert_eq!(param_ident("1a"), Err(BadName::LeadingDigit));
        assert_eq!(param_ident("self"), Err(BadName::Reserved));
        assert_eq!(param_ident("Self"), Err(BadName::Reserved));
        assert_eq!(param_ident("crate"), Err(BadName::Reserved));
        assert_eq!(param_ident("super"), Err(BadName::Reserved));
        assert_eq!(param_ident("_"), Err(BadName::Reserved));
        assert_eq!(param_ident("a.b"), Err(BadName::Characters));
        assert_eq!(param_ident("a b"), Err(BadName::Characters));
        assert_eq!(param_ident(" id"), Err(BadName::Characters));
        assert_eq!(param_ident("r#id"), Err(BadName::Characters));
        assert_eq!(param_ident("a+b"), Err(BadName::Characters));
        // A combining mark continues an identifier but cannot start one.
        assert_eq!(param_ident("\u{301}é"), Err(BadName::Characters));
        assert_eq!(param_ident("😀"), Err(BadName::Characters));
        assert_eq!(param_ident(""), Err(BadName::Characters));
    }

    #[test]
    fn snake_identifiers() {
        assert_eq!(snake_ident("postId").unwrap(), "post_id");
        assert_eq!(snake_ident("hello_world").unwrap(), "hello_world");
        assert_eq!(snake_ident("HTTPServer").unwrap(), "httpserver");
        assert_eq!(snake_ident("_id").unwrap(), "_id");
        assert_eq!(snake_ident("a1B").unwrap(), "a1_b");
        assert_eq!(snake_ident("Type").unwrap(), "r#type");
        assert_eq!(snake_ident("r#type").unwrap(), "r#type");
        assert_eq!(snake_ident("SELF"), None);
    }

    #[test]
    fn snake_identifiers_pass_non_snake_case() {
        assert_eq!(snake_ident("_id").unwrap(), "_id");
        assert_eq!(snake_ident("__x").unwrap(), "__x");
        assert_eq!(snake_ident("a_").unwrap(), "a_");
        assert_eq!(snake_ident("a__b").unwrap(), "a_b");
        assert_eq!(snake_ident("_a___b__").unwrap(), "_a_b__");
        assert_eq!(snake_ident("__").unwrap(), "__");
        assert_eq!(snake_ident("Id").unwrap(), "id");
        assert_eq!(snake_ident("ID").unwrap(), "id");
        assert_eq!(snake_ident("postID").unwrap(), "post_id");
        assert_eq!(snake_ident("Über").unwrap(), "über");
        assert_eq!(snake_ident("fooÜber").unwrap(), "foo_über");
        assert_eq!(snake_ident("ΣΑ").unwrap(), "σα");
        assert_eq!(snake_ident("名前").unwrap(), "名前");
        assert_eq!(snake_ident("título").unwrap(), "título");
    }

    #[test]
    fn locals_are_ascii_snake_case_and_distinct() {
        assert_eq!(local_ident("pid", 0), "p_pid");
        assert_eq!(local_ident("post_id", 3), "p_post_id");
        assert_eq!(local_ident("r#type", 0), "p_type");
        assert_eq!(local_ident("a_", 0), "p_a_");
        assert_eq!(local_ident("a1", 0), "p_a1");
        // Names whose `p_` form rustc or clippy would flag, or that are not
        // ASCII: the index keeps them apart (`[_id]/[id]` is one path).
        assert_eq!(local_ident("_id", 0), "p0_id");
        assert_eq!(local_ident("id", 1), "p_id");
        assert_eq!(local_ident("__x", 2), "p2_x");
        assert_eq!(local_ident("_1", 0), "p0_1");
        assert_eq!(local_ident("__", 1), "p1");
        assert_eq!(local_ident("título", 0), "p0_titulo");
        assert_eq!(local_ident("über", 1), "p1_uber");
        assert_eq!(local_ident("名前", 0), "p0");
        assert_eq!(local_ident("名前_x", 12), "p12_x");
    }

    #[test]
    fn unraw_strips_only_the_prefix() {
        assert_eq!(unraw("r#type"), "type");
        assert_eq!(unraw("rust"), "rust");
    }

    #[test]
    fn module_and_variant_names() {
        assert_eq!(snake_name(&["post", "[pid]"]), "post_pid");
        assert_eq!(camel_name(&["post", "[pid]"]), "PostPid");
        assert_eq!(snake_name(&["store", "[[...gadgets]]"]), "store_gadgets");
        assert_eq!(camel_name(&["store", "[[...gadgets]]"]), "StoreGadgets");
        assert_eq!(snake_name(&["hello-world"]), "hello_world");
        assert_eq!(camel_name(&["posts", "[postId]"]), "PostsPostId");
        assert_eq!(snake_name(&["posts", "[postId]"]), "posts_post_id");
        assert_eq!(camel_name(&["HELLO"]), "Hello");
        assert_eq!(snake_name(&["HTTPServer"]), "httpserver");
        assert_eq!(snake_name(&["index"]), "index");
        assert_eq!(camel_name(&["index"]), "Index");
    }

    #[test]
    fn names_are_always_legal() {
        assert_eq!(snake_name(&["404"]), "r404");
        assert_eq!(camel_name(&["404"]), "R404");
        assert_eq!(snake_name(&["type"]), "type_");
        assert_eq!(snake_name(&["self"]), "self_");
        assert_eq!(snake_name(&["café"]), "cafe");
        assert_eq!(camel_name(&["wiki", "[título]"]), "WikiTitulo");
        assert_eq!(
            camel_name(&["Łódź", "straße", "Œuvre"]),
            "LodzStrasseOeuvre"
        );
        assert_eq!(snake_name(&["a×b"]), "a_b");
        assert_eq!(snake_name(&["ÀÿĀſ"]), "ay_as");
        assert_eq!(snake_name(&["日本"]), "route");
        assert_eq!(camel_name(&["日本"]), "Route");
        assert_eq!(camel_name(&["Self"]), "Self_");
    }

    #[test]
    fn unique_appends_numbers_in_order() {
        let mut names = Unique::reserving(&["router"]);
        assert_eq!(names.take("router".into()), "router2");
        assert_eq!(names.take("a".into()), "a");
        assert_eq!(names.take("a".into()), "a2");
        assert_eq!(names.take("a".into()), "a3");
        assert_eq!(names.take("a2".into()), "a22");
        // A keyword's `_` gives way to the number: `Self_2` would not be
        // UpperCamelCase.
        assert_eq!(names.take("Self_".into()), "Self_");
        assert_eq!(names.take("Self_".into()), "Self2");
        assert_eq!(names.take("Self2".into()), "Self22");
        assert_eq!(names.take("self_".into()), "self_");
        assert_eq!(names.take("self_".into()), "self2");
    }

    #[test]
    fn a_name_taken_with_its_companion_keeps_both() {
        let mut names = Unique::reserving(&["x_root"]);
        assert_eq!(names.take_with("x".into(), "_root"), "x");
        assert_eq!(names.take("x_root".into()), "x_root2");
        assert_eq!(names.take("y".into()), "y");
        // `y` is taken, and `y2_root` too: the first free pair is `y3`.
        assert_eq!(names.take("y2_root".into()), "y2_root");
        assert_eq!(names.take_with("y".into(), "_root"), "y3");
        assert_eq!(names.take("y3_root".into()), "y3_root2");
        assert_eq!(names.take("y2".into()), "y2");
    }
}
