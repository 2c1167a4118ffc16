//! The `routes.rs` this example's build script generated, exactly as the
//! server compiles it, reviewed as an insta snapshot in the repository's
//! top-level `snapshots/` (`blog_routes.snap`). The support module at its end
//! is the same in every output (apigen's `templates/`, snapshot-tested
//! there); the snapshot holds everything before it.

const GENERATED: &str = include_str!(concat!(env!("OUT_DIR"), "/routes.rs"));

#[test]
fn generated_routes() {
    let support = GENERATED
        .find("/// Support code apigen emits into every generated file")
        .expect("the output ends in the support module");
    assert!(
        GENERATED[support..].contains("pub mod __apigen {"),
        "the support module follows the routes"
    );
    // The route files are `#[path]` modules by absolute path: the crate's
    // folder, replaced so the snapshot is the same on every machine (as the
    // README's "Reviewing the generated code" shows consumers).
    let routes = GENERATED[..support].replace(env!("CARGO_MANIFEST_DIR"), "[CARGO_MANIFEST_DIR]");
    assert!(!routes.contains(env!("CARGO_MANIFEST_DIR")));
    insta::with_settings!({ snapshot_path => "../../../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("blog_routes", routes);
    });
}
