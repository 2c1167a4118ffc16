//! A consumer of apigen, as users write one.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

/// State shared by the handlers.
#[derive(Clone, Default)]
pub struct AppState {
    /// Counts `POST /api/state` calls.
    pub hits: Arc<AtomicU64>,
}

/// The generated axum router and matcher.
pub mod routes {
    include!(concat!(env!("OUT_DIR"), "/routes.rs"));
}

/// The generated core matcher for the same tree, with prefix `""`.
pub mod core_routes {
    include!(concat!(env!("OUT_DIR"), "/core_routes.rs"));
}

/// The same tree with `TrailingSlash::Ignore`. Its route files are modules of
/// `routes` already: a second module of one file is what clippy's
/// `duplicate_mod` warns about, and what this crate means to do.
#[allow(clippy::duplicate_mod)]
pub mod ignore_routes {
    include!(concat!(env!("OUT_DIR"), "/ignore_routes.rs"));
}

/// The same tree with `TrailingSlash::Strict` (route files as in `ignore_routes`).
#[allow(clippy::duplicate_mod)]
pub mod strict_routes {
    include!(concat!(env!("OUT_DIR"), "/strict_routes.rs"));
}

/// The same tree with the state named `AppState`, which only this module's
/// `use` makes valid: the route modules inside must see it too (route files
/// as in `ignore_routes`).
#[allow(clippy::duplicate_mod)]
pub mod bare_state_routes {
    use super::AppState;
    include!(concat!(env!("OUT_DIR"), "/bare_state_routes.rs"));
}

/// The tree of awkward names (`awkward/`): leading and double underscores,
/// upper case, keywords, primitive type names, digits, non-ASCII.
pub mod awkward {
    /// The axum target, in a module named `routes` as the README names it
    /// (its `routes.rs` file becomes a route module of that name inside).
    pub mod routes {
        include!(concat!(env!("OUT_DIR"), "/awkward_routes.rs"));
    }
    /// The core target over the same files, served from the root.
    pub mod core_routes {
        include!(concat!(env!("OUT_DIR"), "/awkward_core_routes.rs"));
    }
}

/// The seed fixtures (`fixtures/*`), each generated with the default settings.
pub mod seeds {
    /// `fixtures/index-routes`
    pub mod index_routes {
        include!(concat!(env!("OUT_DIR"), "/index_routes.rs"));
    }
    /// `fixtures/dynamic-routes`
    pub mod dynamic_routes {
        include!(concat!(env!("OUT_DIR"), "/dynamic_routes.rs"));
    }
    /// `fixtures/catch-all`
    pub mod catch_all {
        include!(concat!(env!("OUT_DIR"), "/catch_all.rs"));
    }
    /// `fixtures/optional-catch-all`
    pub mod optional_catch_all {
        include!(concat!(env!("OUT_DIR"), "/optional_catch_all.rs"));
    }
    /// `fixtures/unbound-params` (not a Next.js seed: params the handlers
    /// leave unbound, beside a bound one)
    pub mod unbound_params {
        include!(concat!(env!("OUT_DIR"), "/unbound_params.rs"));
    }
}
