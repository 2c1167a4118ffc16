//! The first 40 random trees' manifests and typed paths against the
//! reference: one test per tree, each running `APIGEN_HREF_CASES` (default 260) proptest
//! `href` calls; and the fixed and 100-level trees.

use apigen_differential::typed_paths::{cases_per_tree, check_href};
use apigen_differential::{DEEP, FIXED, TREES};

include!(concat!(env!("OUT_DIR"), "/href_tests.rs"));

#[test]
fn there_are_enough_cases() {
    let total = HREF_TREES * u64::from(cases_per_tree());
    assert!(total >= 10_000, "only {total} cases");
}

#[test]
fn the_fixed_tree() {
    check_href(&FIXED);
}

#[test]
fn the_deep_tree() {
    check_href(&DEEP);
}
