//! Rust source written as text, laid out much as rustfmt lays it out: four
//! spaces a level, `///` docs, one statement a line, and a list that would
//! pass [`WIDTH`] columns broken into one item a line, each with its comma.
//!
//! The emitter writes text rather than tokens for syn and prettyplease to
//! format because the output grows with the routes: parsing and printing
//! costs about 80 µs per small item (mostly allocation), seconds for 10,000
//! routes, where writing the same text costs milliseconds. Literals are
//! written by `proc_macro2::Literal` (`string`, `byte_character`), which
//! escapes them as rustc reads them; doc comment lines and the one piece of
//! user-written Rust, the state type, are made safe here.
//!
//! A block is written by [`Writer::block`], which closes what it opens: the
//! emitter never pairs an opening line with its closing one by hand.

use std::fmt::{Display, Write as _};

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

    /// A block: `head` (`match x {`), the lines `body` writes one level
    /// deeper, then `tail` (`}`, `},`, `});`).
    pub(super) fn block(&mut self, head: impl Display, tail: &str, body: impl FnOnce(&mut Writer)) {
        self.open(head);
        body(self);
        self.close(tail);
    }

    /// A block whose head is a [`Writer::list`]: a function signature
    /// (`fn f(`, params, `) -> T {`), or a call in a condition, then the
    /// lines `body` writes one level deeper, then `tail`.
    pub(super) fn list_block(
        &mut self,
        head: &str,
        items: &[String],
        opening: &str,
        tail: &str,
        body: impl FnOnce(&mut Writer),
    ) {
        self.list(head, items, opening);
        self.depth += 1;
        body(self);
        self.close(tail);
    }

    /// The lines `body` writes, one level deeper, with no line opening or
    /// closing them: the calls of a method chain after its first line.
    pub(super) fn indented(&mut self, body: impl FnOnce(&mut Writer)) {
        self.depth += 1;
        body(self);
        self.depth -= 1;
    }

    /// A line that opens a block: the lines after it go one level deeper,
    /// until [`Writer::close`].
    fn open(&mut self, text: impl Display) {
        self.line(text);
        self.depth += 1;
    }

    /// The line that closes the block opened last.
    fn close(&mut self, text: &str) {
        self.depth = self
            .depth
            .checked_sub(1)
            .expect("a block closes only what it opened");
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

    use proc_macro2::Literal;

    /// The string literal the emitter writes for `text`.
    fn string(text: &str) -> String {
        Literal::string(text).to_string()
    }

    /// The byte literal the emitter writes for `byte`.
    fn byte(byte: u8) -> String {
        Literal::byte_character(byte).to_string()
    }

    /// The literal as rustc reads it back: the same string.
    fn round_trip(text: &str) {
        let literal = string(text);
        let parsed: syn::LitStr = syn::parse_str(&literal)
            .unwrap_or_else(|err| panic!("{literal} is not a string literal: {err}"));
        assert_eq!(parsed.value(), text, "{literal}");
    }

    #[test]
    fn string_literals_escape_what_they_must() {
        assert_eq!(string("post/[pid].rs"), r#""post/[pid].rs""#);
        assert_eq!(string("hello world.rs"), r#""hello world.rs""#);
        assert_eq!(string("café.rs"), r#""café.rs""#);
        assert_eq!(string(r#"a"b"#), r#""a\"b""#);
        assert_eq!(string(r"a\b"), r#""a\\b""#);
        assert_eq!(string("it's"), r#""it's""#);
        assert_eq!(string("a\nb\r\t"), r#""a\nb\r\t""#);
        assert_eq!(string("\u{7f}\u{0}"), r#""\u{7f}\0""#);
        // A combining accent alone would join the quote before it.
        assert_eq!(string("e\u{301}"), r#""e\u{301}""#);
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
        for (value, text) in cases {
            assert_eq!(byte(value), text);
            let parsed: syn::LitByte = syn::parse_str(text).unwrap();
            assert_eq!(parsed.value(), value);
        }
        for value in 0..=255 {
            let parsed: syn::LitByte = syn::parse_str(&byte(value)).unwrap();
            assert_eq!(parsed.value(), value);
        }
    }

    #[test]
    fn docs_are_one_line_each_without_bare_controls() {
        let mut w = Writer::new(String::new());
        w.block("mod m {", "}", |w| w.doc("first\n\nthird `x`\r"));
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
        let long: Vec<String> = (0..12).map(|i| format!("argument_{i}")).collect();
        w.block("fn f() {", "}", |w| {
            w.list("call(", &long, ");");
            w.arm("\"GET\"", "ok()");
            w.arm(&"x".repeat(60), &"y".repeat(60));
        });
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
    fn a_block_headed_by_a_list_closes_at_its_depth() {
        let mut w = Writer::new(String::new());
        let short = ["rest: &'a str".to_owned()];
        let long: Vec<String> = (0..8).map(|i| format!("p_{i}: &'a str")).collect();
        w.block("impl X {", "}", |w| {
            w.list_block("fn f(", &short, ") {", "}", |w| w.line("None"));
            w.list_block("fn g(", &long, ") {", "}", |w| w.line("None"));
        });
        let params: String = long.iter().map(|p| format!("        {p},\n")).collect();
        assert_eq!(
            w.finish(),
            format!(
                "impl X {{\n    fn f(rest: &'a str) {{\n        None\n    }}\n    fn g(\n{params}    ) {{\n        None\n    }}\n}}\n"
            )
        );
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
