fn main() {
    apigen::Builder::new()
        .state("crate::AppState")
        .generate()
        .unwrap_or_else(|err| panic!("{err}"));
}
