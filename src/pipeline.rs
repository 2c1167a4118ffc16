//! The pipeline: the phases in the order they run, each handing its data to
//! the next, and every problem collected into one report.
//!
//! settings → `scan` (list the route files) → `name` (parse each name into
//! segments) → `tree` (check the rules between routes, order them into the
//! trie, one record per route) → `inspect` (read each route file's handlers
//! into its record; axum target) → `emit` (the source) → `write` (put it in
//! place, only for [`generate`]). The environment is read once, into
//! [`Paths`], before anything runs; only scanning, reading route files and
//! writing the output touch the file system.

use std::path::{Path, PathBuf};

use crate::emit::{self, FileRefs};
use crate::error::{Error, ErrorKind, Problem, Problems};
use crate::{Builder, Target, inspect, name, runtime, scan, tree, write};

/// The stack a render runs on: a debug build needs about 20 KiB per folder
/// level, and a path can hold about 2,000 levels.
const RENDER_STACK: usize = 64 << 20;

/// Where a run reads and writes, resolved once from the settings and the
/// environment (`CARGO_MANIFEST_DIR`).
struct Paths {
    /// The api dir to scan.
    api_dir: PathBuf,
    /// The api dir as messages name it: relative to the crate root where it
    /// is inside it, `/`-separated (`src/api`).
    shown: String,
    /// How the generated code's `#[path]` modules reach the route files.
    refs: FileRefs,
}

impl Paths {
    fn of(builder: &Builder) -> Paths {
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
        Paths::resolve(&builder.api_dir, manifest_dir.as_deref())
    }

    /// The api dir, relative paths taken from the crate root.
    fn resolve(api_dir: &Path, manifest_dir: Option<&Path>) -> Paths {
        let api_dir = match manifest_dir {
            Some(root) if api_dir.is_relative() => root.join(api_dir),
            _ => api_dir.to_owned(),
        };
        let slashed = |path: &Path| {
            path.to_string_lossy()
                .replace(std::path::MAIN_SEPARATOR, "/")
        };
        let inside = manifest_dir.and_then(|root| api_dir.strip_prefix(root).ok());
        let shown = slashed(inside.unwrap_or(&api_dir))
            .trim_end_matches('/')
            .to_owned();
        // The crate's folder exactly as cargo spells it, so a consumer's
        // snapshot can replace `CARGO_MANIFEST_DIR` with a placeholder.
        let dir = match (manifest_dir, inside) {
            (Some(root), Some(rel)) => format!("{}/{}", root.to_string_lossy(), slashed(rel)),
            _ => std::path::absolute(&api_dir)
                .unwrap_or_else(|_| api_dir.clone())
                .to_string_lossy()
                .into_owned(),
        };
        let refs = FileRefs {
            dir: dir.trim_end_matches('/').to_owned(),
        };
        Paths {
            api_dir,
            shown,
            refs,
        }
    }

    fn error(&self, problems: Problems) -> Error {
        problems.into_error(&self.shown)
    }
}

/// [`Builder::generate`]: render, then write the file if it changed.
pub(crate) fn generate(builder: &Builder) -> Result<PathBuf, Error> {
    let paths = Paths::of(builder);
    println!("cargo:rerun-if-changed={}", paths.api_dir.display());
    let source = render_in(builder, &paths)?;
    let out = out_file(builder).map_err(|problem| paths.error(one(problem)))?;
    write::write_if_changed(&out, &source).map_err(|err| {
        paths.error(one(Problem::new(
            ErrorKind::WriteFailed,
            vec![],
            format!("cannot write `{}`: {err}", out.display()),
            "check that the output folder is writable (or set `Builder::out_file`)",
        )))
    })?;
    Ok(out)
}

fn one(problem: Problem) -> Problems {
    let mut problems = Problems::default();
    problems.push(problem);
    problems
}

/// Where [`generate`] writes: a relative `out_file` is inside `OUT_DIR`.
fn out_file(builder: &Builder) -> Result<PathBuf, Problem> {
    if builder.out_file.is_absolute() {
        return Ok(builder.out_file.clone());
    }
    match std::env::var_os("OUT_DIR") {
        Some(dir) => Ok(PathBuf::from(dir).join(&builder.out_file)),
        None => Err(Problem::new(
            ErrorKind::BadConfig,
            vec![],
            format!(
                "`OUT_DIR` is not set, so the relative output path `{}` has no home",
                builder.out_file.display()
            ),
            "call `generate()` from a build script (cargo sets `OUT_DIR`), or pass an absolute `Builder::out_file`",
        )),
    }
}

/// [`Builder::render`]: the generated source, or every problem found.
pub(crate) fn render(builder: &Builder) -> Result<String, Error> {
    render_in(builder, &Paths::of(builder))
}

fn render_in(builder: &Builder, paths: &Paths) -> Result<String, Error> {
    // Rendering recurses once per folder level (the trie, and the nested
    // matcher it becomes): a 100-level tree overflowed a 2 MiB test thread
    // in a debug build. So it runs on a thread of its own with room for any
    // depth a file system path can hold; the stack is reserved, not
    // committed.
    let spawned = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("apigen-render".to_owned())
            .stack_size(RENDER_STACK)
            .spawn_scoped(scope, || run(builder, paths))
            .map(|thread| thread.join())
    });
    match spawned {
        Ok(Ok(result)) => result,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        // No thread to be had: render here, with whatever stack there is.
        Err(_) => run(builder, paths),
    }
}

/// The phases, in order.
fn run(builder: &Builder, paths: &Paths) -> Result<String, Error> {
    let mut problems = Problems::default();
    let state = check_settings(builder, &mut problems);
    // Without the list of files there is nothing to go on.
    let Some(files) = problems.take(scan::scan(&paths.api_dir, &paths.shown)) else {
        return Err(paths.error(problems));
    };
    let named = files
        .routes
        .into_iter()
        .filter_map(|file| {
            let segments = problems.take(name::parse_route(&file.rel))?;
            Some((file, segments))
        })
        .collect();
    let mut tree = tree::build(&builder.prefix, named, files.middleware, &mut problems);
    if builder.target == Target::Axum {
        for route in &mut tree.routes {
            if let Some(handlers) = problems.take(handlers_of(route)) {
                route.handlers = handlers;
            }
        }
        for middleware in &mut tree.middleware {
            let exports = read(&middleware.file, &middleware.path)
                .and_then(|source| inspect::inspect_middleware(&middleware.file, &source));
            if let Some(exports) = problems.take(exports) {
                middleware.exports = exports;
            }
        }
    }
    let (Some(state), true) = (state, problems.is_empty()) else {
        return Err(paths.error(problems));
    };
    let plan = emit::Plan {
        tree: &tree,
        prefix: &builder.prefix,
        target: builder.target,
        trailing_slash: builder.trailing_slash,
        state: &state,
        body_limit: builder.body_limit,
        openapi: builder.openapi,
        files: &paths.refs,
        api_shown: &shown_in_comments(&paths.shown),
    };
    Ok(emit::render(&plan))
}

/// The handlers of a route file, read from it.
fn handlers_of(route: &tree::Route) -> Result<inspect::Handlers, Vec<Problem>> {
    let source = read(&route.file, &route.path)?;
    inspect::inspect(&route.file, &route.segments, &source)
}

/// The source of a route or middleware file (`file` is api-relative).
fn read(file: &str, path: &Path) -> Result<String, Vec<Problem>> {
    std::fs::read_to_string(path).map_err(|err| {
        vec![Problem::new(
            ErrorKind::Unreadable,
            vec![file.to_owned()],
            format!("cannot be read: {err}"),
            "fix its permissions and encoding (route files are UTF-8 Rust source)",
        )]
    })
}

/// Checks the settings that do not depend on the tree; gives the parsed
/// state type.
fn check_settings(builder: &Builder, problems: &mut Problems) -> Option<syn::Type> {
    let prefix = &builder.prefix;
    let segments_ok = prefix.is_empty()
        || (prefix.starts_with('/')
            && prefix[1..].split('/').all(|s| {
                !s.is_empty()
                    && name::encode_static(s) == s
                    && runtime::core::is_param(s)
                    && !s.contains(['[', ']', '%'])
                    // axum's routes refuse a segment starting with these
                    // (its 0.7 syntax), and router() registers the prefix.
                    && !s.starts_with([':', '*'])
            }));
    if !segments_ok {
        problems.push(Problem::new(
            ErrorKind::BadConfig,
            vec![],
            format!("the prefix `{prefix}` is not a plain URL path"),
            "use `\"\"` or a path such as `/api` or `/api/v1`: a leading `/`, no trailing `/`, no empty, dot, encoded or bracketed segments",
        ));
    }
    if builder.openapi && builder.target == Target::Core {
        problems.push(Problem::new(
            ErrorKind::BadConfig,
            vec![],
            "`openapi(true)` needs the axum target: the document is built from the handlers, which the core target does not read".to_owned(),
            "use `Target::Axum` (the default) for the crate that serves the API, or leave `openapi` off",
        ));
    }
    match syn::parse_str::<syn::Type>(&builder.state) {
        Ok(ty) => Some(ty),
        Err(err) => {
            problems.push(Problem::new(
                ErrorKind::BadConfig,
                vec![],
                format!(
                    "the state type `{}` is not a Rust type: {err}",
                    builder.state
                ),
                "pass a type path such as `crate::AppState`",
            ));
            None
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

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(paths: &Paths) -> &str {
        &paths.refs.dir
    }

    #[test]
    fn paths_inside_the_crate_are_named_from_its_root() {
        let root = Path::new("/work/app");
        let paths = Paths::resolve(Path::new("src/api/"), Some(root));
        assert_eq!(paths.api_dir, Path::new("/work/app/src/api/"));
        assert_eq!(paths.shown, "src/api");
        // The modules' `#[path]`s: the crate's folder as cargo gives it.
        assert_eq!(refs(&paths), "/work/app/src/api");
        let paths = Paths::resolve(Path::new("/work/app/api"), Some(root));
        assert_eq!(
            (paths.shown.as_str(), refs(&paths)),
            ("api", "/work/app/api")
        );
    }

    #[test]
    fn paths_outside_the_crate_stay_absolute() {
        let paths = Paths::resolve(Path::new("/elsewhere/api/"), Some(Path::new("/work/app")));
        assert_eq!(paths.shown, "/elsewhere/api");
        assert_eq!(refs(&paths), "/elsewhere/api");
        // Without cargo's environment, a relative path is made absolute
        // (`#[path]` would read it from `OUT_DIR`).
        let paths = Paths::resolve(Path::new("src/api"), None);
        assert_eq!(paths.shown, "src/api");
        assert!(Path::new(refs(&paths)).is_absolute(), "{}", refs(&paths));
    }
}
