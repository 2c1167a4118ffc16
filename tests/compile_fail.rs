//! Mistakes apigen cannot see, because it never resolves argument types (a
//! type that is not an extractor, a body extractor of the user's own before
//! another argument, a `Json<T>` whose `T` is not `Deserialize`, a param
//! type that is not `FromStr`, a catch-all that is not a `Vec`, a handler
//! whose future is not `Send`), must fail the build with an ordinary rustc
//! error that points into the user's route file, at the offending line, and
//! names the stand-in type that says what is wrong; and, for a binding,
//! with apigen's own explanation (`#[diagnostic::on_unimplemented]` on the
//! bind module's traits) saying what to do. Those explanations are the only
//! errors allowed to point elsewhere than at a mistake's line.
//!
//! Each test writes a throwaway consumer crate (its own `build.rs` calling
//! `apigen::generate()`, see `consumer/mod.rs`) and runs `cargo check` on
//! it. The first run compiles axum once; later runs only check the two small
//! crates. To read the errors by hand, run `cargo check` in
//! `target/tmp/consumers/compile-fail/wrong`.

mod consumer;

use std::path::{Path, PathBuf};

use serde_json::Value;

/// One mistake in a route file, and what rustc must say about it.
struct Mistake {
    /// Relative to the consumer crate.
    file: &'static str,
    source: &'static str,
    /// The text of the line the error must point at.
    at: &'static str,
    /// Text the error must contain: the stand-in type naming the problem.
    says: &'static str,
    /// The start of apigen's explanation, which some error must give.
    explains: Option<&'static str>,
}

const MISTAKES: &[Mistake] = &[
    Mistake {
        file: "src/api/extractor.rs",
        source: "pub struct NotAnExtractor;

pub async fn get(
    x: NotAnExtractor,
) -> &'static str {
    let _ = x;
    \"never\"
}
",
        at: "x: NotAnExtractor,",
        says: "NotFromRequest<NotAnExtractor>",
        explains: Some(
            "apigen cannot bind `NotAnExtractor` as the handler's last argument: it is not an axum extractor",
        ),
    },
    Mistake {
        file: "src/api/body_first.rs",
        source: "use axum::extract::{FromRequest, Request};
use axum::http::{Method, StatusCode};

/// A body extractor apigen does not know (it knows axum's).
pub struct Text(pub String);

impl<S: Send + Sync> FromRequest<S> for Text {
    type Rejection = StatusCode;

    async fn from_request(req: Request, state: &S) -> Result<Self, StatusCode> {
        let text = String::from_request(req, state).await;
        text.map(Text).map_err(|_| StatusCode::BAD_REQUEST)
    }
}

pub async fn post(
    body: Text,
    method: Method,
) -> String {
    format!(\"{method} {}\", body.0)
}
",
        at: "body: Text,",
        says: "NotFromRequestParts<Text>",
        explains: Some(
            "apigen cannot bind `Text` before the handler's last argument: it is not an axum `FromRequestParts<()>` extractor",
        ),
    },
    Mistake {
        file: "src/api/notes.rs",
        source: "use axum::Json;

pub struct Note {
    pub text: String,
}

pub async fn post(
    Json(note): Json<Note>,
) -> String {
    note.text
}
",
        at: "Json(note): Json<Note>,",
        says: "NotFromRequest<Json<Note>>",
        explains: Some(
            "apigen cannot bind `Json<Note>` as the handler's last argument: it is not an axum extractor",
        ),
    },
    Mistake {
        file: "src/api/wrong_state.rs",
        source: "use axum::extract::State;

pub async fn get(
    State(name): State<String>,
) -> String {
    name
}
",
        at: "State(name): State<String>,",
        says: "NotFromRequest<State<String>>",
        explains: Some("apigen cannot bind `State<String>` as the handler's last argument"),
    },
    Mistake {
        file: "src/api/items/[id].rs",
        source: "pub struct ItemId(pub u64);

pub async fn get(
    id: ItemId,
) -> String {
    id.0.to_string()
}
",
        at: "id: ItemId,",
        says: "NotFromStr<ItemId>",
        explains: Some("apigen cannot parse a `[x]` param into `ItemId`: it is not `FromStr`"),
    },
    Mistake {
        file: "src/api/files/[...path].rs",
        source: "pub async fn get(
    path: String,
) -> String {
    path
}
",
        at: "path: String,",
        says: "NotVecOfFromStr<String>",
        explains: Some("apigen cannot put a catch-all param's segments into `String`"),
    },
    Mistake {
        file: "src/api/shop/[[...filters]].rs",
        source: "pub async fn get(
    filters: Option<String>,
) -> String {
    filters.unwrap_or_default()
}
",
        at: "filters: Option<String>,",
        says: "NotVecOfFromStr<Option<String>>",
        explains: Some("apigen cannot put a catch-all param's segments into `Option<String>`"),
    },
    Mistake {
        file: "src/api/not_send.rs",
        source: "use std::rc::Rc;

pub async fn get() -> String {
    let count = Rc::new(1);
    std::future::ready(()).await;
    count.to_string()
}
",
        at: "std::future::ready(()).await;",
        says: "is not `Send`",
        explains: None,
    },
];

/// The same routes, written right: they must build, warning-free.
const CORRECT: &[(&str, &str)] = &[
    (
        "src/api/extractor.rs",
        "//! Module docs and an inner attribute: the file is a module of its own.
#![forbid(unsafe_code)]

use axum::http::HeaderMap;

pub async fn get(headers: HeaderMap) -> String {
    headers.len().to_string()
}
",
    ),
    (
        "src/api/body_first.rs",
        "use axum::extract::{FromRequest, Request};
use axum::http::{Method, StatusCode};

/// A body extractor apigen does not know (it knows axum's).
pub struct Text(pub String);

impl<S: Send + Sync> FromRequest<S> for Text {
    type Rejection = StatusCode;

    async fn from_request(req: Request, state: &S) -> Result<Self, StatusCode> {
        let text = String::from_request(req, state).await;
        text.map(Text).map_err(|_| StatusCode::BAD_REQUEST)
    }
}

pub async fn post(method: Method, body: Text) -> String {
    format!(\"{method} {}\", body.0)
}
",
    ),
    (
        "src/api/notes.rs",
        "use axum::Json;

pub async fn post(Json(text): Json<String>) -> String {
    text
}
",
    ),
    (
        "src/api/wrong_state.rs",
        "use axum::extract::State;

pub async fn get(State(()): State<()>) -> &'static str {
    \"state\"
}
",
    ),
    (
        "src/api/items/[id].rs",
        "pub async fn get(id: u64) -> String {
    id.to_string()
}
",
    ),
    (
        "src/api/files/[...path].rs",
        "pub async fn get(path: Vec<String>) -> String {
    path.join(\"/\")
}
",
    ),
    (
        "src/api/shop/[[...filters]].rs",
        "pub async fn get(filters: Option<Vec<String>>) -> String {
    filters.unwrap_or_default().join(\",\")
}
",
    ),
    (
        "src/api/not_send.rs",
        "use std::rc::Rc;

pub async fn get() -> String {
    let count = Rc::new(1).to_string();
    std::future::ready(()).await;
    count
}
",
    ),
];

#[test]
fn a_correct_tree_builds() {
    let krate = throwaway("right", CORRECT);
    let checked = check(&krate);
    assert!(
        checked.success,
        "the correct tree must build:\n{}",
        checked.all_text()
    );
}

#[test]
fn wrong_types_fail_in_the_route_file() {
    let files: Vec<(&str, &str)> = MISTAKES.iter().map(|m| (m.file, m.source)).collect();
    let krate = throwaway("wrong", &files);
    let checked = check(&krate);
    assert!(!checked.success, "the mistakes must not build");
    let errors = checked.errors();
    assert!(
        !errors.is_empty(),
        "the build failed without a compiler error (apigen itself?):\n{}",
        checked.all_text()
    );

    let mut unexplained: Vec<&Value> = errors.clone();
    for mistake in MISTAKES {
        let line = line_of(mistake);
        let hits: Vec<&Value> = errors
            .iter()
            .copied()
            .filter(|error| points_at(error, mistake.file, line))
            .collect();
        assert!(
            !hits.is_empty(),
            "no error points at {}:{line} (`{}`); the errors:\n{}",
            mistake.file,
            mistake.at,
            rendered_all(&errors)
        );
        for error in &hits {
            let text = rendered(error);
            // What the user reads: the stand-in, the file with a line
            // number, and the offending line itself.
            assert!(
                text.contains(mistake.says),
                "{}: the error does not say `{}`:\n{text}",
                mistake.file,
                mistake.says
            );
            assert!(
                text.contains(&format!("{}:", mistake.file)),
                "{}: the error does not name the file with a line number:\n{text}",
                mistake.file
            );
            assert!(
                text.contains(mistake.at),
                "{}: the error does not show `{}`:\n{text}",
                mistake.file,
                mistake.at
            );
        }
        unexplained.retain(|error| !hits.iter().any(|hit| std::ptr::eq(*hit, *error)));
        if let Some(explains) = mistake.explains {
            assert!(
                errors
                    .iter()
                    .any(|error| message(error).starts_with(explains)),
                "{}: no error explains it with `{explains}...`; the errors:\n{}",
                mistake.file,
                rendered_all(&errors)
            );
        }
    }
    // Nothing but apigen's explanations is reported only in generated code
    // (e.g. at `router()`).
    unexplained.retain(|error| !message(error).starts_with("apigen cannot "));
    assert!(
        unexplained.is_empty(),
        "errors that point at no route file mistake:\n{}",
        rendered_all(&unexplained)
    );
}

/// The line (from 1) of the mistake's source holding `at`.
fn line_of(mistake: &Mistake) -> usize {
    let lines: Vec<usize> = (1..)
        .zip(mistake.source.lines())
        .filter(|(_, text)| text.contains(mistake.at))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "{}: `{}` must be on exactly one line",
        mistake.file,
        mistake.at
    );
    lines[0]
}

/// Whether any span of the diagnostic or of its notes covers `line` of
/// `file` (a path ending, as rustc gives absolute paths for included files).
fn points_at(diagnostic: &Value, file: &str, line: usize) -> bool {
    let in_file = |span: &Value| {
        span["file_name"]
            .as_str()
            .is_some_and(|name| name.replace('\\', "/").ends_with(file))
    };
    let covers = |span: &Value| {
        let start = span["line_start"].as_u64().unwrap_or(0) as usize;
        let end = span["line_end"].as_u64().unwrap_or(0) as usize;
        (start..=end).contains(&line)
    };
    let spans = diagnostic["spans"].as_array().into_iter().flatten();
    spans.clone().any(|span| in_file(span) && covers(span))
        || diagnostic["children"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|child| points_at(child, file, line))
}

fn message(diagnostic: &Value) -> &str {
    diagnostic["message"].as_str().unwrap_or("")
}

fn rendered(diagnostic: &Value) -> &str {
    diagnostic["rendered"].as_str().unwrap_or("")
}

fn rendered_all(diagnostics: &[&Value]) -> String {
    diagnostics.iter().map(|d| rendered(d)).collect()
}

/// Writes a consumer crate named `apigen-cf-{name}` with these route files.
fn throwaway(name: &str, routes: &[(&str, &str)]) -> PathBuf {
    let root = consumer::base().join("compile-fail").join(name);
    let manifest = format!(
        "[package]
name = \"apigen-cf-{name}\"
version = \"0.0.0\"
edition = \"2024\"
publish = false

[dependencies]
axum = {{ version = \"0.8\", default-features = false, features = [\"json\"] }}

[build-dependencies]
apigen-routes = \"0.1\"

{}",
        consumer::workspace_manifest()
    );
    consumer::write(&root.join("Cargo.toml"), &manifest);
    consumer::write(
        &root.join("build.rs"),
        "fn main() {\n    apigen::generate();\n}\n",
    );
    consumer::write(
        &root.join("src/main.rs"),
        "#![deny(warnings)]

mod routes {
    include!(concat!(env!(\"OUT_DIR\"), \"/routes.rs\"));
}

fn main() {
    let _app: axum::Router = routes::router();
}
",
    );
    consumer::lock(&root);
    for (path, source) in routes {
        consumer::write(&root.join(path), source);
    }
    // Only these route files: a leftover would change the tree.
    let keep: Vec<PathBuf> = routes.iter().map(|(path, _)| root.join(path)).collect();
    consumer::remove_others(&root.join("src/api"), &keep);
    root
}

/// The outcome of `cargo check` on a consumer crate.
struct Checked {
    success: bool,
    /// Cargo's JSON messages, one per line.
    messages: Vec<Value>,
    stderr: String,
}

impl Checked {
    /// The compiler errors that have a place in the source (not the closing
    /// "aborting due to N previous errors").
    fn errors(&self) -> Vec<&Value> {
        self.messages
            .iter()
            .filter(|m| m["reason"] == "compiler-message")
            .map(|m| &m["message"])
            .filter(|d| d["level"] == "error")
            .filter(|d| d["spans"].as_array().is_some_and(|s| !s.is_empty()))
            .collect()
    }

    fn all_text(&self) -> String {
        let diagnostics: Vec<&Value> = self
            .messages
            .iter()
            .filter(|m| m["reason"] == "compiler-message")
            .map(|m| &m["message"])
            .collect();
        format!("{}{}", rendered_all(&diagnostics), self.stderr)
    }
}

fn check(krate: &Path) -> Checked {
    let output = consumer::run(&mut consumer::cargo(
        krate,
        &["check", "--offline", "--message-format=json"],
    ));
    let stdout = String::from_utf8_lossy(&output.stdout);
    Checked {
        success: output.status.success(),
        messages: stdout
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}
