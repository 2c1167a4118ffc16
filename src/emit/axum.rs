//! The axum part of the output: one module per route file, `router()`, and
//! the code that hands a matched request to the file's handler.
//!
//! `router()` is an `axum::Router` of routes only (the prefix, the prefix
//! with a slash, and a catch-all below it), all handled by one zero-sized
//! handler and no fallback, so it composes with the rest of an app as any
//! router does. Every request to those routes goes to `dispatch`, which
//! resolves the path with the generated match (no route table, no
//! allocation to find the route) and hands the request to the route's
//! function (`route_post_pid::serve`, in a module of its own), which
//! answers what it can at once (405, `OPTIONS`, 400, 413), then binds the
//! handler's arguments and gives its call, boxed.

use proc_macro2::Literal;

use super::writer::{Writer, type_text};
use super::{Plan, allowed_methods, core::phantom_arm, local_binding};
use crate::inspect::{ANY, Arg, HandlerFn, Handlers};
use crate::name::Kind;
use crate::tree::{Middleware, Route, Tree};

pub(super) fn emit(plan: &Plan, w: &mut Writer) {
    w.doc("The route a request reached (apigen's `templates/axum.rs`).");
    w.line("#[allow(unused_imports)]");
    w.line("pub use __apigen::MatchedRoute;");
    w.blank();
    for route in &plan.tree.routes {
        w.doc(&format!("`{}`: `{}`", route.file, route.pattern));
        // `routes.rs` is the module `routes`, which clippy flags inside the
        // `mod routes` including this file (so would `api.rs` in `mod api`).
        w.line("#[allow(clippy::module_inception)]");
        plan.files.module(w, &route.module, &route.file);
        w.blank();
    }
    let guards = |middleware: &Middleware| {
        plan.tree
            .routes
            .iter()
            .any(|route| route.middleware.contains(&middleware.file))
    };
    for middleware in &plan.tree.middleware {
        let folder = if middleware.folder.is_empty() {
            plan.api_shown
        } else {
            &middleware.folder
        };
        if guards(middleware) {
            w.doc(&format!(
                "`{}`: the folder middleware of every route file in `{folder}/` and below.",
                middleware.file
            ));
        } else {
            // Still a module, so rustc and rust-analyzer check the file.
            w.doc(&format!(
                "`{}`: folder middleware, with no route file in `{folder}/` to guard yet.",
                middleware.file
            ));
            w.line("#[allow(dead_code)]");
        }
        // As for route modules: `admin_middleware` inside a consumer's
        // `mod admin_middleware` would be flagged.
        w.line("#[allow(clippy::module_inception)]");
        plan.files.module(w, &middleware.module, &middleware.file);
        w.blank();
    }
    let layers: Vec<&Middleware> = plan
        .tree
        .middleware
        .iter()
        .filter(|m| m.exports.layer && guards(m))
        .collect();
    for middleware in &layers {
        w.doc(&format!(
            "The `layer()` of `{}`, built once, by the first [`router`] call; each request through it gets a clone.",
            middleware.file
        ));
        w.line(format_args!(
            "static {}: __apigen::LayerCell = __apigen::LayerCell::new();",
            layer_cell(middleware)
        ));
        w.blank();
    }

    let state = type_text(plan.state);
    let prefix = Literal::string(plan.prefix).to_string();
    let served = if plan.prefix.is_empty() {
        "every path".to_owned()
    } else {
        format!("every path below `{}`", plan.prefix)
    };
    w.doc(&format!(
        "The axum router serving `{}`: {served} gets an answer, the route's handler, 308 to the normal form of an irregular path, or 404. It has routes and no fallback, so it merges and nests into any router, and a fallback added to it serves the paths outside its prefix. Dispatch is the generated match in [`Route::recognize`]: no route table is built at run time.",
        plan.api_shown
    ));
    // The functions users call name the state type as given (docs show it);
    // the code below them uses the alias.
    let build = |w: &mut Writer| {
        if !layers.is_empty() {
            w.line(format_args!("{BUILD_LAYERS}();"));
        }
    };
    w.block(
        format_args!("pub fn router() -> ::axum::Router<{state}> {{"),
        "}",
        |w| {
            build(w);
            w.line(format_args!(
                "__apigen::routes({prefix}, __apigen::Dispatch({ROUTES}))"
            ))
        },
    );
    w.blank();
    w.doc(&format!(
        "[`router`], where a path that no route matches goes to `fallback` (any axum handler, `State` included, or a service through `axum::routing::any_service`) instead of getting 404: how to serve other pages{} beside the API. Irregular paths are still answered 308 first.",
        if plan.prefix.is_empty() {
            " (apigen's prefix is empty, so it owns every path)"
        } else {
            ", inside the prefix as outside it,"
        }
    ));
    w.line("#[allow(dead_code)]");
    w.line(format_args!(
        "pub fn router_with_fallback<H, T>(fallback: H) -> ::axum::Router<{state}>"
    ));
    w.line("where");
    w.line(format_args!("    H: ::axum::handler::Handler<T, {state}>,"));
    w.line("    T: 'static,");
    w.block("{", "}", |w| {
        build(w);
        w.line(format_args!(
            "let handler = __apigen::WithFallback::new({ROUTES}, fallback.clone());"
        ));
        w.line(format_args!(
            "__apigen::routes({prefix}, handler).fallback(fallback)"
        ));
    });
    w.blank();
    service_fn(plan, w, &state, !layers.is_empty());
    w.blank();
    if !layers.is_empty() {
        w.doc("Builds each `_middleware.rs` file's `layer()`, once: when the router is made, not at a request.");
        w.block(format_args!("fn {BUILD_LAYERS}() {{"), "}", |w| {
            for middleware in &layers {
                w.line(format_args!(
                    "{}.build({}::layer);",
                    layer_cell(middleware),
                    middleware.module
                ));
            }
        });
        w.blank();
    }
    super::openapi::document(plan, w);

    w.doc(
        "The state type as `Builder::state` names it, for the route modules below: through this alias, a path valid where this file is included (`AppState` after a `use`, `super::AppState`) is valid in them too.",
    );
    w.line(format_args!("type {STATE} = {state};"));
    w.blank();
    w.doc("The generated dispatch, as the type the router's handler calls (public only as a part of [`Service`]'s type).");
    w.line("#[doc(hidden)]");
    w.line("#[derive(Clone, Copy)]");
    w.line(format_args!("pub struct {ROUTES};"));
    w.blank();
    w.block(
        format_args!("impl __apigen::Routes for {ROUTES} {{"),
        "}",
        |w| {
            w.line(format_args!("type State = {STATE};"));
            w.blank();
            w.line(format_args!(
                "const PREFIX: &'static str = {};",
                Literal::string(plan.prefix)
            ));
            w.blank();
            let params = [
                "req: __apigen::Request".to_owned(),
                format!("state: {STATE}"),
            ];
            let tail = format!(") -> Result<__apigen::Pending, (__apigen::Request, {STATE})> {{");
            w.list_block("fn dispatch(", &params, &tail, "}", |w| {
                w.line("dispatch(req, state)")
            });
        },
    );
    w.blank();

    dispatch(plan, w);
    let slots = guarded_params(plan.tree);
    for route in plan.tree.ordered() {
        w.blank();
        route_body(plan, w, route, slots);
    }
    w.blank();
}

/// `service()`, the API as one service without an `axum::Router` around it
/// (for an app that is all apigen), and its type `Service`. It takes the
/// state the router would get from `with_state`: nothing for `()`.
fn service_fn(plan: &Plan, w: &mut Writer, state: &str, layers: bool) {
    let unit = matches!(plan.state, syn::Type::Tuple(tuple) if tuple.elems.is_empty());
    w.doc("The type of [`service`]: axum's `HandlerService` of the generated dispatch (a tower `Service`; `.into_make_service()` for `axum::serve`).");
    w.line("#[allow(dead_code)]");
    w.line(format_args!(
        "pub type Service = __apigen::Service<{ROUTES}>;"
    ));
    w.blank();
    w.doc(&format!(
        "The API as one service, for an app that is all apigen: `axum::serve(listener, routes::service({}).into_make_service())`. Every request gets the answer [`router`]{} gives it (outside the prefix: 404), without the `axum::Router` around the dispatch (which inserts `OriginalUri`, `MatchedPath` and path params into every request, and boxes each answer's future): faster, but it composes only as a service (tower layers around it; no `merge`, `nest` or fallback), and axum's `MatchedPath` is not set ([`MatchedRoute`] is).",
        if unit { "" } else { "state" },
        if unit { "" } else { " with `.with_state(state)`" }
    ));
    w.line("#[allow(dead_code)]");
    let (arg, value) = if unit {
        (String::new(), "()")
    } else {
        (format!("state: {state}"), "state")
    };
    w.block(
        format_args!("pub fn service({arg}) -> Service {{"),
        "}",
        |w| {
            if layers {
                w.line(format_args!("{BUILD_LAYERS}();"));
            }
            w.line(format_args!("__apigen::service({ROUTES}, {value})"));
        },
    );
}

/// The alias of the state type that the route modules use.
pub(super) const STATE: &str = "__State";

/// The unit type standing for the generated dispatch.
const ROUTES: &str = "__Routes";

/// The function building every middleware file's `layer()`.
const BUILD_LAYERS: &str = "__build_layers";

/// The static holding a middleware file's `layer()`: `__LAYER_ADMIN_MIDDLEWARE`.
fn layer_cell(middleware: &Middleware) -> String {
    format!("__LAYER_{}", middleware.module.to_ascii_uppercase())
}

/// `dispatch`: finds the route with the generated match, then hands the
/// request, the state and the params' places in the path to the route's
/// function, which answers at once (405, `OPTIONS`, 400, 413) or gives the
/// handler's call, boxed. A path no route matches (and that needs no 308)
/// goes back to the router's handler, with the state, for its 404 or the
/// app's fallback. `dispatch` itself awaits nothing: a single async fn
/// awaiting every route's handlers made rustc's coroutine layout
/// (quadratic in its await points) and LLVM slow on large APIs.
fn dispatch(plan: &Plan, w: &mut Writer) {
    w.doc(
        "Answers a request the router got: finds its route (allocating nothing), puts its `MatchedRoute` into the request (and, once answered, into the response), then hands the request to the route's function; gives the request back when no route matches.",
    );
    // With no route, the match has only the uninhabited arm: it is the
    // (diverging) answer.
    let empty = plan.tree.routes.is_empty();
    let params = [
        if plan.tree.routes.iter().any(reads_request) {
            "mut req: __apigen::Request"
        } else {
            "req: __apigen::Request"
        }
        .to_owned(),
        format!("state: {STATE}"),
    ];
    let tail = format!(") -> Result<__apigen::Pending, (__apigen::Request, {STATE})> {{");
    // The request goes back by value, as it came: boxing it for clippy's
    // taste would cost an allocation per 404.
    w.line("#[allow(clippy::result_large_err)]");
    w.list_block("fn dispatch(", &params, &tail, "}", |w| {
        w.line("let path = req.uri().path();");
        w.block("let route = match resolve(path) {", "};", |w| {
            w.line("__apigen::Resolution::Found(route) => route,");
            w.block("__apigen::Resolution::Redirect(to) => {", "}", |w| {
                w.line("return Ok(__apigen::ready(__apigen::redirect(&req, &to)));");
            });
            w.line("__apigen::Resolution::NotFound => return Err((req, state)),");
        });
        let (head, tail) = if empty {
            ("match route {", "}")
        } else {
            w.line("let matched = __apigen::MatchedRoute::new(route.info());");
            ("let routed = match route {", "};")
        };
        w.block(head, tail, |w| dispatch_arms(plan, w));
        if !empty {
            w.line("Ok(__apigen::pending(routed, matched))");
        }
    });
}

/// The arms of `dispatch`'s match: each route's params become spans of the
/// path, the route's `MatchedRoute` goes into the request (where anything
/// can read it: [`reads_request`]), and both are handed to the route's
/// function.
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
        let reads = reads_request(route);
        if spans.is_empty() && !reads {
            w.arm(&local_binding(route), &call);
            continue;
        }
        w.block(format_args!("{} => {{", local_binding(route)), "}", |w| {
            for span in spans {
                w.line(span);
            }
            // The route goes into the request once the params are spans,
            // no longer borrowing its path.
            if reads {
                w.line("__apigen::reached(&mut req, matched);");
            }
            w.line(call);
        });
    }
    phantom_arm(plan, w);
}

/// Whether anything of the route can see the request's extensions, and so
/// its `MatchedRoute`: a folder middleware, or a handler with an extractor
/// (any argument that is not a param). A route whose handlers take params
/// alone skips putting it there (a map insertion and an allocation per
/// request that nothing could read); its response is labelled all the same.
fn reads_request(route: &Route) -> bool {
    !route.middleware.is_empty()
        || route
            .handlers
            .fns
            .iter()
            .any(|f| f.args.iter().any(|arg| matches!(arg, Arg::Extractor)))
}

/// A route's function, in a module of its own: decode its params (400),
/// check its body limit (413), then pick the handler by method (or answer
/// 405 / OPTIONS) and bind its arguments. It runs before anything is
/// boxed, so only the handler's call (with its extractors) is a coroutine.
/// One module per route lets rustc compile a big API's routes in parallel:
/// it compiles a module's functions together, in one codegen unit.
fn route_body(plan: &Plan, w: &mut Writer, route: &Route, slots: usize) {
    let through = if route.middleware.is_empty() {
        String::new()
    } else {
        format!(", through `{}`", route.middleware.join("`, `"))
    };
    w.doc(&format!(
        "Serves `{}`: `{}`{through}.",
        route.file, route.pattern
    ));
    w.block(format_args!("mod {} {{", route.serve_module), "}", |w| {
        w.line(format_args!(
            "use super::{{{STATE}, __apigen, {}}};",
            route.module
        ));
        w.blank();
        if route.middleware.is_empty() {
            serve_fn(plan, w, route);
        } else {
            guarded_serve_fn(plan, w, route);
            w.blank();
            endpoint_fn(plan, w, route, slots);
        }
        super::openapi::describe(plan, w, route);
    });
}

/// The type of a param's place in the path, as `serve` takes it.
fn span_type(kind: Kind) -> &'static str {
    if always_present(kind) {
        "__apigen::Span"
    } else {
        "Option<__apigen::Span>"
    }
}

/// Whether a param of this kind is in every path its route matches (`[x]`,
/// `[...x]`), rather than optional (`[[...x]]`): its span is a `Span`, not
/// an `Option` of one.
fn always_present(kind: Kind) -> bool {
    matches!(kind, Kind::Dynamic | Kind::CatchAll)
}

/// The answer known before the params and the body: 405 and `OPTIONS`
/// (a file with `handler` serves every method).
fn allow_line(w: &mut Writer, handlers: &Handlers) {
    if handlers.get(ANY).is_none() {
        let allow = Literal::string(&allow(handlers)).to_string();
        w.line(format_args!(
            "__apigen::allow(&req, {}, {allow})?;",
            served(handlers)
        ));
    }
}

/// Whether a handler of the file has arguments to bind (and so needs the
/// state and the binding traits).
fn binds(handlers: &Handlers) -> bool {
    handlers.fns.iter().any(|f| !f.args.is_empty())
}

/// The explicit borrows in `(&a1).bind_param(..)` choose the binding impl
/// (autoref specialization); clippy cannot see that they matter.
fn allow_borrows(w: &mut Writer, handlers: &Handlers) {
    if binds(handlers) {
        w.line("#[allow(clippy::needless_borrow)]");
    }
}

/// `serve`, the route's function (see [`route_body`]), for a route
/// without folder middleware.
fn serve_fn(plan: &Plan, w: &mut Writer, route: &Route) {
    let handlers = &route.handlers;
    let binds = binds(handlers);
    allow_borrows(w, handlers);
    let mut params = vec![
        "req: __apigen::Request".to_owned(),
        format!("{}: {STATE}", if binds { "state" } else { "_state" }),
    ];
    for segment in route.params() {
        params.push(format!("{}: {}", segment.local, span_type(segment.kind)));
    }
    let head = "pub(super) fn serve(";
    w.list_block(head, &params, ") -> __apigen::Routed {", "}", |w| {
        if binds {
            w.line("use __apigen::bind::*;");
        }
        // 405 and `OPTIONS` first: they do not depend on the params or the body.
        allow_line(w, handlers);
        answer_body(plan, w, route, "&req");
    });
}

/// `serve` for a route with folder middleware: 405 and `OPTIONS` first
/// (no middleware runs for them), then the route's middleware chain around
/// its [`endpoint_fn`], built from the inside out. The chain is a value of
/// axum's own `Layered` handlers, made per request from struct fields and
/// the layers built once; axum's `from_fn_with_state` runs each
/// `middleware` with the router's state.
fn guarded_serve_fn(plan: &Plan, w: &mut Writer, route: &Route) {
    let mut params = vec![
        "req: __apigen::Request".to_owned(),
        format!("state: {STATE}"),
    ];
    let mut spans = Vec::new();
    for segment in route.params() {
        let field = segment.local.clone();
        params.push(format!("{field}: {}", span_type(segment.kind)));
        spans.push(if always_present(segment.kind) {
            format!("Some({field})")
        } else {
            field
        });
    }
    let head = "pub(super) fn serve(";
    w.list_block(head, &params, ") -> __apigen::Routed {", "}", |w| {
        allow_line(w, &route.handlers);
        // The endpoint keeps the path the route was matched on: a middleware
        // that rewrites the URI cannot send the request to another route.
        w.line(format_args!(
            "let next = __apigen::Endpoint::new(endpoint, &req, [{}]);",
            spans.join(", ")
        ));
        for file in route.middleware.iter().rev() {
            let middleware = plan.tree.middleware_file(file);
            let module = &middleware.module;
            if middleware.exports.middleware {
                w.line(format_args!(
                    "let next = __apigen::Handler::layer(next, __apigen::from_fn_with(&state, super::{module}::middleware));"
                ));
            }
            if middleware.exports.layer {
                w.line(format_args!(
                    "let next = __apigen::Handler::layer(next, super::{}.layer(super::{module}::layer));",
                    layer_cell(middleware)
                ));
            }
        }
        w.line("__apigen::through(next, req, state)");
    });
}

/// The most params a route with folder middleware has: the slots of the
/// tree's `Spans`, one type for every route's endpoint.
fn guarded_params(tree: &Tree) -> usize {
    tree.routes
        .iter()
        .filter(|route| !route.middleware.is_empty())
        .map(|route| route.params().count())
        .max()
        .unwrap_or(0)
}

/// `endpoint`, what a route with folder middleware runs below it: its
/// params (400), its body limit (413) and its handler, with the params read
/// from the path the route was matched on (`uri`), at the spans the tree's
/// one `Spans` form (`slots` of them) holds.
fn endpoint_fn(plan: &Plan, w: &mut Writer, route: &Route, slots: usize) {
    let handlers = &route.handlers;
    let binds = binds(handlers);
    allow_borrows(w, handlers);
    let unused = if route.params().next().is_none() {
        "_"
    } else {
        ""
    };
    let params = [
        "req: __apigen::Request".to_owned(),
        format!("{}: {STATE}", if binds { "state" } else { "_state" }),
        format!("{unused}uri: &__apigen::Uri"),
        format!("{unused}spans: &__apigen::Spans<{slots}>"),
    ];
    w.list_block(
        "fn endpoint(",
        &params,
        ") -> __apigen::Routed {",
        "}",
        |w| {
            if binds {
                w.line("use __apigen::bind::*;");
            }
            for (index, segment) in route.params().enumerate() {
                let slot = if always_present(segment.kind) {
                    "one"
                } else {
                    "optional"
                };
                w.line(format_args!(
                    "let {} = spans.{slot}({index});",
                    segment.local
                ));
            }
            answer_body(plan, w, route, "uri");
        },
    );
}

/// The part of a route's function after 405 and `OPTIONS`: decode the
/// params from `path_of` (`&req`, or the matched `uri` below middleware;
/// 400), check the body limit (413), pick the handler by method.
fn answer_body(plan: &Plan, w: &mut Writer, route: &Route, path_of: &str) {
    let handlers = &route.handlers;
    // In path order: a param a handler binds is decoded for it; a run of
    // params none binds is only checked, and only when the path has a `%`
    // (without one, every param decodes to itself).
    let params: Vec<_> = route.params().collect();
    for run in params.chunk_by(|a, b| uses(handlers, &a.field) == uses(handlers, &b.field)) {
        let decodes = run.iter().map(|segment| {
            let (field, name) = (&segment.local, Literal::string(&segment.name));
            let decode = match segment.kind {
                Kind::Dynamic => "param",
                Kind::CatchAll => "segments",
                _ => "optional_segments",
            };
            (
                field,
                format!("__apigen::{decode}({name}, {path_of}, &{field})?"),
            )
        });
        if uses(handlers, &run[0].field) {
            for (field, value) in decodes {
                w.line(format_args!("let {field} = {value};"));
            }
        } else {
            w.block(
                format_args!("if __apigen::escaped({path_of}) {{"),
                "}",
                |w| {
                    for (_, value) in decodes {
                        w.line(format_args!("{value};"));
                    }
                },
            );
        }
    }
    let limit = if handlers.body_limit {
        format!("{}::BODY_LIMIT", route.module)
    } else {
        plan.body_limit.to_string()
    };
    w.line(format_args!("__apigen::limit(&req, {limit})?;"));
    methods(w, route, handlers, &limit);
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
/// `get` (or `handler`) unless the file has `head`; axum's route future
/// drops the body of every `HEAD` answer.
fn methods(w: &mut Writer, route: &Route, handlers: &Handlers, limit: &str) {
    if let [f] = handlers.fns.as_slice()
        && f.name == ANY
    {
        // `handler` alone serves every method: no `match`.
        return call(w, None, route, f, limit);
    }
    if let [f] = handlers.fns.as_slice() {
        // One handler (with `get`, for `HEAD` too): `allow` let through
        // only the methods it serves, so no `match` either.
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
        match handlers.get(ANY) {
            Some(f) => call(w, Some("_"), route, f, limit),
            // `allow` answered every other method already.
            None => {
                let allow = Literal::string(&allow(handlers)).to_string();
                w.arm("_", &format!("__apigen::method_not_allowed({allow})"))
            }
        }
    });
}

/// The methods the file's handlers serve (`handler` aside), as the
/// template's bits: `GET` serves `HEAD` too unless the file has `head`.
fn served(handlers: &Handlers) -> String {
    let mut bits: Vec<String> = Vec::new();
    for name in crate::inspect::METHODS {
        let served =
            handlers.get(name).is_some() || (name == "head" && handlers.get("get").is_some());
        if served {
            bits.push(format!("__apigen::{}", name.to_ascii_uppercase()));
        }
    }
    if bits.is_empty() {
        return "0".to_owned();
    }
    bits.join(" | ")
}

/// The `Allow` header: the methods the file serves, HEAD with GET, and
/// OPTIONS (the manifest's `methods`).
fn allow(handlers: &Handlers) -> String {
    allowed_methods(handlers).join(", ")
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
    // With no extractor to run: `__apigen::call(req, __apigen::send(m::h(a1, ..)))`.
    let (call_head, call_tail) = (format!("__apigen::call(req, {send}"), ")))");
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
                w.line(format_args!(
                    "let req = __apigen::body_limit(req, {limit});"
                ));
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
