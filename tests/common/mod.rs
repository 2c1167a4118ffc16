//! The helpers of apigen's own tests, in one copy: the integration tests
//! `mod common;` it, the unit tests reach it through `#[path]` in `lib.rs`.
//! Each test uses what it needs of it.

#![allow(dead_code, unused_macros)]

use std::path::{Path, PathBuf};

/// A fresh, empty folder for one test: `path` below cargo's temporary
/// folder for integration tests (the system's, per process, for unit
/// tests). Whatever an earlier run left there is removed first, even
/// files and folders it made unreadable.
pub fn scratch(path: &str) -> PathBuf {
    let base = match option_env!("CARGO_TARGET_TMPDIR") {
        Some(dir) => PathBuf::from(dir),
        None => std::env::temp_dir().join(format!("apigen-tests-{}", std::process::id())),
    };
    let dir = base.join(path);
    if dir.exists() {
        make_writable(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `content` to `dir/rel`, creating its folders.
pub fn touch(dir: &Path, rel: &str, content: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

/// Undoes `chmod 000` left by an earlier run, so the folder can be removed.
fn make_writable(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for entry in walk_all(dir) {
            let mode = if entry.is_dir() { 0o755 } else { 0o644 };
            let _ = std::fs::set_permissions(&entry, std::fs::Permissions::from_mode(mode));
        }
    }
}

#[cfg(unix)]
fn walk_all(dir: &Path) -> Vec<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let mut out = vec![dir.to_owned()];
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                out.extend(walk_all(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// One insta snapshot, stored in the repository's top-level `snapshots/`
/// (for a test file in `tests/`).
macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

#[allow(unused_imports)]
pub(crate) use snapshot;
