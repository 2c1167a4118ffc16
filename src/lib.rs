//! Next.js-style file-based API routes for Rust, compiled at build time.
//!
//! Call [`generate`] from `build.rs` and put handler files in `src/api`:
//! `hello.rs` serves `/api/hello`, `post/[pid].rs` serves `/api/post/abc`,
//! `post/[...slug].rs` serves `/api/post/a/b/c`, `post/[[...slug]].rs` serves
//! `/api/post` too. apigen walks the folder, checks every name, orders the
//! routes exactly as Next.js does, reads each handler file, and writes
//! `routes.rs` into `OUT_DIR`: a static `match` dispatcher and an axum
//! `router()`. Nothing of apigen runs in your server.
//!
//! ```toml
//! [build-dependencies]
//! apigen-routes = "0.1"
//! ```
//! ```no_run
//! // build.rs: `fn main` calls
//! apigen::generate();
//! ```
//! ```ignore
//! // src/main.rs
//! mod routes {
//!     include!(concat!(env!("OUT_DIR"), "/routes.rs"));
//! }
//! // then: axum::serve(listener, routes::router())
//! ```
//! ```ignore
//! // src/api/post/[pid].rs  →  GET /api/post/abc  →  "Post: abc"
//! pub async fn get(pid: String) -> String {
//!     format!("Post: {pid}")
//! }
//! ```
//!
//! # Routing
//!
//! | file | serves |
//! |---|---|
//! | `index.rs`, `posts/index.rs`, `posts.rs` | `/api`, `/api/posts`, `/api/posts` |
//! | `[id].rs` | one non-empty segment |
//! | `[...slug].rs` | one or more segments (last part only) |
//! | `[[...slug]].rs` | zero or more segments (last part only) |
//!
//! A request is served by the first route whose whole pattern matches, in the
//! order of Next.js: static routes, then at each level the route ending
//! there, static children, `[x]`, `[...x]`, `[[...x]]`. Matching backtracks:
//! if a deeper static branch fails, a dynamic sibling still gets its chance.
//!
//! # Pipeline
//!
//! One module per phase, each returning data, run in this order by
//! `pipeline`, with every problem of every phase collected into one report:
//! `scan` (walk the api dir) → `name` (parse names into segments) → `tree`
//! (check the rules between routes and order them: one record per route) →
//! `inspect` (read each route file's handlers into its record) → `emit`
//! (build the source) → `write` (put it in place).

#![deny(missing_docs)]
// The examples are whole `build.rs` files, `fn main` included.
#![allow(clippy::needless_doctest_main)]

#[cfg(test)]
#[path = "../tests/common/mod.rs"]
mod common;
mod emit;
mod error;
mod ident;
mod inspect;
mod name;
mod pipeline;
mod runtime;
mod scan;
mod tree;
mod write;

use std::path::{Path, PathBuf};

pub use error::{Error, ErrorKind, Problem};

/// What the generated file contains.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Target {
    /// The core matcher plus an axum `router()` calling each file's handlers.
    #[default]
    Axum,
    /// Only the framework-free matcher: `Route`, `Route::recognize`,
    /// `pattern()`, `file()`, `resolve()`. Route files are not compiled or
    /// read, and may be empty.
    Core,
}

/// How a request path with a trailing slash (`/api/x/`) is treated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TrailingSlash {
    /// 308 to the path without it (Next.js's default).
    #[default]
    Redirect,
    /// Served as the path without it.
    Ignore,
    /// A different path: 404 unless a route matches it as is (none can).
    Strict,
}

/// Settings for one generated file. [`Builder::new`] starts from the defaults
/// that [`generate`] uses.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("apigen-doc-builder-{}", std::process::id()));
/// # std::fs::create_dir_all(dir.join("post")).unwrap();
/// # std::fs::write(dir.join("post/[pid].rs"), "").unwrap();
/// let source = apigen::Builder::new()
///     .api_dir(&dir)
///     .prefix("/v1")
///     .target(apigen::Target::Core)
///     .render()?;
/// assert!(source.contains(r#"=> "/v1/post/[pid]""#));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), apigen::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Builder {
    api_dir: PathBuf,
    prefix: String,
    out_file: PathBuf,
    target: Target,
    state: String,
    trailing_slash: TrailingSlash,
    body_limit: usize,
}

impl Default for Builder {
    fn default() -> Builder {
        Builder::new()
    }
}

impl Builder {
    /// The defaults: `src/api`, prefix `/api`, `routes.rs` in `OUT_DIR`, the
    /// axum target with state `()`, trailing slashes redirected, 1 MiB bodies.
    pub fn new() -> Builder {
        Builder {
            api_dir: PathBuf::from("src/api"),
            prefix: "/api".to_owned(),
            out_file: PathBuf::from("routes.rs"),
            target: Target::Axum,
            state: "()".to_owned(),
            trailing_slash: TrailingSlash::Redirect,
            body_limit: 1024 * 1024,
        }
    }

    /// The folder to scan; a relative path is taken from `CARGO_MANIFEST_DIR`.
    pub fn api_dir(mut self, path: impl AsRef<Path>) -> Builder {
        self.api_dir = path.as_ref().to_owned();
        self
    }

    /// The URL prefix of every route: `/api` by default, `""` to serve from
    /// the root. It must start with `/` (unless empty) and not end with one.
    pub fn prefix(mut self, prefix: impl Into<String>) -> Builder {
        self.prefix = prefix.into();
        self
    }

    /// Where [`Builder::generate`] writes: a relative path is inside
    /// `OUT_DIR`, an absolute one is used as given.
    pub fn out_file(mut self, path: impl AsRef<Path>) -> Builder {
        self.out_file = path.as_ref().to_owned();
        self
    }

    /// What to generate: an axum router (default) or only the core matcher.
    pub fn target(mut self, target: Target) -> Builder {
        self.target = target;
        self
    }

    /// The axum state type, as a path valid where `routes.rs` is included
    /// (e.g. `"crate::AppState"`); `router()` returns `axum::Router<ThatType>`.
    pub fn state(mut self, type_path: impl Into<String>) -> Builder {
        self.state = type_path.into();
        self
    }

    /// How a trailing slash is treated (default: 308 redirect).
    pub fn trailing_slash(mut self, policy: TrailingSlash) -> Builder {
        self.trailing_slash = policy;
        self
    }

    /// The request-body limit of every route, in bytes (default 1 MiB, as
    /// Next.js's `1mb`). A route file overrides it with
    /// `pub const BODY_LIMIT: usize = ...;`. Larger bodies get 413.
    pub fn body_limit(mut self, bytes: usize) -> Builder {
        self.body_limit = bytes;
        self
    }

    /// Scans, validates and writes the generated file (only if its content
    /// changed), and prints `cargo:rerun-if-changed` for the api dir. Returns
    /// the path written.
    ///
    /// # Errors
    ///
    /// Every problem found, as [`Builder::render`] reports them; or a
    /// [`ErrorKind::WriteFailed`] problem. On error no file is written, and an
    /// existing one is left as it was.
    pub fn generate(&self) -> Result<PathBuf, Error> {
        pipeline::generate(self)
    }

    /// The generated source, without writing anything or printing cargo
    /// directives: for snapshot tests and tools.
    ///
    /// # Errors
    ///
    /// Every problem in the api dir at once: bad names, conflicts between
    /// routes, and (axum target) handler files apigen cannot use.
    pub fn render(&self) -> Result<String, Error> {
        pipeline::render(self)
    }
}

/// Generates `routes.rs` into `OUT_DIR` with every default: what `build.rs`
/// calls.
///
/// On any problem it fails the build without a panic backtrace
/// ([`Error::fail_build`]): cargo prints one error per problem, each naming
/// its file relative to the crate root, what is wrong, the fix and the rule.
///
/// ```no_run
/// // build.rs
/// fn main() {
///     apigen::generate();
/// }
/// ```
pub fn generate() {
    if let Err(err) = Builder::new().generate() {
        err.fail_build();
    }
}
