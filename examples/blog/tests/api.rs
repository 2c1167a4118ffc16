//! The blog over real HTTP: `blog::app` served on a loopback port, each
//! request sent on its own TCP connection.

use apigen_test_client as client;

use std::net::SocketAddr;

use blog::{AppState, Comment, Post, app, seed_comments};
use client::{Answer, get, send, send_expecting_continue, send_json};
use serde_json::{Value, json};
use tokio::net::TcpListener;

/// A fresh server (its own state) on a free loopback port.
async fn serve() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState::new(seed_comments().unwrap()).with_admin_token(ADMIN_TOKEN);
    tokio::spawn(async move { axum::serve(listener, app(state)).await.unwrap() });
    addr
}

/// The token the test servers open `/api/admin` to.
const ADMIN_TOKEN: &str = "s3cret";

#[track_caller]
fn assert_status(answer: &Answer, status: u16) {
    assert_eq!(answer.status, status, "{answer:?}");
}

/// The `{"error": ...}` body of an error answer.
#[track_caller]
fn error_text(answer: &Answer) -> String {
    match &answer.json()["error"] {
        Value::String(text) => text.clone(),
        other => panic!("no error text ({other}): {answer:?}"),
    }
}

async fn create(addr: SocketAddr, title: &str, body: &str) -> Post {
    let answer = send_json(
        addr,
        "POST",
        "/api/post/create",
        &json!({ "title": title, "body": body }),
    )
    .await;
    assert_status(&answer, 201);
    serde_json::from_str(&answer.body).unwrap()
}

#[tokio::test]
async fn hello_answers_json() {
    let addr = serve().await;
    let answer = get(addr, "/api/hello").await;
    assert_status(&answer, 200);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert_eq!(answer.body, r#"{"text":"Hello"}"#);
}

#[tokio::test]
async fn create_stores_the_post_and_answers_201() {
    let addr = serve().await;
    let answer = send_json(
        addr,
        "POST",
        "/api/post/create",
        &json!({ "title": "First", "body": "Hello, world" }),
    )
    .await;
    assert_status(&answer, 201);
    assert_eq!(answer.header("location"), Some("/api/posts/1"));
    assert_eq!(
        answer.json(),
        json!({ "id": 1, "title": "First", "body": "Hello, world" })
    );

    let second = create(addr, "Second", "More").await;
    assert_eq!(second.id, 2);
    let stored = get(addr, "/api/posts/2").await;
    assert_status(&stored, 200);
    assert_eq!(serde_json::from_str::<Post>(&stored.body).unwrap(), second);
}

#[tokio::test]
async fn create_refuses_bad_input_without_storing_it() {
    let addr = serve().await;
    let json_type = [("Content-Type", "application/json")];

    let broken = send(addr, "POST", "/api/post/create", &json_type, b"{\"title\":").await;
    assert_status(&broken, 400);
    assert!(!error_text(&broken).is_empty());

    let missing = send_json(addr, "POST", "/api/post/create", &json!({ "title": "t" })).await;
    assert_status(&missing, 422);
    assert!(error_text(&missing).contains("body"), "{missing:?}");

    let blank = send_json(
        addr,
        "POST",
        "/api/post/create",
        &json!({ "title": "  ", "body": "b" }),
    )
    .await;
    assert_status(&blank, 422);
    assert_eq!(error_text(&blank), "`title` must not be empty");

    let not_json = send(addr, "POST", "/api/post/create", &[], b"title=t&body=b").await;
    assert_status(&not_json, 415);

    let list = get(addr, "/api/posts").await;
    assert_eq!(list.json()["total"], 0);
}

#[tokio::test]
async fn a_body_over_one_mib_gets_413_and_one_at_the_limit_is_stored() {
    const LIMIT: usize = 1024 * 1024;
    let addr = serve().await;
    let json_type = [("Content-Type", "application/json")];
    // A valid post of exactly `len` bytes.
    let post_of = |len: usize| {
        let frame = r#"{"title":"big","body":""}"#.len();
        format!(r#"{{"title":"big","body":"{}"}}"#, "a".repeat(len - frame))
    };

    let over = post_of(LIMIT + 1);
    assert_eq!(over.len(), LIMIT + 1);
    let answer = send_expecting_continue(
        addr,
        "POST",
        "/api/post/create",
        &json_type,
        over.as_bytes(),
    )
    .await;
    assert_status(&answer, 413);
    assert!(answer.body.contains("1048576"), "{answer:?}");

    let at_limit = post_of(LIMIT);
    let answer = send_expecting_continue(
        addr,
        "POST",
        "/api/post/create",
        &json_type,
        at_limit.as_bytes(),
    )
    .await;
    assert_status(&answer, 201);
    let stored: Post = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(
        stored.body.len(),
        LIMIT - r#"{"title":"big","body":""}"#.len()
    );
}

#[tokio::test]
async fn post_pid_echoes_the_decoded_segment() {
    let addr = serve().await;
    let answer = get(addr, "/api/post/abc").await;
    assert_status(&answer, 200);
    assert_eq!(answer.body, "Post: abc");

    let answer = get(addr, "/api/post/a%20b").await;
    assert_status(&answer, 200);
    assert_eq!(answer.body, "Post: a b");
}

#[tokio::test]
async fn post_slug_joins_the_segments() {
    let addr = serve().await;
    let answer = get(addr, "/api/post/a/b/c").await;
    assert_status(&answer, 200);
    assert_eq!(answer.body, "Post: a, b, c");

    let answer = get(addr, "/api/post/x/y%2Fz").await;
    assert_eq!(answer.body, "Post: x, y/z");
}

#[tokio::test]
async fn post_create_is_static_and_wins_over_pid() {
    let addr = serve().await;
    let answer = get(addr, "/api/post/create").await;
    assert_status(&answer, 405);
    assert_eq!(answer.header("allow"), Some("POST, OPTIONS"));
}

#[tokio::test]
async fn posts_are_listed_by_page() {
    let addr = serve().await;
    for n in 1..=5 {
        create(addr, &format!("title {n}"), &format!("body {n}")).await;
    }
    let ids = |answer: &Answer| -> Vec<u64> {
        let page: blog::PostPage = serde_json::from_str(&answer.body).unwrap();
        page.posts.iter().map(|p| p.id).collect()
    };

    let all = get(addr, "/api/posts").await;
    assert_status(&all, 200);
    assert_eq!(ids(&all), [1, 2, 3, 4, 5]);
    assert_eq!(all.json()["page"], 1);
    assert_eq!(all.json()["limit"], 10);
    assert_eq!(all.json()["total"], 5);
    assert_eq!(
        all.json()["posts"][2],
        json!({ "id": 3, "title": "title 3", "body": "body 3" })
    );

    let second = get(addr, "/api/posts?page=2&limit=2").await;
    assert_status(&second, 200);
    assert_eq!(ids(&second), [3, 4]);
    assert_eq!(second.json()["page"], 2);
    assert_eq!(second.json()["total"], 5);
    assert_eq!(ids(&get(addr, "/api/posts?page=3&limit=2").await), [5]);
    assert_eq!(ids(&get(addr, "/api/posts?limit=1&page=4").await), [4]);

    let past_the_end = get(addr, "/api/posts?page=4&limit=2").await;
    assert_status(&past_the_end, 200);
    assert_eq!(ids(&past_the_end), [] as [u64; 0]);
    assert_eq!(past_the_end.json()["total"], 5);
}

#[tokio::test]
async fn bad_pagination_gets_400() {
    let addr = serve().await;
    for query in [
        "page=0",
        "limit=0",
        "limit=101",
        "page=abc",
        "limit=-1",
        "page=1.5",
        "page=99999999999999999999999",
    ] {
        let answer = get(addr, &format!("/api/posts?{query}")).await;
        assert_status(&answer, 400);
        assert!(!error_text(&answer).is_empty(), "{query}: {answer:?}");
    }
    assert_eq!(
        error_text(&get(addr, "/api/posts?limit=101").await),
        "`limit` must be between 1 and 100"
    );
    assert_status(&get(addr, "/api/posts?limit=100&page=7").await, 200);
}

#[tokio::test]
async fn one_post_or_404() {
    let addr = serve().await;
    let created = create(addr, "Only", "one").await;

    let answer = get(addr, &format!("/api/posts/{}", created.id)).await;
    assert_status(&answer, 200);
    assert_eq!(serde_json::from_str::<Post>(&answer.body).unwrap(), created);

    let unknown = get(addr, "/api/posts/42").await;
    assert_status(&unknown, 404);
    assert_eq!(error_text(&unknown), "no post with id 42");

    // Not a number: apigen's 400, naming the param.
    let bad = get(addr, "/api/posts/abc").await;
    assert_status(&bad, 400);
    assert!(bad.body.contains("`postId`"), "{bad:?}");
}

#[tokio::test]
async fn authors_answer_four_methods_and_405_the_rest() {
    let addr = serve().await;
    for (method, done) in [
        ("GET", "fetched"),
        ("POST", "sent"),
        ("PUT", "updated"),
        ("DELETE", "deleted"),
    ] {
        let answer = send(addr, method, "/api/authors/7", &[], b"").await;
        assert_status(&answer, 200);
        assert_eq!(
            answer.json(),
            json!({ "id": "7", "message": format!("Author data {done} successfully") }),
            "{method}"
        );
    }

    let patch = send(addr, "PATCH", "/api/authors/7", &[], b"").await;
    assert_status(&patch, 405);
    assert_eq!(
        patch.header("allow"),
        Some("GET, HEAD, POST, PUT, DELETE, OPTIONS")
    );
}

#[tokio::test]
async fn head_is_get_without_a_body() {
    let addr = serve().await;
    let answer = send(addr, "HEAD", "/api/authors/7", &[], b"").await;
    assert_status(&answer, 200);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert_eq!(answer.body, "");

    let answer = send(addr, "HEAD", "/api/hello", &[], b"").await;
    assert_status(&answer, 200);
    assert_eq!(answer.body, "");
}

#[tokio::test]
async fn plain_options_gets_204_with_allow() {
    let addr = serve().await;
    let answer = send(addr, "OPTIONS", "/api/authors/7", &[], b"").await;
    assert_status(&answer, 204);
    assert_eq!(
        answer.header("allow"),
        Some("GET, HEAD, POST, PUT, DELETE, OPTIONS")
    );
    assert_eq!(answer.body, "");

    let answer = send(addr, "OPTIONS", "/api/post/create", &[], b"").await;
    assert_status(&answer, 204);
    assert_eq!(answer.header("allow"), Some("POST, OPTIONS"));
}

#[tokio::test]
async fn a_cors_preflight_gets_cors_headers() {
    let addr = serve().await;
    let preflight = [
        ("Origin", "http://app.example"),
        ("Access-Control-Request-Method", "POST"),
        ("Access-Control-Request-Headers", "content-type"),
    ];
    let answer = send(addr, "OPTIONS", "/api/post/create", &preflight, b"").await;
    assert_status(&answer, 200);
    assert_eq!(answer.header("access-control-allow-origin"), Some("*"));
    let methods = answer.header("access-control-allow-methods").unwrap_or("");
    for method in ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] {
        assert!(methods.split(',').any(|m| m.trim() == method), "{answer:?}");
    }
    let headers = answer.header("access-control-allow-headers").unwrap_or("");
    assert!(
        headers
            .split(',')
            .any(|h| h.trim().eq_ignore_ascii_case("content-type")),
        "{answer:?}"
    );
}

#[tokio::test]
async fn normal_answers_carry_cors_headers() {
    let addr = serve().await;
    let origin = [("Origin", "http://app.example")];
    let answer = send(addr, "GET", "/api/hello", &origin, b"").await;
    assert_status(&answer, 200);
    assert_eq!(answer.header("access-control-allow-origin"), Some("*"));

    let answer = send(addr, "GET", "/api/nothing", &origin, b"").await;
    assert_status(&answer, 404);
    assert_eq!(answer.header("access-control-allow-origin"), Some("*"));
}

#[tokio::test]
async fn store_lists_the_gadgets_in_the_path() {
    let addr = serve().await;
    let answer = get(addr, "/api/store").await;
    assert_status(&answer, 200);
    assert_eq!(answer.json(), json!({ "gadgets": [] }));

    let answer = get(addr, "/api/store/phones").await;
    assert_eq!(answer.json(), json!({ "gadgets": ["phones"] }));

    let answer = get(addr, "/api/store/phones/apple/iphone%2015").await;
    assert_status(&answer, 200);
    assert_eq!(
        answer.json(),
        json!({ "gadgets": ["phones", "apple", "iphone 15"] })
    );

    let post = send(addr, "POST", "/api/store/phones", &[], b"").await;
    assert_status(&post, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD, OPTIONS"));
}

#[tokio::test]
async fn comments_start_from_the_shipped_file() {
    let addr = serve().await;
    let answer = get(addr, "/api/comments").await;
    assert_status(&answer, 200);
    let shipped: Value = serde_json::from_str(blog::SEED_COMMENTS).unwrap();
    assert_eq!(answer.json(), shipped);
    assert_eq!(answer.json().as_array().map(Vec::len), Some(3));

    let one = get(addr, "/api/comments/2").await;
    assert_status(&one, 200);
    assert_eq!(one.json(), shipped[1]);

    let unknown = get(addr, "/api/comments/99").await;
    assert_status(&unknown, 404);
    assert_eq!(error_text(&unknown), "no comment with id 99");

    assert_status(&get(addr, "/api/comments/two").await, 400);
}

#[tokio::test]
async fn comments_are_added_and_deleted() {
    let addr = serve().await;
    let added = send_json(addr, "POST", "/api/comments", &json!({ "text": "Fourth" })).await;
    assert_status(&added, 201);
    let added: Comment = serde_json::from_str(&added.body).unwrap();
    assert_eq!(added.id, 4);
    assert_eq!(added.text, "Fourth");

    let deleted = send(addr, "DELETE", "/api/comments/2", &[], b"").await;
    assert_status(&deleted, 200);
    assert_eq!(
        deleted.json(),
        json!({ "id": 2, "text": "This is the second comment" })
    );
    assert_status(&get(addr, "/api/comments/2").await, 404);
    assert_status(
        &send(addr, "DELETE", "/api/comments/2", &[], b"").await,
        404,
    );

    let ids: Vec<u64> =
        serde_json::from_str::<Vec<Comment>>(&get(addr, "/api/comments").await.body)
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect();
    assert_eq!(ids, [1, 3, 4]);

    let empty = send_json(addr, "POST", "/api/comments", &json!({ "text": "" })).await;
    assert_status(&empty, 422);
}

#[tokio::test]
async fn a_trailing_slash_redirects_with_308() {
    let addr = serve().await;
    let answer = get(addr, "/api/hello/").await;
    assert_status(&answer, 308);
    assert_eq!(answer.header("location"), Some("/api/hello"));

    let answer = get(addr, "/api/posts/?page=2&limit=5").await;
    assert_status(&answer, 308);
    assert_eq!(answer.header("location"), Some("/api/posts?page=2&limit=5"));
}

#[tokio::test]
async fn unknown_paths_get_404() {
    let addr = serve().await;
    for path in ["/api/nothing", "/api/posts/1/comments", "/", "/hello"] {
        let answer = get(addr, path).await;
        assert_status(&answer, 404);
    }
}

#[tokio::test]
async fn admin_needs_the_token_however_the_path_is_spelt() {
    let addr = serve().await;
    let bearer = format!("Bearer {ADMIN_TOKEN}");
    let with_token = |path: &'static str| {
        let bearer = bearer.clone();
        async move { send(addr, "GET", path, &[("Authorization", &bearer)], b"").await }
    };
    let users = with_token("/api/admin/users").await;
    assert_status(&users, 200);
    assert_eq!(users.json(), json!({ "users": ["admin"] }));
    let stats = with_token("/api/admin/stats").await;
    assert_status(&stats, 200);
    assert_eq!(
        stats.json()["comments"],
        json!(seed_comments().unwrap().len())
    );

    for path in [
        "/api/admin/users",
        "/api/admin/stats",
        "/api/admin/users?x=1",
    ] {
        for headers in [
            &[][..],
            &[("Authorization", "Bearer wrong")][..],
            &[("Authorization", "s3cret")][..],
        ] {
            let answer = send(addr, "GET", path, headers, b"").await;
            assert_status(&answer, 401);
            assert_eq!(answer.header("www-authenticate"), Some("Bearer"));
            assert_eq!(error_text(&answer), "admin token required");
        }
        // Every method the route answers is guarded; HEAD too.
        let answer = send(addr, "HEAD", path, &[], b"").await;
        assert_status(&answer, 401);
    }
    // Other spellings never reach a handler without the check: they are
    // redirected (and the target asks for the token), or are not routes.
    for (path, to) in [
        ("/api/admin/users/", "/api/admin/users"),
        ("/api/admin//users", "/api/admin/users"),
        ("/api/admin/./users", "/api/admin/users"),
        ("/api/post/../admin/users", "/api/admin/users"),
        ("/api/admin%5Cusers", ""),
        ("/api/admin\\users", "/api/admin/users"),
    ] {
        let answer = get(addr, path).await;
        if to.is_empty() {
            assert_status(&answer, 404);
        } else {
            assert_status(&answer, 308);
            assert_eq!(answer.header("location"), Some(to), "{path}");
        }
    }
    for path in [
        "/api/Admin/users",
        "/api/admin/Users",
        "/api/admin/user%73",
        "/api/admin%2Fusers",
    ] {
        assert_status(&get(addr, path).await, 404);
    }
    // The automatic OPTIONS answer, like 405, comes before the check.
    assert_status(
        &send(addr, "OPTIONS", "/api/admin/users", &[], b"").await,
        204,
    );
    assert_status(
        &send(addr, "DELETE", "/api/admin/users", &[], b"").await,
        405,
    );
    // Outside `admin/`, no token is asked for.
    assert_status(&get(addr, "/api/hello").await, 200);
}

#[tokio::test]
async fn slow_routes_answer_408_past_their_folder_timeout() {
    let addr = serve().await;
    let quick = get(addr, "/api/slow/10").await;
    assert_status(&quick, 200);
    assert_eq!(quick.body, "waited 10 ms");
    let late = get(addr, "/api/slow/2000").await;
    assert_status(&late, 408);
    assert_eq!(error_text(&late), "no answer within 200 ms");
    // The layer is the folder's alone: other routes have no timeout.
    assert_status(&get(addr, "/api/hello").await, 200);
}

#[tokio::test]
async fn routes_serves_the_manifest_as_json() {
    let addr = serve().await;
    let answer = get(addr, "/api/routes").await;
    assert_status(&answer, 200);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    let routes = answer.json();
    let routes = routes.as_array().expect("an array of routes");
    let patterns: Vec<&str> = routes
        .iter()
        .map(|route| route["pattern"].as_str().unwrap())
        .collect();
    assert_eq!(
        patterns,
        [
            "/api/admin/stats",
            "/api/admin/users",
            "/api/authors/[id]",
            "/api/comments",
            "/api/comments/[id]",
            "/api/hello",
            "/api/openapi.json",
            "/api/post/create",
            "/api/post/[pid]",
            "/api/post/[...slug]",
            "/api/posts",
            "/api/posts/[postId]",
            "/api/routes",
            "/api/slow/[ms]",
            "/api/store/[[...gadgets]]",
        ]
    );
    assert_eq!(
        routes[1],
        json!({
            "pattern": "/api/admin/users",
            "file": "admin/users/index.rs",
            "methods": ["GET", "HEAD", "OPTIONS"],
            "params": [],
            "middleware": ["admin/_middleware.rs"],
        })
    );
    assert_eq!(
        routes[2],
        json!({
            "pattern": "/api/authors/[id]",
            "file": "authors/[id].rs",
            "methods": ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"],
            "params": [{ "name": "id", "kind": "one" }],
            "middleware": [],
        })
    );
    assert_eq!(
        routes[7],
        json!({
            "pattern": "/api/post/create",
            "file": "post/create.rs",
            "methods": ["POST", "OPTIONS"],
            "params": [],
            "middleware": [],
        })
    );
    assert_eq!(
        routes[9]["params"],
        json!([{ "name": "slug", "kind": "catch-all" }])
    );
    assert_eq!(routes[13]["middleware"], json!(["slow/_middleware.rs"]));
    assert_eq!(
        routes[14]["params"],
        json!([{ "name": "gadgets", "kind": "optional-catch-all" }])
    );
    // Every listed method is answered without 405; one not listed gets it.
    for route in routes {
        let path = example_path(route["pattern"].as_str().unwrap());
        for method in route["methods"].as_array().unwrap() {
            let method = method.as_str().unwrap();
            let answer = send(addr, method, &path, &[], b"").await;
            assert_ne!(answer.status, 405, "{method} {path}: {answer:?}");
        }
        if !route["methods"]
            .as_array()
            .unwrap()
            .contains(&json!("PATCH"))
        {
            assert_status(&send(addr, "PATCH", &path, &[], b"").await, 405);
        }
    }
}

/// A path the route serves: each param filled in with `1`.
fn example_path(pattern: &str) -> String {
    let path: Vec<&str> = pattern
        .split('/')
        .map(|part| if part.starts_with('[') { "1" } else { part })
        .collect();
    path.join("/")
}

#[tokio::test]
async fn href_paths_reach_their_routes_with_the_same_values() {
    use blog::routes::href;
    let addr = serve().await;
    for value in [
        "abc",
        "a b",
        "a/b",
        "100%",
        "?x=1#y",
        "back\\slash",
        "café ☕",
        "...",
        "%2e%2e",
        "+",
    ] {
        let path = href::post_pid(value).unwrap();
        let answer = get(addr, &path).await;
        assert_status(&answer, 200);
        assert_eq!(answer.body, format!("Post: {value}"), "{path}");
    }
    let path = href::post_slug(["a", "b/c", "d e"]).unwrap();
    assert_eq!(path, "/api/post/a/b%2Fc/d%20e");
    assert_eq!(get(addr, &path).await.body, "Post: a, b/c, d e");
    let path = href::store_gadgets(["phones", "iphone 15"]).unwrap();
    assert_eq!(
        get(addr, &path).await.json(),
        json!({ "gadgets": ["phones", "iphone 15"] })
    );
    let path = href::store_gadgets(None::<&str>).unwrap();
    assert_eq!(path, "/api/store");
    assert_eq!(get(addr, &path).await.json(), json!({ "gadgets": [] }));

    // The `Location` of a new post is its `href`, and serves it.
    let created = send_json(
        addr,
        "POST",
        "/api/post/create",
        &json!({ "title": "t", "body": "b" }),
    )
    .await;
    let location = created.header("location").unwrap().to_owned();
    assert_eq!(location, href::posts_post_id(1).unwrap());
    assert_status(&get(addr, &location).await, 200);
}
