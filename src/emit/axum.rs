//! The axum part of the output: one module per route file, `router()`, and
//! the code that hands a matched request to the file's handler.
//!
//! `router()` is an `axum::Router` whose only entry is a fallback: every
//! request goes to `dispatch` (an axum `Handler` running no extractor),
//! which resolves the path with the generated match (no route table, no
//! allocation to find the route) and hands the request to the route's
//! function (`route_post_pid::serve`, in a module of its own), which picks
//! the handler by method, binds its arguments and gives the handler's call,
//! boxed, or an answer known at once.

use proc_macro2::Literal;

use super::writer::{Writer, type_text};
use super::{Plan, core::phantom_arm, local_binding};
use crate::inspect::{ANY, Arg, HandlerFn, Handlers};
use crate::name::Kind;
use crate::tree::Route;

pub(super) fn emit(plan: &Plan, w: &mut Writer) {
    for route in &plan.tree.routes {
        w.doc(&format!("`{}`: `{}`", route.file, route.pattern));
        // `routes.rs` is the module `routes`, which clippy flags inside the
        // `mod routes` including this file (so would `api.rs` in `mod api`).
        w.line("#[allow(clippy::module_inception)]");
        w.block(format_args!("pub mod {} {{", route.module), "}", |w| {
            plan.files.include(w, &route.file)
        });
        w.blank();
    }

    let state = type_text(plan.state);
    w.doc(&format!(
        "The axum router serving `{}`. Every path gets an answer: the route's handler, 308 to the normal form of an irregular path, or 404. Dispatch is the generated match in [`Route::recognize`]: no route table is built at run time.",
        plan.api_shown
    ));
    let head = format!("pub fn router() -> ::axum::Router<{state}> {{");
    w.block(head, "}", |w| {
        w.line("::axum::Router::new().fallback(__apigen::Dispatch(dispatch))")
    });
    w.blank();

    dispatch(plan, w, &state);
    if !plan.tree.routes.is_empty() {
        w.blank();
        w.doc(
            "The state type as `Builder::state` names it, for the route modules below: through this alias, a path valid where this file is included (`AppState` after a `use`, `super::AppState`) is valid in them too.",
        );
        w.line(format_args!("type {STATE} = {state};"));
    }
    for route in plan.tree.ordered() {
        w.blank();
        route_body(plan, w, route);
    }
    w.blank();
}

/// The alias of the state type that the route modules use.
const STATE: &str = "__State";

/// `dispatch`, the router's one handler: finds the route with the generated
/// match, then hands the request, the state and the params' places in the
/// path to the route's function, which answers at once (400, 405, 413,
/// `OPTIONS`) or gives the handler's call, boxed. `dispatch` itself awaits
/// nothing: a single async fn awaiting every route's handlers made rustc's
/// coroutine layout (quadratic in its await points) and LLVM slow on large
/// APIs.
fn dispatch(plan: &Plan, w: &mut Writer, state: &str) {
    w.doc(
        "Answers every request the router gets: finds its route (allocating nothing), then hands the request to the route's function. A `HEAD` answer loses its body.",
    );
    // With no route, the match has only the uninhabited arm: it is the
    // (diverging) answer, and `state` goes unused.
    let empty = plan.tree.routes.is_empty();
    let unused = if empty { "_" } else { "" };
    let params = [
        "req: __apigen::Request".to_owned(),
        format!("{unused}state: {state}"),
    ];
    w.list_block("fn dispatch(", &params, ") -> __apigen::Pending {", "}", |w| {
        w.line("let head = req.method() == ::axum::http::Method::HEAD;");
        w.line("let path = req.uri().path();");
        w.block("let route = match resolve(path) {", "};", |w| {
            w.line("__apigen::Resolution::Found(route) => route,");
            w.block("__apigen::Resolution::Redirect(to) => {", "}", |w| {
                w.line("let response = __apigen::redirect(&to, req.uri().query());");
                w.line("return __apigen::ready(head, response);");
            });
            w.line(
                "__apigen::Resolution::NotFound => return __apigen::ready(head, __apigen::not_found()),",
            );
        });
        let (head, tail) = if empty {
            ("match route {", "}")
        } else {
            ("let routed = match route {", "};")
        };
        w.block(head, tail, |w| dispatch_arms(plan, w));
        if !empty {
            w.line("__apigen::pending(head, routed)");
        }
    });
}

/// The arms of `dispatch`'s match: each route's params become spans of the
/// path, handed to the route's function.
fn dispatch_arms(plan: &Plan, w: &mut Writer) {
    for route in plan.tree.ordered() {
        let mut args = vec!["req".to_owned(), "state".to_owned()];
        // Each param, a slice of `path`, becomes its span: `let p_pid = ..;`.
        let mut spans = Vec::new();
        for segment in route.params() {
            let field = &segment.local;
            let span = match segment.kind {
                Kind::Dynamic => format!("__apigen::span(path, {field})"),
                Kind::CatchAll => format!("__apigen::span(path, {field}.as_str())"),
                _ => format!("{field}.map(|s| __apigen::span(path, s.as_str()))"),
            };
            spans.push(format!("let {field} = {span};"));
            args.push(field.clone());
        }
        let call = format!("{}::serve({})", route.serve_module, args.join(", "));
        if spans.is_empty() {
            w.arm(&local_binding(route), &call);
            continue;
        }
        w.block(format_args!("{} => {{", local_binding(route)), "}", |w| {
            for span in spans {
                w.line(span);
            }
            w.line(call);
        });
    }
    phantom_arm(plan, w);
}

/// A route's function, in a module of its own: decode its params (400),
/// check its body limit (413), then pick the handler by method (or answer
/// 405 / OPTIONS) and bind its arguments. It runs before anything is
/// boxed, so only the handler's call (with its extractors) is a coroutine.
/// One module per route lets rustc compile a big API's routes in parallel:
/// it compiles a module's functions together, in one codegen unit.
fn route_body(plan: &Plan, w: &mut Writer, route: &Route) {
    w.doc(&format!("Serves `{}`: `{}`.", route.file, route.pattern));
    w.block(format_args!("mod {} {{", route.serve_module), "}", |w| {
        w.line(format_args!(
            "use super::{{{STATE}, __apigen, {}}};",
            route.module
        ));
        w.blank();
        serve_fn(plan, w, route);
    });
}

/// `serve`, the route's function (see [`route_body`]).
fn serve_fn(plan: &Plan, w: &mut Writer, route: &Route) {
    let handlers = &route.handlers;
    let binds = handlers.fns.iter().any(|f| !f.args.is_empty());
    let extracts = handlers
        .fns
        .iter()
        .any(|f| f.args.iter().any(|a| matches!(a, Arg::Extractor)));
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
        format!("{}: {STATE}", if binds { "state" } else { "_state" }),
    ];
    for segment in route.params() {
        let ty = match segment.kind {
            Kind::Dynamic | Kind::CatchAll => "__apigen::Span",
            _ => "Option<__apigen::Span>",
        };
        params.push(format!("{}: {ty}", segment.local));
    }
    let head = "pub(super) fn serve(";
    w.list_block(head, &params, ") -> __apigen::Routed {", "}", |w| {
        if binds {
            w.line("use __apigen::bind::*;");
        }
        for segment in route.params() {
            let (field, name) = (&segment.local, Literal::string(&segment.name));
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
    });
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
    w.block("match req.method().as_str() {", "}", |w| {
        for f in handlers.fns.iter().filter(|f| f.name != ANY) {
            let mut pattern = Literal::string(&f.name.to_ascii_uppercase()).to_string();
            if f.name == "get" && handlers.get("head").is_none() {
                pattern.push_str(" | \"HEAD\"");
            }
            call(w, Some(&pattern), route, f, limit);
        }
        let any = handlers.get(ANY);
        let allow = Literal::string(&allow(handlers)).to_string();
        if handlers.get("options").is_none() && any.is_none() {
            w.arm("\"OPTIONS\"", &format!("__apigen::options({allow})"));
        }
        match any {
            Some(f) => call(w, Some("_"), route, f, limit),
            None => w.arm("_", &format!("__apigen::method_not_allowed({allow})")),
        }
    });
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
/// a handler with extractors is then called in an `async` block that sets
/// the route's body limit and runs the extractors on the request, in
/// argument order, the last one taking the body.
fn call(w: &mut Writer, pattern: Option<&str>, route: &Route, f: &HandlerFn, limit: &str) {
    let module = &route.module;
    let handler = &f.name;
    let slots: Vec<String> = (1..=f.args.len()).map(|n| format!("a{n}")).collect();
    // `send(..)` checks the handler's future where it is called: without it
    // a non-`Send` handler is reported only at `router()`, far from its file.
    let send = format!("__apigen::send({module}::{handler}(");
    // With no extractor to run: `__apigen::call(__apigen::send(m::h(a1, ..)))`.
    let (call_head, call_tail) = (format!("__apigen::call({send}"), ")))");
    if f.args.is_empty() {
        return match pattern {
            Some(pattern) => w.arm(pattern, &format!("{call_head}{call_tail}")),
            None => w.line(format_args!("{call_head}{call_tail}")),
        };
    }
    let bind = |w: &mut Writer| {
        let value = format!(" = slots{}(&{module}::{handler}, &state);", f.args.len());
        if let [slot] = slots.as_slice() {
            // A tuple of one: `(a1)` would be the tuple itself.
            w.line(format_args!("let ({slot},){value}"));
        } else {
            w.list("let (", &slots, &format!("){value}"));
        }
        for (arg, slot) in f.args.iter().zip(&slots) {
            if let Arg::Param { field, name, kind } = arg {
                let segment = route
                    .params()
                    .find(|s| s.field == *field)
                    .expect("an argument binds a param of its route");
                let (field, name) = (&segment.local, Literal::string(name));
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
        match extractors.split_last() {
            None => w.list(&call_head, &slots, call_tail),
            Some((last, parts)) => w.block("__apigen::boxed(async move {", "})", |w| {
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
                w.list(&format!("__apigen::answer({send}"), &slots, ")).await)");
            }),
        }
    };
    match pattern {
        Some(pattern) => w.block(format_args!("{pattern} => {{"), "}", bind),
        None => bind(w),
    }
}
