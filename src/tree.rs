//! Validate-and-order phase: parsed route files become one routing trie.
//!
//! This module owns the rules *between* names, exactly as Next.js's
//! `sorted-routes.ts` states them, and the precedence order: one statement
//! of it, [`Node::alternatives`], which every walk of the trie uses (the
//! route list, the generated matcher, the split of its functions).
//!
//! Next.js builds the same trie, but throws on the first conflict. apigen finds
//! every conflict: per-file rules first (catch-all last, slug names within one
//! path), then per-level slug names, then duplicates and catch-all clashes
//! among the files that survived. Each later check only sees files that passed
//! the earlier ones, so one mistake is reported once, not as a cascade.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::error::{ErrorKind, Problem, Problems};
use crate::ident::{self, Unique};
use crate::inspect::{Exports, Handlers};
use crate::name::{Kind, Segment};
use crate::scan::{MIDDLEWARE, RouteFile};

/// One route file and everything the phases after `tree` need of it: the
/// emitter reads this record alone.
#[derive(Clone, Debug)]
pub(crate) struct Route {
    /// The file, relative to the api dir: `post/[pid].rs`.
    pub(crate) file: String,
    /// Where the file is read.
    pub(crate) path: PathBuf,
    /// Its path part by part (`post`, `[pid]`); [`Segment::pattern`] is a
    /// part as the file name spells it.
    pub(crate) segments: Vec<Segment>,
    /// The URL pattern, prefix included: `/api/post/[pid]`.
    pub(crate) pattern: String,
    /// The `Route` enum variant: `PostPid`.
    pub(crate) variant: String,
    /// The module including the file: `post_pid` (the name of its
    /// `href::post_pid`, SPEC section 9).
    pub(crate) module: String,
    /// The module of its axum function: `route_post_pid`.
    pub(crate) serve_module: String,
    /// What the file defines: its handlers (each with its method, doc
    /// comment and arguments) and whether it sets `BODY_LIMIT`. Filled in
    /// by `inspect` for the axum target; empty for the core target, which
    /// never reads route files.
    pub(crate) handlers: Handlers,
    /// The `_middleware.rs` files that apply, api-relative, outermost first
    /// (SPEC section 8): see [`chain`].
    pub(crate) middleware: Vec<String>,
}

/// One `_middleware.rs` file (SPEC section 8) and what the emitter needs of it.
#[derive(Clone, Debug)]
pub(crate) struct Middleware {
    /// The file, relative to the api dir: `admin/_middleware.rs`.
    pub(crate) file: String,
    /// Where the file is read.
    pub(crate) path: PathBuf,
    /// Its folder, relative to the api dir, without a trailing `/`: `admin`,
    /// or `""` for the api dir itself.
    pub(crate) folder: String,
    /// The module including the file: `admin_middleware`.
    pub(crate) module: String,
    /// What it defines: `middleware`, `layer`, or both. Filled in by
    /// `inspect` for the axum target.
    pub(crate) exports: Exports,
}

impl Route {
    /// The params of the route, in path order.
    pub(crate) fn params(&self) -> impl Iterator<Item = &Segment> {
        self.segments.iter().filter(|s| s.is_param())
    }
}

/// One level of the routing trie. Routes are indices into [`Tree::routes`].
#[derive(Debug, Default)]
pub(crate) struct Node {
    /// The route whose path ends at this level.
    route: Option<usize>,
    /// Static children, by the request bytes they equal.
    statics: BTreeMap<String, Node>,
    /// The `[x]` child: its segment as the files spell it, and its subtree.
    dynamic: Option<Box<(Segment, Node)>>,
    /// The route of the `[...x]` child.
    catch_all: Option<usize>,
    /// The route of the `[[...x]]` child.
    optional: Option<usize>,
}

/// One way a request can go on at a trie level: see [`Node::alternatives`].
#[derive(Clone, Copy, Debug)]
pub(crate) enum Alternative<'t> {
    /// The route whose path ends at this level.
    Ends(usize),
    /// A static child: the request bytes it equals, and its subtree.
    Static(&'t str, &'t Node),
    /// The `[x]` child: its segment as the files spell it (`[hello-world]`),
    /// and its subtree.
    Dynamic(&'t Segment, &'t Node),
    /// The route of the `[...x]` child.
    CatchAll(usize),
    /// The route of the `[[...x]]` child.
    OptionalCatchAll(usize),
}

impl Node {
    /// The level's alternatives in precedence order, exactly as Next.js
    /// sorts routes: the route ending here, then the static children (by
    /// byte), then the `[x]` subtree, then `[...x]`, then `[[...x]]`.
    ///
    /// Trying a request against the routes in this order (depth first) and
    /// taking the first whole-pattern match is the routing rule. Static
    /// routes come first for free: where a static and a dynamic route both
    /// match, they part at a level where the static child is tried first.
    pub(crate) fn alternatives(&self) -> impl Iterator<Item = Alternative<'_>> {
        let statics = self
            .statics
            .iter()
            .map(|(key, child)| Alternative::Static(key, child));
        let dynamic = self
            .dynamic
            .as_deref()
            .map(|(segment, child)| Alternative::Dynamic(segment, child));
        self.route
            .map(Alternative::Ends)
            .into_iter()
            .chain(statics)
            .chain(dynamic)
            .chain(self.catch_all.map(Alternative::CatchAll))
            .chain(self.optional.map(Alternative::OptionalCatchAll))
    }
}

/// All routes and the trie that orders them.
#[derive(Debug)]
pub(crate) struct Tree {
    /// In file order (sorted by path).
    pub(crate) routes: Vec<Route>,
    /// The `_middleware.rs` files, in file order (sorted by path).
    pub(crate) middleware: Vec<Middleware>,
    /// The trie: empty when [`build`] found problems (such a tree's routes
    /// are checked further, never emitted).
    pub(crate) root: Node,
    /// The indices of `routes` in precedence order (see
    /// [`Node::alternatives`]), walked once.
    order: Vec<usize>,
}

impl Tree {
    /// The routes in precedence order: the order a request tries them.
    pub(crate) fn ordered(&self) -> impl Iterator<Item = &Route> {
        self.order.iter().map(|&i| &self.routes[i])
    }

    /// The record of a `_middleware.rs` file that [`Route::middleware`] names.
    pub(crate) fn middleware_file(&self, file: &str) -> &Middleware {
        self.middleware
            .iter()
            .find(|m| m.file == file)
            .expect("a route's middleware are files of the tree")
    }
}

/// The routes below `node`, in precedence order.
fn precedence(node: &Node, out: &mut Vec<usize>) {
    for alternative in node.alternatives() {
        match alternative {
            Alternative::Ends(route)
            | Alternative::CatchAll(route)
            | Alternative::OptionalCatchAll(route) => out.push(route),
            Alternative::Static(_, child) | Alternative::Dynamic(_, child) => {
                precedence(child, out)
            }
        }
    }
}

/// The shape of the trie while checking: param children are keyed by kind
/// alone (as Next.js keys them `[]`, `[...]`, `[[...]]`), and each level
/// remembers which files end there and which names each param child uses.
#[derive(Default)]
struct Shape {
    ends: Vec<usize>,
    children: BTreeMap<ShapeKey, Shape>,
    /// For a param child: its names and the files using each.
    names: BTreeMap<String, Vec<usize>>,
}

#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum ShapeKey {
    Static(String),
    Param(Kind),
}

impl Shape {
    fn insert(&mut self, index: usize, segments: &[Segment]) {
        let mut node = self;
        for segment in segments {
            let key = match segment.kind {
                Kind::Static => ShapeKey::Static(segment.key.clone()),
                kind => ShapeKey::Param(kind),
            };
            node = node.children.entry(key).or_default();
            if segment.is_param() {
                node.names
                    .entry(segment.name.clone())
                    .or_default()
                    .push(index);
            }
        }
        node.ends.push(index);
    }

    fn visit<'a>(&'a self, f: &mut impl FnMut(&'a Shape)) {
        f(self);
        for child in self.children.values() {
            child.visit(f);
        }
    }
}

/// Builds the tree from the route files and their parsed paths (sorted by
/// path), reporting every conflict between them into `problems`. With a
/// conflict, the tree holds every route but no trie.
pub(crate) fn build(
    prefix: &str,
    files: Vec<(RouteFile, Vec<Segment>)>,
    middleware: Vec<RouteFile>,
    problems: &mut Problems,
) -> Tree {
    let mut routes = records(prefix, files);
    let middleware = middleware_records(middleware, &routes);
    for route in &mut routes {
        route.middleware = chain(&route.file, &middleware);
    }
    let found = check(&routes);
    if !found.is_empty() {
        problems.extend(found);
        return Tree {
            routes,
            middleware,
            root: Node::default(),
            order: Vec::new(),
        };
    }
    let root = trie(&routes);
    let mut order = Vec::with_capacity(routes.len());
    precedence(&root, &mut order);
    Tree {
        routes,
        middleware,
        root,
        order,
    }
}

/// The record of each `_middleware.rs` file. Its module is named after its
/// folder (`admin/_middleware.rs` → `admin_middleware`), once every route
/// has its names: adding a middleware never renames a route's module (its
/// `href::` function).
fn middleware_records(files: Vec<RouteFile>, routes: &[Route]) -> Vec<Middleware> {
    let mut taken: Vec<&str> = vec!["__apigen"];
    for route in routes {
        taken.push(&route.module);
        taken.push(&route.serve_module);
    }
    let mut modules = Unique::reserving(&taken);
    files
        .into_iter()
        .map(|file| {
            let folder = file
                .rel
                .strip_suffix(MIDDLEWARE)
                .unwrap_or_default()
                .trim_end_matches('/')
                .to_owned();
            let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
            parts.push("middleware");
            Middleware {
                module: modules.take(ident::snake_name(&parts)),
                folder,
                file: file.rel,
                path: file.path,
                exports: Exports::default(),
            }
        })
        .collect()
}

/// The `_middleware.rs` files that apply to a route file, outermost first:
/// the api dir's own, then each folder's down to the file's own folder
/// (SPEC section 8). Scope is by folder, not by URL: `admin/_middleware.rs`
/// covers `admin/index.rs` and `admin/users/[id].rs`, never the siblings
/// `admin.rs` or `adminx.rs`.
pub(crate) fn chain(file: &str, middleware: &[Middleware]) -> Vec<String> {
    let folders = std::iter::once("").chain(file.match_indices('/').map(|(at, _)| &file[..at]));
    folders
        .filter_map(|folder| middleware.iter().find(|m| m.folder == folder))
        .map(|m| m.file.clone())
        .collect()
}

/// Every rule between routes: per-file rules first (catch-all last, slug
/// names within one path), then per-level slug names, then duplicates and
/// catch-all clashes among the files that passed so far.
fn check(routes: &[Route]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut ok: Vec<bool> = routes
        .iter()
        .map(|route| check_path(&route.file, &route.segments, &mut problems))
        .collect();

    // Slug names per level, among files whose own path is fine.
    let mut shape = Shape::default();
    for (i, route) in routes.iter().enumerate().filter(|(i, _)| ok[*i]) {
        shape.insert(i, &route.segments);
    }
    shape.visit(&mut |node| check_slug_names(node, routes, &mut ok, &mut problems));

    // Duplicates and catch-all clashes, among files that passed so far.
    let mut shape = Shape::default();
    for (i, route) in routes.iter().enumerate().filter(|(i, _)| ok[*i]) {
        shape.insert(i, &route.segments);
    }
    shape.visit(&mut |node| check_level(node, routes, &mut problems));
    problems
}

/// What an optional catch-all's module name is kept with: its shorter path
/// (without the catch-all) is documented as `<module>_root_<method>` (SPEC
/// section 10), so no other route's module, whose operations are
/// `<module>_<method>`, may be named `<module>_root`.
pub(crate) const ROOT: &str = "_root";

/// The parts a route's names are made of: its segments as the files spell
/// them; the root `index.rs` has none, so its names come from `index`.
fn name_parts(segments: &[Segment]) -> Vec<String> {
    let mut parts: Vec<String> = segments.iter().map(Segment::pattern).collect();
    if parts.is_empty() {
        parts.push("index".to_owned());
    }
    parts
}

fn ends_in_optional_catch_all(segments: &[Segment]) -> bool {
    segments
        .last()
        .is_some_and(|s| s.kind == Kind::OptionalCatchAll)
}

/// The record of each route file, its names taken in file order.
fn records(prefix: &str, files: Vec<(RouteFile, Vec<Segment>)>) -> Vec<Route> {
    let snake = |segments: &[Segment]| {
        let parts = name_parts(segments);
        ident::snake_name(&parts.iter().map(String::as_str).collect::<Vec<_>>())
    };
    // Kept before any route takes a name, whatever the file order.
    let roots: Vec<String> = files
        .iter()
        .filter(|(_, segments)| ends_in_optional_catch_all(segments))
        .map(|(_, segments)| format!("{}{ROOT}", snake(segments)))
        .collect();
    // Route modules share the top level of the generated file with its
    // own modules: the support code and the typed paths.
    let mut reserved = vec!["__apigen", "href"];
    reserved.extend(roots.iter().map(String::as_str));
    let mut modules = Unique::reserving(&reserved);
    let mut variants = Unique::default();
    let mut routes: Vec<Route> = files
        .into_iter()
        .map(|(file, mut segments)| {
            for (index, param) in segments.iter_mut().filter(|s| s.is_param()).enumerate() {
                param.local = ident::local_ident(&param.field, index);
            }
            let parts = name_parts(&segments);
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            let module = ident::snake_name(&parts);
            Route {
                pattern: pattern(prefix, &segments),
                variant: variants.take(ident::camel_name(&parts)),
                module: if ends_in_optional_catch_all(&segments) {
                    modules.take_with(module, ROOT)
                } else {
                    modules.take(module)
                },
                serve_module: String::new(),
                file: file.rel,
                path: file.path,
                segments,
                handlers: Handlers::default(),
                middleware: Vec::new(),
            }
        })
        .collect();
    // `route_post_pid` for the file whose module is `post_pid`, unless a
    // route file already took that name.
    let taken: Vec<&str> = routes.iter().map(|r| r.module.as_str()).collect();
    let mut serve_modules = Unique::reserving(&taken);
    let names: Vec<String> = routes
        .iter()
        .map(|route| serve_modules.take(format!("route_{}", route.module)))
        .collect();
    for (route, name) in routes.iter_mut().zip(names) {
        route.serve_module = name;
    }
    routes
}

/// The trie of routes that passed [`check`].
fn trie(routes: &[Route]) -> Node {
    let mut root = Node::default();
    for (i, route) in routes.iter().enumerate() {
        let mut node = &mut root;
        for segment in &route.segments {
            node = match segment.kind {
                Kind::Static => node.statics.entry(segment.key.clone()).or_default(),
                Kind::Dynamic => {
                    &mut node
                        .dynamic
                        .get_or_insert_with(|| Box::new((segment.clone(), Node::default())))
                        .1
                }
                Kind::CatchAll => {
                    node.catch_all = Some(i);
                    break;
                }
                Kind::OptionalCatchAll => {
                    node.optional = Some(i);
                    break;
                }
            };
        }
        if route
            .segments
            .last()
            .is_none_or(|s| !matches!(s.kind, Kind::CatchAll | Kind::OptionalCatchAll))
        {
            node.route = Some(i);
        }
    }
    root
}

/// The URL pattern of a route: `/api/post/[pid]`; the root is the prefix, or `/`.
pub(crate) fn pattern(prefix: &str, segments: &[Segment]) -> String {
    let mut out = prefix.to_owned();
    for segment in segments {
        out.push('/');
        out.push_str(&segment.pattern());
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// The rules within one file's path. Returns whether the path is fine.
fn check_path(file: &str, segments: &[Segment], problems: &mut Vec<Problem>) -> bool {
    let before = problems.len();
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        if i < last && matches!(segment.kind, Kind::CatchAll | Kind::OptionalCatchAll) {
            let rest: Vec<String> = segments[i + 1..].iter().map(Segment::pattern).collect();
            problems.push(Problem::new(
                ErrorKind::CatchAllNotLast,
                vec![file.to_owned()],
                format!("`{}` is followed by `{}`, but a catch-all takes every remaining segment", segment.pattern(), rest.join("/")),
                format!("make `{}` the file itself (`{}.rs`) or a folder holding only `index.rs`, or use a single-segment `[{}]`", segment.pattern(), segment.pattern(), segment.name),
            ));
            break;
        }
    }
    let params: Vec<&Segment> = segments.iter().filter(|s| s.is_param()).collect();
    for (i, later) in params.iter().enumerate() {
        for earlier in &params[..i] {
            if earlier.name == later.name {
                problems.push(Problem::new(
                    ErrorKind::RepeatedSlugName,
                    vec![file.to_owned()],
                    format!(
                        "the param name `{}` appears twice in one path (`{}` and `{}`)",
                        later.name,
                        earlier.pattern(),
                        later.pattern()
                    ),
                    format!(
                        "give each param its own name, e.g. rename `{}` to `{}`",
                        later.pattern(),
                        later
                            .pattern()
                            .replacen(&later.name, &format!("{}2", later.name), 1)
                    ),
                ));
            } else if word_chars(&earlier.name) == word_chars(&later.name) {
                problems.push(Problem::new(
                    ErrorKind::SlugsDifferByNonWord,
                    vec![file.to_owned()],
                    format!(
                        "the param names `{}` and `{}` differ only by non-word characters",
                        earlier.name, later.name
                    ),
                    format!(
                        "rename `{}` so the names differ by letters or digits",
                        later.pattern()
                    ),
                ));
            } else if earlier.key == later.key || earlier.field == later.field {
                problems.push(Problem::new(
                    ErrorKind::BadParamName,
                    vec![file.to_owned()],
                    format!(
                        "the param names `{}` and `{}` both bind as the argument `{}`",
                        earlier.name,
                        later.name,
                        ident::unraw(&later.field)
                    ),
                    format!("rename `{}` so the two arguments differ", later.pattern()),
                ));
            }
        }
    }
    problems.len() == before
}

/// The name with every non-word character removed, as JavaScript's `/\W/g` does.
fn word_chars(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// One param name per level: the name most files use stays, the rest are reported.
fn check_slug_names(node: &Shape, routes: &[Route], ok: &mut [bool], problems: &mut Vec<Problem>) {
    for child in node.children.values() {
        if child.names.len() < 2 {
            continue;
        }
        let (kept, kept_files) = child
            .names
            .iter()
            .max_by(|a, b| a.1.len().cmp(&b.1.len()).then_with(|| b.0.cmp(a.0)))
            .expect("a level with two names has a most used one");
        let example = &routes[kept_files[0]].file;
        for (name, users) in &child.names {
            if name == kept {
                continue;
            }
            for &user in users {
                ok[user] = false;
                let file = &routes[user].file;
                problems.push(Problem::new(
                    ErrorKind::DifferentSlugNames,
                    vec![file.clone(), example.clone()],
                    format!("`{file}` names a param `{name}` where `{example}` names the same level `{kept}`"),
                    format!("rename `{name}` to `{kept}` in `{file}`, or move the file"),
                ));
            }
        }
    }
}

/// Duplicates and catch-all clashes at one level, each naming the path as
/// requests reach it (the route's pattern, prefix included).
fn check_level(node: &Shape, routes: &[Route], problems: &mut Vec<Problem>) {
    let name = |i: usize| routes[i].file.clone();
    if node.ends.len() > 1 {
        let all: Vec<String> = node.ends.iter().map(|&i| name(i)).collect();
        let path = &routes[node.ends[0]].pattern;
        problems.push(Problem::new(
            ErrorKind::DuplicateRoute,
            all.clone(),
            format!("{} files serve the path `{path}`: {}", all.len(), quoted(&all)),
            "keep one of them and delete or move the others (`x.rs` and `x/index.rs` are the same route)",
        ));
    }
    let ends_of = |kind: Kind| {
        node.children
            .get(&ShapeKey::Param(kind))
            .map(|c| c.ends.clone())
            .unwrap_or_default()
    };
    let required = ends_of(Kind::CatchAll);
    let optional = ends_of(Kind::OptionalCatchAll);
    if !required.is_empty() && !optional.is_empty() {
        let all: Vec<String> = required.iter().chain(&optional).map(|&i| name(i)).collect();
        problems.push(Problem::new(
            ErrorKind::OptionalAndRequiredCatchAll,
            all.clone(),
            format!("a required and an optional catch-all share one level: {}", quoted(&all)),
            "keep `[[...x]]` if the level itself should match too, otherwise keep `[...x]`; delete the other",
        ));
    }
    if !node.ends.is_empty() && !optional.is_empty() {
        let mut all: Vec<String> = node.ends.iter().map(|&i| name(i)).collect();
        all.extend(optional.iter().map(|&i| name(i)));
        let path = &routes[node.ends[0]].pattern;
        problems.push(Problem::new(
            ErrorKind::OptionalCatchAllSameSpecificity,
            all.clone(),
            format!("`{}` and the optional catch-all `{}` both serve `{path}`", all[0], all[all.len() - 1]),
            "delete the route at the parent path and handle it in the optional catch-all (it gets no segments), or make the catch-all required (`[...x]`)",
        ));
    }
}

fn quoted(files: &[String]) -> String {
    files
        .iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::name::parse_route;

    fn built(prefix: &str, files: &[&str]) -> Result<Tree, Vec<Problem>> {
        let mut files: Vec<&str> = files.to_vec();
        files.sort();
        let parsed = files
            .iter()
            .map(|f| {
                let file = RouteFile {
                    rel: f.to_string(),
                    path: PathBuf::from(f),
                };
                (file, parse_route(f).unwrap())
            })
            .collect();
        let mut problems = Problems::default();
        let tree = build(prefix, parsed, Vec::new(), &mut problems);
        if problems.is_empty() {
            Ok(tree)
        } else {
            assert!(
                tree.ordered().next().is_none(),
                "a refused tree has no order"
            );
            Err(problems.into_vec())
        }
    }

    /// Each route's file and module name, in the tree's order.
    fn file_modules(tree: &Tree) -> Vec<(&str, &str)> {
        tree.routes
            .iter()
            .map(|r| (r.file.as_str(), r.module.as_str()))
            .collect()
    }

    fn tree(files: &[&str]) -> Result<Tree, Vec<Problem>> {
        built("/api", files)
    }

    fn kinds(files: &[&str]) -> Vec<(ErrorKind, Vec<String>)> {
        tree(files)
            .unwrap_err()
            .into_iter()
            .map(|p| (p.kind(), p.files().to_vec()))
            .collect()
    }

    fn ordered(files: &[&str]) -> Vec<String> {
        tree(files)
            .unwrap()
            .ordered()
            .map(|route| route.pattern.clone())
            .collect()
    }

    #[test]
    fn order_matches_next_js_sorter() {
        // The route list of Next.js's page-route-sorter test ("correctly sorts
        // required slugs"), translated to files below /api.
        let files = [
            "index.rs",
            "posts.rs",
            "[root-slug].rs",
            "posts/[id].rs",
            "blog/[id]/comments/[cid].rs",
            "blog/abc/[id].rs",
            "[...rest].rs",
            "blog/abc/post.rs",
            "blog/abc.rs",
            "p1/[[...incl]].rs",
            "p/[...rest].rs",
            "p2/[...rest].rs",
            "p2/[id].rs",
            "p2/[id]/abc.rs",
            "p3/[[...rest]].rs",
            "p3/[id].rs",
            "p3/[id]/abc.rs",
            "blog/[id].rs",
            "foo/[d]/bar/baz/[f].rs",
            "apples/[ab]/[cd]/ef.rs",
        ];
        let expected = [
            "/api",
            "/api/apples/[ab]/[cd]/ef",
            "/api/blog/abc",
            "/api/blog/abc/post",
            "/api/blog/abc/[id]",
            "/api/blog/[id]",
            "/api/blog/[id]/comments/[cid]",
            "/api/foo/[d]/bar/baz/[f]",
            "/api/p/[...rest]",
            "/api/p1/[[...incl]]",
            "/api/p2/[id]",
            "/api/p2/[id]/abc",
            "/api/p2/[...rest]",
            "/api/p3/[id]",
            "/api/p3/[id]/abc",
            "/api/p3/[[...rest]]",
            "/api/posts",
            "/api/posts/[id]",
            "/api/[root-slug]",
            "/api/[...rest]",
        ];
        assert_eq!(ordered(&files), expected);
    }

    #[test]
    fn a_level_lists_its_alternatives_in_precedence_order() {
        let tree = tree(&[
            "b.rs",
            "a/x.rs",
            "index.rs",
            "[hello-world].rs",
            "[...rest].rs",
            "c/[[...all]].rs",
        ])
        .unwrap();
        let show = |node: &Node| -> Vec<String> {
            node.alternatives()
                .map(|alternative| match alternative {
                    Alternative::Ends(r) => format!("ends {}", tree.routes[r].file),
                    Alternative::Static(key, _) => format!("static {key}"),
                    Alternative::Dynamic(segment, _) => format!("dynamic {}", segment.pattern()),
                    Alternative::CatchAll(r) => format!("catch-all {}", tree.routes[r].file),
                    Alternative::OptionalCatchAll(r) => {
                        format!("optional catch-all {}", tree.routes[r].file)
                    }
                })
                .collect()
        };
        assert_eq!(
            show(&tree.root),
            [
                "ends index.rs",
                "static a",
                "static b",
                "static c",
                "dynamic [hello-world]",
                "catch-all [...rest].rs"
            ]
        );
        let Some(Alternative::Static(_, c)) = tree.root.alternatives().nth(3) else {
            panic!("`c` is the third static")
        };
        assert_eq!(show(c), ["optional catch-all c/[[...all]].rs"]);
    }

    #[test]
    fn index_files_are_their_folder() {
        assert_eq!(
            ordered(&["posts/index.rs", "posts/[postId].rs"]),
            ["/api/posts", "/api/posts/[postId]"]
        );
        assert_eq!(
            ordered(&["index/index.rs", "index/user.rs"]),
            ["/api/index", "/api/index/user"]
        );
    }

    #[test]
    fn mismatched_names_name_both_files() {
        let found = kinds(&[
            "index.rs",
            "blog.rs",
            "blog/[id].rs",
            "blog/[id]/comments/[cid].rs",
            "blog/[cid].rs",
        ]);
        assert_eq!(
            found,
            [(
                ErrorKind::DifferentSlugNames,
                vec!["blog/[cid].rs".to_owned(), "blog/[id].rs".to_owned()]
            )]
        );
    }

    #[test]
    fn reused_and_non_word_names() {
        assert_eq!(
            kinds(&["blog/[id]/comments/[id].rs", "blog/[id].rs"])[0].0,
            ErrorKind::RepeatedSlugName
        );
        assert_eq!(
            kinds(&["[id]/[...id].rs"])[0].0,
            ErrorKind::RepeatedSlugName
        );
        assert_eq!(
            kinds(&["blog/[helloworld]/[hello-world].rs"])[0].0,
            ErrorKind::SlugsDifferByNonWord
        );
        assert_eq!(kinds(&["[a-b]/[a_b].rs"])[0].0, ErrorKind::BadParamName);
        assert_eq!(kinds(&["[aB]/[a_b].rs"])[0].0, ErrorKind::BadParamName);
    }

    #[test]
    fn catch_all_rules() {
        assert_eq!(
            kinds(&["blog/[...id]/[...id2].rs"])[0].0,
            ErrorKind::CatchAllNotLast
        );
        assert_eq!(
            kinds(&["blog/[...id]/abc.rs"])[0].0,
            ErrorKind::CatchAllNotLast
        );
        assert_eq!(
            kinds(&["[...rest]/index/index.rs"])[0].0,
            ErrorKind::CatchAllNotLast
        );
        assert!(tree(&["nested/[...rest]/index.rs"]).is_ok());
        assert_eq!(
            kinds(&["[...one].rs", "[[...one]].rs"])[0].0,
            ErrorKind::OptionalAndRequiredCatchAll
        );
        assert_eq!(
            kinds(&["nested/[[...a]].rs", "nested/[...b].rs"])[0].0,
            ErrorKind::OptionalAndRequiredCatchAll
        );
        assert_eq!(
            kinds(&["index.rs", "[[...all]].rs"])[0].0,
            ErrorKind::OptionalCatchAllSameSpecificity
        );
        assert_eq!(
            kinds(&["sub.rs", "sub/[[...all]].rs"])[0].0,
            ErrorKind::OptionalCatchAllSameSpecificity
        );
        assert_eq!(
            kinds(&["sub/index.rs", "sub/[[...all]].rs"])[0].0,
            ErrorKind::OptionalCatchAllSameSpecificity
        );
        // A required catch-all beside an index is fine.
        assert!(tree(&["users/index.rs", "users/[...slug].rs"]).is_ok());
    }

    #[test]
    fn duplicates_name_every_file() {
        let found = kinds(&["posts.rs", "posts/index.rs"]);
        assert_eq!(
            found,
            [(
                ErrorKind::DuplicateRoute,
                vec!["posts.rs".to_owned(), "posts/index.rs".to_owned()]
            )]
        );
        assert_eq!(
            kinds(&["[...a].rs", "[...a]/index.rs"])[0].0,
            ErrorKind::DuplicateRoute
        );
        // Two spellings of one request segment are one route.
        assert_eq!(
            kinds(&["a b.rs", "a%20b.rs"])[0].0,
            ErrorKind::DuplicateRoute
        );
    }

    #[test]
    fn clashes_name_the_path_with_its_prefix() {
        let message = |prefix: &str, files: &[&str]| {
            built(prefix, files).unwrap_err()[0].message().to_owned()
        };
        let duplicate = ["posts.rs", "posts/index.rs"];
        assert!(message("/v1", &duplicate).contains("serve the path `/v1/posts`"));
        assert!(message("", &duplicate).contains("serve the path `/posts`"));
        let optional = ["index.rs", "[[...all]].rs"];
        assert!(message("/api", &optional).contains("both serve `/api`"));
        assert!(message("", &optional).contains("both serve `/`"));
    }

    #[test]
    fn every_problem_is_reported_once() {
        let found = kinds(&[
            "a/[x].rs",
            "a/[y].rs",
            "b.rs",
            "b/index.rs",
            "c/[...x]/d.rs",
        ]);
        let found: Vec<ErrorKind> = found.into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            found,
            [
                ErrorKind::CatchAllNotLast,
                ErrorKind::DifferentSlugNames,
                ErrorKind::DuplicateRoute
            ]
        );
    }

    #[test]
    fn a_refused_tree_keeps_every_route_for_later_checks() {
        let mut problems = Problems::default();
        let files = ["a/[x].rs", "a/[y].rs", "b.rs"].map(|f| {
            let file = RouteFile {
                rel: f.to_owned(),
                path: PathBuf::from(f),
            };
            (file, parse_route(f).unwrap())
        });
        let tree = build("/api", files.into(), Vec::new(), &mut problems);
        let files: Vec<&str> = tree.routes.iter().map(|r| r.file.as_str()).collect();
        assert_eq!(files, ["a/[x].rs", "a/[y].rs", "b.rs"]);
        assert_eq!(problems.into_vec()[0].kind(), ErrorKind::DifferentSlugNames);
    }

    #[test]
    fn serve_modules_avoid_the_route_modules() {
        let tree = tree(&["a.rs", "route_a.rs", "b.rs"]).unwrap();
        let names: Vec<(&str, &str)> = tree
            .routes
            .iter()
            .map(|r| (r.module.as_str(), r.serve_module.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("a", "route_a2"),
                ("b", "route_b"),
                ("route_a", "route_route_a")
            ]
        );
    }

    #[test]
    fn names_are_unique_and_stable() {
        let tree = tree(&["post/[pid].rs", "post/pid.rs", "index.rs", "index/index.rs"]).unwrap();
        let names: Vec<(&str, &str, &str)> = tree
            .routes
            .iter()
            .map(|r| (r.file.as_str(), r.module.as_str(), r.variant.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("index.rs", "index", "Index"),
                ("index/index.rs", "index2", "Index2"),
                ("post/[pid].rs", "post_pid", "PostPid"),
                ("post/pid.rs", "post_pid2", "PostPid2"),
            ]
        );
    }

    /// The tree of `files` with `_middleware.rs` in each of `folders`.
    fn with_middleware(files: &[&str], folders: &[&str]) -> Tree {
        let mut files = files.to_vec();
        files.sort();
        let parsed = files
            .iter()
            .map(|f| {
                let file = RouteFile {
                    rel: f.to_string(),
                    path: PathBuf::from(f),
                };
                (file, parse_route(f).unwrap())
            })
            .collect();
        let mut middleware: Vec<RouteFile> = folders
            .iter()
            .map(|folder| {
                let rel = if folder.is_empty() {
                    MIDDLEWARE.to_owned()
                } else {
                    format!("{folder}/{MIDDLEWARE}")
                };
                RouteFile {
                    path: PathBuf::from(&rel),
                    rel,
                }
            })
            .collect();
        middleware.sort_by(|a, b| a.rel.cmp(&b.rel));
        let mut problems = Problems::default();
        let tree = build("/api", parsed, middleware, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        tree
    }

    #[test]
    fn middleware_covers_its_folder_and_below_outermost_first() {
        let tree = with_middleware(
            &[
                "index.rs",
                "admin.rs",
                "adminx.rs",
                "admin/settings.rs",
                "admin/users/[id].rs",
                "admin/users/[id]/posts.rs",
                "admin/users/index.rs",
                "docs/[...rest]/index.rs",
                "docs/other.rs",
                "Admin/index.rs",
            ],
            &["", "admin", "admin/users/[id]", "docs/[...rest]", "Admin/x"],
        );
        let chains: Vec<(&str, Vec<&str>)> = tree
            .routes
            .iter()
            .map(|r| {
                let chain = r.middleware.iter().map(String::as_str).collect();
                (r.file.as_str(), chain)
            })
            .collect();
        let root = "_middleware.rs";
        let admin = "admin/_middleware.rs";
        assert_eq!(
            chains,
            [
                ("Admin/index.rs", vec![root]),
                ("admin.rs", vec![root]),
                ("admin/settings.rs", vec![root, admin]),
                ("admin/users/[id].rs", vec![root, admin]),
                (
                    "admin/users/[id]/posts.rs",
                    vec![root, admin, "admin/users/[id]/_middleware.rs"]
                ),
                ("admin/users/index.rs", vec![root, admin]),
                ("adminx.rs", vec![root]),
                (
                    "docs/[...rest]/index.rs",
                    vec![root, "docs/[...rest]/_middleware.rs"]
                ),
                ("docs/other.rs", vec![root]),
                ("index.rs", vec![root]),
            ]
        );
    }

    #[test]
    fn middleware_modules_never_take_a_route_s_name() {
        let tree = with_middleware(
            &["middleware.rs", "admin/middleware.rs", "admin/index.rs"],
            &["", "admin", "[x]/a b"],
        );
        let modules: Vec<(&str, &str, &str)> = tree
            .middleware
            .iter()
            .map(|m| (m.file.as_str(), m.folder.as_str(), m.module.as_str()))
            .collect();
        assert_eq!(
            modules,
            [
                ("[x]/a b/_middleware.rs", "[x]/a b", "x_a_b_middleware"),
                ("_middleware.rs", "", "middleware2"),
                ("admin/_middleware.rs", "admin", "admin_middleware2"),
            ]
        );
        let routes: Vec<&str> = tree.routes.iter().map(|r| r.module.as_str()).collect();
        assert_eq!(routes, ["admin", "admin_middleware", "middleware"]);
    }

    #[test]
    fn an_optional_catch_all_keeps_its_root_name() {
        // `store/[[...gadgets]].rs` is also documented at `/api/store`, as
        // `store_gadgets_root_get`: no other module may be `store_gadgets_root`,
        // whichever file comes first.
        let tree = tree(&[
            "store/[[...gadgets]].rs",
            "store/gadgets_root.rs",
            "Store_gadgets_root.rs",
            "a-b/[[...x]].rs",
            "a_b/[[...x]].rs",
            "A_b_x2_root.rs",
        ])
        .unwrap();
        let names = file_modules(&tree);
        assert_eq!(
            names,
            [
                ("A_b_x2_root.rs", "a_b_x2_root"),
                ("Store_gadgets_root.rs", "store_gadgets_root2"),
                ("a-b/[[...x]].rs", "a_b_x"),
                // `a_b_x2_root` is taken, so `a_b_x2` cannot be this one's.
                ("a_b/[[...x]].rs", "a_b_x3"),
                ("store/[[...gadgets]].rs", "store_gadgets"),
                ("store/gadgets_root.rs", "store_gadgets_root3"),
            ]
        );
    }

    #[test]
    fn route_modules_avoid_the_generated_modules() {
        let tree = tree(&["href.rs", "href/index/index.rs", "__apigen.rs", "a/href.rs"]).unwrap();
        let names = file_modules(&tree);
        assert_eq!(
            names,
            [
                ("__apigen.rs", "apigen"),
                ("a/href.rs", "a_href"),
                ("href.rs", "href2"),
                ("href/index/index.rs", "href_index"),
            ]
        );
    }
    #[test]
    fn empty_prefix_serves_from_the_root() {
        let tree = built("", &["index.rs", "a.rs"]).unwrap();
        let pattern = |file: &str| {
            let route = tree.routes.iter().find(|r| r.file == file).unwrap();
            route.pattern.as_str()
        };
        assert_eq!(pattern("index.rs"), "/");
        assert_eq!(pattern("a.rs"), "/a");
    }
}
