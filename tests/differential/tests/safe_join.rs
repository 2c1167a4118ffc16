//! The `safe_join` of the README's Security section, tested: decoded catch-all segments that
//! the generated matcher lets through never name a file outside the root.

use std::path::{Path, PathBuf};

use apigen_differential::FIXED;
use apigen_differential::reference::{Answer, Value};
use proptest::prelude::*;

/// The file below `root` that decoded catch-all segments name, or `None` for
/// anything that could leave `root`. (Kept as in the README's Security section.)
pub fn safe_join(root: &Path, segments: &[String]) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    for segment in segments {
        let bad = segment.is_empty()
            || segment == "."
            || segment == ".."
            || segment.contains(['/', '\\', '\0']);
        if bad {
            return None;
        }
        path.push(segment);
    }
    let path = path.canonicalize().ok()?;
    let root = root.canonicalize().ok()?;
    path.starts_with(&root).then_some(path)
}

/// A root holding `a/b.txt` and `c.txt`, beside a `secret.txt`, with a
/// symlink inside the root pointing out of it.
fn root() -> PathBuf {
    static ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("safe-join");
        let _ = std::fs::remove_dir_all(&base);
        let root = base.join("public");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/b.txt"), "b").unwrap();
        std::fs::write(root.join("c.txt"), "c").unwrap();
        std::fs::write(base.join("secret.txt"), "secret").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(base.join("secret.txt"), root.join("escape.txt")).unwrap();
        root
    })
    .clone()
}

/// The decoded `slug` of `/api/post/<rest>` in the fixed tree, if it matches.
fn decoded_slug(rest: &str) -> Option<Vec<String>> {
    let path = format!("/api/post/{rest}");
    match (FIXED.run)(&path).recognized?.0 {
        Answer::Found {
            file,
            decoded: Some(decoded),
            ..
        } if file == "post/[...slug].rs" => match &decoded[0].1 {
            Value::Many(values) => Some(values.clone()),
            Value::One(_) => None,
        },
        _ => None,
    }
}

#[test]
fn known_attacks_are_refused() {
    let root = root();
    let ok = |rest: &str| safe_join(&root, &decoded_slug(rest).expect("matches"));
    assert_eq!(
        ok("a/b.txt"),
        Some(root.canonicalize().unwrap().join("a/b.txt"))
    );
    for attack in [
        "x/..%2F..%2Fsecret.txt",
        "x/%2E%2E%2Fsecret.txt",
        "a/%2F..%2F..%2Fsecret.txt",
        "x/%2Fetc%2Fpasswd",
        "x/..%5C..%5Csecret.txt",
        "x/c.txt%00.png",
        "x/escape.txt",
        "x/%252e%252e",
    ] {
        assert_eq!(ok(attack), None, "{attack}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever the matcher lets through, `safe_join` stays below the root.
    #[test]
    fn nothing_leaves_the_root(
        parts in prop::collection::vec(
            prop_oneof![
                Just("..".to_owned()), Just("%2e%2e".to_owned()), Just("%2F".to_owned()),
                Just("%5C".to_owned()), Just("%00".to_owned()), Just("a".to_owned()),
                Just("b.txt".to_owned()), Just("escape.txt".to_owned()), Just("secret.txt".to_owned()),
                "[a-c.%2FfEe5C/]{1,6}",
            ],
            1..6,
        )
    ) {
        let root = root();
        let base = root.parent().unwrap().canonicalize().unwrap();
        if let Some(slug) = decoded_slug(&format!("x/{}", parts.join("/")))
            && let Some(file) = safe_join(&root, &slug)
        {
            prop_assert!(file.starts_with(root.canonicalize().unwrap()));
            prop_assert!(file != base.join("secret.txt"));
        }
    }
}
