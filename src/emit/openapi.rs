//! The OpenAPI part of the output (`Builder::openapi(true)`, SPEC section
//! 10): `pub fn openapi()`, and in each route's module a `describe` that adds
//! the route's operations to the document. With `openapi(false)` nothing
//! here writes a byte, so the output is what it was and needs no utoipa.
//!
//! No type is written here: `describe` asks each handler for its argument
//! and output types (`args2(&post_create::post, state)`,
//! `returns2(&post_create::post)`), and the support code in
//! `templates/openapi.rs` describes each by what it implements, as `bind`
//! binds arguments. What the emitter knows is names: the route's path and
//! params, which argument binds which param, the methods, the doc text.
//!
//! The axum emitter calls [`document`] after `router()` and [`describe`]
//! after each route's `serve`, in that route's module: the work of a big
//! API spreads over codegen units as `serve`'s does.

use proc_macro2::Literal;

use super::Plan;
use super::writer::Writer;
use crate::inspect::{ANY, Arg, HandlerFn, METHODS};
use crate::name::{Kind, Segment};
use crate::tree::Route;

/// `pub fn openapi()`: the document, each route described in the order a
/// request tries them (so a path two routes give is the first's).
pub(super) fn document(plan: &Plan, w: &mut Writer) {
    if !plan.openapi {
        return;
    }
    w.doc(&format!(
        "The OpenAPI 3.1 document of `{}`: one path per route, one operation per method its file answers, described from the handlers' own types by their `utoipa::ToSchema`, `IntoParams` and `IntoResponses`, and a plain schema for a type without one. Serve it as JSON, e.g. from a route file `openapi.json.rs` answering `Json(routes::openapi())`.",
        plan.api_shown
    ));
    w.block(
        "pub fn openapi() -> ::utoipa::openapi::OpenApi {",
        "}",
        |w| {
            let routes = !plan.tree.routes.is_empty();
            let binding = if routes { "let mut doc" } else { "let doc" };
            w.line(format_args!(
                "{binding} = __apigen::openapi::Document::new();"
            ));
            for route in plan.tree.ordered() {
                w.line(format_args!("{}::describe(&mut doc);", route.serve_module));
            }
            w.line(r#"doc.finish(env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"))"#);
        },
    );
    w.blank();
}

/// `describe`, at the end of the route's module (beside `serve`, whose
/// `use super::{__State, __apigen, <module>}` it shares): one block per
/// handler, building its operation and adding it under the methods it
/// serves.
pub(super) fn describe(plan: &Plan, w: &mut Writer, route: &Route) {
    if !plan.openapi {
        return;
    }
    w.blank();
    w.doc(&format!(
        "Describes `{}` in [`super::openapi`].",
        route.file
    ));
    // The explicit borrows in `(&&a1).param_of(..)` choose the impl
    // (autoref specialization); clippy cannot see that they matter.
    w.line("#[allow(clippy::needless_borrow)]");
    let head = "pub(super) fn describe(doc: &mut __apigen::openapi::Document) {";
    w.block(head, "}", |w| {
        w.line("use __apigen::openapi::*;");
        let fns = &route.handlers.fns;
        if fns.iter().any(takes_args) {
            w.line(format_args!(
                "let state = state_of::<{}>();",
                super::axum::STATE
            ));
        }
        for f in fns {
            w.block("{", "}", |w| operation(plan, w, route, f));
        }
    });
}

/// Whether `describe` asks the handler for its arguments: some argument
/// binds a `[x]` param or is an extractor (a catch-all's is one string
/// whatever its type).
fn takes_args(f: &HandlerFn) -> bool {
    (0..f.args.len()).any(|i| slot_used(f, i))
}

/// Whether argument `i` is described by its type: a catch-all's is not.
fn slot_used(f: &HandlerFn, i: usize) -> bool {
    match &f.args[i] {
        Arg::Extractor => true,
        Arg::Param { kind, .. } => *kind == Kind::Dynamic,
    }
}

/// One handler's block of `describe`.
fn operation(plan: &Plan, w: &mut Writer, route: &Route, f: &HandlerFn) {
    let module = &route.module;
    let handler = format!("{module}::{}", f.name);
    let doc = match f.doc.trim() {
        "" => "None".to_owned(),
        text => format!("Some({})", Literal::string(text)),
    };
    let args = [Literal::string(module).to_string(), doc];
    w.list("let mut op = Operation::new(", &args, ");");
    let arity = f.args.len();
    let slot = |i: usize| format!("a{}", i + 1);
    if takes_args(f) {
        let slots: Vec<String> = (0..arity)
            .map(|i| {
                if slot_used(f, i) {
                    slot(i)
                } else {
                    "_".to_owned()
                }
            })
            .collect();
        let value = format!(" = args{arity}(&{handler}, state);");
        if let [one] = slots.as_slice() {
            // A tuple of one: `(a1)` would be the value itself.
            w.line(format_args!("let ({one},){value}"));
        } else {
            w.list("let (", &slots, &format!("){value}"));
        }
    }
    for segment in route.params() {
        let name = Literal::string(&segment.name);
        let taken = f
            .args
            .iter()
            .position(|arg| matches!(arg, Arg::Param { field, .. } if *field == segment.field));
        match (segment.kind, taken) {
            (Kind::Dynamic, Some(i)) => {
                w.line(format_args!("(&&{}).param_of(&mut op, {name});", slot(i)))
            }
            (Kind::Dynamic, None) => w.line(format_args!("op.param({name});")),
            _ => w.line(format_args!("op.catch_all({name});")),
        }
    }
    for (i, arg) in f.args.iter().enumerate() {
        if matches!(arg, Arg::Extractor) {
            w.line(format_args!("(&&&{}).extractor(&mut op);", slot(i)));
        }
    }
    if let Some(Arg::Extractor) = f.args.last() {
        let limit = if route.handlers.body_limit {
            format!("{module}::BODY_LIMIT")
        } else {
            plan.body_limit.to_string()
        };
        w.line(format_args!(
            "(&&{}).reads_body(&mut op, {limit});",
            slot(arity - 1)
        ));
    }
    w.line(format_args!(
        "let (ok, err) = (&returns{arity}(&{handler})).split();"
    ));
    w.line("(&&&&ok).output(&mut op);");
    w.line("(&&&&err).output(&mut op);");
    let full = Literal::string(&path(plan.prefix, &route.segments)).to_string();
    let (call, paths) = match route.segments.split_last() {
        Some((last, parent)) if last.kind == Kind::OptionalCatchAll => {
            let root = Literal::string(&path(plan.prefix, parent)).to_string();
            let name = Literal::string(&last.name).to_string();
            ("doc.add_optional(", vec![root, full, name])
        }
        _ => ("doc.add(", vec![full]),
    };
    add(w, call, &paths, &methods(route, f));
}

/// `doc.add(<paths>, &[<methods>], &op);` on one line if it fits, else one
/// argument a line, the methods broken too if they must be.
fn add(w: &mut Writer, call: &str, paths: &[String], methods: &[String]) {
    let methods_list = format!("&[{}]", methods.join(", "));
    let one_line = format!("{call}{}, {methods_list}, &op);", paths.join(", "));
    if w.fits(&one_line) {
        return w.line(one_line);
    }
    w.block(call, ");", |w| {
        for path in paths {
            w.line(format_args!("{path},"));
        }
        w.list("&[", methods, "],");
        w.line("&op,");
    });
}

/// The methods a handler is listed under: its own, or for `handler` every
/// usual method the file does not name (`head` and `options` only where the
/// file defines them, SPEC section 10).
fn methods(route: &Route, f: &HandlerFn) -> Vec<String> {
    let names: Vec<&str> = if f.name == ANY {
        ["get", "post", "put", "patch", "delete"]
            .into_iter()
            .filter(|m| route.handlers.get(m).is_none())
            .collect()
    } else {
        vec![f.name.as_str()]
    };
    debug_assert!(names.iter().all(|m| METHODS.contains(m)));
    names
        .iter()
        .map(|m| {
            let mut variant = m.to_string();
            variant[..1].make_ascii_uppercase();
            format!("HttpMethod::{variant}")
        })
        .collect()
}

/// The OpenAPI path of a route: prefix, statics as a request spells them,
/// params as `{name}` (the file's spelling: `{postId}`, `{first-name}`).
fn path(prefix: &str, segments: &[Segment]) -> String {
    let mut out = prefix.to_owned();
    for segment in segments {
        out.push('/');
        match segment.kind {
            Kind::Static => out.push_str(&segment.key),
            _ => {
                out.push('{');
                out.push_str(&segment.name);
                out.push('}');
            }
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::name::parse_route;

    fn path_of_file(prefix: &str, file: &str) -> String {
        path(prefix, &parse_route(file).unwrap())
    }

    #[test]
    fn paths_template_params_and_spell_statics_as_requests_do() {
        assert_eq!(path_of_file("/api", "post/[pid].rs"), "/api/post/{pid}");
        assert_eq!(
            path_of_file("/api", "greet/[first-name]/[...rest].rs"),
            "/api/greet/{first-name}/{rest}"
        );
        assert_eq!(path_of_file("/api", "index.rs"), "/api");
        assert_eq!(path_of_file("", "index.rs"), "/");
        assert_eq!(path_of_file("", "[[...all]].rs"), "/{all}");
        // A brace in a static would read as a template: it is sent encoded.
        assert_eq!(
            path_of_file("/v1", "a{b}/café.rs"),
            "/v1/a%7Bb%7D/caf%C3%A9"
        );
    }
}
