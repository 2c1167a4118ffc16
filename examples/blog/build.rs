//! Generates `routes.rs` from `src/api` (see `src/lib.rs`), with the
//! OpenAPI document (`routes::openapi()`, served at `/api/openapi.json`).

fn main() {
    let generated = apigen::Builder::new()
        .state("crate::AppState")
        .openapi(true)
        .generate();
    if let Err(err) = generated {
        err.fail_build();
    }
}
