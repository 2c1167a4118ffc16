//! The axum part of the output: one module per route file, `router()`, and
//! the code that hands a matched request to the file's handler.
//!
//! `router()` is an `axum::Router` whose only entry is a fallback: every
//! request goes to `dispatch`, which resolves the path with the generated
//! match (no route table, no allocation to find the route), then `serve`
//! picks the handler by method and a `call_*` function binds its arguments.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Plan, core::phantom_arm, doc, ident};
use crate::inspect::{ANY, Arg, HandlerFn, Handlers};
use crate::name::Kind;
use crate::tree::Route;

pub(super) fn emit(plan: &Plan) -> TokenStream {
    let modules = plan.tree.routes.iter().map(|route| {
        let module = ident(&route.module);
        let path = plan.files.include_path(&route.file);
        let docs = doc(&format!("`{}`: `{}`", route.file, route.pattern));
        quote! {
            #docs
            pub mod #module {
                include!(#path);
            }
        }
    });
    let state = plan.state;
    let router_doc = doc(&format!(
        "The axum router serving `{}`. Every path gets an answer: the route's handler, 308 to the normal form of an irregular path, or 404. Dispatch is the generated match in [`Route::recognize`]: no route table is built at run time.",
        plan.api_shown
    ));
    let serve = serve(plan);
    let calls = plan
        .tree
        .routes
        .iter()
        .zip(plan.handlers)
        .flat_map(|(route, handlers)| handlers.fns.iter().map(move |f| call(plan, route, f)));
    quote! {
        #(#modules)*

        #router_doc
        pub fn router() -> ::axum::Router<#state> {
            ::axum::Router::new().fallback(dispatch)
        }

        /// Answers every request the router gets.
        async fn dispatch(
            ::axum::extract::State(state): ::axum::extract::State<#state>,
            req: __apigen::Request,
        ) -> __apigen::Response {
            let uri = req.uri().clone();
            match resolve(uri.path()) {
                __apigen::Resolution::Found(route) => match serve(route, req, &state).await {
                    Ok(response) | Err(response) => response,
                },
                __apigen::Resolution::Redirect(path) => __apigen::redirect(&path, uri.query()),
                __apigen::Resolution::NotFound => __apigen::not_found(),
            }
        }

        #serve

        #(#calls)*
    }
}

/// `serve`: decode the route's params (400), apply its body limit (413),
/// then call the handler for the method (or 405 / OPTIONS / HEAD).
fn serve(plan: &Plan) -> TokenStream {
    let state = plan.state;
    let arms = plan.tree.order().into_iter().map(|i| {
        let route = &plan.tree.routes[i];
        let handlers = &plan.handlers[i];
        let variant = ident(&route.variant);
        let params: Vec<_> = route.params().collect();
        let fields = params.iter().map(|s| ident(&s.field));
        let binding = if params.is_empty() {
            quote!(Route::#variant)
        } else {
            quote!(Route::#variant { #(#fields),* })
        };
        let decoded = params.iter().map(|segment| {
            let field = ident(&segment.field);
            let name = &segment.name;
            let used = uses(handlers, &segment.field);
            let value = match segment.kind {
                Kind::Dynamic => quote!(__apigen::param(#name, #field)?),
                Kind::CatchAll => quote!(__apigen::segments(#name, #field)?),
                _ => quote!(__apigen::optional_segments(#name, #field)?),
            };
            if used {
                quote!(let #field = #value;)
            } else {
                quote!(#value;)
            }
        });
        let limit = if handlers.body_limit {
            let module = ident(&route.module);
            quote!(#module::BODY_LIMIT)
        } else {
            let limit = proc_macro2::Literal::usize_unsuffixed(plan.body_limit);
            quote!(#limit)
        };
        let methods = methods(route, handlers);
        quote! {
            #binding => {
                #(#decoded)*
                __apigen::limit(&mut req, #limit)?;
                #methods
            }
        }
    });
    let phantom = phantom_arm(plan);
    let req = if plan.tree.routes.is_empty() {
        quote!(req)
    } else {
        quote!(mut req)
    };
    quote! {
        /// Hands a matched request to its route's handler.
        async fn serve(
            route: Route<'_>,
            #req: __apigen::Request,
            state: &#state,
        ) -> Result<__apigen::Response, __apigen::Response> {
            match route {
                #(#arms)*
                #phantom
            }
        }
    }
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
fn methods(route: &Route, handlers: &Handlers) -> TokenStream {
    let call = |f: &HandlerFn| {
        let name = format_ident!("{}", call_name(route, f));
        let args = param_args(route, f);
        quote!(#name(req, state #(, #args)*).await)
    };
    let mut arms = Vec::new();
    for f in handlers.fns.iter().filter(|f| f.name != ANY) {
        let method = f.name.to_ascii_uppercase();
        let call = call(f);
        arms.push(quote!(#method => #call,));
    }
    let any = handlers.get(ANY);
    if handlers.get("head").is_none()
        && let Some(f) = handlers.get("get").or(any)
    {
        let call = call(f);
        arms.push(quote!("HEAD" => __apigen::head(#call),));
    }
    let allow = allow(handlers);
    if handlers.get("options").is_none() && any.is_none() {
        arms.push(quote!("OPTIONS" => Ok(__apigen::options(#allow)),));
    }
    match any {
        Some(f) => {
            let call = call(f);
            arms.push(quote!(_ => #call,));
        }
        None => arms.push(quote!(_ => Ok(__apigen::method_not_allowed(#allow)),)),
    }
    quote! {
        match req.method().as_str() {
            #(#arms)*
        }
    }
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
fn param_args(route: &Route, f: &HandlerFn) -> Vec<TokenStream> {
    bound_params(route, f)
        .map(|segment| {
            let field = ident(&segment.field);
            match segment.kind {
                Kind::Dynamic => quote!(&#field),
                Kind::CatchAll => quote!(Some(#field.as_slice())),
                _ => quote!(#field.as_deref()),
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
fn call(plan: &Plan, route: &Route, f: &HandlerFn) -> TokenStream {
    let state = plan.state;
    let name = format_ident!("{}", call_name(route, f));
    let module = ident(&route.module);
    let handler = format_ident!("{}", f.name);
    let docs = doc(&format!("Calls `{}` of `{}`.", f.name, route.file));

    let params = bound_params(route, f).map(|segment| {
        let field = ident(&segment.field);
        match segment.kind {
            Kind::Dynamic => quote!(#field: &str),
            _ => quote!(#field: Option<&[::std::borrow::Cow<'_, str>]>),
        }
    });
    let extractors = f
        .args
        .iter()
        .filter(|a| matches!(a, Arg::Extractor))
        .count();
    let last_extractor = f.args.iter().rposition(|a| matches!(a, Arg::Extractor));
    let req = if extractors == 0 {
        quote!(_req)
    } else {
        quote!(req)
    };
    let state_arg = if f.args.is_empty() {
        quote!(_state)
    } else {
        quote!(state)
    };

    let slots: Vec<syn::Ident> = (1..=f.args.len()).map(|n| format_ident!("a{n}")).collect();
    let mut body = TokenStream::new();
    if !f.args.is_empty() {
        let slots_fn = format_ident!("slots{}", f.args.len());
        body.extend(quote! {
            use __apigen::bind::*;
            let (#(#slots,)*) = #slots_fn(&#module::#handler, state);
        });
    }
    if extractors > 1 {
        body.extend(quote!(let (mut parts, body) = req.into_parts();));
    }
    for (i, (arg, slot)) in f.args.iter().zip(&slots).enumerate() {
        let value = match arg {
            Arg::Param { field, name, kind } => {
                let field = ident(field);
                match kind {
                    Kind::Dynamic => quote!((&#slot).bind_param(#name, #field)?),
                    _ => quote!((&#slot).bind_segments(#name, #field)?),
                }
            }
            Arg::Extractor if Some(i) == last_extractor => {
                let req = if extractors > 1 {
                    quote!(__apigen::Request::from_parts(parts, body))
                } else {
                    quote!(req)
                };
                quote!((&&#slot).bind_request(#req, state).await?)
            }
            Arg::Extractor => quote!((&#slot).bind_parts(&mut parts, state).await?),
        };
        body.extend(quote!(let #slot = #value;));
    }
    // The explicit borrows in `(&a1).param(..)` choose the binding impl
    // (autoref specialization); clippy cannot see that they matter.
    // `send(..)` checks the handler's future where it is called: without it
    // a non-`Send` handler is reported only at `router()`, far from its file.
    quote! {
        #docs
        #[allow(clippy::needless_borrow)]
        async fn #name(
            #req: __apigen::Request,
            #state_arg: &#state
            #(, #params)*
        ) -> Result<__apigen::Response, __apigen::Response> {
            #body
            Ok(__apigen::respond(__apigen::send(#module::#handler(#(#slots),*)).await))
        }
    }
}
