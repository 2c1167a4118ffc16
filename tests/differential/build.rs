//! Grows random valid api trees from a fixed seed, renders each with apigen
//! into `OUT_DIR`, and writes the tables the tests run over:
//!
//! - `trees.rs`: one module per core-target tree (`t000`, ...), a `run_NNN`
//!   adapter for each, and `TREES`; plus `axum_trees` for the few trees
//!   rendered with the axum target and echo handlers, and the fixed trees
//!   of the hostile-input tests;
//! - `tests.rs`: one `#[test]` per core tree, so the test harness spreads
//!   them over its threads; `href_tests.rs` the same for the typed paths.
//!
//! Each core tree also gets an `href_NNN` adapter calling its generated
//! `href` functions by their index in `ROUTES` (read off the generated
//! file with syn, which the functions' types need).
//!
//! `APIGEN_DIFF_SEED` picks other trees, `APIGEN_DIFF_TREES` how many.

#[path = "src/treegen.rs"]
#[allow(dead_code)]
mod treegen;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use treegen::TreeSpec;

/// Trees in a normal run.
const TREES: u64 = 160;
/// Trees rendered for the axum target (each compiles the axum support code).
const AXUM_TREES: u64 = 8;
/// How many of the core trees run the typed paths round trip (each
/// `typed_paths::CASES_PER_TREE` cases): fewer trees, more cases each, keep
/// the test binary small.
const HREF_TREES: u64 = 40;
/// Trees rendered for the axum target with random folder middleware.
const MIDDLEWARE_TREES: u64 = 6;

fn main() {
    println!("cargo:rerun-if-changed=src/treegen.rs");
    println!("cargo:rerun-if-env-changed=APIGEN_DIFF_SEED");
    println!("cargo:rerun-if-env-changed=APIGEN_DIFF_TREES");
    let seed = env_number("APIGEN_DIFF_SEED").unwrap_or(1);
    let count = env_number("APIGEN_DIFF_TREES").unwrap_or(TREES);

    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let root = out.join("trees");
    let _ = std::fs::remove_dir_all(&root);

    let mut code = String::new();
    let mut table =
        String::from("/// Every random core-target tree.\npub static TREES: &[Tree] = &[\n");
    let mut tests = String::new();
    let mut href_tests = String::new();
    for index in 0..count {
        let spec = treegen::tree(seed, index);
        let name = format!("t{index:03}");
        let dir = root.join(&name).join("api");
        write_tree(&dir, &spec.files, false);
        let source = render(&dir, &spec, apigen::Target::Core);
        std::fs::write(out.join(format!("{name}.rs")), &source).unwrap();
        let tree = core_tree(&mut code, &name, &spec, &source);
        writeln!(table, "    {tree},").unwrap();
        writeln!(tests, "#[test]\nfn {name}() {{ check(&TREES[{index}]); }}").unwrap();
        if index < HREF_TREES {
            writeln!(
                href_tests,
                "#[test]\nfn {name}() {{ check_href(&TREES[{index}]); }}"
            )
            .unwrap();
        }
    }
    table.push_str("];\n");

    table.push_str("/// Random trees rendered for the axum target, with echo handlers.\npub static AXUM_TREES: &[AxumTree] = &[\n");
    let mut axum_specs: Vec<(String, TreeSpec)> = (0..AXUM_TREES)
        .map(|i| (format!("a{i:03}"), treegen::tree(seed ^ 0xA9, i)))
        .collect();
    axum_specs.push(("fixed".to_owned(), fixed_tree()));
    for (name, spec) in &axum_specs {
        let dir = root.join(name).join("api");
        write_tree(&dir, &spec.files, true);
        let source = render(&dir, spec, apigen::Target::Axum);
        std::fs::write(out.join(format!("{name}.rs")), source).unwrap();
        writeln!(
            code,
            "pub mod {name} {{ include!(concat!(env!(\"OUT_DIR\"), \"/{name}.rs\")); }}"
        )
        .unwrap();
        writeln!(
            table,
            "    AxumTree {{ name: {name:?}, files: &{files:?}, prefix: {prefix:?}, slash: Slash::{slash}, router: {name}::router, service: || crate::Service::new({name}::service()) }},",
            files = spec.files,
            prefix = spec.prefix,
            slash = spec.slash,
        )
        .unwrap();
    }
    table.push_str("];\n");

    table.push_str("/// Random trees with random `_middleware.rs` files and method sets, axum target.\npub static MIDDLEWARE_TREES: &[MiddlewareTree] = &[\n");
    for index in 0..MIDDLEWARE_TREES {
        let name = format!("m{index:03}");
        let mut spec = treegen::tree(seed ^ 0x5E, index);
        // Every trailing-slash policy, whatever the seed.
        spec.slash = ["Redirect", "Ignore", "Strict"][index as usize % 3];
        let mut rng = treegen::Rng::new(seed ^ 0x5E ^ (index << 8));
        let dir = root.join(&name).join("api");
        let methods: Vec<String> = write_guarded_tree(&dir, &spec.files, &mut rng)
            .iter()
            .map(|set| format!("&{set:?}"))
            .collect();
        let methods = format!("[{}]", methods.join(", "));
        let middleware = write_middleware(&dir, &spec.files, &mut rng);
        let source = render(&dir, &spec, apigen::Target::Axum);
        std::fs::write(out.join(format!("{name}.rs")), source).unwrap();
        writeln!(
            code,
            "pub mod {name} {{ include!(concat!(env!(\"OUT_DIR\"), \"/{name}.rs\")); }}"
        )
        .unwrap();
        writeln!(
            table,
            "    MiddlewareTree {{ name: {name:?}, files: &{files:?}, prefix: {prefix:?}, slash: Slash::{slash}, methods: &{methods}, middleware: &{middleware:?}, router: {name}::router, service: || crate::Service::new({name}::service()) }},",
            files = spec.files,
            prefix = spec.prefix,
            slash = spec.slash,
        )
        .unwrap();
    }
    table.push_str("];\n");

    // The fixed tree again, core target, for the hostile-path tests.
    let spec = fixed_tree();
    let dir = root.join("fixed_core").join("api");
    write_tree(&dir, &spec.files, false);
    let source = render(&dir, &spec, apigen::Target::Core);
    std::fs::write(out.join("fixed_core.rs"), &source).unwrap();
    let tree = core_tree(&mut code, "fixed_core", &spec, &source);
    writeln!(
        code,
        "/// The fixed tree of the hostile-path tests, core target.\npub static FIXED: Tree = {tree};"
    )
    .unwrap();

    // The hostile trees of the generator's own tests, compiled here to
    // prove their code builds: 100 levels deep, and 10,000 files.
    for (name, spec, doc) in [
        (
            "deep",
            deep_tree(),
            "100 levels of folders, static and dynamic.",
        ),
        ("wide", wide_tree(), "10,000 route files."),
    ] {
        let dir = root.join(name).join("api");
        write_tree(&dir, &spec.files, false);
        let source = render(&dir, &spec, apigen::Target::Core);
        std::fs::write(out.join(format!("{name}.rs")), &source).unwrap();
        let tree = core_tree(&mut code, name, &spec, &source);
        let upper = name.to_uppercase();
        writeln!(code, "/// {doc}\npub static {upper}: Tree = {tree};").unwrap();
    }

    std::fs::write(out.join("trees.rs"), format!("{code}\n{table}")).unwrap();
    std::fs::write(out.join("tests.rs"), tests).unwrap();
    writeln!(
        href_tests,
        "/// How many trees have a round trip test above.\nconst HREF_TREES: u64 = {};",
        count.min(HREF_TREES)
    )
    .unwrap();
    std::fs::write(out.join("href_tests.rs"), href_tests).unwrap();
}

/// The items of a core-target tree in `trees.rs` (its module and the
/// adapters over it); returns its `Tree`.
fn core_tree(code: &mut String, name: &str, spec: &TreeSpec, source: &str) -> String {
    writeln!(
        code,
        "pub mod {name} {{ include!(concat!(env!(\"OUT_DIR\"), \"/{name}.rs\")); }}\n\
         fn run_{name}(path: &str) -> Outcome {{ run!({name}, path) }}\n\
         fn manifest_{name}() -> Vec<Manifest> {{ manifest!({name}) }}\n\
         {}",
        href_adapter(name, source),
    )
    .unwrap();
    format!(
        "Tree {{ name: {name:?}, files: &{files:?}, prefix: {prefix:?}, slash: Slash::{slash}, run: run_{name}, manifest: manifest_{name}, href: href_{name} }}",
        files = spec.files,
        prefix = spec.prefix,
        slash = spec.slash,
    )
}

/// `fn href_NNN(route, values)`: calls the `route`th function of the
/// tree's `href` module (they are in `ROUTES` order) with `values`, one
/// list per param (one value for a `[x]`), and puts what it returns in
/// the tests' terms.
fn href_adapter(name: &str, source: &str) -> String {
    let file = syn::parse_file(source).unwrap_or_else(|err| panic!("{name}.rs: {err}"));
    let href = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(module) if module.ident == "href" => module.content.as_ref(),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{name}.rs has no `mod href`"));
    let mut arms = String::new();
    let functions = href.1.iter().filter_map(|item| match item {
        syn::Item::Fn(function) => Some(&function.sig),
        _ => None,
    });
    for (at, sig) in functions.enumerate() {
        let args: Vec<String> = sig
            .inputs
            .iter()
            .enumerate()
            .map(|(param, input)| {
                let syn::FnArg::Typed(typed) = input else {
                    panic!("{name}::href::{} takes self", sig.ident)
                };
                let syn::Type::ImplTrait(bounds) = &*typed.ty else {
                    panic!("{name}::href::{} takes a named type", sig.ident)
                };
                let many = quote::ToTokens::to_token_stream(&bounds.bounds)
                    .to_string()
                    .contains("IntoIterator");
                if many {
                    format!("values[{param}].iter()")
                } else {
                    format!("&values[{param}][0]")
                }
            })
            .collect();
        writeln!(
            arms,
            "        {at} => {name}::href::{}({}),",
            sig.ident,
            args.join(", ")
        )
        .unwrap();
    }
    format!(
        "#[allow(unused_variables)]\nfn href_{name}(route: usize, values: &[Vec<String>]) -> Href {{\n    href!({name}, match route {{\n{arms}        _ => panic!(\"no route {{route}}\"),\n    }})\n}}"
    )
}

/// The tree the hostile-path tests use (`tests/fixtures/fixed-tree.txt`,
/// shared with the hostile-path benchmark): every kind of segment, an
/// index, a static beside a dynamic, backtracking, a name to encode.
fn fixed_tree() -> TreeSpec {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/fixed-tree.txt");
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{path}: {err}"));
    let mut files: Vec<String> = text.lines().map(str::to_owned).collect();
    files.sort();
    TreeSpec {
        files,
        prefix: "/api".to_owned(),
        slash: "Redirect",
    }
}

/// 100 levels: a chain of static folders and a chain of params, with a
/// route at every tenth level of each, and a catch-all at the bottom.
fn deep_tree() -> TreeSpec {
    let mut files = Vec::new();
    let mut statics = String::new();
    let mut params = String::new();
    for level in 0..100 {
        statics.push_str("a/");
        params.push_str(&format!("[p{level}]/"));
        if level % 10 == 4 {
            files.push(format!("{statics}index.rs"));
            files.push(format!("{params}index.rs"));
        }
    }
    files.push(format!("{statics}[...rest].rs"));
    files.push(format!("{params}[[...all]].rs"));
    files.sort();
    TreeSpec {
        files,
        prefix: "/api".to_owned(),
        slash: "Redirect",
    }
}

/// 10,000 files: 100 folders of 97 statics, a `[id]`, a `[id]/x` and a
/// catch-all each.
fn wide_tree() -> TreeSpec {
    let mut files = Vec::new();
    for folder in 0..100 {
        for file in 0..97 {
            files.push(format!("d{folder}/f{file}.rs"));
        }
        files.push(format!("d{folder}/[id].rs"));
        files.push(format!("d{folder}/[id]/x.rs"));
        files.push(format!("d{folder}/[...rest].rs"));
    }
    files.sort();
    TreeSpec {
        files,
        prefix: "".to_owned(),
        slash: "Ignore",
    }
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    Some(
        value
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value:?} is not a number")),
    )
}

fn render(dir: &Path, spec: &TreeSpec, target: apigen::Target) -> String {
    let slash = match spec.slash {
        "Redirect" => apigen::TrailingSlash::Redirect,
        "Ignore" => apigen::TrailingSlash::Ignore,
        _ => apigen::TrailingSlash::Strict,
    };
    apigen::Builder::new()
        .api_dir(dir)
        .prefix(spec.prefix.as_str())
        .target(target)
        .trailing_slash(slash)
        .render()
        .unwrap_or_else(|err| {
            panic!(
                "apigen rejected a generated tree (a generator or apigen bug): {:?}\n{err}",
                spec.files
            )
        })
}

/// Writes the route files: empty for the core target, echo handlers for axum.
fn write_tree(dir: &Path, files: &[String], echo: bool) {
    write_files(dir, files, |file| {
        if echo {
            echo_handler(file)
        } else {
            String::new()
        }
    });
}

/// Writes each of `files` below `dir`, with the source `source` gives it
/// (called in file order).
fn write_files(dir: &Path, files: &[String], mut source: impl FnMut(&str) -> String) {
    for file in files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, source(file)).unwrap();
    }
}

/// Route files for a middleware tree: each an echo handler as `handler`
/// (every method) or as a random set of method handlers. Gives each file's
/// methods (empty for `handler`), in file order.
fn write_guarded_tree(
    dir: &Path,
    files: &[String],
    rng: &mut treegen::Rng,
) -> Vec<Vec<&'static str>> {
    const SETS: &[&[&str]] = &[
        &[],
        &["get"],
        &["get", "post"],
        &["post"],
        &["put", "delete"],
        &["head", "options"],
    ];
    let mut all = Vec::new();
    write_files(dir, files, |file| {
        let methods: Vec<&'static str> = rng.pick(SETS).to_vec();
        let names: &[&str] = if methods.is_empty() {
            &["handler"]
        } else {
            &methods
        };
        let source = names.iter().map(|name| echo_fn(file, name)).collect();
        all.push(methods);
        source
    });
    all
}

/// A `_middleware.rs` in some of the tree's folders (the api dir included),
/// with a `middleware`, a `layer()` or both, each appending its name
/// (`m<i>`, `l<i>`, `<i>` the folder's index) to the response header
/// `x-mw`. Gives `(folder, i, middleware, layer)` for each, in folder order.
fn write_middleware(
    dir: &Path,
    files: &[String],
    rng: &mut treegen::Rng,
) -> Vec<(String, usize, bool, bool)> {
    let mut folders: Vec<String> = vec![String::new()];
    for file in files {
        for (at, _) in file.match_indices('/') {
            folders.push(file[..at].to_owned());
        }
    }
    folders.sort();
    folders.dedup();
    let mut placed = Vec::new();
    for (index, folder) in folders.iter().enumerate() {
        if !rng.chance(40) {
            continue;
        }
        let (middleware, layer) = match rng.below(4) {
            0 => (false, true),
            1 => (true, true),
            _ => (true, false),
        };
        let mut source = String::from(
            "#![allow(unused_imports)]\nuse axum::extract::Request;\nuse axum::http::HeaderValue;\nuse axum::middleware::Next;\nuse axum::response::Response;\n\n",
        );
        if middleware {
            writeln!(
                source,
                "pub async fn middleware(req: Request, next: Next) -> Response {{\n    let mut response = next.run(req).await;\n    response.headers_mut().append(\"x-mw\", HeaderValue::from_static(\"m{index}\"));\n    response\n}}\n"
            )
            .unwrap();
        }
        if layer {
            writeln!(
                source,
                "fn mark(mut response: Response) -> Response {{\n    response.headers_mut().append(\"x-mw\", HeaderValue::from_static(\"l{index}\"));\n    response\n}}\n\npub fn layer() -> tower::util::MapResponseLayer<fn(Response) -> Response> {{\n    tower::util::MapResponseLayer::new(mark)\n}}"
            )
            .unwrap();
        }
        let at = if folder.is_empty() {
            dir.join("_middleware.rs")
        } else {
            dir.join(folder).join("_middleware.rs")
        };
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        std::fs::write(at, source).unwrap();
        placed.push((folder.clone(), index, middleware, layer));
    }
    placed
}

/// `pub async fn handler(<one argument per param>) -> String` answering the
/// file, then one `name=value` line per param (values in `Debug` form),
/// an absent optional catch-all left out.
fn echo_handler(file: &str) -> String {
    echo_fn(file, "handler")
}

/// [`echo_handler`], as the function `name`.
fn echo_fn(file: &str, name: &str) -> String {
    let mut args = Vec::new();
    let mut body = String::new();
    let stem = file.trim_end_matches(".rs");
    for part in stem.split('/') {
        let (name, ty, optional) = if let Some(inner) = part.strip_prefix("[[...") {
            (inner.trim_end_matches(']'), "Option<Vec<String>>", true)
        } else if let Some(inner) = part.strip_prefix("[...") {
            (inner.trim_end_matches(']'), "Vec<String>", false)
        } else if let Some(inner) = part.strip_prefix('[') {
            (inner.trim_end_matches(']'), "String", false)
        } else {
            continue;
        };
        let mut arg = name.replace('-', "_");
        if arg == "type" {
            arg = "r#type".to_owned();
        }
        args.push(format!("{arg}: {ty}"));
        if optional {
            writeln!(
                body,
                "    if let Some(v) = &{arg} {{ out.push_str(&format!(\"{{}}={{:?}}\\n\", {name:?}, v)); }}"
            )
            .unwrap();
        } else {
            writeln!(
                body,
                "    out.push_str(&format!(\"{{}}={{:?}}\\n\", {name:?}, {arg}));"
            )
            .unwrap();
        }
    }
    format!(
        "#[allow(non_snake_case)]\npub async fn {name}({}) -> String {{\n    #[allow(unused_mut)]\n    let mut out = String::from({file:?});\n    out.push('\\n');\n{body}    out\n}}\n",
        args.join(", ")
    )
}
