//! Inspect phase (axum target): read each route file and find its handlers,
//! and each `_middleware.rs` file and find what it exports.
//!
//! A handler is a top-level `pub async fn` named after a method (`get`, …) or
//! `handler`. Its arguments are classified by *name* only: one named after a
//! route param binds that param, every other one is an axum extractor. Types
//! are never copied: the generated code asks the handler for them. Only
//! their shape is read, by [`arguments`], to refuse what would otherwise
//! fail silently (a misspelt param read as the body) or opaquely (a body
//! extractor before the last argument).
//! A middleware file's `middleware` is checked for the shape of axum's
//! `from_fn` contract (its last two arguments a `Request` and a `Next`), so
//! a mistake is reported at the file rather than as a trait error at the
//! generated call.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{FnArg, Item, Pat, Type, UseTree, Visibility};

use crate::error::{ErrorKind, Problem};
use crate::name::{Kind, Segment};

mod arguments;

/// The method handlers, in the order `Allow` lists them.
pub(crate) const METHODS: [&str; 7] = ["get", "head", "post", "put", "patch", "delete", "options"];

/// The handler that serves every method the file does not name.
pub(crate) const ANY: &str = "handler";

/// Most arguments a handler may take (as axum allows).
const MAX_ARGS: usize = 16;

/// What a route file offers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Handlers {
    /// In `METHODS` order, then `handler`.
    pub(crate) fns: Vec<HandlerFn>,
    /// Whether the file sets `pub const BODY_LIMIT: usize`.
    pub(crate) body_limit: bool,
}

impl Handlers {
    pub(crate) fn get(&self, name: &str) -> Option<&HandlerFn> {
        self.fns.iter().find(|f| f.name == name)
    }
}

/// One handler function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HandlerFn {
    /// `get`, …, or `handler`: the method it serves.
    pub(crate) name: String,
    /// Its arguments, in order.
    pub(crate) args: Vec<Arg>,
    /// Its `///` doc comment, one line of text a line (without the `///`
    /// and the one space after it): the summary and description of its
    /// OpenAPI operation (SPEC section 10).
    #[allow(dead_code, reason = "OpenAPI (SPEC section 10) reads it")]
    pub(crate) doc: String,
}

/// How one argument is bound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Arg {
    /// Named after a route param: parsed from it.
    Param {
        /// The identifier of the param in the generated code (`post_id`, `r#type`).
        field: String,
        /// The param's name as written in the file name (`hello-world`), for 400 messages.
        name: String,
        kind: Kind,
    },
    /// Any other argument: an axum extractor.
    Extractor,
}

/// Finds the handlers of one route file from its source.
///
/// `file` is api-relative; `segments` are its parsed path, whose params decide
/// which arguments are params.
pub(crate) fn inspect(
    file: &str,
    segments: &[Segment],
    source: &str,
) -> Result<Handlers, Vec<Problem>> {
    let file = &file.to_owned();
    let ast = parse(file, source)?;

    let mut problems = Vec::new();
    let problem = |span: Span, kind: ErrorKind, message: String, fix: String| {
        Problem::new(kind, vec![file.clone()], message, fix).at_line(line(span))
    };

    let mut found = Handlers::default();
    let mut other_pub_fns = Vec::new();
    for item in &ast.items {
        match item {
            Item::Fn(f) => {
                let name = f.sig.ident.unraw().to_string();
                if is_handler_name(&name) {
                    match handler(segments, f) {
                        Ok(h) => {
                            let bad = arguments::check(segments, f, &h);
                            if bad.is_empty() {
                                found.fns.push(h);
                            }
                            for (span, kind, message, fix) in bad {
                                problems.push(problem(span, kind, message, fix));
                            }
                        }
                        Err((span, message, fix)) => {
                            problems.push(problem(span, ErrorKind::BadHandler, message, fix))
                        }
                    }
                } else if let Some(right) = wrong_case(&name) {
                    problems.push(problem(
                        f.sig.ident.span(),
                        ErrorKind::BadHandler,
                        format!("`{name}` is not a handler name: handler names are lowercase"),
                        format!("rename `{name}` to `{right}`"),
                    ));
                } else if is_public(&f.vis) {
                    other_pub_fns.push(name);
                }
            }
            Item::Const(c) if c.ident == "BODY_LIMIT" => {
                let is_usize = matches!(&*c.ty, Type::Path(p) if p.qself.is_none() && p.path.is_ident("usize"));
                if !is_public(&c.vis) || !is_usize {
                    problems.push(problem(
                        c.span(),
                        ErrorKind::BadHandler,
                        "`BODY_LIMIT` must be `pub const BODY_LIMIT: usize` for apigen to apply it"
                            .to_owned(),
                        format!(
                            "write `pub const BODY_LIMIT: usize = {};`",
                            quote::ToTokens::to_token_stream(&c.expr)
                        ),
                    ));
                } else {
                    found.body_limit = true;
                }
            }
            Item::Use(u) if is_public(&u.vis) => {
                let mut names = Vec::new();
                used_names(&u.tree, &mut names);
                for name in names.into_iter().filter(|n| is_handler_name(n)) {
                    problems.push(problem(
                        u.span(),
                        ErrorKind::BadHandler,
                        format!("re-exports `{name}`, whose arguments apigen cannot see"),
                        format!("define `pub async fn {name}(...)` in this file and call the shared function from it"),
                    ));
                }
            }
            _ => {}
        }
    }

    if found.fns.is_empty() && problems.is_empty() {
        let add = "add `pub async fn get(...)` (or `post`, `put`, `patch`, `delete`, `head`, `options`), or `pub async fn handler(...)` to serve every method";
        let (seen, fix) = match other_pub_fns.first() {
            None => (String::new(), add.to_owned()),
            // Public functions but no handler: most likely a helper module
            // that was put among the routes.
            Some(helper) => (
                format!(
                    " (it has `pub fn {}`): rename the one that serves requests, or, if this is a helper module, move it out of the api dir",
                    other_pub_fns.join("`, `pub fn ")
                ),
                format!(
                    "{add}; helper code belongs outside the api dir, where every `.rs` file is a route: e.g. in `src/helpers.rs`, declared by `mod helpers;` in `main.rs` or `lib.rs` and called as `crate::helpers::{helper}`"
                ),
            ),
        };
        problems.push(Problem::new(
            ErrorKind::NoHandler,
            vec![file.clone()],
            format!("has no handler function{seen}"),
            fix,
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    found.fns.sort_by_key(|f| {
        METHODS
            .iter()
            .position(|m| *m == f.name)
            .unwrap_or(METHODS.len())
    });
    Ok(found)
}

/// The file as Rust, or its parse error.
fn parse(file: &str, source: &str) -> Result<syn::File, Vec<Problem>> {
    syn::parse_file(source).map_err(|err| {
        vec![
            Problem::new(
                ErrorKind::ParseError,
                vec![file.to_owned()],
                format!("does not parse as Rust: {err}"),
                "fix the syntax error (rustc will show more once it parses)",
            )
            .at_line(line(err.span())),
        ]
    })
}

/// What a `_middleware.rs` file defines (SPEC section 8).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Exports {
    /// `pub async fn middleware(<extractors…>, req: Request, next: Next)`.
    pub(crate) middleware: bool,
    /// `pub fn layer() -> L`.
    pub(crate) layer: bool,
}

/// The signature a `middleware` function has, for messages.
const MIDDLEWARE_SHAPE: &str = "pub async fn middleware(req: Request, next: Next) -> Response";

/// Most arguments a `middleware` may take: axum's `from_fn` takes up to 16
/// extractors, the request included, then `Next`.
const MAX_MIDDLEWARE_ARGS: usize = 17;

/// Finds what one `_middleware.rs` file exports, checking each export's
/// shape. `file` is api-relative.
pub(crate) fn inspect_middleware(file: &str, source: &str) -> Result<Exports, Vec<Problem>> {
    let ast = parse(file, source)?;
    let mut problems = Vec::new();
    let mut problem = |span: Span, message: String, fix: String| {
        problems.push(
            Problem::new(
                ErrorKind::BadMiddleware,
                vec![file.to_owned()],
                message,
                fix,
            )
            .at_line(line(span)),
        );
    };
    let mut found = Exports::default();
    let mut other_pub_fns = Vec::new();
    for item in &ast.items {
        match item {
            Item::Fn(f) => {
                let name = f.sig.ident.unraw().to_string();
                let checked = match name.as_str() {
                    "middleware" => middleware_fn(f).map(|()| found.middleware = true),
                    "layer" => layer_fn(f).map(|()| found.layer = true),
                    _ => {
                        let lower = name.to_ascii_lowercase();
                        if matches!(lower.as_str(), "middleware" | "layer") {
                            problem(
                                f.sig.ident.span(),
                                format!(
                                    "`{name}` is not an export apigen applies: the names are lowercase"
                                ),
                                format!("rename `{name}` to `{lower}`"),
                            );
                        } else if is_public(&f.vis) {
                            other_pub_fns.push(name);
                        }
                        Ok(())
                    }
                };
                if let Err((span, message, fix)) = checked {
                    problem(span, message, fix);
                }
            }
            // A re-export is taken as it is: rustc checks it at the call.
            Item::Use(u) if is_public(&u.vis) => {
                let mut names = Vec::new();
                used_names(&u.tree, &mut names);
                found.middleware |= names.iter().any(|n| n == "middleware");
                found.layer |= names.iter().any(|n| n == "layer");
            }
            _ => {}
        }
    }
    if !found.middleware && !found.layer && problems.is_empty() {
        let seen = if other_pub_fns.is_empty() {
            String::new()
        } else {
            format!(" (it has `pub fn {}`)", other_pub_fns.join("`, `pub fn "))
        };
        problems.push(Problem::new(
            ErrorKind::BadMiddleware,
            vec![file.to_owned()],
            format!("defines neither `middleware` nor `layer`, so it would guard nothing{seen}"),
            format!("add `{MIDDLEWARE_SHAPE}` (call `next.run(req).await` to go on), or `pub fn layer()` returning a tower layer; or delete the file"),
        ));
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

/// Checks a middleware file's `middleware`: a plain `pub async fn` ending
/// in `(…, req: Request, next: Next)`, as axum's `from_fn` calls it.
fn middleware_fn(f: &syn::ItemFn) -> Result<(), Bad> {
    let sig = &f.sig;
    let span = sig.ident.span();
    let bad = |what: &str, fix: String| Err((span, format!("`middleware` {what}"), fix));
    let shape = || format!("write `{MIDDLEWARE_SHAPE}`");
    if !is_public(&f.vis) {
        return bad(
            "is not `pub`, so the router cannot call it",
            "write `pub async fn middleware(...)`".to_owned(),
        );
    }
    if sig.asyncness.is_none() {
        return bad(
            "is not `async`: axum's `from_fn` awaits it",
            "write `pub async fn middleware(...)`".to_owned(),
        );
    }
    if sig.constness.is_some() || !matches!(sig.safety, syn::Safety::Default) || sig.abi.is_some() {
        return bad("is `const`, `unsafe` or `extern`", shape());
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        return bad(
            "is generic, so apigen cannot know which types to call it with",
            "give every argument a concrete type and remove the generic parameters".to_owned(),
        );
    }
    if sig.variadic.is_some() {
        return bad("is variadic", "remove the `...` argument".to_owned());
    }
    if sig.inputs.len() > MAX_MIDDLEWARE_ARGS {
        return bad(
            &format!(
                "takes {} arguments, more than the {MAX_MIDDLEWARE_ARGS} axum's `from_fn` allows",
                sig.inputs.len()
            ),
            "group extractors into a tuple or a struct that implements `FromRequestParts`"
                .to_owned(),
        );
    }
    let mut args: Vec<(&syn::PatType, Role)> = Vec::new();
    for input in &sig.inputs {
        match input {
            FnArg::Typed(typed) => {
                if let Type::ImplTrait(_) = &*typed.ty {
                    return Err((
                        typed.ty.span(),
                        "`middleware` has an `impl Trait` argument, whose type apigen cannot pick"
                            .to_owned(),
                        "give the argument a concrete type".to_owned(),
                    ));
                }
                args.push((typed, Role::of(&typed.ty)));
            }
            FnArg::Receiver(r) => {
                return Err((
                    r.span(),
                    "`middleware` takes `self`".to_owned(),
                    "remove the `self` argument".to_owned(),
                ));
            }
        }
    }
    let roles: Vec<Role> = args.iter().map(|(_, role)| *role).collect();
    if let [.., Role::Request, Role::Next] = roles.as_slice() {
        return Ok(());
    }
    // The right signature: the extractors in their order, then the request
    // (the file's own argument if it has one), then `next`.
    // As the file spells it, where the source is at hand.
    let text = |typed: &syn::PatType| {
        typed
            .span()
            .source_text()
            .unwrap_or_else(|| quote::ToTokens::to_token_stream(typed).to_string())
    };
    let pick = |wanted: Role, default: &str| {
        args.iter()
            .find(|(_, role)| *role == wanted)
            .map_or(default.to_owned(), |(typed, _)| text(typed))
    };
    let mut right: Vec<String> = args
        .iter()
        .filter(|(_, role)| *role == Role::Extractor)
        .map(|(typed, _)| text(typed))
        .collect();
    right.push(pick(Role::Request, "req: Request"));
    right.push(pick(Role::Next, "next: Next"));
    let fix = format!("write `pub async fn middleware({})`", right.join(", "));
    let what = match (roles.contains(&Role::Request), roles.contains(&Role::Next)) {
        (true, true) => {
            "must end in `req: Request, next: Next`, in that order: axum's `from_fn` passes the extractors, then the request, then `next`"
        }
        (false, true) => {
            "has no `req: Request` argument just before `next: Next`: axum's `from_fn` passes the request there"
        }
        _ => "does not end in `next: Next`, so it cannot run the route below it",
    };
    bad(what, fix)
}

/// What an argument of a `middleware` is, by the last segment of its type
/// path (`Request` for `axum::extract::Request` and `Request<Body>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Request,
    Next,
    Extractor,
}

impl Role {
    fn of(ty: &Type) -> Role {
        let last = match ty {
            Type::Path(path) => path.path.segments.last(),
            _ => None,
        };
        match last {
            Some(segment) if segment.ident == "Request" => Role::Request,
            Some(segment) if segment.ident == "Next" => Role::Next,
            _ => Role::Extractor,
        }
    }
}

/// Checks a middleware file's `layer`: a plain `pub fn` of no arguments.
fn layer_fn(f: &syn::ItemFn) -> Result<(), Bad> {
    let sig = &f.sig;
    let span = sig.ident.span();
    let bad = |what: &str| {
        Err((
            span,
            format!("`layer` {what}"),
            "write `pub fn layer() -> L` returning the layer (e.g. `TimeoutLayer::new(..)`); apigen calls it once".to_owned(),
        ))
    };
    if !is_public(&f.vis) {
        return bad("is not `pub`, so the router cannot call it");
    }
    if sig.asyncness.is_some() {
        return bad("is `async`: it must give the layer itself, not a future");
    }
    if !matches!(sig.safety, syn::Safety::Default) || sig.abi.is_some() {
        return bad("is `unsafe` or `extern`");
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        return bad("is generic, so apigen cannot know which layer to build");
    }
    if !sig.inputs.is_empty() || sig.variadic.is_some() {
        return bad("takes arguments, but apigen calls it with none");
    }
    if matches!(sig.output, syn::ReturnType::Default) {
        return bad("returns nothing");
    }
    Ok(())
}

fn is_handler_name(name: &str) -> bool {
    name == ANY || METHODS.contains(&name)
}

/// `GET` or `Get` → `get`; `Handler` → `handler`.
fn wrong_case(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    (lower != name && is_handler_name(&lower)).then_some(lower)
}

fn is_public(vis: &Visibility) -> bool {
    match vis {
        Visibility::Public(_) => true,
        // `pub(crate)` and `pub(super)` reach the generated caller, one module up.
        Visibility::Restricted(r) => {
            r.in_token.is_none() && (r.path.is_ident("crate") || r.path.is_ident("super"))
        }
        Visibility::Inherited => false,
    }
}

type Bad = (Span, String, String);

/// Checks one handler-named function and classifies its arguments.
fn handler(segments: &[Segment], f: &syn::ItemFn) -> Result<HandlerFn, Bad> {
    let params = || segments.iter().filter(|s| s.is_param());
    let name = f.sig.ident.unraw().to_string();
    let sig = &f.sig;
    let shape = |what: &str| {
        (
            sig.ident.span(),
            format!("the handler `{name}` {what}"),
            String::new(),
        )
    };
    let fix = |mut bad: Bad, fix: String| {
        bad.2 = fix;
        bad
    };
    if !is_public(&f.vis) {
        return Err(fix(
            shape("is not `pub`, so the router cannot call it"),
            format!("write `pub async fn {name}(...)`"),
        ));
    }
    if sig.asyncness.is_none() {
        return Err(fix(
            shape("is not `async`"),
            format!("write `pub async fn {name}(...)`"),
        ));
    }
    if sig.constness.is_some() || !matches!(sig.safety, syn::Safety::Default) || sig.abi.is_some() {
        return Err(fix(
            shape("is `const`, `unsafe` or `extern`"),
            format!("write a plain `pub async fn {name}(...)`"),
        ));
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        return Err(fix(
            shape("is generic, so apigen cannot know which types to call it with"),
            "give every argument a concrete type and remove the generic parameters".to_owned(),
        ));
    }
    if sig.variadic.is_some() {
        return Err(fix(
            shape("is variadic"),
            "remove the `...` argument".to_owned(),
        ));
    }
    if sig.inputs.len() > MAX_ARGS {
        return Err(fix(
            shape(&format!(
                "takes {} arguments, more than the {MAX_ARGS} axum allows",
                sig.inputs.len()
            )),
            "group extractors into a tuple or a struct that implements `FromRequestParts`"
                .to_owned(),
        ));
    }
    let mut args = Vec::with_capacity(sig.inputs.len());
    for input in &sig.inputs {
        let typed = match input {
            FnArg::Typed(typed) => typed,
            FnArg::Receiver(r) => {
                return Err((
                    r.span(),
                    format!("the handler `{name}` takes `self`"),
                    "remove the `self` argument".to_owned(),
                ));
            }
        };
        if let Type::ImplTrait(_) = &*typed.ty {
            return Err((
                typed.ty.span(),
                format!(
                    "the handler `{name}` has an `impl Trait` argument, whose type apigen cannot pick"
                ),
                "give the argument a concrete type".to_owned(),
            ));
        }
        let bound = match &*typed.pat {
            Pat::Ident(p) if p.subpat.is_none() => {
                let arg = p.ident.unraw().to_string();
                // The exact mapping first (`postId`), then the snake_case alias (`post_id`).
                params()
                    .find(|s| crate::ident::unraw(&s.key) == arg)
                    .or_else(|| params().find(|s| crate::ident::unraw(&s.field) == arg))
            }
            _ => None,
        };
        match bound {
            Some(segment) => args.push(Arg::Param {
                field: segment.field.clone(),
                name: segment.name.clone(),
                kind: segment.kind,
            }),
            None => {
                if let Some(path_param) = axum_path(&typed.ty) {
                    let names: Vec<String> = params()
                        .map(|s| crate::ident::unraw(&s.key).to_owned())
                        .collect();
                    let hint = match names.first() {
                        Some(first) => format!(
                            "name an argument after the param instead, e.g. `{first}: {path_param}`"
                        ),
                        None => "this route has no params; remove the argument".to_owned(),
                    };
                    return Err((
                        typed.ty.span(),
                        format!(
                            "the handler `{name}` uses axum's `Path` extractor, which does not see apigen's params"
                        ),
                        hint,
                    ));
                }
                args.push(Arg::Extractor);
            }
        }
    }
    Ok(HandlerFn {
        name,
        args,
        doc: doc_comment(&f.attrs),
    })
}

/// The text of `///` comments (and `#[doc = "..."]` attributes), joined
/// by newlines, without the one space that follows `///`.
fn doc_comment(attrs: &[syn::Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                value:
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }),
                ..
            }) => Some(text.value()),
            _ => None,
        })
        .collect();
    lines
        .iter()
        .flat_map(|text| text.split('\n'))
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The type inside `Path<T>`, when an argument uses axum's `Path` extractor.
fn axum_path(ty: &Type) -> Option<String> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    match &last.arguments {
        syn::PathArguments::AngleBracketed(args) if last.ident == "Path" => {
            Some(quote::ToTokens::to_token_stream(&args.args).to_string())
        }
        _ => None,
    }
}

/// The names a `use` tree brings into scope.
fn used_names(tree: &UseTree, out: &mut Vec<String>) {
    match tree {
        UseTree::Path(p) => used_names(&p.tree, out),
        UseTree::Name(n) => out.push(n.ident.unraw().to_string()),
        UseTree::Rename(r) => out.push(r.rename.unraw().to_string()),
        UseTree::Glob(_) => {}
        UseTree::Group(g) => g.items.iter().for_each(|t| used_names(t, out)),
    }
}

fn line(span: Span) -> usize {
    span.start().line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::name::parse_route;

    fn ok(file: &str, source: &str) -> Handlers {
        inspect(file, &parse_route(file).unwrap(), source).unwrap_or_else(|e| panic!("{e:#?}"))
    }

    fn err(file: &str, source: &str) -> Problem {
        let mut problems = inspect(file, &parse_route(file).unwrap(), source).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        problems.remove(0)
    }

    #[test]
    fn finds_method_handlers_in_allow_order() {
        let h = ok(
            "a.rs",
            "pub async fn post() {}\npub async fn get() {}\npub async fn handler() {}\nfn helper() {}",
        );
        let names: Vec<&str> = h.fns.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["get", "post", "handler"]);
        assert!(!h.body_limit);
    }

    #[test]
    fn keeps_each_handlers_doc_comment() {
        let h = ok(
            "a.rs",
            "/// Lists the posts.\n///\n/// Newest first.\npub async fn get() {}\n#[doc = \"Makes one.\"]\npub async fn post() {}\npub async fn put() {}",
        );
        let docs: Vec<&str> = h.fns.iter().map(|f| f.doc.as_str()).collect();
        assert_eq!(
            docs,
            ["Lists the posts.\n\nNewest first.", "Makes one.", ""]
        );
    }

    #[test]
    fn classifies_arguments_by_name() {
        let h = ok(
            "blog/[hello-world]/[...rest].rs",
            "pub async fn get(hello_world: u64, Query(q): Query<Q>, rest: Vec<String>, body: String) {}",
        );
        let args = &h.fns[0].args;
        assert_eq!(
            args[0],
            Arg::Param {
                field: "hello_world".into(),
                name: "hello-world".into(),
                kind: Kind::Dynamic
            }
        );
        assert_eq!(args[1], Arg::Extractor);
        assert_eq!(
            args[2],
            Arg::Param {
                field: "rest".into(),
                name: "rest".into(),
                kind: Kind::CatchAll
            }
        );
        assert_eq!(args[3], Arg::Extractor);
    }

    #[test]
    fn keyword_params_bind_raw_arguments() {
        let h = ok("[type].rs", "pub async fn get(r#type: String) {}");
        assert_eq!(
            h.fns[0].args[0],
            Arg::Param {
                field: "r#type".into(),
                name: "type".into(),
                kind: Kind::Dynamic
            }
        );
    }

    #[test]
    fn camel_case_params_bind_exactly_or_in_snake_case() {
        let exact = ok("[postId].rs", "pub async fn get(postId: u64) {}");
        let snake = ok("[postId].rs", "pub async fn get(post_id: u64) {}");
        assert_eq!(exact, snake);
        assert_eq!(
            exact.fns[0].args[0],
            Arg::Param {
                field: "post_id".into(),
                name: "postId".into(),
                kind: Kind::Dynamic
            }
        );
        // Any other spelling binds nothing: with a type no extractor has,
        // that is a mistake.
        let p = err("[postId].rs", "pub async fn get(postid: u64) {}");
        assert_eq!(p.kind(), ErrorKind::UnboundParam);
        assert_eq!(p.fix(), "rename `postid` to `post_id`");
    }

    fn problems(file: &str, source: &str) -> Vec<Problem> {
        match inspect(file, &parse_route(file).unwrap(), source) {
            Ok(_) => Vec::new(),
            Err(problems) => problems,
        }
    }

    #[test]
    fn a_string_named_like_a_param_is_a_typo() {
        let p = err(
            "post/[pid].rs",
            "\npub async fn get(id: String) -> String {\n    id\n}\n",
        );
        assert_eq!(p.kind(), ErrorKind::UnboundParam);
        assert_eq!(p.line(), Some(2));
        assert!(p.message().contains("`id: String`"), "{}", p.message());
        assert!(p.message().contains("`[pid]`"), "{}", p.message());
        assert!(p.fix().starts_with("rename `id` to `pid`"), "{}", p.fix());
        for (file, source, fix) in [
            (
                "[postId].rs",
                "pub async fn get(id: String) {}",
                "`id` to `post_id`",
            ),
            (
                "[slug].rs",
                "pub async fn get(slugs: String) {}",
                "`slugs` to `slug`",
            ),
            (
                "users/[id].rs",
                "pub async fn get(user_id: String) {}",
                "`user_id` to `id`",
            ),
            (
                "[type].rs",
                "pub async fn get(typ: String) {}",
                "`typ` to `r#type`",
            ),
            (
                "[a]/[bc].rs",
                "pub async fn get(a: String, bd: String) {}",
                "`bd` to `bc`",
            ),
        ] {
            let p = err(file, source);
            assert_eq!(p.kind(), ErrorKind::UnboundParam, "{source}");
            assert!(p.fix().contains(fix), "{source}: {}", p.fix());
        }
    }

    #[test]
    fn a_string_named_unlike_the_params_reads_the_body() {
        for (file, source) in [
            (
                "post/[pid].rs",
                "pub async fn post(pid: u64, body: String) {}",
            ),
            // `pid` is bound already: `id` is the body.
            (
                "post/[pid].rs",
                "pub async fn post(pid: u64, id: String) {}",
            ),
            (
                "[postId].rs",
                "pub async fn post(post_id: u64, post: String) {}",
            ),
            ("a.rs", "pub async fn post(id: String) {}"),
            ("[slug].rs", "pub async fn post(text: String) {}"),
            // A param's `String` may come anywhere.
            (
                "[id].rs",
                "pub async fn post(id: String, m: Method, b: Bytes) {}",
            ),
        ] {
            let h = ok(file, source);
            assert!(h.fns[0].args.contains(&Arg::Extractor), "{source}");
        }
    }

    #[test]
    fn a_type_no_extractor_has_must_name_a_param() {
        let p = err("hello.rs", "pub async fn get(id: u64) {}");
        assert_eq!(p.kind(), ErrorKind::UnboundParam);
        assert!(
            p.message().contains("the route has none"),
            "{}",
            p.message()
        );
        assert!(p.message().contains("a `u64` cannot be"), "{}", p.message());
        assert!(p.fix().contains("`[id].rs`"), "{}", p.fix());
        // Not named like any param: every free one is offered.
        let p = err("[a]/[b].rs", "pub async fn get(x: u64) {}");
        assert!(p.fix().contains("`a` or `b`"), "{}", p.fix());
        let p = err("[a]/[b].rs", "pub async fn get(a: u64, x: &str) {}");
        assert_eq!(p.fix(), "rename `x` to `b`");
        let p = err("[id].rs", "pub async fn get(id: u64, n: Uuid) {}");
        assert!(p.fix().contains("bound by another argument"), "{}", p.fix());
        for ty in [
            "Vec<String>",
            "Option<Vec<String>>",
            "bool",
            "&'static str",
            "f64",
        ] {
            let source = format!("pub async fn get(rest: {ty}) {{}}");
            let p = err("[...slug].rs", &source);
            assert_eq!(p.kind(), ErrorKind::UnboundParam, "{ty}");
            assert_eq!(p.fix(), "rename `rest` to `slug`", "{ty}");
        }
        // Extractors of every shape stay extractors.
        let h = ok(
            "[id].rs",
            "pub async fn get(id: u64, q: Query<Vec<u64>>, m: Option<TypedHeader<Host>>, (a, b): (Method, Uri), s: State<u64>) {}",
        );
        assert!(h.fns[0].args[1..].iter().all(|a| *a == Arg::Extractor));
        assert_eq!(h.fns[0].args.len(), 5);
    }

    #[test]
    fn body_extractors_come_last() {
        let p = err(
            "notes.rs",
            "pub async fn post(\n    Json(note): Json<Note>,\n    headers: HeaderMap,\n) {}",
        );
        assert_eq!(p.kind(), ErrorKind::BodyExtractorNotLast);
        assert_eq!(p.line(), Some(2));
        assert!(
            p.message().contains("`Json(note): Json<Note>`")
                && p.message().contains("`headers: HeaderMap` comes after it"),
            "{}",
            p.message()
        );
        assert!(
            p.fix()
                .starts_with("move `Json(note): Json<Note>` to the end"),
            "{}",
            p.fix()
        );
        for arg in [
            "body: String",
            "b: Bytes",
            "b: axum::body::Body",
            "r: Request",
            "f: Form<F>",
            "m: Multipart",
            "r: RawForm",
            "j: Option<Json<V>>",
            "j: Result<Json<V>, JsonRejection>",
        ] {
            let source = format!("pub async fn post({arg}, m: Method) {{}}");
            assert_eq!(
                err("a.rs", &source).kind(),
                ErrorKind::BodyExtractorNotLast,
                "{arg}"
            );
        }
        // Every such argument is reported, and a typo only as a typo.
        let found = problems(
            "[pid].rs",
            "pub async fn post(id: String, Json(a): Json<A>, b: Bytes, m: Method) {}",
        );
        let kinds: Vec<ErrorKind> = found.iter().map(Problem::kind).collect();
        assert_eq!(
            kinds,
            [
                ErrorKind::UnboundParam,
                ErrorKind::BodyExtractorNotLast,
                ErrorKind::BodyExtractorNotLast
            ]
        );
        assert!(
            found[1]
                .message()
                .contains("`b: Bytes`, `m: Method` come after it"),
            "{}",
            found[1].message()
        );
    }

    #[test]
    fn body_limit_const() {
        assert!(
            ok(
                "a.rs",
                "pub const BODY_LIMIT: usize = 10;\npub async fn post() {}"
            )
            .body_limit
        );
        let p = err(
            "a.rs",
            "const BODY_LIMIT: usize = 10;\npub async fn post() {}",
        );
        assert_eq!(p.kind(), ErrorKind::BadHandler);
        assert!(
            p.fix().contains("pub const BODY_LIMIT: usize = 10;"),
            "{}",
            p.fix()
        );
        assert_eq!(
            err(
                "a.rs",
                "pub const BODY_LIMIT: u32 = 10;\npub async fn post() {}"
            )
            .line(),
            Some(1)
        );
    }

    #[test]
    fn wrong_case_suggests_lowercase() {
        let p = err("a.rs", "\npub async fn GET() -> &'static str { \"x\" }\n");
        assert_eq!(p.kind(), ErrorKind::BadHandler);
        assert_eq!(p.line(), Some(2));
        assert!(p.fix().contains("`get`"), "{}", p.fix());
        assert!(err("a.rs", "pub async fn Get() {}").fix().contains("`get`"));
        assert!(
            err("a.rs", "pub async fn Handler() {}")
                .fix()
                .contains("`handler`")
        );
    }

    #[test]
    fn handler_shape_errors() {
        for (source, needle) in [
            ("async fn get() {}", "not `pub`"),
            ("pub fn get() {}", "not `async`"),
            ("pub async unsafe fn get() {}", "`unsafe`"),
            ("pub async fn get<T>(x: T) {}", "generic"),
            ("pub async fn get(x: impl Into<String>) {}", "impl Trait"),
            ("pub use crate::shared::get;", "re-exports `get`"),
            (
                "pub use crate::shared::serve as handler;",
                "re-exports `handler`",
            ),
            ("pub async fn get(Path(id): Path<u64>) {}", "`Path`"),
        ] {
            let p = err("[id].rs", source);
            assert_eq!(p.kind(), ErrorKind::BadHandler, "{source}");
            assert!(p.message().contains(needle), "{source}: {}", p.message());
            assert!(!p.fix().is_empty(), "{source}");
        }
        let p = err("[id].rs", "pub async fn get(Path(id): Path<u64>) {}");
        assert!(p.fix().contains("`id: u64`"), "{}", p.fix());
    }

    #[test]
    fn restricted_visibility_is_enough() {
        assert_eq!(ok("a.rs", "pub(crate) async fn get() {}").fns.len(), 1);
        assert_eq!(ok("a.rs", "pub(super) async fn get() {}").fns.len(), 1);
        assert_eq!(
            err("a.rs", "pub(self) async fn get() {}").kind(),
            ErrorKind::BadHandler
        );
    }

    #[test]
    fn no_handler() {
        let p = err("a.rs", "pub fn helper() -> u8 { 1 }\n");
        assert_eq!(p.kind(), ErrorKind::NoHandler);
        assert!(p.message().contains("pub fn helper"), "{}", p.message());
        // A helper module put in the api dir: say where helpers belong.
        assert!(p.message().contains("helper module"), "{}", p.message());
        assert!(p.fix().contains("outside the api dir"), "{}", p.fix());
        assert!(p.fix().contains("`crate::"), "{}", p.fix());
        let empty = err("a.rs", "");
        assert_eq!(empty.kind(), ErrorKind::NoHandler);
        assert!(!empty.message().contains("helper"), "{}", empty.message());
    }

    #[test]
    fn parse_errors_carry_a_line() {
        let p = err("a.rs", "pub async fn get() {}\n\nfn broken( {\n");
        assert_eq!(p.kind(), ErrorKind::ParseError);
        assert!(p.line().is_some_and(|l| l >= 3), "{:?}", p.line());
    }

    #[test]
    fn module_docs_and_inner_attributes_are_the_file_s_own() {
        // A route file is a module of its own file (`#[path]`), where both
        // are allowed.
        let h = ok(
            "a.rs",
            "//! Docs\n#![forbid(unsafe_code)]\n\npub async fn get() {}",
        );
        assert_eq!(h.fns.len(), 1);
    }

    fn middleware_ok(source: &str) -> Exports {
        inspect_middleware("_middleware.rs", source).unwrap_or_else(|e| panic!("{e:#?}"))
    }

    fn middleware_err(source: &str) -> Problem {
        let mut problems = inspect_middleware("admin/_middleware.rs", source).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].kind(), ErrorKind::BadMiddleware);
        assert_eq!(problems[0].files(), ["admin/_middleware.rs"]);
        problems.remove(0)
    }

    #[test]
    fn middleware_files_export_middleware_and_or_layer() {
        let both = middleware_ok(
            "pub async fn middleware(State(s): State<S>, h: HeaderMap, req: Request, next: Next) -> Response { next.run(req).await }\npub fn layer() -> TimeoutLayer { todo!() }\nfn helper() {}",
        );
        assert_eq!(
            both,
            Exports {
                middleware: true,
                layer: true
            }
        );
        let only = middleware_ok(
            "pub(crate) async fn middleware(_req: axum::extract::Request<Body>, n: axum::middleware::Next) {}",
        );
        assert_eq!((only.middleware, only.layer), (true, false));
        let layer = middleware_ok("pub fn layer() -> impl Clone { () }");
        assert_eq!((layer.middleware, layer.layer), (false, true));
        let reexported = middleware_ok("pub use crate::auth::middleware;");
        assert!(reexported.middleware);
    }

    #[test]
    fn middleware_shape_errors_name_the_fix() {
        for (source, message, fix) in [
            (
                "pub fn helper() {}",
                "neither `middleware` nor `layer`",
                "pub async fn middleware(req: Request, next: Next)",
            ),
            ("", "neither", "pub fn layer()"),
            (
                "async fn middleware(req: Request, next: Next) {}",
                "not `pub`",
                "pub async fn middleware",
            ),
            (
                "pub fn middleware(req: Request, next: Next) {}",
                "not `async`",
                "pub async fn middleware",
            ),
            (
                "pub async fn middleware<B>(req: Request<B>, next: Next) {}",
                "generic",
                "concrete type",
            ),
            (
                "pub async fn middleware(next: Next, State(s): State<S>, req: Request) {}",
                "in that order",
                "pub async fn middleware(State(s): State<S>, req: Request, next: Next)",
            ),
            (
                "pub async fn middleware(h: HeaderMap, next: Next) {}",
                "no `req: Request`",
                "(h: HeaderMap, req: Request, next: Next)",
            ),
            (
                "pub async fn middleware(req: Request) {}",
                "does not end in `next: Next`",
                "(req: Request, next: Next)",
            ),
            (
                "pub async fn middleware(x: impl Send, req: Request, next: Next) {}",
                "`impl Trait`",
                "concrete type",
            ),
            (
                "pub async fn Middleware(req: Request, next: Next) {}",
                "lowercase",
                "rename `Middleware` to `middleware`",
            ),
            (
                "fn layer() -> L { todo!() }",
                "`layer` is not `pub`",
                "pub fn layer() -> L",
            ),
            (
                "pub async fn layer() -> L { todo!() }",
                "`async`",
                "pub fn layer() -> L",
            ),
            (
                "pub fn layer(x: u8) -> L { todo!() }",
                "takes arguments",
                "pub fn layer() -> L",
            ),
            (
                "pub fn layer() {}",
                "returns nothing",
                "pub fn layer() -> L",
            ),
        ] {
            let p = middleware_err(source);
            assert!(p.message().contains(message), "{source}: {}", p.message());
            assert!(p.fix().contains(fix), "{source}: {}", p.fix());
        }
        let p = middleware_err("\n\npub fn middleware(req: Request, next: Next) {}");
        assert_eq!(p.line(), Some(3));
        let parse = inspect_middleware("_middleware.rs", "pub fn (").unwrap_err();
        assert_eq!(parse[0].kind(), ErrorKind::ParseError);
    }
}
