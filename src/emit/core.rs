//! The framework-free part of the output: `enum Route`, its matcher and
//! accessors, and `resolve`.
//!
//! `Route::recognize` is emitted by [`recognize`].

mod recognize;

use proc_macro2::TokenStream;
use quote::quote;

use super::{Plan, doc, ident};
use crate::TrailingSlash;
use crate::name::Kind;

pub(super) fn emit(plan: &Plan) -> TokenStream {
    let route_enum = route_enum(plan);
    let recognize = recognize::recognize(plan);
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
