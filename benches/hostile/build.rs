//! Renders the benchmark's tree (core target) into `OUT_DIR/routes.rs`.

use std::path::PathBuf;

/// The fixed tree of the hostile-path tests (`tests/differential`), one
/// file a line: every kind of segment, an index, statics beside params,
/// backtracking, a name to encode.
const FILES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/fixed-tree.txt"
);

fn main() {
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let api = out.join("api");
    let _ = std::fs::remove_dir_all(&api);
    println!("cargo:rerun-if-changed={FILES}");
    let files = std::fs::read_to_string(FILES).unwrap_or_else(|err| panic!("{FILES}: {err}"));
    for file in files.lines() {
        let path = api.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "").unwrap();
    }
    let source = apigen::Builder::new()
        .api_dir(&api)
        .target(apigen::Target::Core)
        .render()
        .unwrap_or_else(|err| panic!("{err}"));
    std::fs::write(out.join("routes.rs"), source).unwrap();
    println!("cargo:rerun-if-changed=build.rs");
}
