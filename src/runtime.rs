//! The support code every generated file carries, from `templates/`.
//!
//! The generator emits the templates verbatim; it also compiles the core
//! template here, to test it and to share its definitions (a dot segment is
//! defined once, for the generator and the generated matcher alike).

/// `templates/core.rs`, compiled.
#[allow(dead_code, unreachable_pub)]
pub(crate) mod core {
    include!("../templates/core.rs");
}

/// `templates/core.rs`, as emitted.
pub(crate) const CORE: &str = include_str!("../templates/core.rs");

/// `templates/axum.rs`, as emitted (compiled and tested in `tests/templates.rs`).
pub(crate) const AXUM: &str = include_str!("../templates/axum.rs");
