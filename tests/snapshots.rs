//! What apigen generates, as users review it: insta snapshots (in the
//! top-level `snapshots/`) of `render()` for the seed examples, the blog
//! example, a core-target tree with every precedence rule, and the settings
//! that change the output.
//!
//! Every output ends in the support module, the templates verbatim; the
//! snapshots hold what comes before it (the part that depends on the tree)
//! and each test checks that the rest is exactly the templates. The trees are
//! in the repository (relative api dirs), and the route files' absolute
//! `#[path]`s are redacted, so no snapshot holds a path of the machine it was
//! taken on. Each seed's output is also compiled and served by
//! `tests/e2e`; the blog's own generated file is snapshot-tested in
//! `examples/blog/tests/generated.rs`.

mod common;

use apigen::{Builder, Target, TrailingSlash};
use common::snapshot;

const SUPPORT: &str = "/// Support code apigen emits into every generated file";

/// The output's tree-dependent part, after checking the rest is the
/// templates of `target`, indented in `mod __apigen`.
fn routes_part(output: &str, target: Target) -> String {
    let at = output
        .find(SUPPORT)
        .expect("every output ends in the support module");
    let (routes, support) = output.split_at(at);
    let mut templates = vec![include_str!("../templates/core.rs")];
    if target == Target::Axum {
        templates.push(include_str!("../templates/axum.rs"));
    }
    let indented = |text: &str| -> String {
        text.lines()
            .map(|line| match line {
                "" => "\n".to_owned(),
                _ => format!("    {line}\n"),
            })
            .collect()
    };
    let mut rest = support;
    for template in templates {
        let body = indented(template);
        let at = rest
            .find(&body)
            .expect("the support module holds the template verbatim");
        rest = &rest[at + body.len()..];
    }
    assert_eq!(rest.trim(), "}", "nothing after the templates");
    // Route files are `#[path]` modules, by absolute path: this machine's.
    let routes = routes.replace(env!("CARGO_MANIFEST_DIR"), "[CARGO_MANIFEST_DIR]");
    assert!(
        !routes.contains(env!("CARGO_MANIFEST_DIR")),
        "no absolute path in the snapshot"
    );
    routes
}

fn render(builder: Builder, target: Target) -> String {
    let output = builder.target(target).render().expect("the tree is valid");
    routes_part(&output, target)
}

fn seed(name: &str) -> String {
    seed_with(name, Builder::new())
}

fn seed_with(name: &str, builder: Builder) -> String {
    render(
        builder.api_dir(format!("tests/e2e/fixtures/{name}")),
        Target::Axum,
    )
}

#[test]
fn seed_index_routes() {
    snapshot!("render_seed_index_routes", seed("index-routes"));
}

#[test]
fn seed_dynamic_routes() {
    snapshot!("render_seed_dynamic_routes", seed("dynamic-routes"));
}

#[test]
fn seed_catch_all() {
    snapshot!("render_seed_catch_all", seed("catch-all"));
}

#[test]
fn seed_optional_catch_all() {
    snapshot!("render_seed_optional_catch_all", seed("optional-catch-all"));
}

/// Params no handler binds are only checked (400 for one that does not
/// decode), and only when the path has a `%`; a bound one is decoded for its
/// handler, in path order.
#[test]
fn unbound_params() {
    snapshot!("render_unbound_params", seed("unbound-params"));
}

/// The blog example as `examples/blog/build.rs` configures it.
fn blog() -> Builder {
    Builder::new()
        .api_dir("examples/blog/src/api")
        .state("crate::AppState")
}

/// The core target over the blog's files, served from the root: no handler
/// is read, the matcher and `resolve` only.
#[test]
fn blog_core_no_prefix() {
    snapshot!(
        "render_blog_core_no_prefix",
        render(blog().prefix(""), Target::Core)
    );
}

/// Settings that only change `resolve` and the limits: the output differs
/// from the default in exactly those places.
#[test]
fn settings_change_only_their_lines() {
    let default = seed("dynamic-routes");
    let changed = render(
        Builder::new()
            .api_dir("tests/e2e/fixtures/dynamic-routes")
            .trailing_slash(TrailingSlash::Strict)
            .body_limit(4096),
        Target::Axum,
    );
    let diff: Vec<(&str, &str)> = default
        .lines()
        .zip(changed.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(default.lines().count(), changed.lines().count());
    snapshot!(
        "render_settings_strict_4096",
        diff.iter()
            .map(|(a, b)| format!("- {a}\n+ {b}\n"))
            .collect::<String>()
    );
}

/// A tree where every precedence rule decides something (`tests/fixtures/
/// precedence`: statics over params over catch-alls over optional ones, at
/// the root and below, a keyword param, non-ASCII and space in names), core
/// target: a decision tree over raw bytes that backtracks from statics to
/// params to catch-alls.
#[test]
fn precedence_tree_core() {
    snapshot!(
        "render_precedence_tree_core",
        render(
            Builder::new().api_dir("tests/fixtures/precedence"),
            Target::Core
        )
    );
}

/// The state type is named once, as given, by an alias every route module
/// uses: a path valid where the file is included is valid in them too.
#[test]
fn the_state_type_is_named_once_as_given() {
    for state in [
        "crate::AppState",
        "::app::AppState",
        "()",
        "AppState",
        "super::AppState",
        "self::AppState",
        "std::sync::Arc<super::Inner>",
        "(super::A, [self::B; 2])",
        "<super::A as super::T>::X",
    ] {
        let output = seed_with("dynamic-routes", Builder::new().state(state));
        assert!(
            output.contains(&format!("\ntype __State = {state};\n")),
            "{state}: {output}"
        );
        assert!(
            output.contains(&format!("pub fn router() -> ::axum::Router<{state}> {{")),
            "{state}"
        );
        assert!(output.contains("    use super::{__State, __apigen, post_pid};"));
        assert!(output.contains("    state: __State,\n"), "{state}");
        if state == "()" {
            assert!(output.contains("pub fn service() -> Service {"), "{state}");
        } else {
            assert!(
                output.contains(&format!("pub fn service(state: {state}) -> Service {{")),
                "{state}"
            );
            let code = output.lines().filter(|l| !l.trim_start().starts_with("//"));
            let named: usize = code.map(|line| line.matches(state).count()).sum();
            assert_eq!(
                named, 5,
                "{state}: by router(), router_with_fallback() (twice), service() and the alias"
            );
        }
    }
}

#[test]
fn rendering_is_deterministic() {
    let first = blog().render().unwrap();
    for _ in 0..3 {
        assert_eq!(blog().render().unwrap(), first);
    }
}

/// `openapi(false)`, the default, writes exactly what apigen wrote before
/// the option existed: the snapshots above, taken again with it said
/// explicitly. (`tests/e2e` and `tests/conformance` compile such output
/// with no utoipa dependency.)
#[test]
fn openapi_off_is_the_output_without_it() {
    for seed in [
        "index-routes",
        "dynamic-routes",
        "catch-all",
        "optional-catch-all",
    ] {
        let off = seed_with(seed, Builder::new().openapi(false));
        snapshot!(format!("render_seed_{}", seed.replace('-', "_")), off);
    }
    snapshot!(
        "render_blog_core_no_prefix",
        render(blog().prefix("").openapi(false), Target::Core)
    );
}

/// `openapi(true)` only adds: `openapi()`, a `describe` in each route's
/// module and the template. Every line of the output without it is in the
/// output with it, in order, and only the latter names utoipa.
#[test]
fn openapi_on_only_adds_lines() {
    let trees = [
        blog(),
        Builder::new().api_dir("tests/e2e/fixtures/optional-catch-all"),
        Builder::new()
            .api_dir("tests/openapi/src/api")
            .state("super::AppState"),
    ];
    for builder in trees {
        let off = builder.clone().render().unwrap();
        let on = builder.clone().openapi(true).render().unwrap();
        assert!(!off.contains("utoipa") && !off.contains("__apigen::openapi"));
        assert!(on.contains("pub fn openapi() -> ::utoipa::openapi::OpenApi {"));
        let mut added = 0;
        let mut on_lines = on.lines();
        for line in off.lines() {
            loop {
                let next = on_lines.next().expect("every line of `off` is in `on`");
                if next == line {
                    break;
                }
                added += 1;
            }
        }
        added += on_lines.count();
        let template = include_str!("../templates/openapi.rs").lines().count();
        assert!(added > template, "the template and the describe fns");
        // The state type is still named only where it was (the route
        // modules' `describe` uses the alias).
        let state = "super::AppState";
        assert_eq!(off.matches(state).count(), on.matches(state).count());
    }
}
