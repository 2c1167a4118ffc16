//! Generates `routes.rs` from `src/api` with the OpenAPI document on.

fn main() {
    apigen::Builder::new()
        .state("crate::AppState")
        .openapi(true)
        .generate()
        .unwrap_or_else(|err| panic!("{err}"));
}
