//! The framework-free part of the output: `enum Route`, its matcher and
//! accessors, and `resolve`.
//!
//! `Route::recognize` is the routing trie written out as nested code: at each
//! level it tries the route ending there, then static children, then the
//! `[x]` subtree, then `[...x]`, then `[[...x]]` — the order of
//! [`Tree::order`](crate::tree::Tree::order). A subtree that finds nothing
//! falls through to the next alternative, so backtracking over whole patterns
//! costs nothing extra, and a successful match returns at once.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Plan, construct, doc, ident, local};
use crate::TrailingSlash;
use crate::name::Kind;
use crate::tree::Node;

pub(super) fn emit(plan: &Plan) -> TokenStream {
    let route_enum = route_enum(plan);
    let recognize = recognize(plan);
    let accessors = accessors(plan);
    let slash = match plan.trailing_slash {
        TrailingSlash::Redirect => quote!(Redirect),
        TrailingSlash::Ignore => quote!(Ignore),
        TrailingSlash::Strict => quote!(Strict),
    };
    let resolve_doc = doc(&format!(
        "Resolves a request path (without its query): the route, or a 308 target for a path that is not normal, or 404. Trailing slashes: `{slash}`."
    ));
    quote! {
        #route_enum

        #[allow(dead_code)]
        impl<'a> Route<'a> {
            #recognize
            #accessors
        }

        #resolve_doc
        #[allow(dead_code)]
        pub fn resolve(path: &str) -> __apigen::Resolution<Route<'_>> {
            __apigen::resolve(path, __apigen::TrailingSlash::#slash, Route::recognize)
        }

        #[allow(unused_imports)]
        pub use __apigen::{DecodeError, Param, Resolution, Segments, decode};
    }
}

fn route_enum(plan: &Plan) -> TokenStream {
    let routes = &plan.tree.routes;
    let variants = plan.tree.order().into_iter().map(|i| {
        let route = &routes[i];
        let variant = ident(&route.variant);
        let docs = doc(&format!("`{}`: `{}`", route.file, route.pattern));
        let fields: Vec<TokenStream> = route
            .params()
            .map(|segment| {
                let field = ident(&segment.field);
                let (ty, what) = match segment.kind {
                    Kind::Dynamic => (quote!(&'a str), "segment"),
                    Kind::CatchAll => (quote!(Segments<'a>), "segments"),
                    _ => (quote!(Option<Segments<'a>>), "segments, if any"),
                };
                let docs = doc(&format!(
                    "The `{}` {what}, still percent-encoded.",
                    segment.pattern()
                ));
                quote!(#docs #field: #ty)
            })
            .collect();
        if fields.is_empty() {
            quote!(#docs #variant)
        } else {
            quote!(#docs #variant { #(#fields),* })
        }
    });
    let phantom = phantom_variant(plan);
    let docs = doc(&format!(
        "A route of `{}`, as [`Route::recognize`] finds it in a request path. Variants are listed in the order a request tries them.",
        plan.api_shown
    ));
    quote! {
        #docs
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(dead_code, clippy::enum_variant_names)]
        pub enum Route<'a> {
            #(#variants,)*
            #phantom
        }
    }
}

/// Without any param, `'a` would be unused: an uninhabited variant holds it.
fn phantom_variant(plan: &Plan) -> TokenStream {
    if has_params(plan) {
        return quote!();
    }
    quote! {
        #[doc(hidden)]
        __Unused(::core::convert::Infallible, ::core::marker::PhantomData<&'a str>),
    }
}

fn has_params(plan: &Plan) -> bool {
    plan.tree.routes.iter().any(|r| r.params().next().is_some())
}

/// The match arm of the phantom variant, where there is one.
pub(super) fn phantom_arm(plan: &Plan) -> TokenStream {
    if has_params(plan) {
        quote!()
    } else {
        quote!(Route::__Unused(never, _) => match never {},)
    }
}

fn recognize(plan: &Plan) -> TokenStream {
    let prefix = plan.prefix;
    let docs = doc(&format!(
        "Finds the route a request path (without its query) asks for, comparing raw bytes: static segments must equal the path's bytes, params never match an empty or dot segment. Allocates nothing. Paths outside `{}` find nothing.",
        if prefix.is_empty() { "/" } else { prefix }
    ));
    let body = if plan.tree.routes.is_empty() {
        quote! {
            let _ = path;
            None
        }
    } else {
        let root = node(plan, &plan.tree.root);
        quote! {
            let rest = __apigen::strip_prefix(path, #prefix)?;
            #root
            None
        }
    };
    quote! {
        #docs
        #[allow(clippy::collapsible_if, clippy::collapsible_match)]
        pub fn recognize(path: &'a str) -> Option<Route<'a>> {
            #body
        }
    }
}

/// The statements that try one level of the trie against `rest` (the path
/// left to match: empty, or starting with `/`). They `return` a match and
/// fall through otherwise.
fn node(plan: &Plan, node: &Node) -> TokenStream {
    let mut out = TokenStream::new();
    if let Some(route) = node.route {
        let found = construct(plan, route, None);
        out.extend(quote!(if rest.is_empty() { return Some(#found); }));
    } else if let Some(route) = node.optional {
        let found = construct(plan, route, Some(quote!(None)));
        out.extend(quote!(if rest.is_empty() { return Some(#found); }));
    }

    match (node.statics.len(), &node.dynamic) {
        (0, None) => {}
        (0, Some((key, child))) => {
            let (leaf, body) = step(plan, child);
            let tail = if leaf { quote!("") } else { quote!(rest) };
            let local = local(key);
            out.extend(
                quote!(if let Some((#local, #tail)) = __apigen::split_param(rest) { #body }),
            );
        }
        (1, None) => {
            let (name, child) = node.statics.iter().next().expect("one static child");
            let (leaf, body) = step(plan, child);
            let tail = if leaf { quote!("") } else { quote!(rest) };
            out.extend(quote!(if let Some((#name, #tail)) = __apigen::split(rest) { #body }));
        }
        (_, dynamic) => {
            let statics = statics(plan, node);
            let dynamic = dynamic.as_ref().map(|(key, child)| {
                let local = local(key);
                let (leaf, body) = step(plan, child);
                let cond = if leaf {
                    quote!(__apigen::is_param(seg) && rest.is_empty())
                } else {
                    quote!(__apigen::is_param(seg))
                };
                quote!(if #cond { let #local = seg; #body })
            });
            out.extend(
                quote!(if let Some((seg, rest)) = __apigen::split(rest) { #statics #dynamic }),
            );
        }
    }

    if let Some(route) = node.catch_all {
        let key = &plan.tree.routes[route]
            .segments
            .last()
            .expect("a catch-all route ends in it")
            .field;
        let local = local(key);
        let found = construct(plan, route, None);
        out.extend(
            quote!(if let Some(#local) = __apigen::catch_all(rest) { return Some(#found); }),
        );
    }
    if let Some(route) = node.optional {
        let key = &plan.tree.routes[route]
            .segments
            .last()
            .expect("an optional catch-all route ends in it")
            .field;
        let local = local(key);
        let found = construct(plan, route, Some(quote!(Some(#local))));
        out.extend(
            quote!(if let Some(#local) = __apigen::catch_all(rest) { return Some(#found); }),
        );
    }
    out
}

/// How to enter a child level. A leaf (a route and nothing below) matches
/// only when the path ends there, so the caller checks that the tail is
/// empty (`true`) and the body just returns; anything else gets the tail as
/// the new `rest` (`false`).
fn step(plan: &Plan, child: &Node) -> (bool, TokenStream) {
    let leaf = child.statics.is_empty()
        && child.dynamic.is_none()
        && child.catch_all.is_none()
        && child.optional.is_none();
    match child.route {
        Some(route) if leaf => {
            let found = construct(plan, route, None);
            (true, quote!(return Some(#found);))
        }
        _ => (false, node(plan, child)),
    }
}

/// The static children of a level with several children, as one `match`
/// on the segment's bytes (which rustc turns into a decision tree), or one
/// comparison when there is a single static child.
fn statics(plan: &Plan, node: &Node) -> TokenStream {
    let mut arms = Vec::new();
    for (name, child) in &node.statics {
        let (leaf, body) = step(plan, child);
        let bytes = syn::LitByteStr::new(name.as_bytes(), proc_macro2::Span::call_site());
        arms.push((bytes, leaf, body));
    }
    if arms.len() == 1 {
        let (bytes, leaf, body) = arms.remove(0);
        let cond = if leaf {
            quote!(seg.as_bytes() == #bytes && rest.is_empty())
        } else {
            quote!(seg.as_bytes() == #bytes)
        };
        return quote!(if #cond { #body });
    }
    let arms = arms.into_iter().map(|(bytes, leaf, body)| {
        let guard = if leaf {
            quote!(if rest.is_empty())
        } else {
            quote!()
        };
        quote!(#bytes #guard => { #body })
    });
    quote! {
        match seg.as_bytes() {
            #(#arms)*
            _ => {}
        }
    }
}

fn accessors(plan: &Plan) -> TokenStream {
    let routes = &plan.tree.routes;
    let order = plan.tree.order();
    let phantom = phantom_arm(plan);
    let pattern_arms = order.iter().map(|&i| {
        let variant = ident(&routes[i].variant);
        let pattern = &routes[i].pattern;
        quote!(Route::#variant { .. } => #pattern,)
    });
    let file_arms = order.iter().map(|&i| {
        let variant = ident(&routes[i].variant);
        let file = &routes[i].file;
        quote!(Route::#variant { .. } => #file,)
    });
    let param_arms = order.iter().map(|&i| {
        let route = &routes[i];
        let variant = ident(&route.variant);
        let params: Vec<_> = route.params().collect();
        let fields = params.iter().map(|s| ident(&s.field));
        let binding = if params.is_empty() {
            quote!(Route::#variant)
        } else {
            quote!(Route::#variant { #(#fields),* })
        };
        let optional = params.iter().any(|s| s.kind == Kind::OptionalCatchAll);
        let items = params.iter().map(|s| {
            let field = ident(&s.field);
            let name = &s.name;
            match s.kind {
                Kind::Dynamic => quote!((#name, __apigen::Param::One(#field))),
                Kind::CatchAll => quote!((#name, __apigen::Param::Many(#field))),
                _ => quote!(#field.map(|v| (#name, __apigen::Param::Many(v)))),
            }
        });
        if optional {
            let items = params.iter().zip(items).map(|(s, item)| match s.kind {
                Kind::OptionalCatchAll => item,
                _ => quote!(Some(#item)),
            });
            quote!(#binding => [#(#items),*].into_iter().flatten().collect(),)
        } else {
            quote!(#binding => vec![#(#items),*],)
        }
    });
    quote! {
        /// The route's pattern, prefix included (`/api/post/[pid]`): a stable
        /// label for logs and metrics.
        pub fn pattern(&self) -> &'static str {
            match *self {
                #(#pattern_arms)*
                #phantom
            }
        }

        /// The route's file, relative to the api dir (`post/[pid].rs`).
        pub fn file(&self) -> &'static str {
            match *self {
                #(#file_arms)*
                #phantom
            }
        }

        /// The route's params in path order, by the names the file uses,
        /// still percent-encoded. An absent optional catch-all is left out.
        pub fn params(&self) -> Vec<(&'static str, __apigen::Param<'a>)> {
            match *self {
                #(#param_arms)*
                #phantom
            }
        }
    }
}
