//! Turns every case of the conformance file into an api tree in `OUT_DIR`,
//! runs apigen on it, and records the outcome for the tests:
//! `cases.rs` (one module per case that generated) and `tests.rs` (one
//! `#[test]` per case).
//!
//! The cases are read from `$APIGEN_CASES`, or from this crate's
//! `cases.json` (a copy of `../shared/conformance/cases.json`, checked
//! byte for byte by `tests/shared_copies.rs` where `../shared` is beside
//! the checkout), followed by this crate's own `cases-extra.json`. A
//! missing file fails the build: CI must not pass by running no cases.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let cases_path = match std::env::var_os("APIGEN_CASES") {
        Some(path) => PathBuf::from(path),
        None => manifest.join("cases.json"),
    };
    println!("cargo:rerun-if-env-changed=APIGEN_CASES");
    println!("cargo:rerun-if-changed={}", cases_path.display());
    let text = std::fs::read_to_string(&cases_path).unwrap_or_else(|err| {
        panic!(
            "cannot read the conformance cases at {}: {err}\n\
             (the crate's copy of the shared cases, or APIGEN_CASES)",
            cases_path.display()
        )
    });
    let mut cases: Vec<Value> = serde_json::from_str(&text).expect("cases.json is a JSON array");
    // apigen's own cases, in the same format: behaviour the shared set does not pin down.
    let extra_path = manifest.join("cases-extra.json");
    println!("cargo:rerun-if-changed={}", extra_path.display());
    let extra = std::fs::read_to_string(&extra_path).expect("cases-extra.json is in the crate");
    let extra: Vec<Value> = serde_json::from_str(&extra).expect("cases-extra.json is a JSON array");
    cases.extend(extra);

    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let root = out.join("cases");
    let _ = std::fs::remove_dir_all(&root);
    let mut modules = String::new();
    let mut table =
        String::from("/// Every case, in file order.\npub static CASES: &[Case] = &[\n");
    let mut tests = String::new();
    for (index, case) in cases.iter().enumerate() {
        let id = case["id"].as_str().expect("a case has an id");
        let dir = root.join(format!("{index:03}")).join("api");
        write_tree(&dir, case);
        let out_file = format!("case_{index:03}.rs");
        let outcome = apigen::Builder::new()
            .api_dir(&dir)
            .out_file(&out_file)
            .render();
        let (router, error) = match outcome {
            Ok(source) => {
                std::fs::write(out.join(&out_file), source).unwrap();
                writeln!(
                    modules,
                    "#[allow(clippy::all)]\npub mod case_{index:03} {{ include!(concat!(env!(\"OUT_DIR\"), \"/{out_file}\")); }}"
                )
                .unwrap();
                (format!("Some(case_{index:03}::router)"), "None".to_owned())
            }
            Err(err) => ("None".to_owned(), format!("Some({:?})", err.to_string())),
        };
        writeln!(
            table,
            "    Case {{ id: {id:?}, json: {json:?}, router: {router}, error: {error} }},",
            json = case.to_string()
        )
        .unwrap();
        let name: String = id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        writeln!(
            tests,
            "#[tokio::test]\nasync fn case_{index:03}_{name}() {{ run(&CASES[{index}]).await }}"
        )
        .unwrap();
    }
    table.push_str("];\n");
    std::fs::write(out.join("cases.rs"), format!("{modules}\n{table}")).unwrap();
    std::fs::write(out.join("tests.rs"), tests).unwrap();
}

/// Writes a case's files: `sources` verbatim, every other `.rs` file as an
/// echo handler, other files empty.
fn write_tree(dir: &Path, case: &Value) {
    for file in case["files"].as_array().expect("a case has files") {
        let file = file.as_str().unwrap();
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let source = match case["sources"].get(file).and_then(Value::as_str) {
            Some(source) => source.to_owned(),
            None if file.ends_with(".rs") => echo_handler(file),
            None => String::new(),
        };
        std::fs::write(path, source).unwrap();
    }
}

/// `pub async fn handler(<one argument per param>) -> String` answering
/// `{"file": ..., "params": {...}}`, as the conformance README defines it.
fn echo_handler(file: &str) -> String {
    let mut args = Vec::new();
    let mut inserts = String::new();
    let stem = file.trim_end_matches(".rs");
    for part in stem.split('/') {
        let Some(inner) = part.strip_prefix('[').and_then(|p| p.strip_suffix(']')) else {
            continue;
        };
        let (optional, inner) = match inner.strip_prefix('[').and_then(|p| p.strip_suffix(']')) {
            Some(inner) => (true, inner),
            None => (false, inner),
        };
        let (many, name) = match inner.strip_prefix("...") {
            Some(name) => (true, name),
            None => (false, inner),
        };
        let Some(arg) = binding(name) else {
            return String::new();
        };
        let ty = match (optional, many) {
            (true, _) => "Option<Vec<String>>",
            (false, true) => "Vec<String>",
            (false, false) => "String",
        };
        args.push(format!("{arg}: {ty}"));
        if optional {
            writeln!(inserts, "    if let Some(v) = {arg} {{ params.insert({name:?}.to_owned(), serde_json::json!(v)); }}").unwrap();
        } else {
            writeln!(
                inserts,
                "    params.insert({name:?}.to_owned(), serde_json::json!({arg}));"
            )
            .unwrap();
        }
    }
    format!(
        "#[allow(non_snake_case)]\npub async fn handler({}) -> String {{\n    #[allow(unused_mut)]\n    let mut params = serde_json::Map::new();\n{inserts}    serde_json::json!({{ \"file\": {file:?}, \"params\": params }}).to_string()\n}}\n",
        args.join(", ")
    )
}

/// The argument a param binds as: `-` becomes `_`, keywords are raw. `None`
/// for names that cannot bind (those cases expect a build error).
fn binding(name: &str) -> Option<String> {
    let mapped = name.replace('-', "_");
    let ok = !mapped.is_empty()
        && mapped.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !mapped.starts_with(|c: char| c.is_ascii_digit());
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern",
        "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move",
        "mut", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type",
        "unsafe", "use", "where", "while", "yield",
    ];
    ok.then(|| {
        if KEYWORDS.contains(&mapped.as_str()) {
            format!("r#{mapped}")
        } else {
            mapped
        }
    })
}
