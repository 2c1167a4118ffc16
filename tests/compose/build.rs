//! The same api dir twice: below `/api` (`routes.rs`) and from the root
//! (`root_routes.rs`), both with the crate's `AppState`.

fn main() {
    for (prefix, file) in [("/api", "routes.rs"), ("", "root_routes.rs")] {
        apigen::Builder::new()
            .prefix(prefix)
            .state("crate::AppState")
            .out_file(file)
            .generate()
            .unwrap_or_else(|err| panic!("{err}"));
    }
}
