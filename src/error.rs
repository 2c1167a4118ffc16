//! Problems found in the api dir, collected into one [`Error`].
//!
//! Every phase reports *all* of its problems before the pipeline stops, so a
//! user fixes a tree in one round trip. A [`Problem`] names the api-relative
//! file(s) involved, the rule it breaks ([`ErrorKind`]) and how to fix it.

use std::fmt;

/// The rule a [`Problem`] breaks.
///
/// [`ErrorKind::code`] gives the short name printed in brackets, e.g.
/// `error[duplicate-route]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The api dir does not exist or is not a directory.
    MissingApiDir,
    /// A file or directory could not be read.
    Unreadable,
    /// A file or directory name is not valid UTF-8.
    NonUtf8Name,
    /// Brackets that do not wrap a whole, non-empty name.
    BadBrackets,
    /// Two or four dots, or a name starting with `.`, inside brackets.
    ErroneousPeriods,
    /// The single `…` character where `...` was meant.
    ThreeDotCharacter,
    /// `[[name]]` without dots: optional params are not supported.
    OptionalNonCatchAll,
    /// A param name that cannot bind as a Rust identifier.
    BadParamName,
    /// A static name that can never equal a request segment.
    BadStaticName,
    /// A static name that only a malformed URL could match: a `%` that
    /// does not start a percent-escape (`%` and two hex digits). Static
    /// names are matched as written, undecoded, and a URL writes a literal
    /// `%` as `%25`, so the fix is the `%25` spelling.
    ///
    /// Example: `100%.rs` (rename it `100%25.rs` to serve `/api/100%25`).
    UnreachableStatic,
    /// Two different param names at one level.
    DifferentSlugNames,
    /// One param name used twice in one path.
    RepeatedSlugName,
    /// Param names equal once non-word characters are removed.
    SlugsDifferByNonWord,
    /// Something after a catch-all segment.
    CatchAllNotLast,
    /// `[...x]` and `[[...x]]` at one level.
    OptionalAndRequiredCatchAll,
    /// A route at the parent path of an optional catch-all.
    OptionalCatchAllSameSpecificity,
    /// Two files for one path.
    DuplicateRoute,
    /// A route file with no handler function (axum target).
    NoHandler,
    /// A handler function apigen cannot call.
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
    /// A route file that does not parse as Rust.
    ParseError,
    /// A [`Builder`](crate::Builder) setting that cannot work.
    BadConfig,
    /// The output file could not be written.
    WriteFailed,
}

impl ErrorKind {
    /// The short, stable name of the rule, as printed in `error[...]`.
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
            ErrorKind::ParseError => "parse-error",
            ErrorKind::BadConfig => "bad-config",
            ErrorKind::WriteFailed => "write-failed",
        }
    }

    /// The rule, in one sentence, as the report states it.
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
            ErrorKind::ParseError => "a route file must parse as Rust",
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

    fn write(&self, f: &mut fmt::Formatter<'_>, base: &str) -> fmt::Result {
        write!(f, "error[{}]: ", self.kind.code())?;
        for (i, file) in self.files.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{base}{file}")?;
            if i == 0
                && let Some(line) = self.line
            {
                write!(f, ":{line}")?;
            }
        }
        if !self.files.is_empty() {
            f.write_str(": ")?;
        }
        writeln!(f, "{}", self.message)?;
        writeln!(f, "  rule: {}", self.kind.rule())?;
        writeln!(f, "  fix: {}", self.fix)
    }
}

/// Every problem one run of the generator found.
///
/// `Display` lists them all, one block per problem:
///
/// ```text
/// error[different-slug-names]: blog/[cid].rs, blog/[id].rs: ...
///   rule: all dynamic segments at one level must use the same param name
///   fix: rename ...
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
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The report `apigen::generate()` prints: like `Display`, but with each
    /// file named relative to the crate root (e.g. `src/api/post/[pid].rs`).
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

    fn write(&self, f: &mut fmt::Formatter<'_>, base: &str) -> fmt::Result {
        let n = self.problems.len();
        writeln!(
            f,
            "apigen found {n} problem{} in `{}`:",
            if n == 1 { "" } else { "s" },
            self.api_dir
        )?;
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
