//! The generator's hostile trees, compiled: 100 levels deep and 10,000
//! files. Their code builds (this test crate would not otherwise), and a
//! sample of paths gets the reference's answer.

use apigen_differential::reference::Answer;
use apigen_differential::{DEEP, WIDE, check_cases};

#[test]
fn a_hundred_levels() {
    let path = format!("/api/{}", vec!["a"; 95].join("/"));
    match (DEEP.run)(&path).resolved {
        Answer::Found { file, .. } => {
            assert_eq!(file, format!("{}/index.rs", vec!["a"; 95].join("/")))
        }
        other => panic!("{other}"),
    }
    let deeper = format!("/api/{}", vec!["x"; 150].join("/"));
    match (DEEP.run)(&deeper).resolved {
        Answer::Found { file, params, .. } => {
            assert!(file.ends_with("[[...all]].rs"), "{file}");
            assert_eq!(params.len(), 101);
        }
        other => panic!("{other}"),
    }
    check_cases(&DEEP, 400);
}

#[test]
fn ten_thousand_files() {
    assert_eq!(WIDE.files.len(), 10_000);
    match (WIDE.run)("/d99/f96/").resolved {
        Answer::Found { file, .. } => assert_eq!(file, "d99/f96.rs"),
        other => panic!("{other}"),
    }
    check_cases(&WIDE, 100);
}
