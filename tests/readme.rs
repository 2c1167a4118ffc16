//! The README, followed literally. Its Quick start, taken from the README's
//! own text, becomes a new crate: `cargo new` as the README says, the
//! manifest lines appended where it says, each file written at the path its
//! first line names. The crate builds against this checkout (a `[patch]` of
//! `apigen-routes` in the throwaway workspace around it, see
//! `consumer/mod.rs`), runs, and answers the request the README documents.
//! Then "Reviewing the generated code" is followed in that crate: its
//! snapshot test, accepted once, passes there and in a copy of the crate in
//! another folder. So a README that drifts from working code fails here.
//!
//! The README's output examples are checked the same way: what `cargo build`
//! prints for the tree of "Build errors" is its text, byte for byte. After a
//! deliberate change, `APIGEN_UPDATE_README=1 cargo test --test readme`
//! writes the new output into README.md (then read the diff).

mod consumer;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::Duration;

/// The address the README's `src/main.rs` binds, and what the test binds
/// instead: any free port, which the program prints.
const README_ADDR: &str = "127.0.0.1:3000";
const TEST_ADDR: &str = "127.0.0.1:0";

#[test]
fn quick_start_works_as_written() {
    let readme = std::fs::read_to_string(Path::new(consumer::REPO).join("README.md")).unwrap();
    let quick = section(&readme, "## Quick start");
    let mut blocks = fenced_blocks(quick).into_iter();

    // `cargo new hello`, in a throwaway workspace of its own.
    let command = next_block(&mut blocks, "sh");
    let words: Vec<&str> = command.text.split_whitespace().collect();
    let ["cargo", "new", name] = words[..] else {
        panic!(
            "the Quick start starts with `cargo new <name>`, not:\n{}",
            command.text
        );
    };
    let root = consumer::base().join("quick-start");
    let krate = root.join(name);
    if krate.exists() {
        std::fs::remove_dir_all(&krate).unwrap();
    }
    consumer::write(&root.join("Cargo.toml"), &consumer::workspace_manifest());
    consumer::lock(&root);
    let made = consumer::run(&mut consumer::cargo(&root, &words[1..]));
    assert!(made.status.success(), "{}", consumer::text(&made));

    // The manifest lines go at the end of the manifest `cargo new` wrote,
    // which the README says ends in an empty `[dependencies]` table.
    let manifest_path = krate.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path).unwrap();
    assert!(
        manifest.ends_with("\n[dependencies]\n"),
        "the README says `cargo new` writes a manifest ending in `[dependencies]`; it wrote:\n{manifest}"
    );
    let lines = next_block(&mut blocks, "toml");
    std::fs::write(&manifest_path, format!("{manifest}{}", lines.text)).unwrap();

    // Each Rust block is a file, named by its first line (`// build.rs`).
    let mut route_file = None;
    for block in blocks {
        assert!(
            block.info.starts_with("rust"),
            "a Quick start block after the manifest lines is not Rust: {}",
            block.info
        );
        let first = block.text.lines().next().unwrap_or("");
        let path = first
            .strip_prefix("// ")
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("a Quick start file starts with `// <path>`, not `{first}`"));
        let mut text = block.text.clone();
        if path == "src/main.rs" {
            assert_eq!(
                text.matches(README_ADDR).count(),
                1,
                "src/main.rs binds {README_ADDR} once"
            );
            text = text.replace(README_ADDR, TEST_ADDR);
        }
        if path.starts_with("src/api/") {
            route_file = Some(block.text.clone());
        }
        consumer::write(&krate.join(path), &text);
    }
    let route_file = route_file.expect("the Quick start writes a route file");

    // `cargo run`: built, then started as the binary, so the test stops it.
    let built = consumer::run(&mut consumer::cargo(&krate, &["build"]));
    assert!(built.status.success(), "{}", consumer::text(&built));
    let server = Server::start(&consumer::target_dir().join("debug").join(name));

    // The documented request and answer, as the README states them.
    let (path, answer) = documented_request(quick);
    assert!(
        route_file
            .lines()
            .next()
            .unwrap()
            .contains(&format!("GET {path}"))
            && route_file.contains(&format!("\"{answer}\"")),
        "the route file's first line names the same request `GET {path}` and answer `{answer}`"
    );
    let (status, body) = server.get(&path);
    assert_eq!(status, "HTTP/1.1 200 OK", "GET {path}");
    assert_eq!(body, answer, "GET {path}");
    drop(server);

    review_as_written(&readme, &root, &krate);
}

/// "Reviewing the generated code", followed in the Quick start's crate: the
/// lines appended to its manifest, the test written, its first run failing
/// with a `.snap.new`, accepted by renaming it; then the snapshot passes, in
/// this folder and in a copy of the crate in another one, whose generated
/// file names other paths. The README's example of the generated file is
/// that snapshot, up to the support module.
fn review_as_written(readme: &str, root: &Path, krate: &Path) {
    let review = section(readme, "## Reviewing the generated code");
    let mut blocks = fenced_blocks(review).into_iter();
    let lines = next_block(&mut blocks, "toml");
    let manifest_path = krate.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path).unwrap();
    std::fs::write(&manifest_path, format!("{manifest}\n{}", lines.text)).unwrap();
    let test = next_block(&mut blocks, "rust,ignore");
    let test_path = test
        .text
        .lines()
        .next()
        .and_then(|first| first.strip_prefix("// "))
        .expect("the test starts with `// <path>`");
    consumer::write(&krate.join(test_path), &test.text);

    let test_name = Path::new(test_path).file_stem().unwrap().to_str().unwrap();
    let snapshots = krate.join("tests/snapshots");
    let snap = snapshots.join(format!("{test_name}__generated_routes.snap"));
    let snap_new = snapshots.join(format!("{test_name}__generated_routes.snap.new"));
    let named = |path: &Path| path.strip_prefix(krate).unwrap().display().to_string();
    assert!(
        review.contains(&format!("`{}`", named(&snap_new))),
        "the README names the `.snap.new` file the first run writes: {}",
        named(&snap_new)
    );

    // The first run, as on a developer's machine (not CI).
    let first = consumer::run(
        consumer::cargo(krate, &["test"])
            .env_remove("CI")
            .env_remove("INSTA_UPDATE")
            .env_remove("INSTA_FORCE_PASS"),
    );
    assert!(
        !first.status.success(),
        "the first run fails: there is no snapshot yet"
    );
    assert!(
        snap_new.exists(),
        "the first run writes {}:\n{}",
        named(&snap_new),
        consumer::text(&first)
    );
    std::fs::rename(&snap_new, &snap).unwrap();
    let passes = |dir: &Path| {
        let run = consumer::run(
            consumer::cargo(dir, &["test", "--message-format=json-render-diagnostics"])
                .env("CI", "true")
                .env("INSTA_UPDATE", "no"),
        );
        let human: String = String::from_utf8_lossy(&run.stdout)
            .lines()
            .filter(|line| !line.starts_with('{'))
            .map(|line| format!("{line}\n"))
            .collect();
        assert!(
            run.status.success(),
            "the accepted snapshot passes in {}:\n{human}{}",
            dir.display(),
            String::from_utf8_lossy(&run.stderr)
        );
        // Read at once: a copy of the crate at the same place in another
        // workspace has the same unit hashes, so the same OUT_DIR.
        let out = out_dir(&run.stdout, krate.file_name().unwrap().to_str().unwrap());
        let generated = std::fs::read_to_string(out.join("routes.rs")).unwrap();
        assert!(
            generated.contains(&format!("#[path = r\"{}/src/api/", dir.display())),
            "the generated file in {} names its own route files",
            dir.display()
        );
    };
    passes(krate);

    // The README's example is the snapshot, up to the support module.
    let snapshot = std::fs::read_to_string(&snap).unwrap();
    let body = snapshot
        .splitn(3, "---\n")
        .nth(2)
        .expect("an insta snapshot: a header between `---` lines, then the value");
    let support = body
        .find(SUPPORT)
        .expect("the generated file ends in the support module");
    readme_block(
        "## The generated code",
        0,
        &format!("{}{SUPPORT_ELIDED}", &body[..support]),
    );

    // The same crate in another folder: other paths in its generated file,
    // the same snapshot.
    let elsewhere = root.with_file_name("quick-start-elsewhere");
    if elsewhere.exists() {
        std::fs::remove_dir_all(&elsewhere).unwrap();
    }
    consumer::copy_tree(root, &elsewhere);
    passes(&elsewhere.join(krate.file_name().unwrap()));
}

#[test]
fn build_errors_read_as_in_the_readme() {
    let root = consumer::base().join("build-errors");
    let manifest = format!(
        "[package]\nname = \"hello\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
         [build-dependencies]\napigen-routes = \"0.1\"\n\n{}",
        consumer::workspace_manifest()
    );
    consumer::write(&root.join("Cargo.toml"), &manifest);
    consumer::lock(&root);
    let files = [
        ("build.rs", "fn main() {\n    apigen::generate();\n}\n"),
        ("src/main.rs", "fn main() {}\n"),
        ("src/api/blog/[pid].rs", "pub async fn get(pid: u64) {}\n"),
        ("src/api/blog/[id].rs", "pub async fn get(id: u64) {}\n"),
        ("src/api/hello.rs", "pub async fn GET() {}\n"),
    ];
    for (path, text) in files {
        consumer::write(&root.join(path), text);
    }

    let built = consumer::run(consumer::cargo(&root, &["build"]).env("CARGO_TERM_COLOR", "never"));
    assert!(!built.status.success(), "the tree must not build");
    // From cargo's first error on (before it: `Compiling ...` lines).
    let stderr = String::from_utf8_lossy(&built.stderr);
    let errors: String = stderr
        .lines()
        .skip_while(|line| !line.starts_with("error"))
        .map(|line| format!("{line}\n"))
        .collect();
    readme_block("## Build errors", 0, &errors);

    // `-vv` shows the script's own output, each line after `[hello 0.1.0] `.
    let verbose =
        consumer::run(consumer::cargo(&root, &["build", "-vv"]).env("CARGO_TERM_COLOR", "never"));
    let report: String = String::from_utf8_lossy(&verbose.stderr)
        .lines()
        .filter_map(|line| line.strip_prefix("[hello 0.1.0] "))
        .filter(|line| !line.starts_with("cargo:"))
        .map(|line| format!("{line}\n"))
        .collect();
    readme_block("## Build errors", 1, report.trim_end());
}

/// Checks that the `index`th code block of a README section holds `actual`
/// (or, with `APIGEN_UPDATE_README` set, writes it there).
fn readme_block(heading: &str, index: usize, actual: &str) {
    let path = Path::new(consumer::REPO).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let text = section(&readme, heading);
    let offset = text.as_ptr() as usize - readme.as_ptr() as usize;
    let blocks = fenced_blocks(text);
    let block = blocks
        .get(index)
        .unwrap_or_else(|| panic!("`{heading}` has a code block {index}"));
    let actual = format!("{}\n", actual.trim_end());
    if block.text == actual {
        return;
    }
    if std::env::var_os("APIGEN_UPDATE_README").is_some() {
        let at = offset + block.at;
        let updated = format!(
            "{}{actual}{}",
            &readme[..at],
            &readme[at + block.text.len()..]
        );
        std::fs::write(&path, updated).unwrap();
        return;
    }
    panic!(
        "README.md, `{heading}`, code block {index}, differs from the real output \
         (APIGEN_UPDATE_README=1 writes it):\n--- README\n{}--- real\n{actual}",
        block.text
    );
}

/// Where the generated file's support module starts, and what the README
/// shows in its place.
const SUPPORT: &str = "/// Support code apigen emits into every generated file";
const SUPPORT_ELIDED: &str =
    "// ... then `pub mod __apigen`: the support code, the same in every output.\n";

/// The `OUT_DIR` of package `name`'s build script, from cargo's JSON messages.
fn out_dir(messages: &[u8], name: &str) -> std::path::PathBuf {
    let messages = String::from_utf8_lossy(messages);
    let found = messages
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .rfind(|m| {
            m["reason"] == "build-script-executed"
                && m["package_id"]
                    .as_str()
                    .is_some_and(|id| id.contains(&format!("/{name}#")))
        });
    let found = found.unwrap_or_else(|| panic!("cargo ran no build script of `{name}`"));
    std::path::PathBuf::from(found["out_dir"].as_str().unwrap())
}

/// The README's text from `heading` to the next heading of its level.
fn section<'a>(readme: &'a str, heading: &str) -> &'a str {
    let start = readme
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("the README has a `{heading}` section"));
    let body = &readme[start + heading.len() + 2..];
    let level = heading.split(' ').next().unwrap();
    let end = body
        .find(&format!("\n{level} "))
        .map_or(body.len(), |end| end + 1);
    &body[..end]
}

/// A fenced code block: its info string (`rust,ignore`), its text, and
/// where the text starts in the markdown it was found in.
struct Block {
    info: String,
    text: String,
    at: usize,
}

fn fenced_blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    let mut at = 0;
    for line in markdown.split_inclusive('\n') {
        let next = at + line.len();
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => {
                open = Some(Block {
                    info: info.trim().to_owned(),
                    text: String::new(),
                    at: next,
                })
            }
            (Some(_), Some(rest)) if rest.trim().is_empty() => blocks.push(open.take().unwrap()),
            (Some(block), _) => block.text.push_str(line),
            (None, None) => {}
        }
        at = next;
    }
    assert!(open.is_none(), "a code block is not closed");
    blocks
}

fn next_block(blocks: &mut impl Iterator<Item = Block>, info: &str) -> Block {
    let block = blocks
        .next()
        .unwrap_or_else(|| panic!("the Quick start has a `{info}` block"));
    assert_eq!(
        block.info, info,
        "the next Quick start block:\n{}",
        block.text
    );
    block
}

/// From "`curl localhost:3000/api/post/abc` answers `Post: abc`": the path
/// and the answer.
fn documented_request(text: &str) -> (String, String) {
    let quoted = |rest: &str| -> String { rest.split('`').next().unwrap().to_owned() };
    let curl = "`curl localhost:3000";
    let at = text
        .find(curl)
        .unwrap_or_else(|| panic!("the Quick start shows a `{curl}...` request"));
    let rest = &text[at + curl.len()..];
    let path = quoted(rest);
    let rest = &rest[path.len()..];
    let answer = rest
        .strip_prefix("` answers `")
        .map(quoted)
        .unwrap_or_else(|| panic!("the `curl` request is followed by \"answers `...`\""));
    (path, answer)
}

/// The Quick start's program, running; stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    /// Starts the program and waits for the address it prints.
    fn start(binary: &Path) -> Server {
        let mut child = std::process::Command::new(binary)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|err| panic!("cannot start {}: {err}", binary.display()));
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let Some(addr) = line.trim().strip_prefix("listening on http://") else {
            let _ = child.kill();
            let output = child.wait_with_output().unwrap();
            panic!(
                "the program did not say where it listens: {line:?}\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        };
        let addr = addr.to_owned();
        Server { child, addr }
    }

    /// `GET path` over HTTP/1.1: the status line and the body.
    fn get(&self, path: &str) -> (String, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("not an HTTP response: {response:?}"));
        let status = head.lines().next().unwrap_or("").to_owned();
        (status, body.to_owned())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
