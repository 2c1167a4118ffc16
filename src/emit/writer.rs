//! Rust source written as text, laid out much as rustfmt lays it out: four
//! spaces a level, `///` docs, one statement a line, and a list that would
//! pass [`WIDTH`] columns broken into one item a line, each with its comma.
//!
//! The emitter writes text rather than tokens for syn and prettyplease to
//! format because the output grows with the routes: parsing and printing
//! costs about 80 µs per small item (mostly allocation), seconds for 10,000
//! routes, where writing the same text costs milliseconds. What goes into the
//! text is escaped here: string and byte literals, doc comment lines, and the
//! one piece of user-written Rust, the state type.

use std::fmt::{self, Display, Write as _};

/// The column a line should not pass (rustfmt's `max_width`).
pub(super) const WIDTH: usize = 100;

/// The longest list of items kept on one line where a list of values
/// stands alone (rustfmt's `array_width`).
pub(super) const ARRAY_WIDTH: usize = 60;

/// The column a doc comment line should not pass (rustfmt's `comment_width`).
const DOC_WIDTH: usize = 80;

const INDENT: &str = "    ";

/// The generated file, written line by line.
pub(super) struct Writer {
    out: String,
    depth: usize,
    /// The depth it started at, which it ends at.
    start: usize,
}

impl Writer {
    pub(super) fn new(out: String) -> Writer {
        Writer {
            out,
            depth: 0,
            start: 0,
        }
    }

    /// A writer for an item that will be placed at `depth` (with
    /// [`Writer::append`]).
    pub(super) fn at_depth(depth: usize) -> Writer {
        Writer {
            // Enough for most: growing a string from nothing copies it often.
            out: String::with_capacity(16 << 10),
            depth,
            start: depth,
        }
    }

    pub(super) fn depth(&self) -> usize {
        self.depth
    }

    /// Lines written by another writer.
    pub(super) fn append(&mut self, lines: &str) {
        self.out.push_str(lines);
    }

    pub(super) fn finish(self) -> String {
        debug_assert_eq!(self.depth, self.start, "every block opened is closed");
        self.out
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str(INDENT);
        }
    }

    /// One line at the current indentation.
    pub(super) fn line(&mut self, text: impl Display) {
        self.indent();
        // Writing to a `String` cannot fail.
        let _ = write!(self.out, "{text}");
        self.out.push('\n');
    }

    /// A line that opens a block (`match x {`): the lines after it go one
    /// level deeper, until [`Writer::close`].
    pub(super) fn open(&mut self, text: impl Display) {
        self.line(text);
        self.depth += 1;
    }

    /// The line that closes the block opened last (`}`, `},`, `});`).
    pub(super) fn close(&mut self, text: impl Display) {
        self.depth = self
            .depth
            .checked_sub(1)
            .expect("the emitter closes only the blocks it opened");
        self.line(text);
    }

    /// An empty line, between items.
    pub(super) fn blank(&mut self) {
        self.out.push('\n');
    }

    /// A doc comment: one `///` line per line of `text`, a line longer
    /// than [`DOC_WIDTH`] wrapped at spaces (see [`wrap`]).
    pub(super) fn doc(&mut self, text: &str) {
        let room = DOC_WIDTH
            .saturating_sub(self.depth * INDENT.len() + "/// ".len())
            .max(40);
        for line in text.split('\n') {
            let mut rest = line;
            loop {
                let (now, next) = wrap(rest, room);
                self.indent();
                self.out.push_str("///");
                if !now.is_empty() {
                    self.out.push(' ');
                    push_doc_text(&mut self.out, now);
                }
                self.out.push('\n');
                match next {
                    Some(next) => rest = next,
                    None => break,
                }
            }
        }
    }

    /// Whether a line of `text` fits at the current indentation.
    pub(super) fn fits(&self, text: &str) -> bool {
        self.depth * INDENT.len() + text.chars().count() <= WIDTH
    }

    /// Whether a line of `text` fits one level deeper (in a block opened here).
    pub(super) fn fits_nested(&self, text: &str) -> bool {
        (self.depth + 1) * INDENT.len() + text.chars().count() <= WIDTH
    }

    /// `head` `items` `tail`, comma-separated: on one line if it fits,
    /// else `head`, one item a line one level deeper each with its comma,
    /// then `tail`. `head` ends with the opening delimiter and `tail`
    /// starts with the closing one: `list("f(", &["a", "b"], ");")` is
    /// `f(a, b);`.
    pub(super) fn list(&mut self, head: &str, items: &[String], tail: &str) {
        self.list_spaced(head, items, tail, "");
    }

    /// [`Writer::list`] in braces, which hold a space on each side on one
    /// line: `Route::X { a, b }`. Without items, `head` and `tail` meet
    /// without a space (`Route::X {}`).
    pub(super) fn braced(&mut self, head: &str, items: &[String], tail: &str) {
        self.list_spaced(head, items, tail, " ");
    }

    /// [`Writer::list`] whose `tail` opens a block: a function signature
    /// (`fn f(`, params, `) -> T {`), or a call in a condition.
    pub(super) fn open_list(&mut self, head: &str, items: &[String], tail: &str) {
        self.list(head, items, tail);
        self.depth += 1;
    }

    fn list_spaced(&mut self, head: &str, items: &[String], tail: &str, pad: &str) {
        let width = |text: &str| text.chars().count();
        let inside = match items.len() {
            0 => 0,
            n => {
                items.iter().map(|item| width(item)).sum::<usize>()
                    + (n - 1) * ", ".len()
                    + 2 * pad.len()
            }
        };
        let one_line = width(head) + inside + width(tail);
        if items.is_empty() || self.depth * INDENT.len() + one_line <= WIDTH {
            self.indent();
            self.out.push_str(head);
            for (i, item) in items.iter().enumerate() {
                self.out.push_str(if i == 0 { pad } else { ", " });
                self.out.push_str(item);
            }
            if !items.is_empty() {
                self.out.push_str(pad);
            }
            self.out.push_str(tail);
            self.out.push('\n');
            return;
        }
        self.open(head);
        for item in items {
            self.line(format_args!("{item},"));
        }
        self.close(tail);
    }

    /// A match arm: `pattern => value,` on one line if it fits, else the
    /// value in a block of its own.
    pub(super) fn arm(&mut self, pattern: &str, value: &str) {
        let one_line = pattern.chars().count() + " => ".len() + value.chars().count() + 1;
        if self.depth * INDENT.len() + one_line <= WIDTH {
            self.line(format_args!("{pattern} => {value},"));
            return;
        }
        self.open(format_args!("{pattern} => {{"));
        self.line(value);
        self.close("}");
    }
}

/// Splits a line of doc text into what fits in `room` columns and the rest,
/// at the last space that leaves a fitting line (or the first space after
/// it, for a word longer than the line). A line is only broken before a word
/// that starts with a letter or a backtick: one starting with `-`, `#`, `>`,
/// `=` or a digit could turn into Markdown's list item or heading.
fn wrap(line: &str, room: usize) -> (&str, Option<&str>) {
    if line.len() <= room {
        // Never more characters than bytes.
        return (line, None);
    }
    let Some((limit, _)) = line.char_indices().nth(room) else {
        return (line, None);
    };
    let breakable = |at: &usize| {
        line[at + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '`')
    };
    let spaces = line.match_indices(' ').map(|(at, _)| at);
    let at = spaces
        .clone()
        .filter(|&at| at > 0 && at <= limit)
        .rfind(breakable)
        .or_else(|| spaces.filter(|&at| at > limit).find(breakable));
    match at {
        Some(at) => (line[..at].trim_end(), Some(line[at + 1..].trim_start())),
        None => (line, None),
    }
}

/// Doc comment text: a control character (a bare `\r` would end the
/// comment for rustc) is written as its escape.
fn push_doc_text(out: &mut String, text: &str) {
    // Printable ASCII and tabs (most text) go as they are; the other bytes
    // are looked at as characters.
    if text
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) || b == b'\t')
    {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        if c.is_control() && c != '\t' {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
}

/// A Rust string literal holding the text: `"post/[pid].rs"`.
///
/// Escaped as `char::escape_debug` escapes (`\\`, `\"`, `\n`, other
/// control, unassigned and combining characters as `\u{..}`), except `'`,
/// which a string literal holds as it is. Printable non-ASCII characters
/// are written as they are: `"/api/café"`.
pub(super) struct Str<'a>(pub(super) &'a str);

impl Display for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        let plain = |b: u8| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\';
        if self.0.bytes().all(plain) {
            f.write_str(self.0)?;
        } else {
            for c in self.0.chars() {
                match c {
                    '\'' => f.write_char(c)?,
                    _ => write!(f, "{}", c.escape_debug())?,
                }
            }
        }
        f.write_char('"')
    }
}

/// A Rust byte literal: `b'a'`, `b'\''`, `b'\xFF'`.
pub(super) struct Byte(pub(super) u8);

impl Display for Byte {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            b'\0' => f.write_str(r"b'\0'"),
            b'\t' => f.write_str(r"b'\t'"),
            b'\n' => f.write_str(r"b'\n'"),
            b'\r' => f.write_str(r"b'\r'"),
            b'\'' => f.write_str(r"b'\''"),
            b'\\' => f.write_str(r"b'\\'"),
            b @ b' '..=b'~' => write!(f, "b'{}'", b as char),
            b => write!(f, r"b'\x{b:02X}'"),
        }
    }
}

/// A type as one line of source (`crate::AppState`, not `crate :: AppState`),
/// printed by prettyplease.
pub(super) fn type_text(ty: &syn::Type) -> String {
    let item = quote::quote!(type __T = #ty;);
    let Ok(file) = syn::parse2::<syn::File>(item) else {
        // Cannot happen for a parsed type; tokens still compile.
        return quote::ToTokens::to_token_stream(ty).to_string();
    };
    let printed = prettyplease::unparse(&file);
    // A type too long for prettyplease's margin comes back over several
    // lines: join them into one.
    let mut joined = String::with_capacity(printed.len());
    for line in printed.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let glued = joined.ends_with(['(', '<', '[']) || line.starts_with([')', '>', ']']);
        if line.starts_with('>') && joined.ends_with(',') {
            joined.pop();
        }
        if !joined.is_empty() && !glued {
            joined.push(' ');
        }
        joined.push_str(line);
    }
    let text = joined
        .strip_prefix("type __T =")
        .and_then(|rest| rest.strip_suffix(';'))
        .unwrap_or(&joined);
    text.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The literal as rustc reads it back: the same string.
    fn round_trip(text: &str) {
        let literal = Str(text).to_string();
        let parsed: syn::LitStr = syn::parse_str(&literal)
            .unwrap_or_else(|err| panic!("{literal} is not a string literal: {err}"));
        assert_eq!(parsed.value(), text, "{literal}");
    }

    #[test]
    fn string_literals_escape_what_they_must() {
        assert_eq!(Str("post/[pid].rs").to_string(), r#""post/[pid].rs""#);
        assert_eq!(Str("hello world.rs").to_string(), r#""hello world.rs""#);
        assert_eq!(Str("café.rs").to_string(), r#""café.rs""#);
        assert_eq!(Str(r#"a"b"#).to_string(), r#""a\"b""#);
        assert_eq!(Str(r"a\b").to_string(), r#""a\\b""#);
        assert_eq!(Str("it's").to_string(), r#""it's""#);
        assert_eq!(Str("a\nb\r\t").to_string(), r#""a\nb\r\t""#);
        assert_eq!(Str("\u{7f}\u{0}").to_string(), r#""\u{7f}\0""#);
        // A combining accent alone would join the quote before it.
        assert_eq!(Str("e\u{301}").to_string(), r#""e\u{301}""#);
        for text in [
            "",
            "\"",
            "\\",
            "\\\"",
            "'\"'",
            "a b/[c] d.rs",
            "ü日本🦀",
            "\u{0}1",
            "\u{1b}[31m",
            "\u{2028}\u{feff}",
            "}{\"#",
        ] {
            round_trip(text);
        }
    }

    #[test]
    fn byte_literals() {
        let cases: [(u8, &str); 7] = [
            (b'a', "b'a'"),
            (b'/', "b'/'"),
            (b'%', "b'%'"),
            (b'\'', r"b'\''"),
            (b'\\', r"b'\\'"),
            (b' ', "b' '"),
            (0xC3, r"b'\xC3'"),
        ];
        for (byte, text) in cases {
            assert_eq!(Byte(byte).to_string(), text);
            let parsed: syn::LitByte = syn::parse_str(text).unwrap();
            assert_eq!(parsed.value(), byte);
        }
        for byte in 0..=255 {
            let parsed: syn::LitByte = syn::parse_str(&Byte(byte).to_string()).unwrap();
            assert_eq!(parsed.value(), byte);
        }
    }

    #[test]
    fn docs_are_one_line_each_without_bare_controls() {
        let mut w = Writer::new(String::new());
        w.open("mod m {");
        w.doc("first\n\nthird `x`\r");
        w.close("}");
        assert_eq!(
            w.finish(),
            "mod m {\n    /// first\n    ///\n    /// third `x`\\r\n}\n"
        );
    }

    #[test]
    fn long_doc_lines_wrap_before_words() {
        let mut w = Writer::new(String::new());
        let words = "word ".repeat(30);
        w.doc(words.trim_end());
        w.doc(&format!(
            "{} - 404 `code` {}",
            "x".repeat(70),
            "y".repeat(120)
        ));
        let text = w.finish();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], format!("///{}", " word".repeat(15)));
        assert_eq!(lines[1], format!("///{}", " word".repeat(15)));
        // No line starts with `-` or a digit; a long word stays whole.
        assert_eq!(lines[2], format!("/// {} - 404", "x".repeat(70)));
        assert_eq!(lines[3], "/// `code`");
        assert_eq!(lines[4], format!("/// {}", "y".repeat(120)));
        assert_eq!(lines.len(), 5);
    }

    #[test]
    fn lists_break_one_item_a_line_when_too_long() {
        let mut w = Writer::new(String::new());
        let short = ["a: p_a".to_owned(), "b: p_b".to_owned()];
        w.braced("return Some(Route::X {", &short, "});");
        w.braced("return Some(Route::Y {", &[], "});");
        w.open("fn f() {");
        let long: Vec<String> = (0..12).map(|i| format!("argument_{i}")).collect();
        w.list("call(", &long, ");");
        w.arm("\"GET\"", "ok()");
        w.arm(&"x".repeat(60), &"y".repeat(60));
        w.close("}");
        let expected = format!(
            "return Some(Route::X {{ a: p_a, b: p_b }});\n\
             return Some(Route::Y {{}});\n\
             fn f() {{\n    call(\n{}    );\n    \"GET\" => ok(),\n    {} => {{\n        {}\n    }}\n}}\n",
            long.iter()
                .map(|a| format!("        {a},\n"))
                .collect::<String>(),
            "x".repeat(60),
            "y".repeat(60),
        );
        assert_eq!(w.finish(), expected);
    }

    #[test]
    fn types_print_on_one_line() {
        let ty = |text: &str| type_text(&syn::parse_str(text).unwrap());
        assert_eq!(ty("crate :: AppState"), "crate::AppState");
        assert_eq!(ty("()"), "()");
        assert_eq!(ty("& 'static str"), "&'static str");
        assert_eq!(ty("std::sync::Arc<(u8,)>"), "std::sync::Arc<(u8,)>");
        let long = "std::sync::Arc<std::collections::HashMap<std::string::String, crate::state::SomeVeryLongTypeName<u64>>>";
        let printed = ty(long);
        assert!(!printed.contains('\n'), "{printed}");
        assert_eq!(printed.replace(' ', ""), long.replace(' ', ""));
    }
}
