//! The axum part of the output: one module per route file, `router()`, and
//! the code that hands a matched request to the file's handler.
//!
//! `router()` is an `axum::Router` whose only entry is a fallback: every
//! request goes to `dispatch`, which resolves the path with the generated
//! match (no route table, no allocation to find the route), then `serve`
//! picks the handler by method and a `call_*` function binds its arguments.

use super::writer::{Str, Writer, type_text};
use super::{Plan, binding, core::phantom_arm};
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
    w.line("::axum::Router::new().fallback(dispatch)");
    w.close("}");
    w.blank();

    w.doc("Answers every request the router gets.");
    let params = [
        format!("::axum::extract::State(state): ::axum::extract::State<{state}>"),
        "req: __apigen::Request".to_owned(),
    ];
    w.open_list("async fn dispatch(", &params, ") -> __apigen::Response {");
    w.line("let uri = req.uri().clone();");
    w.open("match resolve(uri.path()) {");
    w.open("__apigen::Resolution::Found(route) => match serve(route, req, &state).await {");
    w.line("Ok(response) | Err(response) => response,");
    w.close("},");
    w.line("__apigen::Resolution::Redirect(path) => __apigen::redirect(&path, uri.query()),");
    w.line("__apigen::Resolution::NotFound => __apigen::not_found(),");
    w.close("}");
    w.close("}");
    w.blank();

    serve(plan, w, &state);

    for (route, handlers) in plan.tree.routes.iter().zip(plan.handlers) {
        for f in &handlers.fns {
            w.blank();
            call(w, &state, route, f);
        }
    }
    w.blank();
}

/// `serve`: hands the matched route to its `route_*` function, boxed.
/// `serve` itself awaits nothing: a single async fn awaiting every route's
/// handlers made rustc's coroutine layout (quadratic in its await points)
/// and LLVM slow on large APIs.
fn serve(plan: &Plan, w: &mut Writer, state: &str) {
    w.doc("Hands a matched request to its route's function.");
    // With no route, the match has only the uninhabited arm.
    let unused = if plan.tree.routes.is_empty() { "_" } else { "" };
    let params = [
        "route: Route<'a>".to_owned(),
        format!("{unused}req: __apigen::Request"),
        format!("{unused}state: &'a {state}"),
    ];
    w.open_list("fn serve<'a>(", &params, ") -> __apigen::Call<'a> {");
    w.open("match route {");
    for i in plan.tree.order() {
        let route = &plan.tree.routes[i];
        let mut args = vec!["req".to_owned(), "state".to_owned()];
        args.extend(route.params().map(|s| s.field.clone()));
        w.arm(
            &binding(route),
            &format!("__apigen::boxed({}({}))", route_fn(route), args.join(", ")),
        );
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
/// then call the handler for the method (or 405 / OPTIONS / HEAD).
fn route_body(plan: &Plan, w: &mut Writer, state: &str, i: usize) {
    let route = &plan.tree.routes[i];
    let handlers = &plan.handlers[i];
    w.doc(&format!("Serves `{}`: `{}`.", route.file, route.pattern));
    let mut params = vec![
        "mut req: __apigen::Request".to_owned(),
        format!("state: &{state}"),
    ];
    for segment in route.params() {
        let ty = match segment.kind {
            Kind::Dynamic => "&str",
            Kind::CatchAll => "__apigen::Segments<'_>",
            _ => "Option<__apigen::Segments<'_>>",
        };
        params.push(format!("{}: {ty}", segment.field));
    }
    w.open_list(
        &format!("async fn {}(", route_fn(route)),
        &params,
        ") -> __apigen::Answer {",
    );
    for segment in route.params() {
        let (field, name) = (&segment.field, Str(&segment.name));
        let value = match segment.kind {
            Kind::Dynamic => format!("__apigen::param({name}, {field})?"),
            Kind::CatchAll => format!("__apigen::segments({name}, {field})?"),
            _ => format!("__apigen::optional_segments({name}, {field})?"),
        };
        if uses(handlers, field) {
            w.line(format_args!("let {field} = {value};"));
        } else {
            w.line(format_args!("{value};"));
        }
    }
    if handlers.body_limit {
        w.line(format_args!(
            "__apigen::limit(&mut req, {}::BODY_LIMIT)?;",
            route.module
        ));
    } else {
        w.line(format_args!(
            "__apigen::limit(&mut req, {})?;",
            plan.body_limit
        ));
    }
    methods(w, route, handlers);
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

/// The `match` on the request method for one route file.
fn methods(w: &mut Writer, route: &Route, handlers: &Handlers) {
    let call = |f: &HandlerFn| {
        let mut args = vec!["req".to_owned(), "state".to_owned()];
        args.extend(param_args(route, f));
        format!("{}({}).await", call_name(route, f), args.join(", "))
    };
    w.open("match req.method().as_str() {");
    for f in handlers.fns.iter().filter(|f| f.name != ANY) {
        let method = f.name.to_ascii_uppercase();
        w.arm(&Str(&method).to_string(), &call(f));
    }
    let any = handlers.get(ANY);
    if handlers.get("head").is_none()
        && let Some(f) = handlers.get("get").or(any)
    {
        w.arm("\"HEAD\"", &format!("__apigen::head({})", call(f)));
    }
    let allow = Str(&allow(handlers)).to_string();
    if handlers.get("options").is_none() && any.is_none() {
        w.arm("\"OPTIONS\"", &format!("Ok(__apigen::options({allow}))"));
    }
    match any {
        Some(f) => w.arm("_", &call(f)),
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

/// `call_post_pid_get`: the function binding `get` of `post/[pid].rs`.
fn call_name(route: &Route, f: &HandlerFn) -> String {
    // A keyword module is `type_`; `call_type__get` would trip the
    // non_snake_case lint. No module is a bare keyword, so `call_type_get`
    // stays unique.
    let module = route.module.trim_end_matches('_');
    format!("call_{module}_{}", f.name)
}

/// The decoded params a handler binds, as `serve` passes them to its caller.
fn param_args(route: &Route, f: &HandlerFn) -> Vec<String> {
    bound_params(route, f)
        .map(|segment| {
            let field = &segment.field;
            match segment.kind {
                Kind::Dynamic => format!("&{field}"),
                Kind::CatchAll => format!("Some({field}.as_slice())"),
                _ => format!("{field}.as_deref()"),
            }
        })
        .collect()
}

/// The route's params that the handler has an argument for, in path order.
fn bound_params<'r>(
    route: &'r Route,
    f: &HandlerFn,
) -> impl Iterator<Item = &'r crate::name::Segment> {
    let fields: Vec<String> = f
        .args
        .iter()
        .filter_map(|a| match a {
            Arg::Param { field, .. } => Some(field.clone()),
            Arg::Extractor => None,
        })
        .collect();
    route.params().filter(move |s| fields.contains(&s.field))
}

/// `call_*`: binds each argument of one handler and calls it.
fn call(w: &mut Writer, state: &str, route: &Route, f: &HandlerFn) {
    let name = call_name(route, f);
    let module = &route.module;
    let handler = &f.name;

    let extractors = f
        .args
        .iter()
        .filter(|a| matches!(a, Arg::Extractor))
        .count();
    let last_extractor = f.args.iter().rposition(|a| matches!(a, Arg::Extractor));
    let req = if extractors == 0 { "_req" } else { "req" };
    let state_arg = if f.args.is_empty() { "_state" } else { "state" };
    let mut params = vec![
        format!("{req}: __apigen::Request"),
        format!("{state_arg}: &{state}"),
    ];
    params.extend(bound_params(route, f).map(|segment| match segment.kind {
        Kind::Dynamic => format!("{}: &str", segment.field),
        _ => format!("{}: Option<&[::std::borrow::Cow<'_, str>]>", segment.field),
    }));

    // The explicit borrows in `(&a1).param(..)` choose the binding impl
    // (autoref specialization); clippy cannot see that they matter.
    // `send(..)` checks the handler's future where it is called: without it
    // a non-`Send` handler is reported only at `router()`, far from its file.
    w.doc(&format!("Calls `{}` of `{}`.", f.name, route.file));
    w.line("#[allow(clippy::needless_borrow)]");
    w.open_list(
        &format!("async fn {name}("),
        &params,
        ") -> __apigen::Answer {",
    );
    let slots: Vec<String> = (1..=f.args.len()).map(|n| format!("a{n}")).collect();
    if !f.args.is_empty() {
        w.line("use __apigen::bind::*;");
        let value = format!(" = slots{}(&{module}::{handler}, state);", f.args.len());
        if let [slot] = slots.as_slice() {
            // A tuple of one: `(a1)` would be the tuple itself.
            w.line(format_args!("let ({slot},){value}"));
        } else {
            w.list("let (", &slots, &format!("){value}"));
        }
    }
    if extractors > 1 {
        w.line("let (mut parts, body) = req.into_parts();");
    }
    for (i, (arg, slot)) in f.args.iter().zip(&slots).enumerate() {
        let value = match arg {
            Arg::Param { field, name, kind } => {
                let name = Str(name);
                match kind {
                    Kind::Dynamic => format!("(&{slot}).bind_param({name}, {field})?"),
                    _ => format!("(&{slot}).bind_segments({name}, {field})?"),
                }
            }
            Arg::Extractor if Some(i) == last_extractor => {
                let req = if extractors > 1 {
                    "__apigen::Request::from_parts(parts, body)"
                } else {
                    "req"
                };
                format!("(&&{slot}).bind_request({req}, state).await?")
            }
            Arg::Extractor => format!("(&{slot}).bind_parts(&mut parts, state).await?"),
        };
        w.line(format_args!("let {slot} = {value};"));
    }
    w.list(
        &format!("Ok(__apigen::respond(__apigen::send({module}::{handler}("),
        &slots,
        ")).await))",
    );
    w.close("}");
}
