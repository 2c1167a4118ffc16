//! The framework-free part of the output: `enum Route`, its matcher and
//! accessors, `resolve`, and the route manifest and typed paths.
//!
//! `Route::recognize` is emitted by [`recognize`]; `ROUTES`, `Route::info`
//! and `href` by [`manifest`].

mod manifest;
mod recognize;

use proc_macro2::Literal;

use super::writer::{ARRAY_WIDTH, Writer};
use super::{Plan, local_binding};
use crate::TrailingSlash;
use crate::name::Kind;

pub(super) fn emit(plan: &Plan, w: &mut Writer) {
    w.doc("The types every generated file shares (apigen's `templates/core.rs`).");
    w.line("#[allow(unused_imports)]");
    w.block("pub use __apigen::{", "};", |w| {
        w.line("DecodeError, HrefError, Param, ParamInfo, ParamKind, Resolution, RouteInfo, Segments, decode,")
    });
    w.blank();

    route_enum(plan, w);
    w.blank();

    w.line("#[allow(dead_code)]");
    w.block("impl<'a> Route<'a> {", "}", |w| {
        recognize::recognize(plan, w);
        w.blank();
        accessors(plan, w);
    });
    w.blank();

    let slash = match plan.trailing_slash {
        TrailingSlash::Redirect => "Redirect",
        TrailingSlash::Ignore => "Ignore",
        TrailingSlash::Strict => "Strict",
    };
    w.doc(&format!(
        "Resolves a request path (without its query): the route, or a 308 target for a path that is not normal, or 404. Trailing slashes: `{slash}`."
    ));
    w.line("#[allow(dead_code)]");
    w.block(
        "pub fn resolve(path: &str) -> __apigen::Resolution<Route<'_>> {",
        "}",
        |w| {
            w.line(format_args!(
                "__apigen::resolve(path, __apigen::TrailingSlash::{slash}, Route::recognize)"
            ))
        },
    );
    w.blank();

    manifest::routes(plan, w);
    w.blank();
    manifest::href(plan, w);
    w.blank();
}

fn route_enum(plan: &Plan, w: &mut Writer) {
    w.doc(&format!(
        "A route of `{}`, as [`Route::recognize`] finds it in a request path. Variants are listed in the order a request tries them.",
        plan.api_shown
    ));
    w.line("#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]");
    w.line("#[allow(dead_code, clippy::enum_variant_names)]");
    w.block("pub enum Route<'a> {", "}", |w| {
        for route in plan.tree.ordered() {
            w.doc(&format!("`{}`: `{}`", route.file, route.pattern));
            if route.params().next().is_none() {
                w.line(format_args!("{},", route.variant));
                continue;
            }
            w.block(format_args!("{} {{", route.variant), "},", |w| {
                for segment in route.params() {
                    let (ty, what) = match segment.kind {
                        Kind::Dynamic => ("&'a str", "segment"),
                        Kind::CatchAll => ("Segments<'a>", "segments"),
                        _ => ("Option<Segments<'a>>", "segments, if any"),
                    };
                    w.doc(&format!(
                        "The `{}` {what}, still percent-encoded.",
                        segment.pattern()
                    ));
                    w.line(format_args!("{}: {ty},", segment.field));
                }
            });
        }
        // Without any param, `'a` would be unused: an uninhabited variant holds it.
        if !has_params(plan) {
            w.line("#[doc(hidden)]");
            w.line("__Unused(::core::convert::Infallible, ::core::marker::PhantomData<&'a str>),");
        }
    });
}

fn has_params(plan: &Plan) -> bool {
    plan.tree.routes.iter().any(|r| r.params().next().is_some())
}

/// The match arm of the phantom variant, where there is one.
pub(super) fn phantom_arm(plan: &Plan, w: &mut Writer) {
    if !has_params(plan) {
        w.line("Route::__Unused(never, _) => match never {},");
    }
}

fn accessors(plan: &Plan, w: &mut Writer) {
    manifest::info(plan, w);
    w.blank();
    manifest::info_for_path(w);
    w.blank();
    w.doc(
        "The route's pattern, prefix included (`/api/post/[pid]`): a stable\nlabel for logs and metrics.",
    );
    w.block("pub const fn pattern(&self) -> &'static str {", "}", |w| {
        w.line("self.info().pattern")
    });
    w.blank();
    w.doc("The route's file, relative to the api dir (`post/[pid].rs`).");
    w.block("pub const fn file(&self) -> &'static str {", "}", |w| {
        w.line("self.info().file")
    });
    w.blank();

    w.doc(
        "The route's params in path order, by the names the file uses,\nstill percent-encoded. An absent optional catch-all is left out.",
    );
    let head = "pub fn params(&self) -> Vec<(&'static str, __apigen::Param<'a>)> {";
    w.block(head, "}", |w| {
        w.block("match *self {", "}", |w| params_arms(plan, w))
    });
}

/// The arms of `params()`, one per route.
fn params_arms(plan: &Plan, w: &mut Writer) {
    for route in plan.tree.ordered() {
        let binding = local_binding(route);
        let optional = route.params().any(|s| s.kind == Kind::OptionalCatchAll);
        let items: Vec<String> = route
            .params()
            .map(|s| {
                let (field, name) = (&s.local, Literal::string(&s.name));
                let item = match s.kind {
                    Kind::Dynamic => format!("({name}, __apigen::Param::One({field}))"),
                    Kind::CatchAll => format!("({name}, __apigen::Param::Many({field}))"),
                    _ => return format!("{field}.map(|v| ({name}, __apigen::Param::Many(v)))"),
                };
                if optional {
                    format!("Some({item})")
                } else {
                    item
                }
            })
            .collect();
        // Like rustfmt: a list longer than `ARRAY_WIDTH` gets one item a line.
        let inline = items.join(", ");
        let short = inline.chars().count() <= ARRAY_WIDTH;
        if !optional {
            let value = format!("vec![{inline}]");
            if short && w.fits_nested(&value) {
                w.arm(&binding, &value);
            } else {
                w.list(&format!("{binding} => vec!["), &items, "],");
            }
            continue;
        }
        let one_line = format!("{binding} => [{inline}].into_iter().flatten().collect(),");
        if short && w.fits(&one_line) {
            w.line(one_line);
            continue;
        }
        w.block(format_args!("{binding} => ["), "]", |w| {
            for item in &items {
                w.line(format_args!("{item},"));
            }
        });
        w.line(".into_iter()");
        w.line(".flatten()");
        w.line(".collect(),");
    }
    phantom_arm(plan, w);
}
