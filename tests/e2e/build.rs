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
    // The other trailing-slash policies over the same files; one names the
    // state by a path relative to the module including it.
    for (policy, file, state) in [
        (
            apigen::TrailingSlash::Ignore,
            "ignore_routes.rs",
            "super::AppState",
        ),
        (
            apigen::TrailingSlash::Strict,
            "strict_routes.rs",
            "crate::AppState",
        ),
    ] {
        apigen::Builder::new()
            .state(state)
            .trailing_slash(policy)
            .out_file(file)
            .generate()
            .unwrap_or_else(|err| panic!("{err}"));
    }
    // The state named bare, as a `use` in the including module brings it
    // into scope there (`lib.rs`: `use super::AppState;`).
    apigen::Builder::new()
        .state("AppState")
        .out_file("bare_state_routes.rs")
        .generate()
        .unwrap_or_else(|err| panic!("{err}"));
    // Awkward file and param names (`awkward/`), both targets: the
    // generated code must build warning-free under clippy whatever the
    // names (`[_id]`, `Self.rs`, `str.rs`, `[Über]`, ...).
    apigen::Builder::new()
        .api_dir("awkward")
        .out_file("awkward_routes.rs")
        .generate()
        .unwrap_or_else(|err| panic!("{err}"));
    apigen::Builder::new()
        .api_dir("awkward")
        .target(apigen::Target::Core)
        .prefix("")
        .out_file("awkward_core_routes.rs")
        .generate()
        .unwrap_or_else(|err| panic!("{err}"));
    // The seed fixtures whose output is snapshot-tested in the root crate
    // (`tests/snapshots.rs`): proof that each snapshotted output builds.
    for seed in SEEDS {
        apigen::Builder::new()
            .api_dir(format!("fixtures/{seed}"))
            .out_file(format!("{}.rs", seed.replace('-', "_")))
            .generate()
            .unwrap_or_else(|err| panic!("{err}"));
    }
}

const SEEDS: [&str; 5] = [
    "index-routes",
    "dynamic-routes",
    "catch-all",
    "optional-catch-all",
    "unbound-params",
];
