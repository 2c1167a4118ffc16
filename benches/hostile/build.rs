//! Renders the benchmark's tree (core target) into `OUT_DIR/routes.rs`.

use std::path::PathBuf;

/// Every kind of segment, an index, statics beside params, backtracking.
const FILES: &[&str] = &[
    "index.rs",
    "hello.rs",
    "post/create.rs",
    "post/[pid].rs",
    "post/[...slug].rs",
    "opt/[[...all]].rs",
    "[id]/x.rs",
    "[id]/[sub]/y.rs",
];

fn main() {
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let api = out.join("api");
    let _ = std::fs::remove_dir_all(&api);
    for file in FILES {
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
