fn main() {
    // The axum target with shared state.
    apigen::Builder::new()
        .state("crate::AppState")
        .generate()
        .unwrap_or_else(|err| panic!("{err}"));
    // The core target over the same files, served from the root.
    apigen::Builder::new()
        .target(apigen::Target::Core)
        .prefix("")
        .out_file("core_routes.rs")
        .generate()
        .unwrap_or_else(|err| panic!("{err}"));
}
