//! Every kind of build error, as the user reads it: one insta snapshot per
//! kind (in `snapshots/`), each naming the api-relative file(s), the rule and
//! the fix; all problems of a run in one report; and the free `generate()`
//! failing a build with that report and no panic backtrace.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use apigen::{Builder, ErrorKind, Target};
use common::snapshot;

/// Writes a tree of `(path, content)` into a fresh temporary api dir.
fn tree(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = common::scratch(&format!("errors/{name}/api"));
    for (path, content) in files {
        common::touch(&dir, path, content);
    }
    dir
}

/// The report of a tree that must fail, with the temporary dir shown as
/// `src/api`, so snapshots are the same on every machine.
fn report(dir: &Path, builder: Builder) -> String {
    let err = builder
        .api_dir(dir)
        .render()
        .expect_err("the tree must be refused");
    redact(&err.to_string(), dir)
}

fn redact(text: &str, dir: &Path) -> String {
    let absolute = dir.to_string_lossy().into_owned();
    let relative = dir
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| absolute.clone());
    text.replace(&absolute, "src/api")
        .replace(&relative, "src/api")
}

/// Empty route files are fine for the core target, which never reads them.
fn core() -> Builder {
    Builder::new().target(Target::Core)
}

fn kinds(dir: &Path, builder: Builder) -> Vec<ErrorKind> {
    let err = builder.api_dir(dir).render().unwrap_err();
    err.problems().iter().map(|p| p.kind()).collect()
}

#[test]
fn missing_api_dir() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("errors/missing/api");
    let text = report(&dir, Builder::new());
    assert!(text.contains("looked for `"), "{text}");
    snapshot!("error_missing_api_dir", text);
}

#[test]
fn bad_brackets() {
    let dir = tree(
        "bad_brackets",
        &[
            ("blog/[[...id].rs", ""),
            ("blog/[...id]]/x.rs", ""),
            ("x/a[b].rs", ""),
            ("x/[a]b.rs", ""),
            ("x/[].rs", ""),
            ("x/[...].rs", ""),
        ],
    );
    assert_eq!(kinds(&dir, core()), [ErrorKind::BadBrackets; 6]);
    snapshot!("error_bad_brackets", report(&dir, core()));
}

#[test]
fn erroneous_periods() {
    let dir = tree(
        "periods",
        &[("blog/[....id]/abc.rs", ""), ("blog/[..id].rs", "")],
    );
    snapshot!("error_erroneous_periods", report(&dir, core()));
}

#[test]
fn three_dot_character() {
    let dir = tree("ellipsis", &[("[…slug].rs", "")]);
    snapshot!("error_three_dot_character", report(&dir, core()));
}

#[test]
fn optional_non_catch_all() {
    let dir = tree("optional_param", &[("abc/[[blog]]/def.rs", "")]);
    snapshot!("error_optional_non_catchall", report(&dir, core()));
}

#[test]
fn bad_param_name() {
    let dir = tree(
        "param_names",
        &[
            ("b/[123].rs", ""),
            ("c/[self].rs", ""),
            ("d/[a.b].rs", ""),
            ("[a-b]/[a_b].rs", ""),
        ],
    );
    assert_eq!(kinds(&dir, core()), [ErrorKind::BadParamName; 4]);
    snapshot!("error_bad_param_name", report(&dir, core()));
}

#[test]
fn bad_static_name() {
    let dir = tree(
        "static_names",
        &[("..rs", ""), ("a/%2e.rs", ""), ("b\\c.rs", "")],
    );
    assert_eq!(kinds(&dir, core()), [ErrorKind::BadStaticName; 3]);
    snapshot!("error_bad_static_name", report(&dir, core()));
}

#[test]
fn unreachable_static() {
    let dir = tree(
        "unreachable_static",
        &[
            ("100%.rs", ""),
            ("stats/50%off/index.rs", ""),
            ("ok%25.rs", ""),
        ],
    );
    assert_eq!(kinds(&dir, core()), [ErrorKind::UnreachableStatic; 2]);
    snapshot!("error_unreachable_static", report(&dir, core()));
}

#[test]
fn different_slug_names() {
    let dir = tree(
        "slug_names",
        &[
            ("index.rs", ""),
            ("blog.rs", ""),
            ("blog/[id].rs", ""),
            ("blog/[id]/comments/[cid].rs", ""),
            ("blog/[cid].rs", ""),
        ],
    );
    snapshot!("error_different_slug_names", report(&dir, core()));
}

#[test]
fn repeated_slug_name() {
    let dir = tree(
        "repeated",
        &[
            ("blog/[id]/comments/[id].rs", ""),
            ("blog/[id]/[...id].rs", ""),
        ],
    );
    snapshot!("error_repeated_slug_name", report(&dir, core()));
}

#[test]
fn slugs_differ_by_non_word() {
    let dir = tree(
        "non_word",
        &[
            ("blog/[helloworld].rs", ""),
            ("blog/[helloworld]/[hello-world].rs", ""),
        ],
    );
    snapshot!("error_slugs_differ_by_non_word", report(&dir, core()));
}

#[test]
fn catch_all_not_last() {
    let dir = tree(
        "catch_all_last",
        &[
            ("blog/[...id]/[...id2].rs", ""),
            ("blog/[...id]/abc.rs", ""),
            ("[...rest]/index/index.rs", ""),
        ],
    );
    snapshot!("error_catch_all_not_last", report(&dir, core()));
}

#[test]
fn optional_and_required_catch_all() {
    let dir = tree(
        "required_optional",
        &[
            ("nested/[[...optionalName]].rs", ""),
            ("nested/[...param].rs", ""),
        ],
    );
    snapshot!(
        "error_optional_and_required_catch_all",
        report(&dir, core())
    );
}

#[test]
fn optional_catch_all_same_specificity() {
    let dir = tree(
        "specificity",
        &[
            ("index.rs", ""),
            ("[[...all]].rs", ""),
            ("sub/index.rs", ""),
            ("sub/[[...all]].rs", ""),
        ],
    );
    let text = report(&dir, core());
    assert!(text.contains("both serve `/api/sub`"), "{text}");
    snapshot!("error_optional_catch_all_same_specificity", text);
}

#[test]
fn duplicate_route() {
    let dir = tree(
        "duplicates",
        &[
            ("posts.rs", ""),
            ("posts/index.rs", ""),
            ("a b.rs", ""),
            ("a%20b.rs", ""),
        ],
    );
    // The path as requests reach it: the prefix included.
    let text = report(&dir, core());
    assert!(text.contains("serve the path `/api/posts`"), "{text}");
    snapshot!("error_duplicate_route", text);
}

#[test]
fn no_handler() {
    let dir = tree(
        "no_handler",
        &[
            ("a.rs", "pub fn helper() -> u8 {\n    1\n}\n"),
            ("empty.rs", ""),
        ],
    );
    snapshot!("error_no_handler", report(&dir, Builder::new()));
}

#[test]
fn bad_handler() {
    let dir = tree(
        "bad_handler",
        &[
            (
                "upper.rs",
                "pub async fn GET() -> &'static str {\n    \"x\"\n}\n",
            ),
            ("private.rs", "async fn get() {}\n"),
            ("sync.rs", "pub fn post() {}\n"),
            ("generic.rs", "pub async fn get<T: Default>(_x: T) {}\n"),
            (
                "[id]/path.rs",
                "use axum::extract::Path;\n\npub async fn get(Path(id): Path<u64>) {}\n",
            ),
            ("reexport.rs", "pub use crate::shared::handler;\n"),
            (
                "limit.rs",
                "pub const BODY_LIMIT: u32 = 10;\n\npub async fn post() {}\n",
            ),
        ],
    );
    assert_eq!(kinds(&dir, Builder::new()), [ErrorKind::BadHandler; 7]);
    snapshot!("error_bad_handler", report(&dir, Builder::new()));
}

#[test]
fn unbound_param() {
    let dir = tree(
        "unbound_param",
        &[
            // The example: `id` would read the body as text.
            (
                "post/[pid].rs",
                "pub async fn get(id: String) -> String {\n    id\n}\n",
            ),
            (
                "posts/[postId]/comments.rs",
                "pub async fn get(postid: u64) -> String {\n    postid.to_string()\n}\n",
            ),
            ("hello.rs", "pub async fn get(id: u64) {}\n"),
            (
                "[a]/[b].rs",
                "pub async fn get(x: &str) -> String {\n    x.to_owned()\n}\n",
            ),
        ],
    );
    assert_eq!(kinds(&dir, Builder::new()), [ErrorKind::UnboundParam; 4]);
    let text = report(&dir, Builder::new());
    assert!(text.contains("fix: rename `id` to `pid`"), "{text}");
    snapshot!("error_unbound_param", text);
}

#[test]
fn unbound_param_example() {
    // The example in `ErrorKind::UnboundParam`'s docs.
    let dir = tree(
        "unbound_param_example",
        &[("post/[pid].rs", "pub async fn get(id: String) {}\n")],
    );
    assert_eq!(kinds(&dir, Builder::new()), [ErrorKind::UnboundParam]);
    // Named after the param, it binds it; named unlike it, it is the body.
    for source in [
        "pub async fn get(pid: String) {}\n",
        "pub async fn post(pid: u64, body: String) {}\n",
    ] {
        common::touch(&dir, "post/[pid].rs", source);
        assert!(Builder::new().api_dir(&dir).render().is_ok(), "{source}");
    }
}

#[test]
fn body_extractor_not_last() {
    let dir = tree(
        "body_not_last",
        &[
            (
                "notes.rs",
                "use axum::Json;\nuse axum::http::HeaderMap;\n\npub async fn post(Json(note): Json<String>, headers: HeaderMap) {}\n",
            ),
            (
                "upload/[id].rs",
                "pub async fn put(\n    id: u64,\n    body: axum::body::Bytes,\n    method: axum::http::Method,\n) {}\n",
            ),
        ],
    );
    assert_eq!(
        kinds(&dir, Builder::new()),
        [ErrorKind::BodyExtractorNotLast; 2]
    );
    snapshot!(
        "error_body_extractor_not_last",
        report(&dir, Builder::new())
    );
}

#[test]
fn body_extractor_not_last_example() {
    // The example in `ErrorKind::BodyExtractorNotLast`'s docs.
    let dir = tree(
        "body_not_last_example",
        &[(
            "notes.rs",
            "pub async fn post(Json(note): Json<Note>, headers: HeaderMap) {}\n",
        )],
    );
    assert_eq!(
        kinds(&dir, Builder::new()),
        [ErrorKind::BodyExtractorNotLast]
    );
    // A `String` named after a param is the param, wherever it is.
    let dir = tree(
        "body_not_last_param",
        &[(
            "[id].rs",
            "pub async fn post(id: String, headers: HeaderMap, body: String) {}\n",
        )],
    );
    assert!(Builder::new().api_dir(&dir).render().is_ok());
}

#[test]
fn bad_middleware() {
    let dir = tree(
        "bad_middleware",
        &[
            ("index.rs", "pub async fn get() {}\n"),
            ("_middleware.rs", "pub async fn check(req: Request) {}\n"),
            (
                "admin/_middleware.rs",
                "async fn middleware(req: Request, next: Next) -> Response {\n    next.run(req).await\n}\n",
            ),
            (
                "sync/_middleware.rs",
                "pub fn middleware(req: Request, next: Next) -> Response {\n    todo!()\n}\n",
            ),
            (
                "order/_middleware.rs",
                "pub async fn middleware(next: Next, State(state): State<AppState>, req: Request) -> Response {\n    next.run(req).await\n}\n",
            ),
            (
                "layer/_middleware.rs",
                "pub async fn layer() -> TimeoutLayer {\n    TimeoutLayer::new(Duration::from_secs(1))\n}\n",
            ),
        ],
    );
    assert_eq!(kinds(&dir, Builder::new()), [ErrorKind::BadMiddleware; 5]);
    snapshot!("error_bad_middleware", report(&dir, Builder::new()));
}

#[test]
fn parse_error() {
    let dir = tree(
        "parse_error",
        &[("broken.rs", "pub async fn get() {\n    let x = ;\n}\n")],
    );
    snapshot!("error_parse_error", report(&dir, Builder::new()));
}

#[test]
fn unreadable() {
    let dir = tree("unreadable", &[]);
    std::fs::write(
        dir.join("latin1.rs"),
        b"pub async fn get() -> &'static str { \"caf\xe9\" }\n",
    )
    .unwrap();
    snapshot!("error_unreadable", report(&dir, Builder::new()));
}

#[cfg(unix)]
#[test]
fn non_utf8_name() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tree("non_utf8", &[]);
    std::fs::write(dir.join(std::ffi::OsStr::from_bytes(b"caf\xe9.rs")), "").unwrap();
    snapshot!("error_non_utf8_name", report(&dir, core()));
}

#[test]
fn bad_config() {
    let dir = tree("config", &[("a.rs", "")]);
    let text = report(&dir, core().prefix("api/").state("not a type!"));
    snapshot!("error_bad_config", text);
    // Also what axum's routes refuse, which router() registers the prefix
    // as: a segment starting with `:` or `*`, braces.
    for prefix in [
        "/", "/api/", "/a//b", "/a/./b", "/a/[b]", "/a b", "/a/%2e", "/api/*x", "/:id", "/a/{b}",
    ] {
        let err = core().api_dir(&dir).prefix(prefix).render().unwrap_err();
        assert_eq!(err.problems()[0].kind(), ErrorKind::BadConfig, "{prefix}");
    }
    for prefix in ["", "/api", "/api/v1", "/x-y_z.~", "/a:b", "/a*"] {
        assert!(
            core().api_dir(&dir).prefix(prefix).render().is_ok(),
            "{prefix}"
        );
    }
}

/// The document is built from the handlers, which the core target never
/// reads.
#[test]
fn openapi_needs_the_axum_target() {
    let dir = tree("openapi_core", &[("a.rs", "")]);
    let err = core().api_dir(&dir).openapi(true).render().unwrap_err();
    let problem = &err.problems()[0];
    assert_eq!(problem.kind(), ErrorKind::BadConfig);
    assert!(
        problem
            .message()
            .contains("`openapi(true)` needs the axum target")
    );
    assert!(
        problem.fix().contains("`Target::Axum`"),
        "{}",
        problem.fix()
    );
    assert!(core().api_dir(&dir).openapi(false).render().is_ok());
}

#[test]
fn write_failed_keeps_nothing_half_written() {
    let dir = tree("write_failed", &[("a.rs", "")]);
    // The output's parent is a file, so no directory can be made for it.
    let blocker = dir.parent().unwrap().join("blocker");
    std::fs::write(&blocker, "not a dir").unwrap();
    let err = core()
        .api_dir(&dir)
        .out_file(blocker.join("routes.rs"))
        .generate()
        .unwrap_err();
    assert_eq!(err.problems()[0].kind(), ErrorKind::WriteFailed);
    let text =
        redact(&err.to_string(), &dir).replace(&blocker.to_string_lossy().into_owned(), "<out>");
    snapshot!("error_write_failed", text);
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "not a dir");
}

#[test]
fn all_problems_at_once() {
    let dir = tree(
        "all_at_once",
        &[
            ("a/[x].rs", "pub async fn get() {}\n"),
            ("a/[y].rs", "pub async fn get() {}\n"),
            ("b.rs", "pub async fn get() {}\n"),
            ("b/index.rs", "pub async fn get() {}\n"),
            ("c/[...x]/d.rs", "pub async fn get() {}\n"),
            ("d/[[e]].rs", "pub async fn get() {}\n"),
            ("e.rs", "pub async fn Get() {}\n"),
            ("f.rs", ""),
        ],
    );
    let text = report(&dir, Builder::new());
    assert!(
        text.starts_with("apigen found 6 problems in `src/api`:"),
        "{text}"
    );
    snapshot!("error_all_problems_at_once", text);
}

/// The docs of every `ErrorKind` variant name an example; where it is a
/// tree ("Example tree: `a.rs`, `b.rs` holding `content`"), that tree, built
/// and rendered, reports that kind. Read from the source, so a doc that
/// drifts from the rules fails here.
#[test]
fn each_error_kind_names_an_example_that_triggers_it() {
    let source =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/error.rs"))
            .unwrap();
    let body = source
        .split_once("pub enum ErrorKind {")
        .and_then(|(_, rest)| rest.split_once("\n}"))
        .expect("src/error.rs defines `pub enum ErrorKind`")
        .0;
    let mut docs = Vec::new();
    let mut checked = 0;
    for line in body.lines().map(str::trim) {
        if let Some(doc) = line.strip_prefix("///") {
            docs.push(doc.trim().to_owned());
            continue;
        }
        let Some(variant) = line.strip_suffix(',') else {
            continue;
        };
        let example = docs
            .iter()
            .find(|doc| doc.starts_with("Example tree: ") || doc.starts_with("Example: "))
            .unwrap_or_else(|| {
                panic!("ErrorKind::{variant} names no `Example: ` or `Example tree: `")
            });
        if let Some(tree) = example.strip_prefix("Example tree: ") {
            let files = example_tree(tree.split(';').next().unwrap());
            let name = format!("kind_{}", variant.to_lowercase());
            let files: Vec<(&str, &str)> = files
                .iter()
                .map(|(f, c)| (f.as_str(), c.as_str()))
                .collect();
            let dir = self::tree(&name, &files);
            let Err(err) = Builder::new().api_dir(&dir).render() else {
                panic!("ErrorKind::{variant}: its example tree {files:?} is accepted");
            };
            assert!(
                err.problems()
                    .iter()
                    .any(|p| format!("{:?}", p.kind()) == variant),
                "ErrorKind::{variant}: its example tree {files:?} reports:\n{err}"
            );
            checked += 1;
        }
        docs.clear();
    }
    assert!(checked >= 15, "only {checked} example trees found");
}

/// "`a.rs`, `b.rs` holding `pub fn f() {}`": each file with its content
/// (a handler, unless the text says what it holds).
fn example_tree(text: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = Vec::new();
    let parts: Vec<&str> = text.split('`').collect();
    for (i, code) in parts.iter().enumerate().skip(1).step_by(2) {
        if parts[i - 1].trim_end().ends_with("holding") {
            let last = files.last_mut().expect("`holding` follows a file");
            last.1 = format!("{code}\n");
        } else {
            files.push((code.to_string(), "pub async fn get() {}\n".to_owned()));
        }
    }
    assert!(!files.is_empty(), "no file in the example tree `{text}`");
    files
}

#[test]
fn generate_fails_the_build_with_cargo_errors_and_no_backtrace() {
    // Run this same test binary as a child that calls the free `generate()`
    // the way build.rs does, with cargo's build-script environment.
    if std::env::var_os("APIGEN_CHILD_GENERATE").is_some() {
        apigen::generate();
        unreachable!("generate() exits on a broken tree");
    }
    let root = common::scratch("errors/free_generate");
    let api = root.join("src/api");
    common::touch(&api, "blog/[id].rs", "pub async fn get(id: u64) {}\n");
    common::touch(&api, "blog/[pid].rs", "pub async fn get(pid: u64) {}\n");
    common::touch(&api, "hello.rs", "pub async fn GET() {}\n");
    // A newline in a file name must not end a `cargo::error=` line early.
    common::touch(&api, "two\nlines.rs", "pub async fn get() {}\n");
    let out = root.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("routes.rs"), "previous output").unwrap();

    let child = |out_dir: Option<&Path>| {
        let mut command = Command::new(std::env::current_exe().unwrap());
        command
            .args([
                "--exact",
                "generate_fails_the_build_with_cargo_errors_and_no_backtrace",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("APIGEN_CHILD_GENERATE", "1")
            .env("CARGO_MANIFEST_DIR", &root)
            .env("RUST_BACKTRACE", "1")
            .env_remove("OUT_DIR");
        if let Some(dir) = out_dir {
            command.env("OUT_DIR", dir);
        }
        let output = command.output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        (output.status.code(), stdout, stderr)
    };

    // As a build script: the errors for cargo on stdout, and exit status 0,
    // so cargo prints them alone (an error status adds a dump of both streams).
    let (code, stdout, stderr) = child(Some(&out));
    assert_eq!(code, Some(0), "stdout:\n{stdout}\nstderr:\n{stderr}");
    let errors: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("cargo::error="))
        .collect();
    assert_eq!(
        errors,
        [
            "apigen found 3 problems in `src/api` (the full report: `cargo build -vv`)",
            "src/api/blog/[pid].rs, src/api/blog/[id].rs: `blog/[pid].rs` names a param `pid` where `blog/[id].rs` names the same level `id`; fix: rename `pid` to `id` in `blog/[pid].rs`, or move the file (rule different-slug-names: all dynamic segments at one level must use the same param name)",
            "src/api/hello.rs:1: `GET` is not a handler name: handler names are lowercase; fix: rename `GET` to `get` (rule bad-handler: a handler is a `pub async fn` with a lowercase method name whose arguments apigen can bind)",
            "src/api/two\\nlines.rs: `two\\nlines` contains the control character '\\n'; fix: rename it without control characters (newlines, tabs, ...) (rule bad-static-name: a static name must be able to equal a request path segment)",
        ],
        "{stdout}"
    );
    // Every stdout line is a directive for cargo: none was cut by a newline.
    for line in stdout.lines().filter(|line| !line.is_empty()) {
        assert!(
            line.starts_with("cargo:") || line.starts_with("running ") || line.starts_with("test "),
            "a line cargo would not read: {line:?}"
        );
    }
    assert!(
        stdout.contains(&format!("cargo:rerun-if-changed={}", api.display())),
        "{stdout}"
    );
    // The full report, with the rule and the fix on lines of their own.
    assert!(
        stderr.contains("error[bad-handler]: src/api/hello.rs:1")
            && stderr.contains("  fix: rename `GET` to `get`"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );

    // Outside a build script: the report on stderr, and a failing status.
    let (code, stdout, stderr) = child(None);
    assert_eq!(code, Some(1), "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(!stdout.contains("cargo::error="), "{stdout}");
    assert!(
        stderr.contains("error[different-slug-names]: src/api/blog/[pid].rs, src/api/blog/[id].rs"),
        "{stderr}"
    );

    // The failed runs left the previous output alone.
    assert_eq!(
        std::fs::read_to_string(out.join("routes.rs")).unwrap(),
        "previous output"
    );
    let entries = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(entries, 1);
}
