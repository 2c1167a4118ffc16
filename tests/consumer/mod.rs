//! Throwaway consumer crates: crates that use this checkout of apigen the way
//! a user's crate does (a `build.rs` calling it), written under
//! `CARGO_TARGET_TMPDIR/consumers` and built by a cargo of their own.
//!
//! They share one target dir, `target/tmp/consumers/target`, so the build
//! dependencies (apigen, syn, ...) compile once for all of them. The test
//! binaries that use it run one after another under `cargo test`; tests of
//! one binary that build at once wait on that dir's lock, never on the outer
//! cargo's. Every crate starts from the workspace's `Cargo.lock`, so it
//! builds with the versions apigen is tested with; cargo trims it to the
//! crate's graph.

#![allow(dead_code)] // each test binary uses a part

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// This checkout.
pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// Where the throwaway crates live.
pub fn base() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("consumers")
}

/// `cargo <args>` in `dir`, building into the shared target dir.
pub fn cargo(dir: &Path, args: &[&str]) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir());
    command
}

/// The shared target dir.
pub fn target_dir() -> PathBuf {
    base().join("target")
}

/// Runs a command to its end.
pub fn run(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|err| panic!("cannot run {command:?}: {err}"))
}

/// Stdout and stderr of a finished command, for failure messages.
pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Writes the file unless it already holds `content` (so a second test run,
/// even a concurrent one, changes nothing); says whether it wrote.
pub fn write(path: &Path, content: &str) -> bool {
    if std::fs::read_to_string(path).is_ok_and(|old| old == content) {
        return false;
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    true
}

/// Puts the workspace's `Cargo.lock` into `dir` (the root of a throwaway
/// workspace), unless it is there from an earlier run of the same lock:
/// cargo trims it to the crate's graph without asking the registry, and
/// keeps it trimmed until the workspace's lock changes.
pub fn lock(dir: &Path) {
    let lock = std::fs::read_to_string(Path::new(REPO).join("Cargo.lock")).unwrap();
    if write(&dir.join("workspace.lock"), &lock) || !dir.join("Cargo.lock").exists() {
        std::fs::write(dir.join("Cargo.lock"), &lock).unwrap();
    }
}

/// The root manifest of a throwaway workspace: a `[workspace]` of its own, so
/// that cargo never takes apigen's (this directory is inside it), and this
/// checkout in place of the published `apigen-routes`.
pub fn workspace_manifest() -> String {
    format!(
        "# Not a member of apigen's workspace, which holds this directory.
[workspace]
resolver = \"3\"

[patch.crates-io]
apigen-routes = {{ path = {REPO:?} }}
"
    )
}

/// Removes every file below `dir` that is not in `keep`.
pub fn remove_others(dir: &Path, keep: &[PathBuf]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            remove_others(&path, keep);
        } else if !keep.contains(&path) {
            std::fs::remove_file(&path).unwrap();
        }
    }
}

/// Copies the files of `from` to `to` (which must not exist), leaving out
/// `target` dirs.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            if entry.file_name() != "target" {
                copy_tree(&path, &dest);
            }
        } else {
            std::fs::copy(&path, &dest).unwrap();
        }
    }
}
