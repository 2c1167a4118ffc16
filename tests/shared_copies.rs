//! The project keeps copies of the shared data its tests and benchmarks read
//! (`../shared` beside the checkout, which a user's clone does not have), so
//! `cargo test --workspace` passes on a fresh clone alone. Where `../shared`
//! is there (CI: `.ci/run` requires it), every copy must be byte-identical
//! to its original.

use std::path::Path;

/// Each copy, relative to the repository, and its original, relative to `../shared`.
const COPIES: &[(&str, &str)] = &[
    ("tests/conformance/cases.json", "conformance/cases.json"),
    ("benches/dispatch/data/README.md", "bench/README.md"),
    ("benches/dispatch/data/SOURCES.md", "bench/SOURCES.md"),
    (
        "benches/dispatch/data/github-routes.txt",
        "bench/github-routes.txt",
    ),
    (
        "benches/dispatch/data/github-paths.txt",
        "bench/github-paths.txt",
    ),
    (
        "benches/dispatch/data/github-paths-legacy4.txt",
        "bench/github-paths-legacy4.txt",
    ),
    (
        "benches/dispatch/data/papermark-pages-api.txt",
        "trees/papermark-pages-api.txt",
    ),
];

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

#[test]
fn every_copy_is_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (copy, _) in COPIES {
        assert!(!read(&root.join(copy)).is_empty(), "{copy} is empty");
    }
}

#[test]
fn copies_equal_the_shared_originals() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared");
    if !shared.is_dir() {
        eprintln!("skipped: no ../shared beside the checkout to compare the copies with");
        return;
    }
    let stale: Vec<String> = COPIES
        .iter()
        .filter(|(copy, original)| read(&root.join(copy)) != read(&shared.join(original)))
        .map(|(copy, original)| format!("cp ../shared/{original} {copy}"))
        .collect();
    assert!(
        stale.is_empty(),
        "copies differ from ../shared; refresh them:\n{}",
        stale.join("\n")
    );
}
