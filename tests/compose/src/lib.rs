//! A consumer whose generated router is composed with the rest of an axum
//! app: merged, nested, layered, beside a static-file fallback. The tests in
//! `tests/` serve it on loopback.

/// The state every handler can read.
#[derive(Clone, Debug)]
pub struct AppState {
    /// Answered by `GET /api/state`.
    pub name: &'static str,
}

/// `src/api` below `/api`.
pub mod routes {
    include!(concat!(env!("OUT_DIR"), "/routes.rs"));
}

/// `src/api` served from the root: apigen owns every path. Its route files are
/// modules of `routes` already (clippy's `duplicate_mod`, meant here).
#[allow(clippy::duplicate_mod)]
pub mod root_routes {
    include!(concat!(env!("OUT_DIR"), "/root_routes.rs"));
}
