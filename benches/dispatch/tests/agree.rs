//! The benchmark compares like with like: on matchit's GitHub routes the
//! generated matcher gives the same answer as matchit (route and params), on
//! the 130 benchmark paths and on thousands of mutated ones, and the
//! generated router answers the same as the axum router.

use apigen_bench_dispatch::github::{Param, Route};
use apigen_bench_dispatch::{
    axum_github, data, github_axum, github_axum_middleware, github_long_paths, matchit_github,
    routeset,
};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use tower::ServiceExt;

type Answer = Option<(String, Vec<(String, String)>)>;

fn apigen(path: &str) -> Answer {
    Route::recognize(path).map(|route| {
        let params = route
            .params()
            .into_iter()
            .map(|(name, value)| match value {
                Param::One(value) => (name.to_owned(), value.to_owned()),
                Param::Many(_) => unreachable!("the GitHub routes have no catch-all"),
            })
            .collect();
        (route.pattern().to_owned(), params)
    })
}

/// matchit's answer, in apigen's terms: the route's apigen pattern.
fn matchit(router: &matchit::Router<usize>, path: &str) -> Answer {
    let found = router.at(path).ok()?;
    let params = found
        .params
        .iter()
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect();
    let route = data::GITHUB_ROUTES[*found.value];
    Some((routeset::github_pattern(route), params))
}

/// Where the two are meant to differ: the trailing-slash route
/// `/repos/{p1}/{p2}/milestones/` is the file `milestones.rs`, so apigen
/// serves it without the slash (and answers the slash form with a 308:
/// `recognize` finds nothing); and apigen never binds an empty or dot
/// segment or one with `\` to a param.
fn expected(router: &matchit::Router<usize>, path: &str) -> Answer {
    if path.ends_with('/') {
        return None;
    }
    let answer = matchit(router, path).or_else(|| {
        let slashed = matchit(router, &format!("{path}/"))?;
        slashed.0.ends_with("milestones").then_some(slashed)
    })?;
    let bindable = |v: &str| {
        !v.is_empty()
            && !v.contains('\\')
            && !matches!(
                v.to_ascii_lowercase().as_str(),
                "." | ".." | "%2e" | "%2e." | ".%2e" | "%2e%2e"
            )
    };
    // No GitHub route has a catch-all to fall back on.
    answer.1.iter().all(|(_, v)| bindable(v)).then_some(answer)
}

#[test]
fn the_benchmark_paths_agree_with_matchit() {
    let router = matchit_github();
    let mut slash = 0;
    for path in data::GITHUB_PATHS {
        let answer = apigen(path);
        assert_eq!(answer, expected(&router, path), "{path}");
        match answer {
            Some((pattern, params)) => {
                assert_eq!(matchit(&router, path), Some((pattern, params)), "{path}")
            }
            None => slash += 1,
        }
    }
    assert_eq!(slash, 1, "only the trailing-slash route has no file");
}

#[test]
fn long_params_agree_with_matchit() {
    let router = matchit_github();
    for path in github_long_paths() {
        assert_eq!(apigen(&path), expected(&router, &path), "{path}");
    }
}

/// Each path, changed one segment at a time in every way that matters to a
/// router: dropped, doubled, emptied, replaced by a word or a dot segment,
/// a byte added, removed or changed, case flipped, and extra segments.
fn mutations(path: &str) -> Vec<String> {
    let segments: Vec<&str> = path[1..].split('/').collect();
    let join = |parts: &[String]| format!("/{}", parts.join("/"));
    let owned: Vec<String> = segments.iter().map(|s| s.to_string()).collect();
    let mut out = vec![
        format!("{path}/"),
        format!("{path}/x"),
        format!("{path}//"),
        format!("/{path}"),
        path.to_uppercase(),
        path.replace('/', "\\"),
    ];
    for i in 0..owned.len() {
        let mut without = owned.clone();
        without.remove(i);
        out.push(join(&without));
        let mut doubled = owned.clone();
        doubled.insert(i, owned[i].clone());
        out.push(join(&doubled));
        let s = &owned[i];
        let mut replacements: Vec<String> = vec![
            String::new(),
            "x".into(),
            ".".into(),
            "..".into(),
            "%2e".into(),
            "%2E%2e".into(),
            "a\\b".into(),
            format!("{s}x"),
            format!("x{s}"),
            s.to_uppercase(),
            // Another route's segment at this position.
            "repos".into(),
            "events".into(),
            "p1".into(),
        ];
        if let Some(last) = s.len().checked_sub(1) {
            replacements.push(s[1..].to_owned());
            replacements.push(s[..last].to_owned());
            replacements.push(format!("{}_", &s[..last]));
        }
        for replacement in replacements {
            let mut changed = owned.clone();
            changed[i] = replacement;
            out.push(join(&changed));
        }
    }
    out
}

#[test]
fn mutated_paths_agree_with_matchit() {
    let router = matchit_github();
    let mut found = 0;
    let mut total = 0;
    for path in data::GITHUB_PATHS {
        for mutated in mutations(path) {
            let answer = apigen(&mutated);
            assert_eq!(
                answer,
                expected(&router, &mutated),
                "{mutated} (from {path})"
            );
            found += usize::from(answer.is_some());
            total += 1;
        }
    }
    // Both kinds are well represented: the mutations reach other routes too.
    assert!(total > 8_000, "{total}");
    assert!(found > 1_000 && found < total - 1_000, "{found} of {total}");
}

#[tokio::test]
async fn the_generated_router_answers_as_the_axum_router() {
    let generated = github_axum::router();
    let rival = axum_github();
    for path in data::GITHUB_PATHS {
        let ours = send(generated.clone(), path).await;
        let theirs = send(rival.clone(), path).await;
        if path.ends_with('/') {
            assert_eq!(ours.0, StatusCode::PERMANENT_REDIRECT, "{path}");
            assert_eq!(theirs.0, StatusCode::OK, "{path}");
        } else {
            assert_eq!(ours, theirs, "{path}");
            assert_eq!(ours.0, StatusCode::OK, "{path}");
        }
    }
}

/// The benchmark's handlers bind no param, so every route only checks its
/// params (only when the path has a `%`), with and without folder
/// middleware: an escape that decodes is served, one that does not is a 400
/// naming the first such param.
#[tokio::test]
async fn params_no_handler_binds_are_checked() {
    for (name, router) in [
        ("router", github_axum::router()),
        ("middleware", github_axum_middleware::router()),
    ] {
        let mut checked = 0;
        for (route, path) in data::GITHUB_ROUTES.iter().zip(data::GITHUB_PATHS) {
            let pattern = routeset::github_pattern(route);
            let params = route.matches('{').count();
            // (A trailing slash is a 308 here: see above.)
            if params == 0 || route.ends_with('/') {
                continue;
            }
            // The benchmark path with its values `p1`.. replaced, as in
            // `github_long_paths`.
            let path = |value: &dyn Fn(usize) -> &'static str| {
                (1..=params).fold(path.to_string(), |path, n| {
                    path.replace(&format!("p{n}"), value(n))
                })
            };
            let served = path(&|_| "a%20b");
            assert_eq!(
                send(router.clone(), &served).await,
                (StatusCode::OK, pattern.clone()),
                "{name} {served}"
            );
            // The last param bad, then also the first: the first bad one is named.
            let last = path(&|n| if n == params { "%E0" } else { "x" });
            let both = path(&|n| if n == 1 || n == params { "%zz" } else { "x" });
            for (bad, named) in [(last, params), (both, 1)] {
                let (status, body) = send(router.clone(), &bad).await;
                assert_eq!(status, StatusCode::BAD_REQUEST, "{name} {bad}");
                assert!(
                    body.contains(&format!("`p{named}`")),
                    "{name} {bad}: {body}"
                );
            }
            checked += 1;
        }
        assert!(checked > 100, "{name}: {checked}");
    }
}

async fn send(router: axum::Router, path: &str) -> (StatusCode, String) {
    let request = Request::get(path).body(Body::empty()).unwrap();
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap())
}
