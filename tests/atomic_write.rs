//! `Builder::generate` never leaves a half-written or truncated output: a
//! failed run keeps the previous file byte for byte and leaves no temp file
//! behind, and concurrent runs each put a whole file in place.
//!
//! Every path here is absolute, so no environment variable is needed (tests
//! run as threads of one process, which share it).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use apigen::{Builder, ErrorKind, Target};

/// A fresh folder holding an empty `api` and `out`.
fn scratch(name: &str) -> PathBuf {
    let dir = common::scratch(&format!("atomic-write/{name}"));
    fs::create_dir_all(dir.join("api")).unwrap();
    fs::create_dir_all(dir.join("out")).unwrap();
    dir
}

/// An empty file (route files are never read by the core target).
fn touch(dir: &Path, rel: &str) {
    common::touch(dir, rel, "");
}

fn builder(dir: &Path) -> Builder {
    Builder::new()
        .api_dir(dir.join("api"))
        .target(Target::Core)
        .out_file(dir.join("out/routes.rs"))
}

/// The names in a folder, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_failed_run_keeps_the_previous_output_byte_for_byte() {
    let dir = scratch("failed-run");
    touch(&dir, "api/hello.rs");
    touch(&dir, "api/post/[pid].rs");
    let out = builder(&dir).generate().unwrap();
    assert_eq!(out, dir.join("out/routes.rs"));
    let before = fs::read(&out).unwrap();
    assert!(String::from_utf8_lossy(&before).contains("post/[pid].rs"));

    // Break the tree: two param names at one level, and a bad name.
    touch(&dir, "api/post/[id].rs");
    touch(&dir, "api/[oops.rs");
    let err = builder(&dir).generate().unwrap_err();
    let kinds: Vec<ErrorKind> = err.problems().iter().map(|p| p.kind()).collect();
    assert!(kinds.contains(&ErrorKind::DifferentSlugNames), "{err}");
    assert!(kinds.contains(&ErrorKind::BadBrackets), "{err}");

    assert_eq!(fs::read(&out).unwrap(), before, "the old output changed");
    assert_eq!(
        entries(&dir.join("out")),
        ["routes.rs"],
        "a temp file was left"
    );
}

#[test]
fn a_failed_first_run_writes_nothing() {
    let dir = scratch("failed-first-run");
    touch(&dir, "api/[[id]].rs");
    assert!(builder(&dir).generate().is_err());
    assert!(entries(&dir.join("out")).is_empty());
}

#[test]
fn an_unwritable_output_is_an_error_and_leaves_no_temp_file() {
    let dir = scratch("unwritable");
    touch(&dir, "api/hello.rs");
    // A folder where the file should go: the final rename fails.
    fs::create_dir_all(dir.join("out/routes.rs/occupied")).unwrap();
    let err = builder(&dir).generate().unwrap_err();
    assert_eq!(err.problems()[0].kind(), ErrorKind::WriteFailed);
    assert!(err.to_string().contains("routes.rs"), "{err}");
    assert_eq!(entries(&dir.join("out")), ["routes.rs"]);
    assert!(dir.join("out/routes.rs/occupied").is_dir());
}

#[test]
fn an_unchanged_output_is_not_rewritten() {
    let dir = scratch("unchanged");
    touch(&dir, "api/hello.rs");
    let out = builder(&dir).generate().unwrap();
    let stamp = fs::metadata(&out).unwrap().modified().unwrap();
    let inode = file_id(&out);
    builder(&dir).generate().unwrap();
    assert_eq!(fs::metadata(&out).unwrap().modified().unwrap(), stamp);
    assert_eq!(file_id(&out), inode, "the file was replaced");
}

#[cfg(unix)]
fn file_id(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).unwrap().ino()
}

#[cfg(not(unix))]
fn file_id(_: &Path) -> u64 {
    0
}

#[test]
fn concurrent_runs_each_put_a_whole_file_in_place() {
    // Two trees, one output: threads of one process write it at once (as
    // a build script generating in parallel might), and every run must
    // succeed and leave one of the two complete files.
    let dir = scratch("concurrent");
    touch(&dir, "api/one/a.rs");
    touch(&dir, "api2/two/[b].rs");
    let out = dir.join("out/routes.rs");
    let one = builder(&dir).render().unwrap();
    let two = builder(&dir).api_dir(dir.join("api2")).render().unwrap();
    std::thread::scope(|scope| {
        for thread in 0..6 {
            let dir = &dir;
            scope.spawn(move || {
                for round in 0..15 {
                    let api = if (thread + round) % 2 == 0 {
                        "api"
                    } else {
                        "api2"
                    };
                    builder(dir)
                        .api_dir(dir.join(api))
                        .generate()
                        .unwrap_or_else(|err| panic!("thread {thread}, round {round}: {err}"));
                }
            });
        }
        for _ in 0..200 {
            if let Ok(text) = fs::read_to_string(&out) {
                assert!(text == one || text == two, "a reader saw a partial file");
            }
        }
    });
    let text = fs::read_to_string(&out).unwrap();
    assert!(text == one || text == two);
    assert_eq!(entries(&dir.join("out")), ["routes.rs"]);
}
