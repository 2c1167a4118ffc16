//! The package as crates.io and its users meet it: the `rust-version` it
//! declares is true.
//!
//! That number is the oldest Rust that both builds the generator (a build
//! dependency, so the consumer's toolchain compiles it) and compiles the code
//! it generates, which lands in the consumer's crate beside the crates it
//! calls (axum; utoipa once OpenAPI is on). So it is no lower than:
//! - the `rust-version` of every crate the generator builds with, and of every
//!   crate the generated code needs, as `cargo metadata` reads them from
//!   `Cargo.lock`;
//! - what the edition of apigen's own source needs;
//! - the language features apigen's source and templates use (found by text:
//!   rustc has no check for them, and only one toolchain is installed).
//!
//! The standard library items the code calls are checked by clippy's
//! `incompatible_msrv` lint against the same number: the crates that compile
//! generated code inherit the workspace's `rust-version` (checked here too).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// The crates the generated code calls, as a consumer depends on them.
const GENERATED_CODE_NEEDS: &[&str] = &["axum", "utoipa"];

/// Crates of this workspace that compile generated code, so clippy checks
/// it against the declared `rust-version`.
const COMPILE_GENERATED_CODE: &[&str] = &["apigen-e2e", "apigen-conformance", "blog"];

/// Language features, the text that shows them in apigen's source and
/// templates, and the Rust that stabilized them.
const LANGUAGE: &[(&str, &str, &str)] = &[("let chains", "&& let ", "1.88")];

#[test]
fn rust_version_covers_the_dependencies_and_the_code() {
    let metadata = metadata();
    let packages = &metadata["packages"];
    let package = |id: &str| {
        packages
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap_or_else(|| panic!("no package {id} in cargo metadata"))
    };
    let by_name = |name: &str| -> Vec<&Value> {
        packages
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["name"] == name)
            .collect()
    };
    let apigen = by_name("apigen-routes");
    assert_eq!(apigen.len(), 1, "one apigen-routes package");
    let apigen = apigen[0];
    let declared = apigen["rust_version"]
        .as_str()
        .expect("apigen-routes declares a rust-version");

    // Why each floor holds: (version, reason).
    let mut floors: Vec<(Version, String)> = Vec::new();
    let edition = apigen["edition"].as_str().unwrap();
    floors.push((edition_floor(edition), format!("edition {edition}")));

    assert!(
        !by_name("axum").is_empty(),
        "axum is in the workspace's graph"
    );
    let mut roots = vec![apigen["id"].as_str().unwrap().to_owned()];
    for name in GENERATED_CODE_NEEDS {
        for p in by_name(name) {
            roots.push(p["id"].as_str().unwrap().to_owned());
        }
    }
    for id in closure(&metadata, &roots) {
        if id == roots[0] {
            continue; // its own rust-version: the number under test
        }
        let p = package(&id);
        if let Some(version) = p["rust_version"].as_str() {
            floors.push((
                Version::parse(version),
                format!(
                    "{} {} declares rust-version {version}",
                    p["name"], p["version"]
                ),
            ));
        }
    }

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (feature, text, since) in LANGUAGE {
        let users = files_containing(&[root.join("src"), root.join("templates")], text);
        if let Some(file) = users.first() {
            floors.push((
                Version::parse(since),
                format!("{file} uses {feature} (stable since {since})"),
            ));
        }
    }

    let declared_version = Version::parse(declared);
    let too_high: Vec<&String> = floors
        .iter()
        .filter(|(v, _)| *v > declared_version)
        .map(|(_, why)| why)
        .collect();
    assert!(
        too_high.is_empty(),
        "the declared rust-version {declared} is too low:\n{}",
        too_high
            .iter()
            .map(|why| format!("  {why}\n"))
            .collect::<String>()
    );
    // The number is what the code needs, not a guess above it.
    let needed = floors.iter().map(|(v, _)| *v).max().unwrap();
    assert_eq!(
        needed, declared_version,
        "rust-version {declared} is above every floor found (the highest is {needed:?}): lower it, or add what needs it to LANGUAGE"
    );

    for name in COMPILE_GENERATED_CODE {
        let found = by_name(name);
        assert_eq!(found.len(), 1, "{name} is a workspace member");
        assert_eq!(
            found[0]["rust_version"].as_str(),
            Some(declared),
            "{name} compiles generated code: it takes `rust-version.workspace = true`, so clippy checks that code against it"
        );
    }
}

/// `cargo metadata` of the workspace, as locked.
fn metadata() -> Value {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo metadata failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Every package the roots build with: their normal and build dependencies,
/// transitively (not dev-dependencies: consumers never build those).
fn closure(metadata: &Value, roots: &[String]) -> BTreeSet<String> {
    let nodes = metadata["resolve"]["nodes"].as_array().unwrap();
    let mut seen = BTreeSet::new();
    let mut todo: Vec<String> = roots.to_vec();
    while let Some(id) = todo.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let node = nodes.iter().find(|n| n["id"] == id.as_str()).unwrap();
        for dep in node["deps"].as_array().unwrap() {
            let used = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"] != "dev");
            if used {
                todo.push(dep["pkg"].as_str().unwrap().to_owned());
            }
        }
    }
    seen
}

/// The first Rust release that accepts an edition.
fn edition_floor(edition: &str) -> Version {
    match edition {
        "2015" => Version::parse("1.0"),
        "2018" => Version::parse("1.31"),
        "2021" => Version::parse("1.56"),
        "2024" => Version::parse("1.85"),
        other => panic!("edition {other}: add its first Rust release here"),
    }
}

/// The `.rs` files below `dirs` holding `text`, `/`-separated, sorted.
fn files_containing(dirs: &[std::path::PathBuf], text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut todo: Vec<std::path::PathBuf> = dirs.to_vec();
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && std::fs::read_to_string(&path).is_ok_and(|s| s.contains(text))
            {
                let rel = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    found
}

/// A Rust release, `1.88` or `1.88.0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Version(u32, u32, u32);

impl Version {
    fn parse(text: &str) -> Version {
        let mut parts = text.split('.').map(|p| {
            p.parse::<u32>()
                .unwrap_or_else(|_| panic!("`{text}` is not a Rust version"))
        });
        let major = parts.next().unwrap();
        let minor = parts.next().unwrap_or(0);
        let patch = parts.next().unwrap_or(0);
        Version(major, minor, patch)
    }
}

#[test]
fn versions_compare_by_number() {
    assert!(Version::parse("1.9") < Version::parse("1.10"));
    assert_eq!(Version::parse("1.88"), Version::parse("1.88.0"));
    assert!(Version::parse("1.88.1") > Version::parse("1.88"));
}
