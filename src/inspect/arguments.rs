//! The argument rules that read the *shape* of an argument's type (never
//! copying it): mistakes that would otherwise build and fail silently, or
//! fail with a rustc error about apigen's stand-in types.
//!
//! - `unbound-param`: an argument that looks meant for a param but names
//!   none of its route's. Arguments bind by name (SPEC section 6), so
//!   `id` in `post/[pid].rs` is an extractor; as a `String` it would read
//!   the request body as text. The rule, precisely:
//!   1. an argument whose type can never be an axum extractor (an integer,
//!      float, `bool`, `char`, `Uuid`, `Ulid`, `NonZero*`, an IP or socket
//!      address, a reference such as `&str`, `Vec<..>`, or `Option` of any
//!      of these) must be named after a param: it can only be meant for one;
//!   2. a `String` argument named *like* a param, though not after it, is
//!      that param misspelt: equal once case, `_` and `-` are ignored
//!      (`postID` for `[postId]`), one edit apart (`id` for `[pid]`, `slugs`
//!      for `[slug]`: one character added, dropped, changed, or two
//!      neighbours swapped; both names two characters or more), or the
//!      last word of the other (`id` for `[postId]`, `user_id` for `[id]`).
//!      Any other `String` is axum's body-as-text extractor, as intended.
//!      Params that another argument of the handler binds already are not
//!      candidates.
//! - `body-extractor-not-last`: a known body extractor (`Json`, `Form`,
//!   `String`, `Bytes`, `Body`, `Request`, `Multipart`, `RawForm`, also in
//!   `Option<..>` or `Result<.., _>`) before the last argument. Only the
//!   last extractor may read the body (axum's `FromRequest`); rustc would
//!   say so only through the stand-in `NotFromRequestParts<..>`.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{FnArg, Pat, PathArguments, Type};

use super::{Arg, HandlerFn};
use crate::error::ErrorKind;
use crate::name::Segment;

/// One argument's problem: where, the rule, what is wrong, the fix.
pub(super) type Found = (Span, ErrorKind, String, String);

/// The problems of a handler's arguments, at most one per argument, given
/// how `handler` classified them.
pub(super) fn check(segments: &[Segment], f: &syn::ItemFn, handler: &HandlerFn) -> Vec<Found> {
    let params: Vec<&Segment> = segments.iter().filter(|s| s.is_param()).collect();
    let bound: Vec<&str> = handler
        .args
        .iter()
        .filter_map(|arg| match arg {
            Arg::Param { field, .. } => Some(field.as_str()),
            Arg::Extractor => None,
        })
        .collect();
    let free: Vec<&Segment> = params
        .iter()
        .copied()
        .filter(|s| !bound.contains(&s.field.as_str()))
        .collect();
    let inputs: Vec<&syn::PatType> = f
        .sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(typed) => Some(typed),
            FnArg::Receiver(_) => None,
        })
        .collect();
    let last = inputs.len().saturating_sub(1);
    let mut found = Vec::new();
    for (at, (typed, arg)) in inputs.iter().zip(&handler.args).enumerate() {
        if !matches!(arg, Arg::Extractor) {
            continue;
        }
        let ctx = Context {
            handler: &handler.name,
            typed,
            params: &params,
            free: &free,
        };
        if let Some(problem) = ctx.unbound() {
            found.push(problem);
        } else if at < last && reads_body(&typed.ty) {
            let this = text(typed.span(), typed);
            let after: Vec<String> = inputs[at + 1..]
                .iter()
                .map(|later| format!("`{}`", text(later.span(), *later)))
                .collect();
            found.push((
                typed.span(),
                ErrorKind::BodyExtractorNotLast,
                format!(
                    "the argument `{this}` of `{}` reads the request body, but {} after it: only the last argument may read the body",
                    handler.name,
                    if after.len() == 1 {
                        format!("{} comes", after[0])
                    } else {
                        format!("{} come", after.join(", "))
                    }
                ),
                format!(
                    "move `{this}` to the end of `{}`'s arguments (extractors before it read only the head of the request)",
                    handler.name
                ),
            ));
        }
    }
    found
}

/// One extractor argument, and the params it may be meant for.
struct Context<'a> {
    handler: &'a str,
    typed: &'a syn::PatType,
    /// Every param of the route, in path order.
    params: &'a [&'a Segment],
    /// The params no argument of the handler binds.
    free: &'a [&'a Segment],
}

impl Context<'_> {
    /// The `unbound-param` problem of the argument, if it has one.
    fn unbound(&self) -> Option<Found> {
        let Pat::Ident(pat) = &*self.typed.pat else {
            return None;
        };
        let name = pat.ident.unraw().to_string();
        let ty = &*self.typed.ty;
        let arg = text(self.typed.span(), self.typed);
        let shown_ty = text(ty.span(), ty);
        let handler = self.handler;
        let names = |params: &[&Segment]| -> String {
            let names: Vec<String> = params
                .iter()
                .map(|s| format!("`{}`", s.pattern()))
                .collect();
            names.join(", ")
        };
        if never_an_extractor(ty) {
            let close: Vec<&Segment> = self
                .free
                .iter()
                .copied()
                .filter(|s| looks_meant_for(&name, s))
                .collect();
            // The params it may be meant for: those it is named like, or
            // else every param no other argument binds.
            let candidates = if close.is_empty() { self.free } else { &close };
            let (message, fix) = match (self.params, candidates) {
                ([], _) => (
                    format!(
                        "the argument `{arg}` of `{handler}` looks meant for a param, but the route has none, and a `{shown_ty}` cannot be an axum extractor"
                    ),
                    format!(
                        "remove `{name}`, or make it a param by naming a folder or the file after it (e.g. `[{name}].rs`)"
                    ),
                ),
                (_, []) => (
                    format!(
                        "the argument `{arg}` of `{handler}` names none of the route's params ({}), and a `{shown_ty}` cannot be an axum extractor",
                        names(self.params)
                    ),
                    format!("remove `{name}`: every param is bound by another argument already"),
                ),
                (_, [one]) => (
                    format!(
                        "the argument `{arg}` of `{handler}` names none of the route's params ({}), and a `{shown_ty}` cannot be an axum extractor",
                        names(self.params)
                    ),
                    format!("rename `{name}` to `{}`", argument(one)),
                ),
                (_, several) => (
                    format!(
                        "the argument `{arg}` of `{handler}` names none of the route's params ({}), and a `{shown_ty}` cannot be an axum extractor",
                        names(self.params)
                    ),
                    format!(
                        "rename `{name}` after the param it is meant for: {}",
                        several
                            .iter()
                            .map(|s| format!("`{}`", argument(s)))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ),
                ),
            };
            return Some((self.typed.span(), ErrorKind::UnboundParam, message, fix));
        }
        if !is_string(ty) {
            return None;
        }
        let meant = self.free.iter().find(|s| looks_meant_for(&name, s))?;
        Some((
            self.typed.span(),
            ErrorKind::UnboundParam,
            format!(
                "the argument `{arg}` of `{handler}` is named like the param `{}` but not after it, so it is axum's `String` extractor and would read the request body instead",
                meant.pattern()
            ),
            format!(
                "rename `{name}` to `{}`; if it is meant to read the body, give it a name unlike the params' (e.g. `body`)",
                argument(meant)
            ),
        ))
    }
}

/// The argument name that binds a param, as a handler writes it: its
/// snake_case form (`post_id` for `[postId]`, `r#type` for `[type]`).
fn argument(param: &Segment) -> &str {
    &param.field
}

/// The argument's source text, on one line (`Json(body): Json<Value>`).
fn text(span: Span, tokens: &dyn quote::ToTokens) -> String {
    let source = span
        .source_text()
        .unwrap_or_else(|| tokens.to_token_stream().to_string());
    source.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether no axum extractor can have this type: a primitive or other
/// value type that only a param can give (`u64`, `Uuid`, `&str`,
/// `Vec<String>`, `Option<Vec<String>>`).
pub(super) fn never_an_extractor(ty: &Type) -> bool {
    match ty {
        Type::Reference(_) => true,
        Type::Paren(inner) => never_an_extractor(&inner.elem),
        Type::Group(inner) => never_an_extractor(&inner.elem),
        Type::Path(path) if path.qself.is_none() => {
            let Some(last) = path.path.segments.last() else {
                return false;
            };
            let ident = last.ident.to_string();
            match ident.as_str() {
                "Vec" => true,
                "Option" => inner_type(&last.arguments).is_some_and(never_an_extractor),
                _ => {
                    matches!(&last.arguments, PathArguments::None)
                        && (VALUE_TYPES.contains(&ident.as_str()) || ident.starts_with("NonZero"))
                }
            }
        }
        _ => false,
    }
}

/// Types that parse from a param (`FromStr`) and that no axum extractor
/// is: an argument of one of these is meant for a param.
const VALUE_TYPES: &[&str] = &[
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "f32",
    "f64",
    "bool",
    "char",
    "Uuid",
    "Ulid",
    "IpAddr",
    "Ipv4Addr",
    "Ipv6Addr",
    "SocketAddr",
];

/// axum's extractors that read the body.
const BODY_EXTRACTORS: &[&str] = &[
    "Json",
    "Form",
    "String",
    "Bytes",
    "Body",
    "Request",
    "Multipart",
    "RawForm",
];

/// Whether the type is one of axum's body extractors, also inside
/// `Option<..>` or `Result<.., _>`.
pub(super) fn reads_body(ty: &Type) -> bool {
    match ty {
        Type::Paren(inner) => reads_body(&inner.elem),
        Type::Group(inner) => reads_body(&inner.elem),
        Type::Path(path) if path.qself.is_none() => {
            let Some(last) = path.path.segments.last() else {
                return false;
            };
            if last.ident == "Option" || last.ident == "Result" {
                return inner_type(&last.arguments).is_some_and(reads_body);
            }
            BODY_EXTRACTORS.iter().any(|name| last.ident == name)
        }
        _ => false,
    }
}

/// `String` (or `std::string::String`, `alloc::string::String`).
fn is_string(ty: &Type) -> bool {
    let Type::Path(path) = ty else { return false };
    let segments: Vec<String> = path
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    let plain = path.qself.is_none()
        && path
            .path
            .segments
            .iter()
            .all(|s| matches!(s.arguments, PathArguments::None));
    plain
        && matches!(
            segments
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .as_slice(),
            ["String"] | ["std" | "alloc", "string", "String"]
        )
}

/// The first type argument: `T` in `Option<T>` or `Result<T, E>`.
fn inner_type(arguments: &PathArguments) -> Option<&Type> {
    let PathArguments::AngleBracketed(args) = arguments else {
        return None;
    };
    args.args.iter().find_map(|arg| match arg {
        syn::GenericArgument::Type(ty) => Some(ty),
        _ => None,
    })
}

/// Whether an argument named `arg` (that binds nothing) looks meant for
/// the param: rule 2 of the module docs.
pub(super) fn looks_meant_for(arg: &str, param: &Segment) -> bool {
    let (arg_words, param_words) = (words(arg), words(&param.name));
    let (a, p) = (arg_words.concat(), param_words.concat());
    if a.is_empty() || p.is_empty() {
        return false;
    }
    let a_chars: Vec<char> = a.chars().collect();
    let p_chars: Vec<char> = p.chars().collect();
    let last_word_of = |words: &[String], whole: &str| {
        words.len() > 1 && whole.chars().count() >= 2 && words.last().is_some_and(|w| w == whole)
    };
    a == p
        || (a_chars.len().min(p_chars.len()) >= 2 && one_edit_apart(&a_chars, &p_chars))
        || last_word_of(&arg_words, &p)
        || last_word_of(&param_words, &a)
}

/// A name's words, lowercased: split at `_`, `-` and where a lowercase
/// letter or digit meets an uppercase one (`postID` → `post`, `id`).
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut after_lower = false;
    for c in name.chars() {
        if c == '_' || c == '-' {
            out.push(std::mem::take(&mut word));
            after_lower = false;
            continue;
        }
        if c.is_uppercase() && after_lower {
            out.push(std::mem::take(&mut word));
        }
        word.extend(c.to_lowercase());
        after_lower = c.is_lowercase() || c.is_numeric();
    }
    out.push(word);
    out.retain(|w| !w.is_empty());
    out
}

/// Whether one edit turns `a` into `b`: a character added, dropped or
/// changed, or two neighbours swapped.
fn one_edit_apart(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    match long.len() - short.len() {
        0 if prefix == short.len() => false,
        0 => {
            let rest = prefix + 1;
            short[rest..] == long[rest..]
                || (rest < short.len()
                    && short[prefix] == long[rest]
                    && short[rest] == long[prefix]
                    && short[rest + 1..] == long[rest + 1..])
        }
        1 => short[prefix..] == long[prefix + 1..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::name::parse_segment;

    fn param(part: &str) -> Segment {
        parse_segment(part).unwrap()
    }

    fn ty(text: &str) -> Type {
        syn::parse_str(text).unwrap()
    }

    #[test]
    fn typos_of_a_param_are_meant_for_it() {
        for (arg, part) in [
            ("id", "[pid]"),
            ("pd", "[pid]"),
            ("pdi", "[pid]"),
            ("slugs", "[slug]"),
            ("slu", "[slug]"),
            ("postid", "[postId]"),
            ("postID", "[postId]"),
            ("PostId", "[post-id]"),
            ("post_id", "[postid]"),
            ("id", "[postId]"),
            ("id", "[post-id]"),
            ("user_id", "[id]"),
            ("userId", "[id]"),
            ("_id", "[pid]"),
            ("id", "[_id]"),
            ("Über", "[über]"),
            ("uber", "[über]"),
        ] {
            assert!(looks_meant_for(arg, &param(part)), "{arg} for {part}");
        }
    }

    #[test]
    fn other_names_are_not() {
        for (arg, part) in [
            ("body", "[slug]"),
            ("text", "[id]"),
            ("payload", "[pid]"),
            ("post", "[postId]"),
            ("user_name", "[userId]"),
            ("content", "[contentType]"),
            // One character names: any other is one edit away.
            ("b", "[a]"),
            ("x", "[id]"),
            ("名前", "[id]"),
        ] {
            assert!(!looks_meant_for(arg, &param(part)), "{arg} for {part}");
        }
    }

    #[test]
    fn one_edit() {
        let apart = |a: &str, b: &str| {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            one_edit_apart(&a, &b)
        };
        assert!(apart("id", "pid"));
        assert!(apart("pid", "id"));
        assert!(apart("pid", "pod"));
        assert!(apart("pid", "pdi"));
        assert!(apart("abc", "bac"));
        assert!(apart("slug", "slugs"));
        assert!(!apart("pid", "pid"));
        assert!(!apart("pid", "dip"));
        assert!(!apart("id", "pidx"));
        assert!(!apart("abcd", "badc"));
        assert!(apart("", "a"));
    }

    #[test]
    fn types_only_a_param_can_give() {
        for text in [
            "u64",
            "i8",
            "f64",
            "bool",
            "char",
            "usize",
            "std::primitive::u32",
            "Uuid",
            "uuid::Uuid",
            "NonZeroU64",
            "std::num::NonZeroU32",
            "std::net::IpAddr",
            "&str",
            "&'static str",
            "Vec<String>",
            "Vec<u64>",
            "Option<Vec<String>>",
            "Option<u64>",
            "(u64)",
        ] {
            assert!(never_an_extractor(&ty(text)), "{text}");
        }
        for text in [
            "String",
            "Json<u64>",
            "Query<Vec<u64>>",
            "HeaderMap",
            "Option<String>",
            "Option<TypedHeader<Host>>",
            "State<AppState>",
            "MyExtractor",
            "()",
            "(Method, Uri)",
            "<T as X>::u64",
            "u64<T>",
        ] {
            assert!(!never_an_extractor(&ty(text)), "{text}");
        }
    }

    #[test]
    fn body_extractors() {
        for text in [
            "Json<Value>",
            "axum::Json<Post>",
            "Form<Login>",
            "String",
            "Bytes",
            "axum::body::Bytes",
            "Body",
            "Request",
            "Request<Body>",
            "axum::extract::Request",
            "Multipart",
            "RawForm",
            "Option<Json<Value>>",
            "Result<Json<Value>, JsonRejection>",
            "Option<Bytes>",
        ] {
            assert!(reads_body(&ty(text)), "{text}");
        }
        for text in [
            "HeaderMap",
            "Method",
            "Query<Q>",
            "State<S>",
            "Option<Query<Q>>",
            "Path<u64>",
            "u64",
            "&str",
            "Extension<Json<X>>",
        ] {
            assert!(!reads_body(&ty(text)), "{text}");
        }
    }

    #[test]
    fn strings() {
        assert!(is_string(&ty("String")));
        assert!(is_string(&ty("std::string::String")));
        assert!(is_string(&ty("alloc::string::String")));
        assert!(!is_string(&ty("my::String")));
        assert!(!is_string(&ty("Option<String>")));
        assert!(!is_string(&ty("&str")));
    }
}
