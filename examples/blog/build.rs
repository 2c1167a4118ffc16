//! Generates `routes.rs` from `src/api` (see `src/lib.rs`).

fn main() {
    let generated = apigen::Builder::new().state("crate::AppState").generate();
    if let Err(err) = generated {
        eprintln!("{}", err.report());
        std::process::exit(1);
    }
}
