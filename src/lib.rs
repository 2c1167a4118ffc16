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
//! apigen = "0.1"
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
//! One module per phase, each returning data, with all problems of a phase
//! collected before stopping: `scan` (walk the api dir) → `name` (parse
//! names into segments) → `tree` (validate and order) → `inspect` (read
//! handler files) → `emit` (build the source) → `write` (put it in place).

#![deny(missing_docs)]

mod emit;
mod error;
mod ident;
mod inspect;
mod name;
mod runtime;
mod scan;
mod tree;
mod write;

use std::path::{Path, PathBuf};

pub use error::{Error, ErrorKind, Problem};

use error::Problems;

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

/// The stack `Builder::render` runs on: a debug build needs about 20 KiB
/// per folder level, and a path can hold about 2,000 levels.
const RENDER_STACK: usize = 64 << 20;

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
        let api_dir = self.resolved_api_dir();
        println!("cargo:rerun-if-changed={}", api_dir.display());
        let source = self.render()?;
        let out = self.resolved_out_file()?;
        write::write_if_changed(&out, &source).map_err(|err| {
            self.error(vec![Problem::new(
                ErrorKind::WriteFailed,
                vec![],
                format!("cannot write `{}`: {err}", out.display()),
                "check that the output folder is writable (or set `Builder::out_file`)",
            )])
        })?;
        Ok(out)
    }

    /// The generated source, without writing anything or printing cargo
    /// directives: for snapshot tests and tools.
    ///
    /// # Errors
    ///
    /// Every problem in the api dir at once: bad names, conflicts between
    /// routes, and (axum target) handler files apigen cannot use.
    pub fn render(&self) -> Result<String, Error> {
        // Rendering recurses once per folder level (the trie, and the nested
        // matcher it becomes): a 100-level tree overflowed a 2 MiB test
        // thread in a debug build. So it runs on a thread of its own with
        // room for any depth a file system path can hold; the stack is
        // reserved, not committed.
        let spawned = std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name("apigen-render".to_owned())
                .stack_size(RENDER_STACK)
                .spawn_scoped(scope, || self.render_here())
                .map(|thread| thread.join())
        });
        match spawned {
            Ok(Ok(result)) => result,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            // No thread to be had: render here, with whatever stack there is.
            Err(_) => self.render_here(),
        }
    }

    fn render_here(&self) -> Result<String, Error> {
        let mut problems = Problems::default();
        let state = self.check_settings(&mut problems);
        let api_dir = self.resolved_api_dir();
        let files = match scan::scan(&api_dir, &self.api_shown()) {
            Ok(files) => files,
            Err(found) => {
                found.into_iter().for_each(|p| problems.push(p));
                return Err(self.error(problems.into_vec()));
            }
        };

        let mut parsed = Vec::new();
        for file in &files {
            match name::parse_route(&file.rel) {
                Ok(segments) => parsed.push((file, segments)),
                Err(found) => found.into_iter().for_each(|p| problems.push(p)),
            }
        }

        let mut handlers = Vec::new();
        if self.target == Target::Axum {
            for (file, segments) in &parsed {
                let source = match std::fs::read_to_string(&file.path) {
                    Ok(source) => source,
                    Err(err) => {
                        problems.push(Problem::new(
                            ErrorKind::Unreadable,
                            vec![file.rel.clone()],
                            format!("cannot be read: {err}"),
                            "fix its permissions and encoding (route files are UTF-8 Rust source)",
                        ));
                        continue;
                    }
                };
                match inspect::inspect(&file.rel, segments, &source) {
                    Ok(found) => handlers.push(found),
                    Err(found) => found.into_iter().for_each(|p| problems.push(p)),
                }
            }
        }

        let parsed = parsed
            .into_iter()
            .map(|(file, segments)| (file.rel.clone(), segments))
            .collect();
        let tree = match tree::build(&self.prefix, parsed) {
            Ok(tree) => Some(tree),
            Err(found) => {
                found.into_iter().for_each(|p| problems.push(p));
                None
            }
        };
        let (Some(tree), Some(state)) = (tree, state) else {
            return Err(self.error(problems.into_vec()));
        };
        if !problems.is_empty() {
            return Err(self.error(problems.into_vec()));
        }

        let files = self.file_refs(&api_dir);
        let plan = emit::Plan {
            tree: &tree,
            prefix: &self.prefix,
            target: self.target,
            trailing_slash: self.trailing_slash,
            state: &state,
            body_limit: self.body_limit,
            handlers: &handlers,
            files: &files,
            api_shown: &shown_in_comments(&self.api_shown()),
        };
        Ok(emit::render(&plan))
    }

    /// Checks the settings that do not depend on the tree; returns the
    /// parsed state type.
    fn check_settings(&self, problems: &mut Problems) -> Option<syn::Type> {
        let prefix = &self.prefix;
        let segments_ok = prefix.is_empty()
            || (prefix.starts_with('/')
                && prefix[1..].split('/').all(|s| {
                    !s.is_empty()
                        && name::encode_static(s) == s
                        && runtime::core::is_param(s)
                        && !s.contains(['[', ']', '%'])
                }));
        if !segments_ok {
            problems.push(Problem::new(
                ErrorKind::BadConfig,
                vec![],
                format!("the prefix `{prefix}` is not a plain URL path"),
                "use `\"\"` or a path such as `/api` or `/api/v1`: a leading `/`, no trailing `/`, no empty, dot, encoded or bracketed segments",
            ));
        }
        match syn::parse_str::<syn::Type>(&self.state) {
            Ok(ty) => Some(ty),
            Err(err) => {
                problems.push(Problem::new(
                    ErrorKind::BadConfig,
                    vec![],
                    format!("the state type `{}` is not a Rust type: {err}", self.state),
                    "pass a type path such as `crate::AppState`",
                ));
                None
            }
        }
    }

    fn error(&self, problems: Vec<Problem>) -> Error {
        Error::new(problems, self.api_shown())
    }

    fn manifest_dir() -> Option<PathBuf> {
        std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from)
    }

    fn resolved_api_dir(&self) -> PathBuf {
        match Builder::manifest_dir() {
            Some(root) if self.api_dir.is_relative() => root.join(&self.api_dir),
            _ => self.api_dir.clone(),
        }
    }

    /// The api dir as messages name it: relative to the crate root where it
    /// is inside it, `/`-separated.
    fn api_shown(&self) -> String {
        let dir = self.resolved_api_dir();
        let rel = Builder::manifest_dir()
            .and_then(|root| dir.strip_prefix(root).ok().map(Path::to_owned));
        let shown = rel.unwrap_or(dir);
        let shown = shown
            .to_string_lossy()
            .replace(std::path::MAIN_SEPARATOR, "/");
        shown.trim_end_matches('/').to_owned()
    }

    fn file_refs(&self, api_dir: &Path) -> emit::FileRefs {
        let rel = Builder::manifest_dir()
            .and_then(|root| api_dir.strip_prefix(root).ok().map(Path::to_owned));
        match rel.as_deref().and_then(Path::to_str) {
            Some(rel) => {
                let rel = rel.replace(std::path::MAIN_SEPARATOR, "/");
                emit::FileRefs::Manifest(rel.trim_matches('/').to_owned())
            }
            None => {
                let abs = api_dir
                    .to_string_lossy()
                    .replace(std::path::MAIN_SEPARATOR, "/");
                emit::FileRefs::Absolute(abs.trim_end_matches('/').to_owned())
            }
        }
    }

    fn resolved_out_file(&self) -> Result<PathBuf, Error> {
        if self.out_file.is_absolute() {
            return Ok(self.out_file.clone());
        }
        match std::env::var_os("OUT_DIR") {
            Some(dir) => Ok(PathBuf::from(dir).join(&self.out_file)),
            None => Err(self.error(vec![Problem::new(
                ErrorKind::BadConfig,
                vec![],
                format!("`OUT_DIR` is not set, so the relative output path `{}` has no home", self.out_file.display()),
                "call `generate()` from a build script (cargo sets `OUT_DIR`), or pass an absolute `Builder::out_file`",
            )])),
        }
    }
}

/// The api dir as the generated file's comments name it: with control
/// characters escaped, so a newline in a folder name cannot end a comment.
fn shown_in_comments(shown: &str) -> String {
    shown
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Generates `routes.rs` into `OUT_DIR` with every default: what `build.rs`
/// calls.
///
/// On any problem it prints the full report (each problem naming its file
/// relative to the crate root, the rule and the fix) and fails the build
/// without a panic backtrace.
///
/// ```no_run
/// // build.rs: `fn main` calls
/// apigen::generate();
/// ```
pub fn generate() {
    if let Err(err) = Builder::new().generate() {
        eprintln!("{}", err.report());
        std::process::exit(1);
    }
}
