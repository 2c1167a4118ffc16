//! A counting global allocator: `Route::recognize` allocates nothing (no
//! allocation across hits, misses, params and catch-alls of every generated
//! matcher in this crate), and a request through the generated `router()`
//! allocates no more than one through `axum::Router` (the servers of the
//! end-to-end benchmark, each request built, answered and dropped).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

use apigen_bench_dispatch::{END_TO_END, EndToEnd, data, github, rules_api, rules_root};
use axum::http::StatusCode;

/// Counts the allocations each thread makes while it is armed, so tests
/// running in parallel do not disturb each other's counts.
struct Counting;

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn note() {
    if ARMED.get() {
        ALLOCATIONS.set(ALLOCATIONS.get() + 1);
    }
}

// SAFETY: every call is forwarded unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The allocations `f` makes on this thread.
fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.get();
    ARMED.set(true);
    f();
    ARMED.set(false);
    ALLOCATIONS.get() - before
}

#[test]
fn the_counter_sees_allocations() {
    assert_eq!(allocations(|| drop(black_box(Box::new(1u64)))), 1);
    assert_eq!(allocations(|| drop(black_box(vec![1u8; 3]))), 1);
    assert_eq!(allocations(|| drop(black_box(String::new()))), 0);
}

#[test]
fn recognize_allocates_nothing() {
    // Hits with one to four params, misses at every depth, odd segments.
    let mut paths: Vec<String> = data::GITHUB_PATHS.iter().map(|p| p.to_string()).collect();
    for path in data::GITHUB_PATHS {
        paths.push(format!("{path}/"));
        paths.push(format!("{path}/x"));
        paths.push(path.replace("p1", ".."));
        paths.push(path.replace("p2", "a\\b"));
        paths.push(path.replace("p1", "%E2%9C%93"));
    }
    let rules = [
        "",
        "/",
        "/a",
        "/a/b/c/d",
        "/a/b/x/d",
        "/a/y/c/d",
        "/a/y/z/e",
        "/abc",
        "/abc/x/y/z",
        "/abc/x/%2e",
        "/b",
        "/b/1/2/3",
        "/b/x/c",
        "/c/ccc/1",
        "/c/d",
        "/c/d/e/f",
        "/deep/1/2/3/4/5/6/7/8/9/10/11",
        "/deep/1/2/3/4/5/6/7/8/9/x/y/z",
        "/deep/1/2/3/4/5/6/7/8/r/e/s/t",
        "/posts/1/baz/bar",
        "/users/me",
        "/users/1/keys",
        "/usersx",
        "/x%20y",
        "/slug/a",
        "/slug/a/b/c",
        "/slug/..",
    ];
    let api: Vec<String> = rules.iter().map(|path| format!("/api{path}")).collect();
    let mut hits = 0;
    let mut misses = 0;
    let mut count = |found: bool| {
        if found {
            hits += 1;
        } else {
            misses += 1;
        }
    };
    let counted = allocations(|| {
        for _ in 0..100 {
            for path in &paths {
                count(black_box(github::Route::recognize(black_box(path))).is_some());
            }
            for path in rules {
                count(black_box(rules_root::Route::recognize(black_box(path))).is_some());
            }
            for path in &api {
                count(black_box(rules_api::Route::recognize(black_box(path))).is_some());
            }
        }
    });
    assert_eq!(counted, 0, "recognize allocated");
    assert!(
        hits > 100 * 170 && misses > 100 * 300,
        "{hits} hits, {misses} misses"
    );
}

/// The allocations per request of the end-to-end server `name`, over 10
/// rounds of its 130 requests after one to warm it up; every answer is
/// checked to be the route's (`200`), or for apigen the 308 of the one
/// path with a trailing slash.
fn allocations_per_request(name: &str) -> f64 {
    let server = EndToEnd::new(name).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut answers = 0;
    let mut check = |response: axum::response::Response| {
        let expected = match name {
            "apigen" | "apigen-middleware" | "apigen-service"
                if response.status() == StatusCode::PERMANENT_REDIRECT =>
            {
                true
            }
            _ => response.status() == StatusCode::OK,
        };
        assert!(expected, "{name}: {}", response.status());
        answers += 1;
    };
    runtime.block_on(server.round(&mut check));
    let rounds = 10;
    let counted = allocations(|| {
        runtime.block_on(async {
            for _ in 0..rounds {
                server.round(&mut check).await;
            }
        })
    });
    assert_eq!(answers, 130 * (rounds + 1), "{name}");
    counted as f64 / (130 * rounds) as f64
}

#[test]
fn router_allocates_no_more_per_request_than_axum_router() {
    let counts: Vec<(&str, f64)> = END_TO_END
        .iter()
        .map(|name| (*name, allocations_per_request(name)))
        .collect();
    // The table of RESULTS.md (`cargo test --test alloc -- --nocapture`).
    for (name, count) in &counts {
        println!("| {name} | {count:.2} |");
    }
    let count = |name: &str| counts.iter().find(|(n, _)| *n == name).unwrap().1;
    let apigen = count("apigen");
    assert!(
        apigen <= count("axum-handler-files") && apigen <= count("axum"),
        "{counts:?}"
    );
    // With one `from_fn` folder middleware, against `route_layer` of it.
    assert!(
        count("apigen-middleware") <= count("axum-handler-files-middleware"),
        "{counts:?}"
    );
    // The floor is below every router, the bare service below the floor:
    // the counter sees the requests' own allocations.
    assert!(count("service-fn") < count("axum-floor"), "{counts:?}");
    assert!(count("axum-floor") <= apigen, "{counts:?}");
    // `router()`'s own floor (axum's `Router` to its catch-all route, on the
    // same paths) is at or below it too: apigen's routing adds at most the
    // response's label.
    assert!(count("axum-catch-all") <= apigen, "{counts:?}");
    assert!(apigen <= count("axum-catch-all") + 1.0, "{counts:?}");
    // Without the `axum::Router` around it, the same dispatch allocates
    // less than the floor: no `OriginalUri`, `MatchedPath` or params map,
    // no boxed route future.
    assert!(count("apigen-service") < count("axum-floor"), "{counts:?}");
}
