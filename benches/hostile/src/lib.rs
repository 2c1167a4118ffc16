//! Hostile-path benchmarks: how long the generated matcher takes to answer
//! paths of 1 KB, 10 KB, 100 KB and 1 MB, in several shapes. Linear time
//! shows as a constant cost per byte across the sizes; `RESULTS.md` records
//! the figures.
//!
//! ```text
//! cargo bench -p apigen-bench-hostile
//! ```
//!
//! The tree (core target, prefix `/api`, trailing slashes redirected) is
//! the fixed tree of the hostile-path tests, `tests/fixtures/fixed-tree.txt`:
//! `index.rs`, `hello.rs`, `post/create.rs`, `post/[pid].rs`,
//! `post/[...slug].rs`, `opt/[[...all]].rs`, `[id]/x.rs`, `[id]/[sub]/y.rs`,
//! `a b/café.rs`.

/// The generated matcher.
#[allow(clippy::all, missing_docs)]
pub mod routes {
    include!(concat!(env!("OUT_DIR"), "/routes.rs"));
}

use routes::{Param, Resolution, Route};

/// The sizes every shape is measured at, in bytes.
pub const SIZES: &[usize] = &[1 << 10, 10 << 10, 100 << 10, 1 << 20];

/// A path shape: its name, what it should get, and a maker for a size.
pub struct Shape {
    /// The benchmark's name.
    pub name: &'static str,
    /// What the path gets: `200`, `400`, `308` or `404`.
    pub status: u16,
    /// Builds a path of about `size` bytes.
    pub make: fn(usize) -> String,
}

/// `fill` repeated after `head` up to `size` bytes (whole repetitions),
/// then `tail`.
fn fill(head: &str, unit: &str, size: usize, tail: &str) -> String {
    let count = size.saturating_sub(head.len() + tail.len()) / unit.len();
    format!("{head}{}{tail}", unit.repeat(count.max(1)))
}

/// Every shape measured.
pub const SHAPES: &[Shape] = &[
    Shape {
        name: "one-segment",
        status: 200,
        make: |n| fill("/api/post/", "a", n, ""),
    },
    Shape {
        name: "many-segments",
        status: 200,
        make: |n| fill("/api/post/", "a/", n, "a"),
    },
    Shape {
        name: "escapes",
        status: 200,
        make: |n| fill("/api/post/", "%41", n, ""),
    },
    Shape {
        name: "non-ascii",
        status: 200,
        make: |n| fill("/api/", "é", n, "/x"),
    },
    Shape {
        name: "bad-escape-at-end",
        status: 400,
        make: |n| fill("/api/post/", "a", n, "%"),
    },
    Shape {
        name: "slashes",
        status: 308,
        make: |n| fill("/api", "/", n, "hello"),
    },
    Shape {
        name: "dot-segments",
        status: 308,
        make: |n| fill("/api/", "%2e%2E/", n, "hello"),
    },
    Shape {
        name: "backslashes",
        status: 308,
        make: |n| fill("/api/hello", "\\", n, ""),
    },
    Shape {
        name: "dot-at-end-of-catch-all",
        status: 308,
        make: |n| fill("/api/opt/", "a/", n, "%2e"),
    },
    Shape {
        name: "no-route",
        status: 404,
        make: |n| fill("/api/hello/", "b/", n, "z"),
    },
];

/// What a router does before a handler runs: resolve the path, and decode
/// the params of a found route. Returns the status it would answer.
pub fn dispatch(path: &str) -> u16 {
    match routes::resolve(path) {
        Resolution::Found(route) => {
            if decodes(&route) {
                200
            } else {
                400
            }
        }
        Resolution::Redirect(_) => 308,
        Resolution::NotFound => 404,
    }
}

fn decodes(route: &Route<'_>) -> bool {
    route.params().into_iter().all(|(_, param)| match param {
        Param::One(raw) => routes::decode(raw).is_ok(),
        Param::Many(segments) => segments.decode().is_ok(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_gets_its_status_at_every_size() {
        for shape in SHAPES {
            for &size in SIZES {
                let path = (shape.make)(size);
                assert!(path.len() <= size + 16, "{}: {}", shape.name, path.len());
                assert!(path.len() >= size - 16, "{}: {}", shape.name, path.len());
                assert_eq!(dispatch(&path), shape.status, "{} at {size}", shape.name);
            }
        }
    }
}
