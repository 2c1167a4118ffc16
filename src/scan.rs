//! Scan phase: list the route files and the folder middleware below the api dir.
//!
//! Every `*.rs` file is a route, except `_middleware.rs` (folder middleware,
//! SPEC section 8); other files are ignored and symlinks are not
//! followed (so a link loop cannot hang the build). The walk is sorted, and
//! paths are reported relative to the api dir with `/` separators, so the
//! result is the same on every machine.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{ErrorKind, Problem};

/// A route file found by the scan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RouteFile {
    /// Relative to the api dir, `/`-separated: `post/[pid].rs`.
    pub(crate) rel: String,
    /// Where to read it.
    pub(crate) path: PathBuf,
}

/// The name of a folder's middleware file, which is not a route.
pub(crate) const MIDDLEWARE: &str = "_middleware.rs";

/// What the scan found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Scanned {
    /// The route files, sorted by relative path.
    pub(crate) routes: Vec<RouteFile>,
    /// The `_middleware.rs` files, sorted by relative path.
    pub(crate) middleware: Vec<RouteFile>,
}

/// Lists the route files and the middleware files below `dir`, sorted by
/// relative path.
///
/// `shown` is how the dir is named in messages (e.g. `src/api`).
pub(crate) fn scan(dir: &Path, shown: &str) -> Result<Scanned, Vec<Problem>> {
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(vec![Problem::new(
                ErrorKind::MissingApiDir,
                vec![],
                format!("the api dir `{shown}` is a file, not a directory"),
                "point `Builder::api_dir` at the folder holding the route files",
            )]);
        }
        Err(err) => {
            return Err(vec![Problem::new(
                ErrorKind::MissingApiDir,
                vec![],
                format!(
                    "the api dir `{shown}` cannot be read ({err}); looked for `{}`",
                    dir.display()
                ),
                format!(
                    "create `{shown}` with a route file such as `{shown}/hello.rs`, or set `Builder::api_dir`"
                ),
            )]);
        }
    }

    let mut found = Scanned::default();
    let mut problems = Vec::new();
    let walk = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let rel = err.path().map(|p| relative(dir, p)).unwrap_or_default();
                let reason = err
                    .io_error()
                    .map(ToString::to_string)
                    .unwrap_or_else(|| err.to_string());
                problems.push(Problem::new(
                    ErrorKind::Unreadable,
                    vec![rel],
                    format!("cannot be read: {reason}"),
                    "fix its permissions, or move it out of the api dir",
                ));
                continue;
            }
        };
        // Symlinks are not followed, whatever they point at.
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        if !path.as_os_str().as_encoded_bytes().ends_with(b".rs") {
            continue;
        }
        let rel_path = path
            .strip_prefix(dir)
            .expect("walkdir yields paths below its root");
        match rel_path.to_str() {
            Some(rel) => {
                let file = RouteFile {
                    rel: rel.replace(std::path::MAIN_SEPARATOR, "/"),
                    path: path.to_owned(),
                };
                if entry.file_name() == MIDDLEWARE {
                    found.middleware.push(file);
                } else {
                    found.routes.push(file);
                }
            }
            None => problems.push(Problem::new(
                ErrorKind::NonUtf8Name,
                vec![relative(dir, path)],
                "this route file's path is not valid UTF-8, so it cannot become a URL pattern",
                "rename the file (and its folders) using UTF-8 names",
            )),
        }
    }
    found.routes.sort_by(|a, b| a.rel.cmp(&b.rel));
    found.middleware.sort_by(|a, b| a.rel.cmp(&b.rel));
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

/// A path below `dir` for messages: `/`-separated, lossy where not UTF-8.
fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.to_string_lossy()
        .replace(std::path::MAIN_SEPARATOR, "/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common;

    fn temp(name: &str) -> PathBuf {
        common::scratch(&format!("scan/{name}"))
    }

    fn touch(dir: &Path, rel: &str) {
        common::touch(dir, rel, "");
    }

    #[test]
    fn lists_rs_files_sorted_and_relative() {
        let dir = temp("list");
        for rel in [
            "posts/index.rs",
            "b.rs",
            "posts/[id].rs",
            "a.txt",
            "README.md",
            "x.RS",
            "_private.rs",
        ] {
            touch(&dir, rel);
        }
        std::fs::create_dir_all(dir.join("dir.rs")).unwrap();
        let files: Vec<String> = scan(&dir, "src/api")
            .unwrap()
            .routes
            .into_iter()
            .map(|f| f.rel)
            .collect();
        assert_eq!(
            files,
            ["_private.rs", "b.rs", "posts/[id].rs", "posts/index.rs"]
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn middleware_files_are_not_routes() {
        let dir = temp("middleware");
        for rel in [
            "_middleware.rs",
            "admin/_middleware.rs",
            "admin/index.rs",
            "admin/_middleware.rs.bak",
            "admin/__middleware.rs",
            "admin/_Middleware.rs",
            "admin.rs",
            "x/_middleware.rs/index.rs",
        ] {
            touch(&dir, rel);
        }
        let found = scan(&dir, "src/api").unwrap();
        let rels =
            |files: &[RouteFile]| -> Vec<String> { files.iter().map(|f| f.rel.clone()).collect() };
        assert_eq!(
            rels(&found.routes),
            [
                "admin.rs",
                "admin/_Middleware.rs",
                "admin/__middleware.rs",
                "admin/index.rs",
                "x/_middleware.rs/index.rs"
            ]
        );
        assert_eq!(
            rels(&found.middleware),
            ["_middleware.rs", "admin/_middleware.rs"]
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn missing_dir_names_the_path() {
        let problems = scan(Path::new("/definitely/not/here"), "src/api").unwrap_err();
        assert_eq!(problems[0].kind(), ErrorKind::MissingApiDir);
        assert!(
            problems[0].message().contains("/definitely/not/here"),
            "{}",
            problems[0].message()
        );
        assert!(problems[0].message().contains("src/api"));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_not_followed() {
        let dir = temp("links");
        touch(&dir, "real.rs");
        std::os::unix::fs::symlink(&dir, dir.join("loop")).unwrap();
        std::os::unix::fs::symlink(dir.join("real.rs"), dir.join("link.rs")).unwrap();
        let files: Vec<String> = scan(&dir, "src/api")
            .unwrap()
            .routes
            .into_iter()
            .map(|f| f.rel)
            .collect();
        assert_eq!(files, ["real.rs"]);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_names_are_errors() {
        use std::os::unix::ffi::OsStrExt;
        let dir = temp("utf8");
        let name = std::ffi::OsStr::from_bytes(b"bad\xff.rs");
        if std::fs::write(dir.join(name), "").is_err() {
            return; // the file system itself refuses such names
        }
        touch(&dir, "fine.rs");
        let problems = scan(&dir, "src/api").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind(), ErrorKind::NonUtf8Name);
        assert_eq!(problems[0].files(), ["bad\u{fffd}.rs"]);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
