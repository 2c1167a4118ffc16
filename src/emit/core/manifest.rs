//! The route manifest and typed paths (SPEC section 9): `ROUTES`,
//! `Route::info` and the `href` module.
//!
//! `ROUTES` lists the routes in precedence order, so the `n`th arm of
//! `info` and the `n`th function of `href` point at `ROUTES[n]`. Each
//! `href` function writes its route's pattern with the values filled in
//! (`templates/core.rs`: `Href`) and asks `Route::recognize` which route
//! the path reaches: the one statement of precedence decides whether an
//! earlier route would serve it instead, as it decides for a request.

use proc_macro2::Literal;

use super::super::writer::Writer;
use super::super::{Plan, allowed_methods};
use super::phantom_arm;
use crate::Target;
use crate::name::Kind;
use crate::tree::Route;

/// `pub static ROUTES`, one `RouteInfo` per route in precedence order. A
/// `static`, not a `const`: rustc copied a `const` slice into every
/// function naming it (`Route::info`, each `href`), which made a
/// 10,000-route crate take ten minutes to compile (a static: twenty
/// seconds). Constants can read statics (Rust 1.83), so `const` use stays.
pub(super) fn routes(plan: &Plan, w: &mut Writer) {
    w.doc(&format!(
        "Every route of `{}`, in the order a request tries them (the list at the top of this file): what [`Route::info`] gives, as static data.",
        plan.api_shown
    ));
    w.line("#[allow(dead_code)]");
    w.block("pub static ROUTES: &[RouteInfo] = &[", "];", |w| {
        for route in plan.tree.ordered() {
            w.block("RouteInfo {", "},", |w| route_info(plan, route, w));
        }
    });
}

/// The fields of one `RouteInfo`.
fn route_info(plan: &Plan, route: &Route, w: &mut Writer) {
    let string = |text: &str| Literal::string(text).to_string();
    w.line(format_args!("pattern: {},", string(&route.pattern)));
    w.line(format_args!("file: {},", string(&route.file)));
    let params: Vec<String> = route
        .params()
        .map(|segment| {
            let kind = match segment.kind {
                Kind::Dynamic => "One",
                Kind::CatchAll => "CatchAll",
                _ => "OptionalCatchAll",
            };
            format!(
                "ParamInfo {{ name: {}, kind: ParamKind::{kind} }}",
                string(&segment.name)
            )
        })
        .collect();
    w.list("params: &[", &params, "],");
    // The core target never reads route files, so it knows no methods.
    let methods: Vec<String> = match plan.target {
        Target::Axum => allowed_methods(&route.handlers)
            .iter()
            .map(|m| string(m))
            .collect(),
        Target::Core => Vec::new(),
    };
    w.list("methods: &[", &methods, "],");
    let middleware: Vec<String> = route.middleware.iter().map(|m| string(m)).collect();
    w.list("middleware: &[", &middleware, "],");
}

/// `Route::info`: the route's entry in `ROUTES`.
pub(super) fn info(plan: &Plan, w: &mut Writer) {
    w.doc("The route's entry in [`ROUTES`]: its pattern, file, params, methods and\nmiddleware.");
    w.block(
        "pub const fn info(&self) -> &'static RouteInfo {",
        "}",
        |w| {
            w.block("match *self {", "}", |w| {
                for (at, route) in plan.tree.ordered().enumerate() {
                    let pattern = format!("Route::{} {{ .. }}", route.variant);
                    w.arm(&pattern, &format!("&ROUTES[{at}]"));
                }
                phantom_arm(plan, w);
            })
        },
    );
}

/// `Route::info_for_path`, which every `href` function checks its path
/// with: one function, not a closure in each.
pub(super) fn info_for_path(w: &mut Writer) {
    w.doc("The entry of the route a path reaches, if any: the check of every\n`href` function.");
    w.block(
        "fn info_for_path(path: &str) -> Option<&'static RouteInfo> {",
        "}",
        |w| w.line("Route::recognize(path).map(|found| found.info())"),
    );
}

/// `pub mod href`: one function per route, named as the route's module.
pub(super) fn href(plan: &Plan, w: &mut Writer) {
    w.doc(
        "Typed paths: for each route, a function named as its module that takes\nits params in path order (`[x]` any `Display`, `[...x]` and `[[...x]]`\nany `IntoIterator` of them) and returns its path, prefix included, each\nvalue percent-encoded so that [`resolve`] finds the route with the same\nvalues decoded. A value no path can carry (empty, `.`, `..`), a `[...x]`\nwithout segments, or a path an earlier route would serve is an\n[`HrefError`]. Allocates nothing but the path.",
    );
    // The functions' arguments are named as the files name the params,
    // which may be names clippy flags (`[foo]`, `[_1]`).
    w.line("#[allow(dead_code, clippy::too_many_arguments)]");
    w.line("#[allow(clippy::disallowed_names, clippy::just_underscores_and_digits)]");
    w.block("pub mod href {", "}", |w| {
        if plan.tree.routes.is_empty() {
            return;
        }
        w.line("use super::{HrefError, ROUTES, Route, __apigen};");
        if plan.tree.routes.iter().any(|r| r.params().next().is_some()) {
            w.line("use ::core::fmt::Display;");
        }
        for (at, route) in plan.tree.ordered().enumerate() {
            w.blank();
            href_fn(plan, route, at, w);
        }
    });
}

/// One `href` function: the route's path written part by part, then
/// checked against the matcher.
fn href_fn(plan: &Plan, route: &Route, at: usize, w: &mut Writer) {
    w.doc(&format!(
        "The path to `{}`: `{}`.",
        route.file, route.pattern
    ));
    let args: Vec<String> = route
        .params()
        .map(|segment| match segment.kind {
            Kind::Dynamic => format!("{}: impl Display", segment.field),
            _ => format!("{}: impl IntoIterator<Item = impl Display>", segment.field),
        })
        .collect();
    let head = format!("pub fn {}(", route.module);
    w.list_block(&head, &args, ") -> Result<String, HrefError> {", "}", |w| {
        w.line(format_args!("__apigen::Href::new(&ROUTES[{at}])"));
        w.indented(|w| {
            for call in href_calls(plan.prefix, route) {
                w.line(call);
            }
            w.line(".reaches(Route::info_for_path)");
        });
    });
}

/// The calls that write a route's path after `Href::new`: the static parts
/// between params together, as requests spell them
/// (`.text("/api/post")`), and each param (`.param("pid", pid)?`).
fn href_calls(prefix: &str, route: &Route) -> Vec<String> {
    let mut calls = Vec::new();
    let mut text = prefix.to_owned();
    for segment in &route.segments {
        if segment.kind == Kind::Static {
            text.push('/');
            text.push_str(&segment.key);
            continue;
        }
        if !text.is_empty() {
            calls.push(format!(".text({})", Literal::string(&text)));
            text.clear();
        }
        let call = match segment.kind {
            Kind::Dynamic => "param",
            Kind::CatchAll => "segments",
            _ => "optional_segments",
        };
        // A `[x]` value is passed as `&dyn Display` (see `Href::param`).
        let value = match segment.kind {
            Kind::Dynamic => format!("&{}", segment.field),
            _ => segment.field.clone(),
        };
        calls.push(format!(
            ".{call}({}, {value})?",
            Literal::string(&segment.name),
        ));
    }
    if !text.is_empty() {
        calls.push(format!(".text({})", Literal::string(&text)));
    }
    calls
}
