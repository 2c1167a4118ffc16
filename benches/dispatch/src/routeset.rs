//! The route sets the benchmarks run on, as api-dir files.
//!
//! Shared by the build script (which writes the trees and generates the
//! matchers), the library, the benchmarks and the compile-time harness, so
//! every one of them sees the same routes. Only `std`.

/// The api file for a matchit pattern: `/repos/{p1}/{p2}/events` →
/// `repos/[p1]/[p2]/events.rs`. A trailing slash has no file of its own in
/// file routing: `/repos/{p1}/{p2}/milestones/` is `milestones.rs` (apigen
/// answers the slash form with a 308 to it).
pub fn github_file(route: &str) -> String {
    let trimmed = route.trim_start_matches('/').trim_end_matches('/');
    let parts: Vec<String> = trimmed
        .split('/')
        .map(
            |part| match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                Some(name) => format!("[{name}]"),
                None => part.to_owned(),
            },
        )
        .collect();
    if trimmed.is_empty() {
        "index.rs".to_owned()
    } else {
        format!("{}.rs", parts.join("/"))
    }
}

/// The apigen pattern of a matchit pattern (prefix `""`): `/repos/[p1]/events`.
pub fn github_pattern(route: &str) -> String {
    let file = github_file(route);
    let path = file.trim_end_matches(".rs").trim_end_matches("index");
    format!("/{}", path.trim_end_matches('/'))
}

/// A synthetic API of exactly `n` routes, shaped like a REST API that grows
/// in both directions: `f` top-level resources, each with a list route, an
/// item route `[id]`, and `f` sub-resources below the item (`[id]/v`) each
/// with its own item route (`[id]/v/[sub]`), where `f ≈ √(n/2)`. Names are
/// distinct made-up words of 3 to 12 letters. Returns the files, in
/// generation order.
pub fn synthetic_files(n: usize) -> Vec<String> {
    let f = ((n as f64 / 2.0).sqrt().ceil() as usize).max(1);
    let words = words(2 * f + 2);
    let (top, sub) = words.split_at(f + 1);
    let mut files = Vec::with_capacity(n);
    'outer: for a in top {
        let mut push = |file: String| {
            files.push(file);
            files.len() == n
        };
        if push(format!("{a}.rs")) || push(format!("{a}/[id].rs")) {
            break 'outer;
        }
        for v in sub {
            if push(format!("{a}/[id]/{v}.rs")) || push(format!("{a}/[id]/{v}/[sub].rs")) {
                break 'outer;
            }
        }
    }
    files
}

/// A request path for a synthetic route file, with param values filled in.
pub fn synthetic_path(file: &str) -> String {
    let path = file.trim_end_matches(".rs");
    let path = path.replace("[id]", "8d1c0e2a").replace("[sub]", "42");
    format!("/{path}")
}

/// `count` distinct pronounceable words, deterministic.
fn words(count: usize) -> Vec<String> {
    const CONSONANTS: &[u8] = b"bcdfghjklmnprstvwz";
    const VOWELS: &[u8] = b"aeiou";
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::with_capacity(count);
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        // xorshift64*: any fixed generator does, the words only need to vary.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    };
    while out.len() < count {
        let syllables = 2 + (next() % 4) as usize;
        let mut word = String::new();
        for _ in 0..syllables {
            word.push(CONSONANTS[(next() % CONSONANTS.len() as u64) as usize] as char);
            word.push(VOWELS[(next() % VOWELS.len() as u64) as usize] as char);
        }
        if next() % 3 == 0 {
            word.push(CONSONANTS[(next() % CONSONANTS.len() as u64) as usize] as char);
        }
        if seen.insert(word.clone()) {
            out.push(word);
        }
    }
    out
}

/// The matchit pattern of a synthetic route file: `a/[id]/v.rs` → `/a/{id}/v`.
pub fn synthetic_matchit(file: &str) -> String {
    let path = file.trim_end_matches(".rs");
    format!("/{}", path.replace('[', "{").replace(']', "}"))
}

/// The axum (matchit) patterns that serve what a route file serves, prefix
/// included: `post/[pid].rs` → `/api/post/{pid}`, `[...slug]` → `{*slug}`,
/// and an optional catch-all two patterns, without and with it:
/// `shop/[[...all]].rs` → `/api/shop`, `/api/shop/{*all}`.
pub fn file_matchit(prefix: &str, file: &str) -> Vec<String> {
    let stem = file.trim_end_matches(".rs");
    let stem = match stem {
        "index" => "",
        _ => stem.strip_suffix("/index").unwrap_or(stem),
    };
    let mut base = prefix.to_owned();
    for part in stem.split('/').filter(|p| !p.is_empty()) {
        if let Some(name) = part
            .strip_prefix("[[...")
            .and_then(|p| p.strip_suffix("]]"))
        {
            let without = if base.is_empty() {
                "/".to_owned()
            } else {
                base.clone()
            };
            return vec![without, format!("{base}/{{*{name}}}")];
        }
        base.push('/');
        match part.strip_prefix("[...").and_then(|p| p.strip_suffix(']')) {
            Some(name) => base.push_str(&format!("{{*{name}}}")),
            None => base.push_str(&part.replace('[', "{").replace(']', "}")),
        }
    }
    if base.is_empty() {
        base.push('/');
    }
    vec![base]
}

/// The source of a hand-written `axum::Router`, the rival of the generated
/// one: each `(matchit patterns, handler file)` a module including the
/// file, routed by one `router.route(pattern, get(..::get))` per pattern.
pub fn axum_router_source(routes: &[(Vec<String>, std::path::PathBuf)]) -> String {
    let mut modules = String::new();
    let mut calls = String::new();
    for (i, (patterns, file)) in routes.iter().enumerate() {
        modules.push_str(&format!(
            "mod h{i} {{\n    include!({:?});\n}}\n",
            file.display()
        ));
        for pattern in patterns {
            calls.push_str(&format!(
                "    router = router.route({pattern:?}, ::axum::routing::get(h{i}::get));\n"
            ));
        }
    }
    format!(
        "{modules}\n/// Every route, each served by its own handler file.\n\
         pub fn router() -> ::axum::Router {{\n    let mut router = ::axum::Router::new();\n{calls}    router\n}}\n"
    )
}

/// `count` request paths spread evenly over the routes of a synthetic set.
pub fn synthetic_sample(files: &[String], count: usize) -> Vec<String> {
    let count = count.min(files.len());
    (0..count)
        .map(|i| synthetic_path(&files[i * files.len() / count]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::file_matchit;

    #[test]
    fn file_patterns_for_axum() {
        assert_eq!(file_matchit("/api", "index.rs"), ["/api"]);
        assert_eq!(file_matchit("", "index.rs"), ["/"]);
        assert_eq!(file_matchit("/api", "myindex.rs"), ["/api/myindex"]);
        assert_eq!(
            file_matchit("/api", "links/[id]/index.rs"),
            ["/api/links/{id}"]
        );
        assert_eq!(
            file_matchit("/api", "auth/[...nextauth].rs"),
            ["/api/auth/{*nextauth}"]
        );
        assert_eq!(
            file_matchit("/api", "webhooks/services/[...path]/index.rs"),
            ["/api/webhooks/services/{*path}"]
        );
        assert_eq!(
            file_matchit("/api", "file/tus/[[...file]].rs"),
            ["/api/file/tus", "/api/file/tus/{*file}"]
        );
        assert_eq!(file_matchit("", "[[...all]].rs"), ["/", "/{*all}"]);
    }
}
