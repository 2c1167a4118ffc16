//! Write phase: put the generated source in place, only when it changed.
//!
//! Writing an unchanged file would bump its mtime and make cargo rebuild the
//! consumer for nothing. A changed file is written to a temporary file beside
//! it and renamed over it, so no reader (and no failed run) ever sees a
//! half-written `routes.rs`.

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes `content` to `path` unless it already holds exactly that.
/// Returns whether the file was written.
pub(crate) fn write_if_changed(path: &Path, content: &str) -> io::Result<bool> {
    if fs::read(path).is_ok_and(|old| old == content.as_bytes()) {
        return Ok(false);
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Unique per call, not just per process: threads of one build script
    // may write the same file at once, and each must rename a whole file of
    // its own. `create_new` never reuses someone else's temp file.
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let unique = NEXT.fetch_add(1, Ordering::Relaxed);
    let temp = path.with_file_name(format!(
        ".{name}.{}.{unique}.apigen-tmp",
        std::process::id()
    ));
    let result = write_new(&temp, content).and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map(|()| true)
}

/// Creates `path`, which must not exist, holding `content`.
fn write_new(path: &Path, content: &str) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(content.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common;

    #[test]
    fn writes_only_changes_and_leaves_no_temp_files() {
        let dir = common::scratch("write/changes");
        let path = dir.join("nested/routes.rs");
        assert!(write_if_changed(&path, "a").unwrap());
        assert!(!write_if_changed(&path, "a").unwrap());
        assert!(write_if_changed(&path, "b").unwrap());
        assert_eq!(fs::read_to_string(&path).unwrap(), "b");
        let entries: Vec<_> = fs::read_dir(dir.join("nested"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(entries, ["routes.rs"]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = common::scratch("write/fail");
        // A directory where the file should go: the rename fails.
        let path = dir.join("routes.rs");
        fs::create_dir_all(path.join("occupied")).unwrap();
        assert!(write_if_changed(&path, "new").is_err());
        assert!(path.join("occupied").is_dir());
        let entries: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(entries, ["routes.rs"]);
        fs::remove_dir_all(dir).unwrap();
    }
}
