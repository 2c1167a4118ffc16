//! Api trees no one should have, and apigen must survive: very deep and very
//! wide trees, odd and non-UTF-8 names, symlink loops, unreadable and empty
//! files, a file and a folder with one name. Each either renders or fails
//! with a clear error naming the file; `render()` never panics or hangs.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use apigen::{Builder, Error, ErrorKind, Target};
use common::touch;

/// A fresh, empty api dir under cargo's temp dir for integration tests.
fn api_dir(name: &str) -> PathBuf {
    common::scratch(&format!("hostile-trees/{name}"))
}

fn core(dir: &Path) -> Result<String, Error> {
    Builder::new().api_dir(dir).target(Target::Core).render()
}

fn axum(dir: &Path) -> Result<String, Error> {
    Builder::new().api_dir(dir).render()
}

/// The generated source parses as a Rust file. (syn recurses once per
/// nesting level of the matcher, hence a thread with a deep stack.)
fn parses(source: &str) {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn_scoped(scope, || {
                let file = syn::parse_file(source)
                    .unwrap_or_else(|err| panic!("generated code does not parse: {err}"));
                assert!(!file.items.is_empty());
            })
            .unwrap()
            .join()
            .unwrap()
    })
}

/// The error has a problem of this kind naming this file, and says so in its text.
fn names(err: &Error, kind: ErrorKind, file: &str) {
    let found = err
        .problems()
        .iter()
        .any(|p| p.kind() == kind && p.files().iter().any(|f| f == file));
    assert!(found, "no {kind:?} problem naming `{file}` in:\n{err}");
    assert!(err.to_string().contains(file), "{err}");
}

const HANDLER: &str = "pub async fn get() -> &'static str { \"ok\" }\n";

#[test]
fn a_hundred_levels_of_folders() {
    let dir = api_dir("deep");
    let statics = vec!["a"; 100].join("/");
    touch(&dir, &format!("{statics}/leaf.rs"), HANDLER);
    let params: Vec<String> = (0..100).map(|i| format!("[p{i}]")).collect();
    touch(&dir, &format!("{}.rs", params.join("/")), HANDLER);

    let source = core(&dir).unwrap();
    parses(&source);
    assert!(source.contains(&format!("\"/api/{statics}/leaf\"")));
    assert!(source.contains("[p99]"));
    // The axum target reads and binds the handler files at that depth too.
    parses(&axum(&dir).unwrap());
}

#[test]
fn ten_thousand_files() {
    let dir = api_dir("wide");
    for i in 0..100 {
        touch(&dir, &format!("d{i}/[id].rs"), "");
        for j in 0..99 {
            touch(&dir, &format!("d{i}/f{j}.rs"), "");
        }
    }
    let source = core(&dir).unwrap();
    parses(&source);
    assert_eq!(
        source.matches("file: \"d").count(),
        10_000,
        "one ROUTES entry per route"
    );
    assert!(source.contains("\"/api/d99/f98\""));
}

#[test]
fn names_with_spaces_and_non_ascii_letters() {
    let dir = api_dir("names");
    for rel in [
        "a b.rs",
        "café/naïve.rs",
        "日本語/[id].rs",
        "emoji😀/x.rs",
        "100%25.rs",
        "q?#.rs",
    ] {
        touch(&dir, rel, HANDLER);
    }
    let source = core(&dir).unwrap();
    parses(&source);
    // Names are matched as a browser sends them: percent-encoded.
    assert!(source.contains("a%20b"), "{source}");
    assert!(source.contains("caf%C3%A9"));
    assert!(source.contains("q%3F%23"));
    parses(&axum(&dir).unwrap());
}

#[test]
fn every_printable_character_in_a_name() {
    let dir = api_dir("every-char");
    let mut chars: Vec<char> = (0x20u8..0x7f).map(char::from).collect();
    chars.extend([
        '\u{a0}',
        'é',
        'ß',
        'Ω',
        '\u{2028}',
        '\u{feff}',
        '\u{fffd}',
        '😀',
        '\u{10ffff}',
    ]);
    let mut expected = 0;
    for c in chars {
        // A lone `%` is refused (unreachable-static, see tests/errors.rs).
        if matches!(c, '/' | '\\' | '[' | ']' | '%') {
            continue;
        }
        touch(&dir, &format!("x{c}y.rs"), HANDLER);
        touch(&dir, &format!("{c}/index.rs"), HANDLER);
        expected += 2;
    }
    let source = core(&dir).unwrap();
    parses(&source);
    assert!(source.matches("Route::").count() >= expected);
    parses(&axum(&dir).unwrap());
}

#[test]
fn control_characters_in_names_are_errors_naming_the_file() {
    let dir = api_dir("controls");
    touch(&dir, "fine.rs", "");
    touch(&dir, "new\nline.rs", "");
    touch(&dir, "tab\t/x.rs", "");
    touch(&dir, "cr\r.rs", "");
    let err = core(&dir).unwrap_err();
    names(&err, ErrorKind::BadStaticName, "new\nline.rs");
    names(&err, ErrorKind::BadStaticName, "tab\t/x.rs");
    names(&err, ErrorKind::BadStaticName, "cr\r.rs");
    assert!(err.to_string().contains("new\\nline"), "{err}");
}

#[cfg(unix)]
#[test]
fn non_utf8_names_are_errors_naming_the_file() {
    use std::os::unix::ffi::OsStrExt;
    let dir = api_dir("non-utf8");
    touch(&dir, "fine.rs", "");
    let file = std::ffi::OsStr::from_bytes(b"bad\xff.rs");
    let folder = std::ffi::OsStr::from_bytes(b"dir\xfe");
    if fs::write(dir.join(file), "").is_err() {
        eprintln!("skipped: this file system refuses non-UTF-8 names");
        return;
    }
    fs::create_dir(dir.join(folder)).unwrap();
    fs::write(dir.join(folder).join("x.rs"), "").unwrap();
    let err = core(&dir).unwrap_err();
    names(&err, ErrorKind::NonUtf8Name, "bad\u{fffd}.rs");
    names(&err, ErrorKind::NonUtf8Name, "dir\u{fffd}/x.rs");
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = api_dir("links");
    touch(&dir, "real.rs", "");
    touch(&dir, "sub/x.rs", "");
    symlink(&dir, dir.join("loop")).unwrap();
    symlink("..", dir.join("sub/up")).unwrap();
    symlink("self.rs", dir.join("self.rs")).unwrap();
    symlink("a.rs", dir.join("b.rs")).unwrap();
    symlink("b.rs", dir.join("a.rs")).unwrap();
    symlink("/nonexistent/target.rs", dir.join("dangling.rs")).unwrap();
    let source = core(&dir).unwrap();
    parses(&source);
    assert!(source.contains("\"real.rs\"") && source.contains("\"sub/x.rs\""));
    for link in ["loop", "up", "self.rs", "a.rs", "b.rs", "dangling.rs"] {
        assert!(!source.contains(&format!("\"{link}")), "followed {link}");
    }
}

/// Whether `chmod 000` stops this process reading `path` (not as root).
#[cfg(unix)]
fn permissions_bind(path: &Path) -> bool {
    if path.is_dir() {
        fs::read_dir(path).is_err()
    } else {
        fs::read(path).is_err()
    }
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_errors_naming_them() {
    use std::os::unix::fs::PermissionsExt;
    let dir = api_dir("unreadable");
    touch(&dir, "ok.rs", HANDLER);
    touch(&dir, "secret.rs", HANDLER);
    touch(&dir, "locked/inner.rs", HANDLER);
    fs::set_permissions(dir.join("secret.rs"), fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(dir.join("locked"), fs::Permissions::from_mode(0o000)).unwrap();
    let binds = permissions_bind(&dir.join("secret.rs")) && permissions_bind(&dir.join("locked"));
    let axum = axum(&dir);
    let core = core(&dir);
    fs::set_permissions(dir.join("locked"), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(dir.join("secret.rs"), fs::Permissions::from_mode(0o644)).unwrap();
    if !binds {
        // Running as root: permissions do not stop reads, so both targets
        // see an ordinary tree. Only the no-panic half can be checked.
        eprintln!(
            "skipped the unreadable-file assertions: chmod 000 does not block this user (root?)"
        );
        parses(&axum.unwrap());
        parses(&core.unwrap());
        return;
    }
    let err = axum.unwrap_err();
    names(&err, ErrorKind::Unreadable, "secret.rs");
    names(&err, ErrorKind::Unreadable, "locked");
    // The core target does not read route files, but must list the folder.
    names(&core.unwrap_err(), ErrorKind::Unreadable, "locked");
}

#[test]
fn empty_files() {
    let dir = api_dir("empty");
    touch(&dir, "index.rs", "");
    touch(&dir, "a/[id].rs", "");
    // The core target does not read route files: empty ones are fine.
    parses(&core(&dir).unwrap());
    // The axum target needs a handler in each.
    let err = axum(&dir).unwrap_err();
    names(&err, ErrorKind::NoHandler, "index.rs");
    names(&err, ErrorKind::NoHandler, "a/[id].rs");
}

#[test]
fn a_file_and_a_folder_with_one_name() {
    let dir = api_dir("file-and-folder");
    touch(&dir, "a.rs.rs", "");
    touch(&dir, "a.rs/a.rs", "");
    touch(&dir, "b.rs/b.rs/b.rs", "");
    touch(&dir, "b.rs/b.rs/index.rs", "");
    touch(&dir, "c.rs", "");
    touch(&dir, "c/c.rs", "");
    touch(&dir, "index.rs/index.rs", "");
    fs::create_dir_all(dir.join("empty.rs")).unwrap();
    let source = core(&dir).unwrap();
    parses(&source);
    for pattern in [
        "/api/a.rs",
        "/api/a.rs/a",
        "/api/b.rs/b.rs",
        "/api/b.rs/b.rs/b",
        "/api/c",
        "/api/c/c",
        "/api/index.rs",
    ] {
        assert!(
            source.contains(&format!("pattern: \"{pattern}\",")),
            "{pattern}"
        );
    }
    assert!(
        !source.contains("\"empty"),
        "a folder named `.rs` is not a route"
    );
}

#[test]
fn file_and_folder_spelling_one_route_is_a_duplicate() {
    let dir = api_dir("file-and-folder-dup");
    touch(&dir, "a.rs.rs", "");
    touch(&dir, "a.rs/index.rs", "");
    let err = core(&dir).unwrap_err();
    names(&err, ErrorKind::DuplicateRoute, "a.rs.rs");
    names(&err, ErrorKind::DuplicateRoute, "a.rs/index.rs");
}

#[test]
fn names_apigen_refuses_are_errors_naming_the_file() {
    let dir = api_dir("refused");
    touch(&dir, ".rs", "");
    touch(&dir, "back\\slash.rs", "");
    touch(&dir, "%2e%2E/x.rs", "");
    touch(&dir, "[a]b.rs", "");
    let err = core(&dir).unwrap_err();
    names(&err, ErrorKind::BadStaticName, ".rs");
    names(&err, ErrorKind::BadStaticName, "back\\slash.rs");
    names(&err, ErrorKind::BadStaticName, "%2e%2E/x.rs");
    names(&err, ErrorKind::BadBrackets, "[a]b.rs");
}

#[test]
fn an_api_dir_that_is_a_file_or_missing() {
    let dir = api_dir("not-a-dir");
    touch(&dir, "file.rs", "");
    let err = core(&dir.join("file.rs")).unwrap_err();
    assert_eq!(err.problems()[0].kind(), ErrorKind::MissingApiDir);
    let err = core(&dir.join("missing")).unwrap_err();
    assert_eq!(err.problems()[0].kind(), ErrorKind::MissingApiDir);
    assert!(err.to_string().contains("missing"), "{err}");
}

#[test]
fn an_api_dir_path_with_control_characters() {
    // The api dir itself is named in the generated comments.
    let dir = api_dir("dir\nwith\rcontrols");
    touch(&dir, "a.rs", "");
    let source = core(&dir).unwrap();
    parses(&source);
    assert!(source.contains("dir\\nwith\\rcontrols"));
}

mod random_trees {
    //! Random trees of names built from the pieces that trip name parsing
    //! (brackets, dots, the ellipsis, keywords, digits, escapes): `render()`
    //! returns, for both targets, and every problem names files of the tree.

    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "[", "]", "[[", "]]", "...", "..", ".", "…", "a", "b", "id", "type", "self", "1", "-", "_",
        "index", "%2e", "é", " ", "\\", "x.rs",
    ];

    const SOURCES: &[&str] = &[
        "",
        "pub async fn get() {}",
        "fn broken(",
        "pub fn GET() {}",
        "pub async fn handler(id: String, a: Vec<String>) -> String { id }",
    ];

    fn name() -> impl Strategy<Value = String> {
        // `.` and `..` would be taken by the file system itself.
        prop::collection::vec(prop::sample::select(PIECES), 1..4)
            .prop_map(|p| p.concat())
            .prop_filter("a file-system dot name", |n| n != "." && n != "..")
    }

    fn tree() -> impl Strategy<Value = Vec<(String, &'static str)>> {
        prop::collection::vec(
            (
                prop::collection::vec(name(), 1..4),
                prop::sample::select(SOURCES),
            ),
            1..8,
        )
        .prop_map(|files| {
            files
                .into_iter()
                .map(|(parts, source)| (format!("{}.rs", parts.join("/")), source))
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 150, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn render_returns_and_names_the_files(files in tree()) {
            let dir = api_dir("random");
            let mut written: Vec<String> = Vec::new();
            for (rel, source) in &files {
                let path = dir.join(rel);
                // A name that is a folder elsewhere in the tree cannot be a file.
                if fs::create_dir_all(path.parent().unwrap()).is_err() || fs::write(&path, source).is_err() {
                    continue;
                }
                written.push(rel.clone());
            }
            for result in [core(&dir), axum(&dir)] {
                match result {
                    Ok(source) => parses(&source),
                    Err(err) => {
                        for problem in err.problems() {
                            prop_assert!(!problem.files().is_empty(), "{err}");
                            for file in problem.files() {
                                prop_assert!(
                                    written.iter().any(|w| w == file || w.starts_with(&format!("{file}/"))),
                                    "`{file}` is not in the tree {written:?}:\n{err}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}
