//! Generates `routes.rs` from `src/api` (see `src/lib.rs`).

fn main() {
    let generated = apigen::Builder::new().state("crate::AppState").generate();
    if let Err(err) = generated {
        err.fail_build();
    }
}
