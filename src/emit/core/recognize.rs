//! `Route::recognize`: the routing trie written out as a byte-level
//! decision tree.
//!
//! At each trie level the code tries the level's alternatives in the order
//! [`Node::alternatives`] lists them (the static children, then the `[x]`
//! subtree, then `[...x]`, then `[[...x]]`); the route ending at a level is
//! tried by the level above, which compares the whole key with nothing
//! after it. A subtree that finds nothing falls through to the next
//! alternative, so backtracking over whole patterns costs nothing extra, and
//! a match returns at once.
//!
//! What makes it fast (each measured in `benches/dispatch`):
//! - a static key is compared together with the `/` after it
//!   (`rest.strip_prefix("repos/")`), so the segment's end is never searched
//!   for, and chains of static levels with nothing else in them are
//!   compressed into one key (`gitignore/templates/`);
//! - sibling keys are told apart by a `match` on the first byte where they
//!   differ, down to at most [`SEQUENTIAL`] candidates, then compared whole:
//!   rustc turns both into jump tables and word-sized compares;
//! - only a param scans its segment, once, for the `/` that ends it.
//!
//! Big subtrees, and levels nested deep in one function, become functions
//! of their own, which keeps rustc's and LLVM's work per function small
//! (compile time) and the nesting of the emitted code bounded.

use std::collections::HashSet;

use proc_macro2::Literal;

use super::super::writer::Writer;
use super::super::{Construct, Plan};
use crate::ident::{Unique, snake_name};
use crate::name::Segment;
use crate::tree::{Alternative, Node};

/// At most this many static keys are compared one after the other; more are
/// first told apart by a `match` on one byte.
const SEQUENTIAL: usize = 2;

/// A subtree that would put more than this many routes into the function
/// matching it (after its own big subtrees went into functions) is matched
/// by a function of its own.
const SPLIT_ROUTES: usize = 32;

/// Trie levels nested in one function before the next goes into its own.
const SPLIT_DEPTH: usize = 8;

/// `recognize` and the functions it calls.
pub(in crate::emit) fn recognize(plan: &Plan, w: &mut Writer) {
    let prefix = plan.prefix;
    w.doc(&format!(
        "Finds the route a request path (without its query) asks for, comparing raw bytes: static segments must equal the path's bytes, params never match an empty or dot segment. Allocates nothing. Paths outside `{}` find nothing.",
        if prefix.is_empty() { "/" } else { prefix }
    ));
    let root = &plan.tree.root;
    let mut split = HashSet::new();
    plan_split(root, &mut split);
    let mut matcher = Matcher {
        plan,
        split,
        functions: Vec::new(),
        names: Unique::reserving(&["recognize"]),
        item_depth: w.depth(),
    };
    w.line("#[allow(clippy::collapsible_if, clippy::collapsible_match)]");
    w.block(
        "pub fn recognize(path: &'a str) -> Option<Route<'a>> {",
        "}",
        |w| {
            let ending = matcher.ending(root);
            if let Some(found) = &ending {
                let path = if prefix.is_empty() { "/" } else { prefix };
                found.write_return_if(w, format_args!("path == {}", Literal::string(path)));
            }
            if has_below(root) {
                let open = format!("{prefix}/");
                w.line(format_args!(
                    "let rest = path.strip_prefix({})?;",
                    Literal::string(&open)
                ));
                matcher.level(w, root, &Scope::default());
            } else if ending.is_none() {
                w.line("let _ = path;");
            }
            w.line("None");
        },
    );
    for function in &matcher.functions {
        w.blank();
        w.append(function);
    }
}

struct Matcher<'p> {
    plan: &'p Plan<'p>,
    /// The subtrees matched by functions of their own (see [`plan_split`]).
    split: HashSet<*const Node>,
    /// Subtrees matched by functions of their own, in the order they were
    /// emitted, as lines of the `impl`.
    functions: Vec<String>,
    names: Unique,
    /// The indentation of `recognize` and the functions beside it.
    item_depth: usize,
}

/// Where the code being emitted stands.
#[derive(Clone, Default)]
struct Scope {
    /// The pattern parts of the level: `repos`, `[p1]`.
    parts: Vec<String>,
    /// The locals of the params bound so far, in path order.
    params: Vec<String>,
    /// Trie levels nested in the current function.
    depth: usize,
    /// Whether a route can still match when the code being emitted finds
    /// nothing: a later alternative at this level or one above.
    fallback: bool,
}

impl Scope {
    /// The scope of a child level, given whether its parent level has
    /// alternatives after it.
    fn enter(&self, part: &str, param: Option<&str>, later: bool) -> Scope {
        let mut next = self.clone();
        next.parts.extend(part.split('/').map(str::to_owned));
        next.params.extend(param.map(str::to_owned));
        next.depth += 1;
        next.fallback |= later;
        next
    }
}

/// A static child as the matcher compares it: chains of static levels that
/// hold nothing but one static child are compressed into one key
/// (`tokens/new`), compared at once.
struct Static<'t> {
    key: String,
    node: &'t Node,
}

impl<'t> Static<'t> {
    fn compress(name: &str, mut node: &'t Node) -> Static<'t> {
        let mut key = name.to_owned();
        while let Some((name, child)) = lone_static(node) {
            key.push('/');
            key.push_str(name);
            node = child;
        }
        Static { key, node }
    }
}

impl Matcher<'_> {
    /// The route a request gets when its path ends at `node`: the first
    /// alternative that matches no segment, the route ending there or else
    /// an optional catch-all (every other alternative needs a segment).
    fn ending(&self, node: &Node) -> Option<Construct> {
        node.alternatives()
            .find_map(|alternative| match alternative {
                Alternative::Ends(route) => {
                    Some(Construct::new(&self.plan.tree.routes[route], None))
                }
                Alternative::OptionalCatchAll(route) => {
                    Some(Construct::new(&self.plan.tree.routes[route], Some("None")))
                }
                _ => None,
            })
    }

    /// The statements that try the alternatives of one trie level against
    /// `rest`, the path after the `/` that opens the level's segment
    /// (possibly empty), in precedence order. They `return` a match and
    /// fall through otherwise. The route ending at the level is the level
    /// above's to try, with the key.
    fn level(&mut self, w: &mut Writer, node: &Node, scope: &Scope) {
        let alternatives: Vec<Alternative> = node
            .alternatives()
            .filter(|alternative| !matches!(alternative, Alternative::Ends(_)))
            .collect();
        let mut at = 0;
        while let Some(&alternative) = alternatives.get(at) {
            at += 1;
            // Whether a later alternative can still match when this one
            // finds nothing.
            let later = at < alternatives.len();
            match alternative {
                Alternative::Static(..) => {
                    // Sibling statics are told apart together, byte by byte.
                    let statics: Vec<Static> = alternatives[at - 1..]
                        .iter()
                        .map_while(|alternative| match *alternative {
                            Alternative::Static(key, child) => Some(Static::compress(key, child)),
                            _ => None,
                        })
                        .collect();
                    at += statics.len() - 1;
                    // Once a static key matched with its `/`, no sibling can:
                    // what follows the statics is all a failed static
                    // subtree falls back to.
                    let later = at < alternatives.len();
                    let statics: Vec<&Static> = statics.iter().collect();
                    self.dispatch(w, &statics, 0, scope, later);
                }
                Alternative::Dynamic(segment, child) => {
                    self.dynamic(
                        w,
                        segment,
                        child,
                        &scope.enter(&segment.pattern(), Some(&segment.local), later),
                    );
                }
                Alternative::CatchAll(route) | Alternative::OptionalCatchAll(route) => {
                    let route = &self.plan.tree.routes[route];
                    let local = &route
                        .segments
                        .last()
                        .expect("a catch-all route ends in it")
                        .local;
                    let optional = matches!(alternative, Alternative::OptionalCatchAll(_));
                    let value = optional.then(|| format!("Some({local})"));
                    let found = Construct::new(route, value.as_deref());
                    found.write_return_if(
                        w,
                        format_args!("let Some({local}) = __apigen::catch_all(rest)"),
                    );
                }
                Alternative::Ends(_) => unreachable!("the level above tries the route ending here"),
            }
        }
    }

    /// The `[x]` child of a level: one segment taken as the param (the
    /// route ending there, or the level below it), in `scope`, the child's.
    fn dynamic(&mut self, w: &mut Writer, segment: &Segment, child: &Node, scope: &Scope) {
        let local = &segment.local;
        match (self.ending(child), has_below(child)) {
            (Some(found), false) => {
                found.write_return_if(
                    w,
                    format_args!("let Some(({local}, None)) = __apigen::split_param(rest)"),
                );
            }
            (None, true) => {
                let head =
                    format!("if let Some(({local}, Some(rest))) = __apigen::split_param(rest) {{");
                w.block(head, "}", |w| self.below(w, child, scope));
            }
            (Some(found), true) => {
                let head = format!("if let Some(({local}, tail)) = __apigen::split_param(rest) {{");
                w.block(head, "}", |w| {
                    w.block("match tail {", "}", |w| {
                        found.write_return_arm(w, "None");
                        w.block("Some(rest) => {", "}", |w| self.below(w, child, scope));
                    })
                });
            }
            (None, false) => unreachable!("a trie level holds a route or has children"),
        }
    }

    /// Finds the static key `rest` starts with (followed by `/` or the
    /// end): a `match` on the first byte where the keys differ, down to a
    /// few candidates, which are then compared whole. The keys agree on the
    /// bytes before `from`.
    fn dispatch(
        &mut self,
        w: &mut Writer,
        keys: &[&Static],
        from: usize,
        scope: &Scope,
        later: bool,
    ) {
        if keys.len() <= SEQUENTIAL {
            for s in keys {
                self.compare(w, s, scope, later);
            }
            return;
        }
        let byte_at = |s: &Static, at: usize| s.key.as_bytes().get(at).copied();
        let at = (from..)
            .find(|&at| keys.iter().any(|s| byte_at(s, at) != byte_at(keys[0], at)))
            .expect("distinct keys differ somewhere");
        let mut groups: Vec<(Option<u8>, Vec<&Static>)> = Vec::new();
        for &key in keys {
            let byte = byte_at(key, at);
            match groups.iter_mut().find(|(b, _)| *b == byte) {
                Some((_, group)) => group.push(key),
                None => groups.push((byte, vec![key])),
            }
        }
        groups.sort_by_key(|(byte, _)| *byte);
        // A key that ends at `at` is followed in a matching path by `/` or
        // nothing. No sibling has a `/` there: it would be the same segment.
        assert!(
            groups[0].0.is_some() || groups.iter().all(|(b, _)| *b != Some(b'/')),
            "sibling keys are distinct segments"
        );
        let head = if at == 0 {
            "match rest.as_bytes().first() {".to_owned()
        } else {
            format!("match rest.as_bytes().get({at}) {{")
        };
        w.block(head, "}", |w| {
            for (byte, group) in groups {
                let arm = match byte {
                    Some(byte) => format!("Some({}) => {{", Literal::byte_character(byte)),
                    None => "None | Some(b'/') => {".to_owned(),
                };
                w.block(arm, "}", |w| self.dispatch(w, &group, at + 1, scope, later));
            }
            w.line("_ => {}");
        });
    }

    /// One static key compared whole: the path ends after it (the route
    /// there), or goes on after its `/` (the level below).
    fn compare(&mut self, w: &mut Writer, s: &Static, scope: &Scope, later: bool) {
        if let Some(found) = self.ending(s.node) {
            found.write_return_if(w, format_args!("rest == {}", Literal::string(&s.key)));
        }
        if has_below(s.node) {
            let open = Literal::string(&format!("{}/", s.key));
            let head = format!("if let Some(rest) = rest.strip_prefix({open}) {{");
            w.block(head, "}", |w| {
                self.below(w, s.node, &scope.enter(&s.key, None, later))
            });
        }
    }

    /// The level below a child, inline or, for a big subtree or deep
    /// nesting, as a call to a function of its own.
    fn below(&mut self, w: &mut Writer, node: &Node, scope: &Scope) {
        if scope.depth < SPLIT_DEPTH && !self.split.contains(&std::ptr::from_ref(node)) {
            return self.level(w, node, scope);
        }
        let name = self.names.take(format!(
            "recognize_{}",
            snake_name(&scope.parts.iter().map(String::as_str).collect::<Vec<_>>())
        ));
        let locals: Vec<String> = scope.params.clone();
        let inner = Scope {
            depth: 0,
            fallback: false,
            ..scope.clone()
        };
        // The function goes before those its body calls.
        let slot = self.functions.len();
        self.functions.push(String::new());
        let mut f = Writer::at_depth(self.item_depth);
        f.doc(&format!(
            "`recognize` below `{}/`, with the params bound so far.",
            join_pattern(self.plan.prefix, &scope.parts)
        ));
        f.line(
            "#[allow(clippy::collapsible_if, clippy::collapsible_match, clippy::too_many_arguments)]",
        );
        let params: Vec<String> = std::iter::once("rest: &'a str".to_owned())
            .chain(locals.iter().map(|local| format!("{local}: &'a str")))
            .collect();
        let head = format!("fn {name}(");
        f.list_block(&head, &params, ") -> Option<Route<'a>> {", "}", |f| {
            self.level(f, node, &inner);
            f.line("None");
        });
        self.functions[slot] = f.finish();

        let args: Vec<String> = std::iter::once("rest".to_owned()).chain(locals).collect();
        if scope.fallback {
            let head = format!("if let Some(found) = Self::{name}(");
            w.list_block(&head, &args, ") {", "}", |w| w.line("return Some(found);"));
        } else {
            // Nothing else can match: a tail call.
            w.list(&format!("return Self::{name}("), &args, ");");
        }
    }
}

/// Whether any route continues below `node` (a path with more segments can match).
fn has_below(node: &Node) -> bool {
    node.alternatives()
        .any(|alternative| !matches!(alternative, Alternative::Ends(_)))
}

/// The static child of a level that holds nothing else.
fn lone_static(node: &Node) -> Option<(&str, &Node)> {
    let mut alternatives = node.alternatives();
    match (alternatives.next(), alternatives.next()) {
        (Some(Alternative::Static(key, child)), None) => Some((key, child)),
        _ => None,
    }
}

/// Chooses the subtrees that get functions of their own, bottom-up: a
/// child whose code would hold more than [`SPLIT_ROUTES`] routes (once its
/// own big subtrees are split off) is split off. Returns how many routes
/// the code matching `node` holds inline.
fn plan_split(node: &Node, split: &mut HashSet<*const Node>) -> usize {
    let mut inline = 0;
    for alternative in node.alternatives() {
        match alternative {
            Alternative::Ends(_) | Alternative::CatchAll(_) | Alternative::OptionalCatchAll(_) => {
                inline += 1
            }
            Alternative::Static(_, child) | Alternative::Dynamic(_, child) => {
                let size = plan_split(child, split);
                if size > SPLIT_ROUTES {
                    split.insert(std::ptr::from_ref(child));
                } else {
                    inline += size;
                }
            }
        }
    }
    inline
}

fn join_pattern(prefix: &str, parts: &[String]) -> String {
    let mut out = prefix.to_owned();
    for part in parts {
        out.push('/');
        out.push_str(part);
    }
    out
}
