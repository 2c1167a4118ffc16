//! The route manifest (`routes::ROUTES`, `Route::info`) and the typed paths
//! (`routes::href`) of the blog, without a server: every field of every
//! route, the precedence order, `const` use, the errors SPEC section 9
//! names, and a counting allocator proving that only `href`'s `String` is
//! allocated.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use blog::routes::{
    self, HrefError, ParamInfo, ParamKind, ROUTES, Resolution, Route, RouteInfo, href,
};

const fn one(name: &'static str) -> ParamInfo {
    ParamInfo {
        name,
        kind: ParamKind::One,
    }
}

const GET: &[&str] = &["GET", "HEAD", "OPTIONS"];

/// What the files under `src/api` say, route by route, in the order SPEC
/// section 3 gives: at each level the route ending there, statics by byte,
/// `[x]`, `[...x]`, `[[...x]]`.
const EXPECTED: &[RouteInfo] = &[
    RouteInfo {
        pattern: "/api/admin/stats",
        file: "admin/stats.rs",
        params: &[],
        methods: GET,
        middleware: &["admin/_middleware.rs"],
    },
    RouteInfo {
        pattern: "/api/admin/users",
        file: "admin/users/index.rs",
        params: &[],
        methods: GET,
        middleware: &["admin/_middleware.rs"],
    },
    RouteInfo {
        pattern: "/api/authors/[id]",
        file: "authors/[id].rs",
        params: &[one("id")],
        methods: &["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"],
        middleware: &[],
    },
    RouteInfo {
        pattern: "/api/comments",
        file: "comments/index.rs",
        params: &[],
        methods: &["GET", "HEAD", "POST", "OPTIONS"],
        middleware: &[],
    },
    RouteInfo {
        pattern: "/api/comments/[id]",
        file: "comments/[id].rs",
        params: &[one("id")],
        methods: &["GET", "HEAD", "DELETE", "OPTIONS"],
        middleware: &[],
    },
    RouteInfo {
        pattern: "/api/hello",
        file: "hello.rs",
        params: &[],
        methods: GET,
        middleware: &[],
    },
    RouteInfo {
        pattern: "/api/openapi.json",
        file: "openapi.json.rs",
        params: &[],
        methods: GET,
        middleware: &[],
    },
    RouteInfo {
        pattern: "/api/post/create",
        file: "post/create.rs",
        params: &[],
        methods: &["POST", "OPTIONS"],
        middleware: &[],
    },
    RouteInfo {
        pattern: "/api/post/[pid]",
        file: "post/[pid].rs",
        params: &[one("pid")],
        methods: GET,
        middleware: &[],
    },
    RouteInfo {
        pattern: "/api/post/[...slug]",
        file: "post/[...slug].rs",
        params: &[ParamInfo {
            name: "slug",
            kind: ParamKind::CatchAll,
        }],
        methods: GET,
        middleware: &[],
    },
    RouteInfo {
        pattern: "/api/posts",
        file: "posts/index.rs",
        params: &[],
        methods: GET,
        middleware: &[],
    },
    RouteInfo {
        pattern: "/api/posts/[postId]",
        file: "posts/[postId].rs",
        params: &[one("postId")],
        methods: GET,
        middleware: &[],
    },
    RouteInfo {
        pattern: "/api/routes",
        file: "routes.rs",
        params: &[],
        methods: GET,
        middleware: &[],
    },
    RouteInfo {
        pattern: "/api/slow/[ms]",
        file: "slow/[ms].rs",
        params: &[one("ms")],
        methods: GET,
        middleware: &["slow/_middleware.rs"],
    },
    RouteInfo {
        pattern: "/api/store/[[...gadgets]]",
        file: "store/[[...gadgets]].rs",
        params: &[ParamInfo {
            name: "gadgets",
            kind: ParamKind::OptionalCatchAll,
        }],
        methods: GET,
        middleware: &[],
    },
];

#[test]
fn every_field_of_every_route() {
    assert_eq!(ROUTES, EXPECTED);
}

#[test]
fn routes_are_listed_as_the_generated_file_lists_them() {
    let generated = include_str!(concat!(env!("OUT_DIR"), "/routes.rs"));
    // `//   <pattern>  <file>  [via <middleware>, ...]`, after the header.
    let listed: Vec<(&str, &str, Vec<&str>)> = generated
        .lines()
        .skip_while(|line| !line.starts_with("// Routes, in the order"))
        .skip_while(|line| !line.starts_with("//   "))
        .map_while(|line| line.strip_prefix("//   "))
        .map(|line| {
            let (route, via) = line.split_once(" via ").unwrap_or((line, ""));
            let mut words = route.split_whitespace();
            let (pattern, file) = (words.next().unwrap(), words.next().unwrap());
            let via = via.split(", ").filter(|m| !m.is_empty()).collect();
            (pattern, file, via)
        })
        .collect();
    let manifest: Vec<(&str, &str, Vec<&str>)> = ROUTES
        .iter()
        .map(|r| (r.pattern, r.file, r.middleware.to_vec()))
        .collect();
    assert_eq!(listed, manifest);
}

/// Paths each route serves: its href with values that are also the names
/// of other routes' statics, so that routes compete for them.
fn paths_of(route: &RouteInfo) -> Vec<String> {
    const VALUES: [&str; 6] = ["create", "abc", "posts", "1", "a b", "hello"];
    let mut paths = Vec::new();
    for a in VALUES {
        for b in VALUES {
            let path = route
                .params
                .iter()
                .fold(route.pattern.to_owned(), |path, param| {
                    let spelled = match param.kind {
                        ParamKind::One => format!("[{}]", param.name),
                        ParamKind::CatchAll => format!("[...{}]", param.name),
                        ParamKind::OptionalCatchAll => format!("/[[...{}]]", param.name),
                    };
                    let value = match param.kind {
                        ParamKind::One => a.replace(' ', "%20"),
                        ParamKind::CatchAll => format!("{a}/{b}").replace(' ', "%20"),
                        ParamKind::OptionalCatchAll => String::new(),
                    };
                    path.replace(&spelled, &value)
                });
            paths.push(path);
        }
    }
    paths
}

#[test]
fn a_path_two_routes_match_goes_to_the_one_listed_first() {
    let matches = |route: &RouteInfo, path: &str| {
        // Whether the route's whole pattern matches the path's segments.
        let pattern: Vec<&str> = route.pattern.split('/').collect();
        let segments: Vec<&str> = path.split('/').collect();
        match pattern.last() {
            Some(last) if last.starts_with("[[...") => {
                segments.len() >= pattern.len() - 1
                    && pattern[..pattern.len() - 1]
                        .iter()
                        .zip(&segments)
                        .all(|(p, s)| p.starts_with('[') || p == s)
            }
            Some(last) if last.starts_with("[...") => {
                segments.len() >= pattern.len()
                    && pattern
                        .iter()
                        .zip(&segments)
                        .all(|(p, s)| p.starts_with('[') || p == s)
            }
            _ => {
                segments.len() == pattern.len()
                    && pattern
                        .iter()
                        .zip(&segments)
                        .all(|(p, s)| p.starts_with('[') || p == s)
            }
        }
    };
    let mut contested = 0;
    for (at, route) in ROUTES.iter().enumerate() {
        for path in paths_of(route) {
            let Resolution::Found(found) = routes::resolve(&path) else {
                panic!("{path} finds no route");
            };
            let first = ROUTES.iter().position(|r| matches(r, &path)).unwrap();
            assert_eq!(found.info(), &ROUTES[first], "{path}");
            assert!(
                first <= at,
                "{path}: {} before {}",
                ROUTES[first].file,
                route.file
            );
            contested += usize::from(first < at);
        }
    }
    assert!(contested > 0, "some paths are served by an earlier route");
}

#[test]
fn info_is_the_routes_entry() {
    let found = |path: &str| Route::recognize(path).unwrap().info();
    assert_eq!(found("/api/post/abc"), &ROUTES[8]);
    assert_eq!(found("/api/post/create").file, "post/create.rs");
    assert_eq!(found("/api/store").pattern, "/api/store/[[...gadgets]]");
    let route = Route::recognize("/api/posts/7").unwrap();
    assert_eq!(route.pattern(), route.info().pattern);
    assert_eq!(route.file(), route.info().file);
}

/// Compiled, so the manifest is usable in `const` context.
const HELLO: &RouteInfo = Route::Hello.info();
const COUNT: usize = ROUTES.len();
const FIRST_PATTERN: &str = ROUTES[0].pattern;
const CREATE_FILE: &str = Route::PostCreate.file();

#[test]
fn the_manifest_is_usable_in_const_context() {
    assert_eq!(HELLO.pattern, "/api/hello");
    assert_eq!(COUNT, 15);
    assert_eq!(FIRST_PATTERN, "/api/admin/stats");
    assert_eq!(CREATE_FILE, "post/create.rs");
    const _: () = assert!(ROUTES.len() == COUNT);
}

#[test]
fn href_builds_each_routes_path() {
    assert_eq!(href::hello().unwrap(), "/api/hello");
    assert_eq!(href::post_create().unwrap(), "/api/post/create");
    assert_eq!(href::post_pid("abc").unwrap(), "/api/post/abc");
    assert_eq!(href::post_pid("a b-next").unwrap(), "/api/post/a%20b-next");
    assert_eq!(href::post_pid(42).unwrap(), "/api/post/42");
    assert_eq!(href::posts_post_id(7u64).unwrap(), "/api/posts/7");
    assert_eq!(href::authors_id('x').unwrap(), "/api/authors/x");
    assert_eq!(href::post_slug(["a", "b"]).unwrap(), "/api/post/a/b");
    assert_eq!(
        href::post_slug(vec!["x".to_owned(), "y/z".to_owned()]).unwrap(),
        "/api/post/x/y%2Fz"
    );
    assert_eq!(href::store_gadgets([1, 2]).unwrap(), "/api/store/1/2");
    assert_eq!(href::store_gadgets(Vec::<u8>::new()).unwrap(), "/api/store");
    assert_eq!(href::routes().unwrap(), "/api/routes");
}

#[test]
fn href_decodes_back_to_its_values_through_resolve() {
    let values = [
        "%",
        "%25",
        "%2e",
        "/",
        "\\",
        "?",
        "#",
        " ",
        "a+b",
        "é",
        "日本",
        "😀",
        "\0",
        "\u{7f}",
        "...",
        "x.",
        "~!$&'()*+,;=:@",
        "\"<>`{}|^[]",
    ];
    for value in values {
        let path = href::post_pid(value).unwrap();
        let Resolution::Found(Route::PostPid { pid }) = routes::resolve(&path) else {
            panic!("{path} does not reach post/[pid].rs");
        };
        assert_eq!(routes::decode(pid).unwrap(), value, "{path}");
        assert!(path.bytes().all(|b| b.is_ascii_graphic()), "{path}");
    }
    let path = href::post_slug(values).unwrap();
    let Resolution::Found(Route::PostSlug { slug }) = routes::resolve(&path) else {
        panic!("{path} does not reach post/[...slug].rs");
    };
    assert_eq!(slug.decode().unwrap(), values);
}

#[test]
fn href_refuses_what_no_path_can_carry() {
    assert_eq!(href::post_pid(""), Err(HrefError::Empty { param: "pid" }));
    assert_eq!(
        href::post_pid("."),
        Err(HrefError::DotSegment { param: "pid" })
    );
    assert_eq!(
        href::post_pid(".."),
        Err(HrefError::DotSegment { param: "pid" })
    );
    assert_eq!(
        href::posts_post_id(""),
        Err(HrefError::Empty { param: "postId" })
    );
    assert_eq!(
        href::post_slug(None::<&str>),
        Err(HrefError::NoSegments { param: "slug" })
    );
    assert_eq!(
        href::post_slug(["a", ""]),
        Err(HrefError::Empty { param: "slug" })
    );
    assert_eq!(
        href::store_gadgets(["a", ".."]),
        Err(HrefError::DotSegment { param: "gadgets" })
    );
}

#[test]
fn href_refuses_a_path_an_earlier_route_serves() {
    let create = Route::PostCreate.info();
    let pid = Route::PostPid { pid: "" }.info();
    assert_eq!(
        href::post_pid("create"),
        Err(HrefError::Shadowed { by: create })
    );
    assert_eq!(
        href::post_slug(["abc"]),
        Err(HrefError::Shadowed { by: pid })
    );
    assert_eq!(
        href::post_slug(["create"]),
        Err(HrefError::Shadowed { by: create })
    );
    assert_eq!(
        href::post_pid("create").unwrap_err().to_string(),
        "the path would be served by `post/create.rs` (`/api/post/create`), which comes first"
    );
    // Spelled otherwise, the same text is a value `[pid]` gets.
    assert_eq!(href::post_pid("Create").unwrap(), "/api/post/Create");
    assert_eq!(href::post_slug(["abc", "d"]).unwrap(), "/api/post/abc/d");
}

/// Counts, per thread while armed, the allocations and the bytes still held.
struct Counting;

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    static HELD: Cell<isize> = const { Cell::new(0) };
}

fn note(allocated: usize, freed: usize) {
    if ARMED.get() {
        ALLOCATIONS.set(ALLOCATIONS.get() + usize::from(allocated > 0 && freed == 0));
        HELD.set(HELD.get() + allocated as isize - freed as isize);
    }
}

// SAFETY: every call is forwarded unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size(), 0);
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size(), 0);
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Growing the one buffer: no new allocation.
        note(new_size, layout.size());
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note(0, layout.size());
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// What `f` returns, how many allocations it made on this thread, and how
/// many bytes of them it still holds.
fn counted<T>(f: impl FnOnce() -> T) -> (T, usize, isize) {
    let (before, held) = (ALLOCATIONS.get(), HELD.get());
    ARMED.set(true);
    let value = std::hint::black_box(f());
    ARMED.set(false);
    (value, ALLOCATIONS.get() - before, HELD.get() - held)
}

#[test]
fn href_allocates_only_its_string_and_the_manifest_nothing() {
    type Href = fn() -> Result<String, HrefError>;
    let cases: [(Href, &str); 7] = [
        (|| href::hello(), "/api/hello"),
        (|| href::post_pid("a b-next"), "/api/post/a%20b-next"),
        (
            || href::posts_post_id(123_456_789u64),
            "/api/posts/123456789",
        ),
        (
            || href::post_slug(["a long value, which grows the path", "é/ü?"]),
            "/api/post/a%20long%20value,%20which%20grows%20the%20path/%C3%A9%2F%C3%BC%3F",
        ),
        (|| href::store_gadgets([1, 2, 3]), "/api/store/1/2/3"),
        (
            || href::post_pid(format_args!("{}-{}", "x", 1)),
            "/api/post/x-1",
        ),
        (|| href::store_gadgets(None::<&str>), "/api/store"),
    ];
    for (f, expected) in cases {
        let (path, allocations, held) = counted(f);
        let path = path.unwrap();
        assert_eq!(path, expected);
        assert_eq!(allocations, 1, "{path}: one String");
        assert_eq!(held, path.capacity() as isize, "{path}: nothing else held");
    }
    for f in [
        || href::post_pid("create"),
        || href::post_pid(".."),
        || href::post_slug(None::<&str>),
    ] {
        let (result, allocations, held) = counted(f);
        assert!(result.is_err());
        assert!(allocations <= 1, "{result:?}");
        assert_eq!(held, 0, "{result:?}: nothing kept");
    }
    let ((), allocations, held) = counted(|| {
        for route in ROUTES {
            std::hint::black_box((route.pattern, route.params, route.methods));
        }
        let route = Route::recognize("/api/post/abc").unwrap();
        std::hint::black_box((route.info(), route.pattern(), route.file()));
    });
    assert_eq!((allocations, held), (0, 0));
}
