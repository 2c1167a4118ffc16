// The crate's documentation is the README, one source for GitHub and docs.rs.
#![doc = include_str!("../README.md")]
// The pipeline.
//
// One module per phase, each returning data, run in this order by
// `pipeline`, with every problem of every phase collected into one report:
// `scan` (walk the api dir) → `name` (parse names into segments) → `tree`
// (check the rules between routes and order them: one record per route) →
// `inspect` (read each route file's handlers into its record) → `emit`
// (build the source) → `write` (put it in place).
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

/// What the generated file contains ([`Builder::target`]).
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("apigen-doc-{}-{}", "target", std::process::id()));
/// # std::fs::create_dir_all(dir.join("post")).unwrap();
/// # std::fs::write(dir.join("post/[pid].rs"), "pub async fn get(pid: String) -> String { pid }").unwrap();
/// let axum = apigen::Builder::new().api_dir(&dir).render()?;
/// assert!(axum.contains("pub fn router() -> ::axum::Router<()>"));
/// assert!(axum.contains("pub fn service() -> Service"));
/// assert!(axum.contains("pub mod post_pid")); // the route file, as a module
///
/// let core = apigen::Builder::new().api_dir(&dir).target(apigen::Target::Core).render()?;
/// assert!(core.contains("pub enum Route<'a>") && !core.contains("fn router()"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), apigen::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Target {
    /// The core matcher plus an axum `router()` calling each file's handlers
    /// (and `service()`, the same API without an `axum::Router` around it,
    /// for an app that is all apigen).
    #[default]
    Axum,
    /// Only the framework-free matcher: `Route`, `Route::recognize`,
    /// `pattern()`, `file()`, `resolve()`. Route files are not compiled or
    /// read, and may be empty.
    Core,
}

/// How a request path with a trailing slash (`/api/x/`) is treated
/// ([`Builder::trailing_slash`]); in the generated `resolve()` and so in
/// `router()`.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("apigen-doc-{}-{}", "trailing-slash", std::process::id()));
/// # std::fs::create_dir_all(dir.join("post")).unwrap();
/// # std::fs::write(dir.join("post/[pid].rs"), "pub async fn get(pid: String) -> String { pid }").unwrap();
/// let source = apigen::Builder::new()
///     .api_dir(&dir)
///     .trailing_slash(apigen::TrailingSlash::Ignore)
///     .render()?;
/// assert!(source.contains("__apigen::TrailingSlash::Ignore"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), apigen::Error>(())
/// ```
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
/// assert!(source.contains(r#"pattern: "/v1/post/[pid]","#));
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
    openapi: bool,
}

impl Default for Builder {
    fn default() -> Builder {
        Builder::new()
    }
}

impl Builder {
    /// The defaults: `src/api`, prefix `/api`, `routes.rs` in `OUT_DIR`, the
    /// axum target with state `()`, trailing slashes redirected, 1 MiB
    /// bodies, no OpenAPI document.
    ///
    /// ```no_run
    /// // build.rs: what `apigen::generate()` does
    /// fn main() {
    ///     if let Err(err) = apigen::Builder::new().generate() {
    ///         err.fail_build();
    ///     }
    /// }
    /// ```
    pub fn new() -> Builder {
        Builder {
            api_dir: PathBuf::from("src/api"),
            prefix: "/api".to_owned(),
            out_file: PathBuf::from("routes.rs"),
            target: Target::Axum,
            state: "()".to_owned(),
            trailing_slash: TrailingSlash::Redirect,
            body_limit: 1024 * 1024,
            openapi: false,
        }
    }

    /// The folder to scan; a relative path is taken from `CARGO_MANIFEST_DIR`.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("apigen-doc-{}-{}", "api-dir", std::process::id()));
    /// # std::fs::create_dir_all(dir.join("post")).unwrap();
    /// # std::fs::write(dir.join("post/[pid].rs"), "pub async fn get(pid: String) -> String { pid }").unwrap();
    /// // `dir` holds `post/[pid].rs`
    /// let source = apigen::Builder::new().api_dir(&dir).render()?;
    /// assert!(source.contains("/api/post/[pid]  post/[pid].rs"));
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), apigen::Error>(())
    /// ```
    pub fn api_dir(mut self, path: impl AsRef<Path>) -> Builder {
        self.api_dir = path.as_ref().to_owned();
        self
    }

    /// The URL prefix of every route: `/api` by default, `""` to serve from
    /// the root. It must start with `/` (unless empty) and not end with one.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("apigen-doc-{}-{}", "prefix", std::process::id()));
    /// # std::fs::create_dir_all(dir.join("post")).unwrap();
    /// # std::fs::write(dir.join("post/[pid].rs"), "pub async fn get(pid: String) -> String { pid }").unwrap();
    /// let source = apigen::Builder::new().api_dir(&dir).prefix("/v1").render()?;
    /// assert!(source.contains(r#"pattern: "/v1/post/[pid]""#));
    ///
    /// let root = apigen::Builder::new().api_dir(&dir).prefix("").render()?;
    /// assert!(root.contains(r#"pattern: "/post/[pid]""#));
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), apigen::Error>(())
    /// ```
    pub fn prefix(mut self, prefix: impl Into<String>) -> Builder {
        self.prefix = prefix.into();
        self
    }

    /// Where [`Builder::generate`] writes: a relative path is inside
    /// `OUT_DIR`, an absolute one is used as given.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("apigen-doc-{}-{}", "out-file", std::process::id()));
    /// # std::fs::create_dir_all(dir.join("post")).unwrap();
    /// # std::fs::write(dir.join("post/[pid].rs"), "pub async fn get(pid: String) -> String { pid }").unwrap();
    /// let out = dir.join("generated.rs");
    /// let written = apigen::Builder::new().api_dir(dir.join("post")).out_file(&out).generate()?;
    /// assert_eq!(written, out);
    /// assert!(std::fs::read_to_string(&out).unwrap().starts_with("// @generated by apigen"));
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), apigen::Error>(())
    /// ```
    pub fn out_file(mut self, path: impl AsRef<Path>) -> Builder {
        self.out_file = path.as_ref().to_owned();
        self
    }

    /// What to generate: an axum router (default) or only the core matcher;
    /// see [`Target`].
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("apigen-doc-core-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// // The core target never reads route files: they may be empty.
    /// std::fs::write(dir.join("hello.rs"), "").unwrap();
    /// let source = apigen::Builder::new()
    ///     .api_dir(&dir)
    ///     .target(apigen::Target::Core)
    ///     .render()?;
    /// assert!(source.contains("Route::Hello"));
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), apigen::Error>(())
    /// ```
    pub fn target(mut self, target: Target) -> Builder {
        self.target = target;
        self
    }

    /// The axum state type, as a path valid where `routes.rs` is included
    /// (e.g. `"crate::AppState"`); `router()` returns `axum::Router<ThatType>`,
    /// `service(state: ThatType)` takes it, and handlers take it with
    /// `State<ThatType>`.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("apigen-doc-{}-{}", "state", std::process::id()));
    /// # std::fs::create_dir_all(dir.join("post")).unwrap();
    /// # std::fs::write(dir.join("post/[pid].rs"), "pub async fn get(pid: String) -> String { pid }").unwrap();
    /// let source = apigen::Builder::new().api_dir(&dir).state("crate::AppState").render()?;
    /// assert!(source.contains("pub fn router() -> ::axum::Router<crate::AppState>"));
    /// assert!(source.contains("pub fn service(state: crate::AppState) -> Service"));
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), apigen::Error>(())
    /// ```
    pub fn state(mut self, type_path: impl Into<String>) -> Builder {
        self.state = type_path.into();
        self
    }

    /// How a trailing slash is treated (default: 308 redirect); see
    /// [`TrailingSlash`].
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("apigen-doc-{}-{}", "strict", std::process::id()));
    /// # std::fs::create_dir_all(dir.join("post")).unwrap();
    /// # std::fs::write(dir.join("post/[pid].rs"), "pub async fn get(pid: String) -> String { pid }").unwrap();
    /// use apigen::TrailingSlash;
    /// let source = apigen::Builder::new()
    ///     .api_dir(&dir)
    ///     .trailing_slash(TrailingSlash::Strict)
    ///     .render()?;
    /// assert!(source.contains("__apigen::TrailingSlash::Strict"));
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), apigen::Error>(())
    /// ```
    pub fn trailing_slash(mut self, policy: TrailingSlash) -> Builder {
        self.trailing_slash = policy;
        self
    }

    /// The request-body limit of every route, in bytes (default 1 MiB, as
    /// Next.js's `1mb`). A route file overrides it with
    /// `pub const BODY_LIMIT: usize = ...;`. Larger bodies get 413.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("apigen-doc-{}-{}", "body-limit", std::process::id()));
    /// # std::fs::create_dir_all(dir.join("post")).unwrap();
    /// # std::fs::write(dir.join("post/[pid].rs"), "pub async fn get(pid: String) -> String { pid }").unwrap();
    /// let source = apigen::Builder::new().api_dir(&dir).body_limit(4096).render()?;
    /// assert!(source.contains("__apigen::limit(&req, 4096)?;"));
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), apigen::Error>(())
    /// ```
    pub fn body_limit(mut self, bytes: usize) -> Builder {
        self.body_limit = bytes;
        self
    }

    /// Axum target: also generate `pub fn openapi() ->
    /// utoipa::openapi::OpenApi`, the OpenAPI 3.1 document of the routes
    /// (default `false`). It has one path per route and one operation per
    /// method its file answers, named `<module>_<method>`, with summary and
    /// description from the handler's `///` doc; params, query, bodies and
    /// responses come from the handlers' own types through utoipa's
    /// `ToSchema`, `IntoParams` and `IntoResponses` (a type without one gets
    /// a plain schema, never a build error), with apigen's own 400 and 413
    /// answers. The consumer depends on `utoipa = "6"` (Rust 1.88); with
    /// `false` the output neither changes nor needs utoipa.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("apigen-doc-openapi-{}", std::process::id()));
    /// # std::fs::create_dir_all(dir.join("post")).unwrap();
    /// # std::fs::write(dir.join("post/[pid].rs"), "/// One post.\npub async fn get(pid: u64) {}").unwrap();
    /// let source = apigen::Builder::new().api_dir(&dir).openapi(true).render()?;
    /// assert!(source.contains("pub fn openapi() -> ::utoipa::openapi::OpenApi {"));
    /// assert!(source.contains(r#"doc.add("/api/post/{pid}", &[HttpMethod::Get], &op);"#));
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), apigen::Error>(())
    /// ```
    pub fn openapi(mut self, on: bool) -> Builder {
        self.openapi = on;
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
    ///
    /// ```no_run
    /// // build.rs
    /// fn main() {
    ///     let generated = apigen::Builder::new()
    ///         .state("crate::AppState")
    ///         .body_limit(64 * 1024)
    ///         .generate();
    ///     if let Err(err) = generated {
    ///         err.fail_build();
    ///     }
    /// }
    /// ```
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
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("apigen-doc-{}-{}", "render", std::process::id()));
    /// # std::fs::create_dir_all(dir.join("post")).unwrap();
    /// # std::fs::write(dir.join("post/[pid].rs"), "pub async fn get(pid: String) -> String { pid }").unwrap();
    /// let source = apigen::Builder::new().api_dir(&dir).render()?;
    /// assert!(source.starts_with("// @generated by apigen"));
    ///
    /// std::fs::write(dir.join("post/[id].rs"), "pub async fn get(id: u64) {}").unwrap();
    /// let err = apigen::Builder::new().api_dir(&dir).render().unwrap_err();
    /// assert_eq!(err.problems()[0].kind(), apigen::ErrorKind::DifferentSlugNames);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), apigen::Error>(())
    /// ```
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
