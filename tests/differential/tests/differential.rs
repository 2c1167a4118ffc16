//! Every random tree against the reference: one test per tree, each running
//! `APIGEN_DIFF_CASES` (default 800) proptest paths.

use apigen_differential::{TREES, check};

include!(concat!(env!("OUT_DIR"), "/tests.rs"));

#[test]
fn there_are_enough_cases() {
    let total = TREES.len() as u64 * u64::from(apigen_differential::cases_per_tree());
    assert!(total >= 100_000, "only {total} cases");
}
