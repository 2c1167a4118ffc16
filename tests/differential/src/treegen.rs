//! Random valid api trees, from a seed.
//!
//! Compiled twice: by `build.rs` (through `#[path]`), which renders each tree
//! with apigen, and by the library, whose tests check the generator itself.
//! It has no dependencies, so the same seed gives the same trees everywhere.
//!
//! A tree is grown as a trie of levels, each with an optional route ending
//! there, static children, a `[x]` child, and a `[...x]` or `[[...x]]` leaf,
//! then written out as files. Valid by construction: param names are unique
//! along every path (each carries its level), one name per level and kind,
//! no optional catch-all beside a route at its parent, no two static names
//! that a request spells the same.

/// A small, fast, seeded generator (SplitMix64): the same numbers on every
/// machine and Rust version.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for this seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// `true` with probability `percent / 100`.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A generated tree and how it is rendered.
#[derive(Clone, Debug)]
pub struct TreeSpec {
    /// Route files, relative to the api dir.
    pub files: Vec<String>,
    /// The `Builder::prefix`.
    pub prefix: String,
    /// The trailing-slash policy: `Redirect`, `Ignore` or `Strict`.
    pub slash: &'static str,
}

/// Static names: short plain ones that collide often (so paths drawn from
/// one route wander into its siblings), and names that need encoding or
/// look like escapes, dots or file names.
pub const STATIC_NAMES: &[&str] = &[
    "a",
    "b",
    "c",
    "a",
    "b",
    "index",
    "api",
    "post",
    "create",
    "_x",
    ".well-known",
    "...",
    "a b",
    "café",
    "100%25",
    "%2F",
    "%41",
    "a?b",
    "x.rs",
    "Ab",
    "日本",
    "a+b",
    "~",
    "%2e%2e%2e",
    "..a",
];

/// Bases of `[x]` names; the level is appended so names never repeat along
/// a path. `type` (a keyword, bound as `r#type`) is used at level 0 only.
const DYNAMIC_NAMES: &[&str] = &["p", "id", "post-id", "postId", "x_y", "type"];

/// Bases of catch-all names.
const CATCH_ALL_NAMES: &[&str] = &["rest", "slug", "all-of-it", "pathParts"];

#[derive(Default)]
struct Level {
    route: bool,
    statics: Vec<(String, Level)>,
    dynamic: Option<(String, Box<Level>)>,
    catch_all: Option<String>,
    optional: Option<String>,
}

/// The `index`-th tree of a seed: depth up to 8, up to about 40 files.
pub fn tree(seed: u64, index: u64) -> TreeSpec {
    let mut rng = Rng::new(seed ^ index.wrapping_mul(0xA24B_AED4_963E_E407));
    let max_depth = 1 + rng.below(8);
    let mut budget = 4 + rng.below(40);
    let root = level(&mut rng, 0, max_depth, &mut budget);
    let mut files = Vec::new();
    write_files(&root, &mut Vec::new(), &mut rng, &mut files);
    if files.is_empty() {
        files.push("index.rs".to_owned());
    }
    files.sort();
    let prefix = match rng.below(10) {
        0..=5 => "/api",
        6..=8 => "",
        _ => "/v1/api",
    };
    let slash = match rng.below(10) {
        0..=5 => "Redirect",
        6 | 7 => "Ignore",
        _ => "Strict",
    };
    TreeSpec {
        files,
        prefix: prefix.to_owned(),
        slash,
    }
}

fn level(rng: &mut Rng, depth: usize, max_depth: usize, budget: &mut usize) -> Level {
    let mut node = Level {
        route: rng.chance(45) && take(budget),
        ..Level::default()
    };
    if depth >= max_depth {
        return node;
    }
    let statics = match rng.below(10) {
        0..=2 => 0,
        3..=6 => 1,
        7 | 8 => 2,
        _ => 3,
    };
    let mut keys: Vec<String> = Vec::new();
    for _ in 0..statics {
        if *budget == 0 {
            break;
        }
        let name = if rng.chance(85) {
            rng.pick(STATIC_NAMES).to_string()
        } else {
            random_name(rng)
        };
        let key = encode(&name);
        if keys.contains(&key) || !usable_static(&name) {
            continue;
        }
        keys.push(key);
        let child = level(rng, depth + 1, max_depth, budget);
        node.statics.push((name, child));
    }
    if *budget > 0 && rng.chance(45) {
        let base = *rng.pick(DYNAMIC_NAMES);
        let name = if base == "type" && depth == 0 {
            "type".to_owned()
        } else if base == "type" {
            format!("p{depth}")
        } else {
            format!("{base}{depth}")
        };
        let child = level(rng, depth + 1, max_depth, budget);
        node.dynamic = Some((name, Box::new(child)));
    }
    let name = format!("{}{depth}", rng.pick(CATCH_ALL_NAMES));
    match rng.below(10) {
        0..=2 if take(budget) => node.catch_all = Some(name),
        3 | 4 if !node.route && take(budget) => node.optional = Some(name),
        _ => {}
    }
    node
}

fn take(budget: &mut usize) -> bool {
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    true
}

/// A short name from an alphabet with spaces, escapes-in-waiting and
/// non-ASCII letters.
fn random_name(rng: &mut Rng) -> String {
    const ALPHABET: &[char] = &[
        'a', 'b', 'Z', ' ', 'é', '%', '.', '-', '~', '!', '$', '\'', 'ß', '😀',
    ];
    let len = 1 + rng.below(4);
    (0..len).map(|_| *rng.pick(ALPHABET)).collect()
}

/// Whether apigen accepts the name as a static segment (and the file
/// system as a name): not empty, no `/`, `\` or brackets, not a dot
/// segment, every `%` starting an escape (a lone one is unreachable).
pub fn usable_static(name: &str) -> bool {
    let dots = name.to_ascii_lowercase().replace("%2e", ".");
    let escapes = name.match_indices('%').all(|(i, _)| {
        name.as_bytes()
            .get(i + 1..i + 3)
            .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    !name.is_empty()
        && !name.contains(['/', '\\', '[', ']', '\0'])
        && dots != "."
        && dots != ".."
        && escapes
}

/// How a browser spells the name in a request path.
fn encode(name: &str) -> String {
    let mut out = String::new();
    for byte in name.bytes() {
        if byte.is_ascii_graphic() && !b"\"#<>?`{}".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Writes the trie out as files: a route ending at a level is `name.rs` or
/// `name/index.rs` (always the latter for a static `index`, whose `.rs`
/// form would be its parent's index).
fn write_files(node: &Level, path: &mut Vec<String>, rng: &mut Rng, out: &mut Vec<String>) {
    if node.route {
        out.push(route_file(path, rng));
    }
    for (name, child) in &node.statics {
        path.push(name.clone());
        write_files(child, path, rng, out);
        path.pop();
    }
    if let Some((name, child)) = &node.dynamic {
        path.push(format!("[{name}]"));
        write_files(child, path, rng, out);
        path.pop();
    }
    for (name, optional) in [(&node.catch_all, false), (&node.optional, true)] {
        if let Some(name) = name {
            path.push(if optional {
                format!("[[...{name}]]")
            } else {
                format!("[...{name}]")
            });
            out.push(route_file(path, rng));
            path.pop();
        }
    }
}

fn route_file(path: &[String], rng: &mut Rng) -> String {
    match path.last() {
        None => "index.rs".to_owned(),
        Some(last) if last == "index" || rng.chance(30) => format!("{}/index.rs", path.join("/")),
        Some(_) => format!("{}.rs", path.join("/")),
    }
}
