//! The axum part of the output: one module per route file, `router()`, and
//! the code that hands a matched request to the file's handler.
//!
//! `router()` is an `axum::Router` whose only entry is a fallback: every
//! request goes to `dispatch` (an axum `Handler` running no extractor),
//! which resolves the path with the generated match (no route table, no
//! allocation to find the route) and hands the request to the route's
//! `route_*` function, which picks the handler by method, binds its
//! arguments and calls it.

use super::writer::{Str, Writer, type_text};
use super::{Plan, core::phantom_arm, local, local_binding};
use crate::inspect::{ANY, Arg, HandlerFn, Handlers};
use crate::name::Kind;
use crate::tree::Route;

pub(super) fn emit(plan: &Plan, w: &mut Writer) {
    for route in &plan.tree.routes {
        w.doc(&format!("`{}`: `{}`", route.file, route.pattern));
        w.open(format_args!("pub mod {} {{", route.module));
        plan.files.include(w, &route.file);
        w.close("}");
        w.blank();
    }

    let state = type_text(plan.state);
    w.doc(&format!(
        "The axum router serving `{}`. Every path gets an answer: the route's handler, 308 to the normal form of an irregular path, or 404. Dispatch is the generated match in [`Route::recognize`]: no route table is built at run time.",
        plan.api_shown
    ));
    w.open(format_args!(
        "pub fn router() -> ::axum::Router<{state}> {{"
    ));
    w.line("::axum::Router::new().fallback(__apigen::Dispatch(dispatch))");
    w.close("}");
    w.blank();

    dispatch(plan, w, &state);
    w.blank();
}

/// `dispatch`, the router's one handler: finds the route with the generated
/// match, then hands the request, the state and the params' places in the
/// path to the route's `route_*` function, boxed. `dispatch` itself awaits
/// nothing: a single async fn awaiting every route's handlers made rustc's
/// coroutine layout (quadratic in its await points) and LLVM slow on large
/// APIs.
fn dispatch(plan: &Plan, w: &mut Writer, state: &str) {
    w.doc(
        "Answers every request the router gets: finds its route (allocating nothing), then hands the request to the route's function. A `HEAD` answer loses its body.",
    );
    // With no route, the match has only the uninhabited arm.
    let unused = if plan.tree.routes.is_empty() { "_" } else { "" };
    let params = [
        "req: __apigen::Request".to_owned(),
        format!("{unused}state: {state}"),
    ];
    w.open_list("fn dispatch(", &params, ") -> __apigen::Pending {");
    w.line("let head = req.method() == ::axum::http::Method::HEAD;");
    w.line("let path = req.uri().path();");
    w.open("let route = match resolve(path) {");
    w.line("__apigen::Resolution::Found(route) => route,");
    w.open("__apigen::Resolution::Redirect(to) => {");
    w.line("let response = __apigen::redirect(&to, req.uri().query());");
    w.line("return __apigen::ready(head, response);");
    w.close("}");
    w.line(
        "__apigen::Resolution::NotFound => return __apigen::ready(head, __apigen::not_found()),",
    );
    w.close("};");
    w.open("match route {");
    for i in plan.tree.order() {
        let route = &plan.tree.routes[i];
        let mut args = vec!["req".to_owned(), "state".to_owned()];
        // Each param, a slice of `path`, becomes its span: `let p_pid = ..;`.
        let mut spans = Vec::new();
        for segment in route.params() {
            let field = local(&segment.field);
            let span = match segment.kind {
                Kind::Dynamic => format!("__apigen::span(path, {field})"),
                Kind::CatchAll => format!("__apigen::span(path, {field}.as_str())"),
                _ => format!("{field}.map(|s| __apigen::span(path, s.as_str()))"),
            };
            spans.push(format!("let {field} = {span};"));
            args.push(field);
        }
        let call = format!(
            "__apigen::boxed(head, {}({}))",
            route_fn(route),
            args.join(", ")
        );
        if spans.is_empty() {
            w.arm(&local_binding(route), &call);
            continue;
        }
        w.open(format_args!("{} => {{", local_binding(route)));
        for span in spans {
            w.line(span);
        }
        w.line(call);
        w.close("}");
    }
    phantom_arm(plan, w);
    w.close("}");
    w.close("}");

    for i in plan.tree.order() {
        w.blank();
        route_body(plan, w, state, i);
    }
}

/// `route_post_pid`: the function serving one route file.
fn route_fn(route: &Route) -> String {
    format!("route_{}", route.module)
}

/// A route's function: decode its params (400), apply its body limit (413),
/// then call the handler for the method (or answer 405 / OPTIONS), each
/// handler's call written out in its arm. One async fn per route, no
/// nested ones: a coroutine per handler call doubled the build time of a
/// big API.
fn route_body(plan: &Plan, w: &mut Writer, state: &str, i: usize) {
    let route = &plan.tree.routes[i];
    let handlers = &plan.handlers[i];
    let binds = handlers.fns.iter().any(|f| !f.args.is_empty());
    let extracts = handlers
        .fns
        .iter()
        .any(|f| f.args.iter().any(|a| matches!(a, Arg::Extractor)));
    w.doc(&format!("Serves `{}`: `{}`.", route.file, route.pattern));
    if binds {
        // The explicit borrows in `(&a1).bind_param(..)` choose the binding
        // impl (autoref specialization); clippy cannot see that they matter.
        w.line("#[allow(clippy::needless_borrow)]");
    }
    let mut params = vec![
        format!(
            "{}req: __apigen::Request",
            if extracts { "mut " } else { "" }
        ),
        format!("{}: {state}", if binds { "state" } else { "_state" }),
    ];
    for segment in route.params() {
        let ty = match segment.kind {
            Kind::Dynamic | Kind::CatchAll => "__apigen::Span",
            _ => "Option<__apigen::Span>",
        };
        params.push(format!("{}: {ty}", local(&segment.field)));
    }
    w.open_list(
        &format!("async fn {}(", route_fn(route)),
        &params,
        ") -> __apigen::Answer {",
    );
    if binds {
        w.line("use __apigen::bind::*;");
    }
    for segment in route.params() {
        let (field, name) = (local(&segment.field), Str(&segment.name));
        let decode = match segment.kind {
            Kind::Dynamic => "param",
            Kind::CatchAll => "segments",
            _ => "optional_segments",
        };
        let value = format!("__apigen::{decode}({name}, &req, &{field})?");
        if uses(handlers, &segment.field) {
            w.line(format_args!("let {field} = {value};"));
        } else {
            w.line(format_args!("{value};"));
        }
    }
    let limit = if handlers.body_limit {
        format!("{}::BODY_LIMIT", route.module)
    } else {
        plan.body_limit.to_string()
    };
    w.line(format_args!("__apigen::limit(&req, {limit})?;"));
    methods(w, route, handlers, &limit);
    w.close("}");
}

/// Whether any handler of the file binds the param.
fn uses(handlers: &Handlers, field: &str) -> bool {
    handlers
        .fns
        .iter()
        .flat_map(|f| &f.args)
        .any(|arg| matches!(arg, Arg::Param { field: f, .. } if f == field))
}

/// The `match` on the request method for one route file. `HEAD` goes to
/// `get` (or `handler`) unless the file has `head`; `dispatch` drops the
/// body of every `HEAD` answer.
fn methods(w: &mut Writer, route: &Route, handlers: &Handlers, limit: &str) {
    if let [f] = handlers.fns.as_slice()
        && f.name == ANY
    {
        // `handler` alone serves every method: no `match`.
        return call(w, None, route, f, limit);
    }
    w.open("match req.method().as_str() {");
    for f in handlers.fns.iter().filter(|f| f.name != ANY) {
        let mut pattern = Str(&f.name.to_ascii_uppercase()).to_string();
        if f.name == "get" && handlers.get("head").is_none() {
            pattern.push_str(" | \"HEAD\"");
        }
        call(w, Some(&pattern), route, f, limit);
    }
    let any = handlers.get(ANY);
    let allow = Str(&allow(handlers)).to_string();
    if handlers.get("options").is_none() && any.is_none() {
        w.arm("\"OPTIONS\"", &format!("Ok(__apigen::options({allow}))"));
    }
    match any {
        Some(f) => call(w, Some("_"), route, f, limit),
        None => w.arm("_", &format!("Ok(__apigen::method_not_allowed({allow}))")),
    }
    w.close("}");
}

/// The `Allow` header: the methods the file serves, HEAD with GET, and OPTIONS.
fn allow(handlers: &Handlers) -> String {
    let mut methods: Vec<String> = Vec::new();
    for name in crate::inspect::METHODS {
        let served = handlers.get(name).is_some()
            || (name == "head" && handlers.get("get").is_some())
            || name == "options";
        if served {
            methods.push(name.to_ascii_uppercase());
        }
    }
    methods.join(", ")
}

/// The arm calling one handler (with no `pattern`, the statements alone):
/// each argument bound into a slot `a1`, `a2`, …, then the handler called
/// with them. Params are parsed first, while they borrow the request's path;
/// then the route's body limit is set and the extractors run on the request,
/// in argument order, the last one taking the body.
fn call(w: &mut Writer, pattern: Option<&str>, route: &Route, f: &HandlerFn, limit: &str) {
    let module = &route.module;
    let handler = &f.name;
    let slots: Vec<String> = (1..=f.args.len()).map(|n| format!("a{n}")).collect();
    // `send(..)` checks the handler's future where it is called: without it
    // a non-`Send` handler is reported only at `router()`, far from its file.
    let head = format!("Ok(__apigen::respond(__apigen::send({module}::{handler}(");
    let tail = ")).await))";
    match pattern {
        Some(pattern) if f.args.is_empty() => return w.arm(pattern, &format!("{head}{tail}")),
        None if f.args.is_empty() => return w.line(format_args!("{head}{tail}")),
        Some(pattern) => w.open(format_args!("{pattern} => {{")),
        None => {}
    }
    let value = format!(" = slots{}(&{module}::{handler}, &state);", f.args.len());
    if let [slot] = slots.as_slice() {
        // A tuple of one: `(a1)` would be the tuple itself.
        w.line(format_args!("let ({slot},){value}"));
    } else {
        w.list("let (", &slots, &format!("){value}"));
    }
    for (arg, slot) in f.args.iter().zip(&slots) {
        if let Arg::Param { field, name, kind } = arg {
            let (field, name) = (local(field), Str(name));
            let value = match kind {
                Kind::Dynamic => format!("(&{slot}).bind_param({name}, &{field})?"),
                Kind::CatchAll => {
                    format!("(&{slot}).bind_segments({name}, Some({field}.as_slice()))?")
                }
                _ => format!("(&{slot}).bind_segments({name}, {field}.as_deref())?"),
            };
            w.line(format_args!("let {slot} = {value};"));
        }
    }
    let extractors: Vec<&String> = f
        .args
        .iter()
        .zip(&slots)
        .filter(|(arg, _)| matches!(arg, Arg::Extractor))
        .map(|(_, slot)| slot)
        .collect();
    if let Some((last, parts)) = extractors.split_last() {
        w.line(format_args!("__apigen::body_limit(&mut req, {limit});"));
        if !parts.is_empty() {
            w.line("let (mut parts, body) = req.into_parts();");
            for slot in parts {
                w.line(format_args!(
                    "let {slot} = (&{slot}).bind_parts(&mut parts, &state).await?;"
                ));
            }
            w.line("let req = __apigen::Request::from_parts(parts, body);");
        }
        w.line(format_args!(
            "let {last} = (&&{last}).bind_request(req, &state).await?;"
        ));
    }
    w.list(&head, &slots, tail);
    if pattern.is_some() {
        w.close("}");
    }
}
