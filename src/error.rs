//! Problems found in the api dir, collected into one [`Error`].
//!
//! Every phase reports *all* of its problems before the pipeline stops, so a
//! user fixes a tree in one round trip. A [`Problem`] names the api-relative
//! file(s) involved, the rule it breaks ([`ErrorKind`]) and how to fix it.

use std::fmt;

/// The rule a [`Problem`] breaks.
///
/// [`ErrorKind::code`] gives the short name printed in brackets, e.g.
/// `error[duplicate-route]`. Each variant names an example that triggers it:
/// a tree of files below the api dir (`tests/errors.rs` builds each one
/// and checks the kind), or a setting.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("apigen-doc-kind-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("posts.rs"), "").unwrap();
/// std::fs::create_dir_all(dir.join("posts")).unwrap();
/// std::fs::write(dir.join("posts/index.rs"), "").unwrap();
/// let err = apigen::Builder::new()
///     .api_dir(&dir)
///     .target(apigen::Target::Core)
///     .render()
///     .unwrap_err();
/// let kinds: Vec<apigen::ErrorKind> = err.problems().iter().map(|p| p.kind()).collect();
/// assert_eq!(kinds, [apigen::ErrorKind::DuplicateRoute]);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The api dir does not exist or is not a directory.
    ///
    /// Example: `Builder::api_dir("routes")` in a crate without a `routes` folder.
    MissingApiDir,
    /// A file or directory could not be read.
    ///
    /// Example: a route file without read permission (`chmod 000 src/api/hello.rs`).
    Unreadable,
    /// A file or directory name is not valid UTF-8.
    ///
    /// Example: a route file whose name holds the byte `0xFF` (not possible on Windows).
    NonUtf8Name,
    /// Brackets that do not wrap a whole, non-empty name.
    ///
    /// Example tree: `[[...id].rs`; also `[...id]].rs`, `a[b].rs`, `[].rs`.
    BadBrackets,
    /// Two or four dots, or a name starting with `.`, inside brackets.
    ///
    /// Example tree: `[..id].rs`; also `[....id].rs`.
    ErroneousPeriods,
    /// The single `…` character where `...` was meant.
    ///
    /// Example tree: `[…slug].rs`.
    ThreeDotCharacter,
    /// `[[name]]` without dots: optional params are not supported.
    ///
    /// Example tree: `[[name]].rs`.
    OptionalNonCatchAll,
    /// A param name that cannot bind as a Rust identifier.
    ///
    /// Example tree: `[123].rs`; also `[self].rs`, `[a-b]/[a_b].rs`.
    BadParamName,
    /// A static name that can never equal a request segment.
    ///
    /// Example tree: `..rs` (its path ends in a dot segment).
    BadStaticName,
    /// A static name that only a malformed URL could match: a `%` that
    /// does not start a percent-escape (`%` and two hex digits). Static
    /// names are matched as written, undecoded, and a URL writes a literal
    /// `%` as `%25`, so the fix is the `%25` spelling.
    ///
    /// Example: `100%.rs` (rename it `100%25.rs` to serve `/api/100%25`).
    UnreachableStatic,
    /// Two different param names at one level.
    ///
    /// Example tree: `blog/[id].rs`, `blog/[pid].rs`.
    DifferentSlugNames,
    /// One param name used twice in one path.
    ///
    /// Example tree: `[id]/[id].rs`; also `[id]/[...id].rs`.
    RepeatedSlugName,
    /// Param names equal once non-word characters are removed.
    ///
    /// Example tree: `[helloworld]/[hello-world].rs`.
    SlugsDifferByNonWord,
    /// Something after a catch-all segment.
    ///
    /// Example tree: `[...a]/b.rs`; also `[...a]/index/index.rs`.
    CatchAllNotLast,
    /// `[...x]` and `[[...x]]` at one level.
    ///
    /// Example tree: `[...x].rs`, `[[...x]].rs`.
    OptionalAndRequiredCatchAll,
    /// A route at the parent path of an optional catch-all.
    ///
    /// Example tree: `index.rs`, `[[...all]].rs`; also `sub.rs`, `sub/[[...all]].rs`.
    OptionalCatchAllSameSpecificity,
    /// Two files for one path.
    ///
    /// Example tree: `posts.rs`, `posts/index.rs`.
    DuplicateRoute,
    /// A route file with no handler function (axum target).
    ///
    /// Example tree: `hello.rs` holding `pub fn greeting() {}`.
    NoHandler,
    /// A handler function apigen cannot call.
    ///
    /// Example tree: `hello.rs` holding `pub async fn GET() {}`; also a handler that is not `pub` or not `async`.
    BadHandler,
    /// A handler argument that looks meant for a param but names none of
    /// its route's (axum target). Arguments bind by name, and an argument
    /// named after no param is an extractor, so a typo would silently read
    /// the request (a `String` reads the body as text). Two rules catch it
    /// without refusing real extractors:
    /// 1. an argument whose type no axum extractor has (an integer, float,
    ///    `bool`, `char`, `Uuid`, `Ulid`, `NonZero*`, an IP or socket
    ///    address, a reference such as `&str`, `Vec<..>`, `Option` of one of
    ///    these) must be named after a param;
    /// 2. a `String` argument named like a param no other argument binds,
    ///    but not after it, is refused: equal once case, `_` and `-` are
    ///    ignored (`postID` for `[postId]`), one edit apart (`id` for
    ///    `[pid]`; both names of two characters or more), or the last word
    ///    of the other (`id` for `[postId]`, `user_id` for `[id]`). Any other
    ///    `String` reads the body, as axum's extractor.
    ///
    /// The fix names the param's argument (`rename id to pid`).
    ///
    /// Example: `post/[pid].rs` holding `pub async fn get(id: String)`.
    UnboundParam,
    /// A body extractor (`Json`, `Form`, `String`, `Bytes`, `Body`,
    /// `Request`, `Multipart`, `RawForm`, also in `Option` or `Result`)
    /// before a handler's last argument (axum target): only the last may
    /// read the body. A `String` named after a param is the param.
    ///
    /// Example: `notes.rs` holding
    /// `pub async fn post(Json(note): Json<Note>, headers: HeaderMap)`.
    BodyExtractorNotLast,
    /// A `_middleware.rs` file apigen cannot apply (axum target).
    ///
    /// Example tree: `_middleware.rs` holding `pub async fn check() {}`; also a `middleware` that is not `pub async`, or whose last arguments are not `req: Request, next: Next`.
    BadMiddleware,
    /// A route file that does not parse as Rust.
    ///
    /// Example tree: `hello.rs` holding `pub async fn get( {}`.
    ParseError,
    /// A [`Builder`](crate::Builder) setting that cannot work.
    ///
    /// Example: `Builder::prefix("api/")` (a prefix starts with `/` and does not end with one).
    BadConfig,
    /// The output file could not be written.
    ///
    /// Example: `Builder::out_file` in a folder that does not exist or is read-only.
    WriteFailed,
}

impl ErrorKind {
    /// The short, stable name of the rule, as printed in `error[...]`.
    ///
    /// ```
    /// assert_eq!(apigen::ErrorKind::DuplicateRoute.code(), "duplicate-route");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::MissingApiDir => "missing-api-dir",
            ErrorKind::Unreadable => "unreadable",
            ErrorKind::NonUtf8Name => "non-utf8-name",
            ErrorKind::BadBrackets => "bad-brackets",
            ErrorKind::ErroneousPeriods => "erroneous-periods",
            ErrorKind::ThreeDotCharacter => "three-dot-character",
            ErrorKind::OptionalNonCatchAll => "optional-non-catchall",
            ErrorKind::BadParamName => "bad-param-name",
            ErrorKind::BadStaticName => "bad-static-name",
            ErrorKind::UnreachableStatic => "unreachable-static",
            ErrorKind::DifferentSlugNames => "different-slug-names",
            ErrorKind::RepeatedSlugName => "repeated-slug-name",
            ErrorKind::SlugsDifferByNonWord => "slugs-differ-by-non-word",
            ErrorKind::CatchAllNotLast => "catch-all-not-last",
            ErrorKind::OptionalAndRequiredCatchAll => "optional-and-required-catch-all",
            ErrorKind::OptionalCatchAllSameSpecificity => "optional-catch-all-same-specificity",
            ErrorKind::DuplicateRoute => "duplicate-route",
            ErrorKind::NoHandler => "no-handler",
            ErrorKind::BadHandler => "bad-handler",
            ErrorKind::UnboundParam => "unbound-param",
            ErrorKind::BodyExtractorNotLast => "body-extractor-not-last",
            ErrorKind::BadMiddleware => "bad-middleware",
            ErrorKind::ParseError => "parse-error",
            ErrorKind::BadConfig => "bad-config",
            ErrorKind::WriteFailed => "write-failed",
        }
    }

    /// The rule, in one sentence, as the report states it.
    ///
    /// ```
    /// assert_eq!(
    ///     apigen::ErrorKind::DuplicateRoute.rule(),
    ///     "each path is served by exactly one file"
    /// );
    /// ```
    pub fn rule(self) -> &'static str {
        match self {
            ErrorKind::MissingApiDir => {
                "the api dir must exist: every `*.rs` file below it is a route"
            }
            ErrorKind::Unreadable => "every route file and folder must be readable",
            ErrorKind::NonUtf8Name => "file and folder names below the api dir must be valid UTF-8",
            ErrorKind::BadBrackets => {
                "a dynamic name is `[name]`, `[...name]` or `[[...name]]`: brackets wrap the whole, non-empty name"
            }
            ErrorKind::ErroneousPeriods => {
                "a catch-all is written with exactly three dots: `[...name]`"
            }
            ErrorKind::ThreeDotCharacter => {
                "a catch-all is written with three periods `...`, not the ellipsis character `…`"
            }
            ErrorKind::OptionalNonCatchAll => {
                "optional params are not supported (as in Next.js); only catch-alls can be optional: `[[...name]]`"
            }
            ErrorKind::BadParamName => {
                "a param name must bind as a Rust identifier once `-` becomes `_`, unique within its path"
            }
            ErrorKind::BadStaticName => {
                "a static name must be able to equal a request path segment"
            }
            ErrorKind::UnreachableStatic => {
                "a static name must be reachable by a valid URL: a `%` in it starts a percent-escape (`%` and two hex digits), matched as written"
            }
            ErrorKind::DifferentSlugNames => {
                "all dynamic segments at one level must use the same param name"
            }
            ErrorKind::RepeatedSlugName => "a param name may appear only once in a path",
            ErrorKind::SlugsDifferByNonWord => {
                "param names in one path must differ by more than non-word characters"
            }
            ErrorKind::CatchAllNotLast => "a catch-all must be the last part of a path",
            ErrorKind::OptionalAndRequiredCatchAll => {
                "one level may have a required catch-all `[...x]` or an optional one `[[...x]]`, not both"
            }
            ErrorKind::OptionalCatchAllSameSpecificity => {
                "an optional catch-all already serves its parent path, so no other route may"
            }
            ErrorKind::DuplicateRoute => "each path is served by exactly one file",
            ErrorKind::NoHandler => {
                "a route file defines `pub async fn` handlers named `get`, `post`, `put`, `patch`, `delete`, `head`, `options` or `handler`"
            }
            ErrorKind::BadHandler => {
                "a handler is a `pub async fn` with a lowercase method name whose arguments apigen can bind"
            }
            ErrorKind::UnboundParam => {
                "an argument binds a param by its name; one that looks meant for a param (a type no extractor has, or a `String` named like a param) must name one of its route's"
            }
            ErrorKind::BodyExtractorNotLast => {
                "only a handler's last argument may read the request body"
            }
            ErrorKind::BadMiddleware => {
                "a `_middleware.rs` file defines `pub async fn middleware(<extractors…>, req: Request, next: Next)` (axum's `from_fn` contract) and/or `pub fn layer()` returning a tower layer"
            }
            ErrorKind::ParseError => "a route file or `_middleware.rs` must parse as Rust",
            ErrorKind::BadConfig => "the Builder settings must describe a usable router",
            ErrorKind::WriteFailed => "the generated file must be writable",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One problem: the rule broken, the file(s) involved, what is wrong and the fix.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("apigen-doc-problem-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("hello.rs"), "\n\npub async fn GET() {}").unwrap();
/// let err = apigen::Builder::new().api_dir(&dir).render().unwrap_err();
/// let problem = &err.problems()[0];
/// assert_eq!(problem.kind(), apigen::ErrorKind::BadHandler);
/// assert_eq!(problem.files(), ["hello.rs"]);
/// assert_eq!(problem.line(), Some(3));
/// assert_eq!(problem.message(), "`GET` is not a handler name: handler names are lowercase");
/// assert_eq!(problem.fix(), "rename `GET` to `get`");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    kind: ErrorKind,
    files: Vec<String>,
    line: Option<usize>,
    message: String,
    fix: String,
}

impl Problem {
    pub(crate) fn new(
        kind: ErrorKind,
        files: Vec<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Problem {
        Problem {
            kind,
            files,
            line: None,
            message: message.into(),
            fix: fix.into(),
        }
    }

    pub(crate) fn at_line(mut self, line: usize) -> Problem {
        self.line = Some(line);
        self
    }

    /// The rule broken.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The files involved, relative to the api dir, `/`-separated
    /// (e.g. `blog/[id]/comments/[cid].rs`). Empty for problems of the whole
    /// run, such as a missing api dir.
    pub fn files(&self) -> &[String] {
        &self.files
    }

    /// The 1-based line in the first file, where one is known.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How to fix it.
    pub fn fix(&self) -> &str {
        &self.fix
    }

    /// `src/api/a.rs:3, src/api/b.rs: `, the files with `base` before each
    /// and the line after the first; empty without files.
    fn location(&self, base: &str) -> String {
        let mut out = String::new();
        for (i, file) in self.files.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(base);
            out.push_str(file);
            if i == 0
                && let Some(line) = self.line
            {
                out.push_str(&format!(":{line}"));
            }
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, base: &str) -> fmt::Result {
        write!(f, "error[{}]: {}", self.kind.code(), self.location(base))?;
        writeln!(f, "{}", self.message)?;
        writeln!(f, "  rule: {}", self.kind.rule())?;
        writeln!(f, "  fix: {}", self.fix)
    }
}

/// Every problem one run of the generator found.
///
/// `Display` lists them all, one block per problem, with files named
/// relative to the api dir ([`Error::report`] names them relative to the
/// crate):
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("apigen-doc-error-{}", std::process::id()));
/// # std::fs::create_dir_all(dir.join("blog")).unwrap();
/// std::fs::write(dir.join("blog/[id].rs"), "").unwrap();
/// std::fs::write(dir.join("blog/[cid].rs"), "").unwrap();
/// let err = apigen::Builder::new()
///     .api_dir(&dir)
///     .target(apigen::Target::Core)
///     .render()
///     .unwrap_err();
/// let text = err.to_string();
/// assert!(text.contains("error[different-slug-names]: blog/[id].rs, blog/[cid].rs: "), "{text}");
/// assert!(text.contains("  rule: all dynamic segments at one level must use the same param name\n"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    problems: Vec<Problem>,
    /// The api dir as the user knows it (crate-relative where possible), for
    /// [`Error::report`].
    api_dir: String,
}

impl Error {
    pub(crate) fn new(mut problems: Vec<Problem>, api_dir: String) -> Error {
        debug_assert!(!problems.is_empty(), "an Error always holds a problem");
        // A stable order, whatever order the phases found them in.
        problems
            .sort_by(|a, b| (&a.files, a.kind, &a.message).cmp(&(&b.files, b.kind, &b.message)));
        problems.dedup();
        Error { problems, api_dir }
    }

    /// The problems, sorted by file.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("apigen-doc-problems-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// std::fs::write(dir.join("[123].rs"), "").unwrap();
    /// std::fs::write(dir.join("[[name]].rs"), "").unwrap();
    /// let err = apigen::Builder::new()
    ///     .api_dir(&dir)
    ///     .target(apigen::Target::Core)
    ///     .render()
    ///     .unwrap_err();
    /// let files: Vec<&str> = err.problems().iter().map(|p| p.files()[0].as_str()).collect();
    /// assert_eq!(files, ["[123].rs", "[[name]].rs"]);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The report `apigen::generate()` prints on stderr: like `Display`, but
    /// with each file named relative to the crate root
    /// (e.g. `src/api/post/[pid].rs`).
    ///
    /// ```
    /// # let root = std::env::temp_dir().join(format!("apigen-doc-report-{}", std::process::id()));
    /// # std::fs::create_dir_all(root.join("routes")).unwrap();
    /// std::fs::write(root.join("routes/[].rs"), "").unwrap();
    /// let err = apigen::Builder::new()
    ///     .api_dir(root.join("routes"))
    ///     .target(apigen::Target::Core)
    ///     .render()
    ///     .unwrap_err();
    /// // Outside the crate, the api dir is named as given.
    /// let shown = root.join("routes").display().to_string();
    /// assert!(err.report().contains(&format!("error[bad-brackets]: {shown}/[].rs: ")));
    /// assert!(err.to_string().contains("error[bad-brackets]: [].rs: "));
    /// # std::fs::remove_dir_all(&root).unwrap();
    /// ```
    pub fn report(&self) -> String {
        struct Report<'a>(&'a Error);
        impl fmt::Display for Report<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let base = format!("{}/", self.0.api_dir.trim_end_matches('/'));
                self.0.write(f, &base)
            }
        }
        Report(self).to_string()
    }

    /// Fails the build script that calls it, as [`generate`](crate::generate)
    /// does: every problem becomes a `cargo::error=` line, which cargo prints
    /// as an error of the package, and the full [`Error::report`] goes to
    /// stderr, where `cargo build -vv` shows it. Then the process exits.
    ///
    /// Cargo fails the build on those lines once the script ends, so the
    /// process exits with status 0: an error status would make cargo repeat
    /// everything in a "failed to run custom build command" dump. Outside a
    /// build script (no `OUT_DIR`), it prints the report and exits with 1.
    ///
    /// ```no_run
    /// // build.rs
    /// fn main() {
    ///     let generated = apigen::Builder::new().state("crate::AppState").generate();
    ///     if let Err(err) = generated {
    ///         err.fail_build();
    ///     }
    /// }
    /// ```
    pub fn fail_build(&self) -> ! {
        eprintln!("{}", self.report());
        if std::env::var_os("OUT_DIR").is_none() {
            std::process::exit(1);
        }
        for line in self.cargo_errors() {
            println!("cargo::error={line}");
        }
        std::process::exit(0)
    }

    /// One line per problem, as `cargo::error=` prints them: the first says
    /// how many and where the full report is; each other names the files
    /// relative to the crate root, what is wrong, the fix and the rule.
    /// Control characters (a newline in a file name) are escaped, so no
    /// line can end early.
    pub(crate) fn cargo_errors(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "{} (the full report: `cargo build -vv`)",
            self.summary()
        )];
        let base = format!("{}/", self.api_dir.trim_end_matches('/'));
        lines.extend(self.problems.iter().map(|problem| {
            format!(
                "{}{}; fix: {} (rule {}: {})",
                problem.location(&base),
                problem.message,
                problem.fix,
                problem.kind.code(),
                problem.kind.rule()
            )
        }));
        lines.iter().map(|line| escape_control(line)).collect()
    }

    /// `apigen found 2 problems in `src/api``.
    fn summary(&self) -> String {
        let n = self.problems.len();
        format!(
            "apigen found {n} problem{} in `{}`",
            if n == 1 { "" } else { "s" },
            self.api_dir
        )
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, base: &str) -> fmt::Result {
        writeln!(f, "{}:", self.summary())?;
        for problem in &self.problems {
            writeln!(f)?;
            problem.write(f, base)?;
        }
        Ok(())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, "")
    }
}

impl std::error::Error for Error {}

/// The text with control characters escaped (`\n` for a newline).
fn escape_control(text: &str) -> String {
    text.chars()
        .map(|c| match c.is_control() {
            true => c.escape_default().to_string(),
            false => c.to_string(),
        })
        .collect()
}

/// Collects the problems of a run, phase after phase, so that one report
/// holds them all.
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<Problem>);

impl Problems {
    pub(crate) fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    pub(crate) fn extend(&mut self, problems: impl IntoIterator<Item = Problem>) {
        self.0.extend(problems);
    }

    /// What a step gave, or `None` once its problems are kept.
    pub(crate) fn take<T>(&mut self, result: Result<T, Vec<Problem>>) -> Option<T> {
        result.map_err(|found| self.extend(found)).ok()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The error holding every problem, for the api dir as the user
    /// knows it (see [`Error::report`]).
    pub(crate) fn into_error(self, api_dir: &str) -> Error {
        Error::new(self.0, api_dir.to_owned())
    }

    #[cfg(test)]
    pub(crate) fn into_vec(self) -> Vec<Problem> {
        self.0
    }
}
