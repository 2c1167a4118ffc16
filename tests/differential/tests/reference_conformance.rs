//! The oracle checked against the outside: every routing request of the
//! shared conformance cases (each verified against a real Next.js build;
//! the project's copy in `tests/conformance/cases.json`) gets the expected
//! answer from the reference resolver.

use apigen_differential::reference::{Answer, Reference, Slash, Value};
use serde_json::Value as Json;

fn cases() -> Vec<Json> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../conformance/cases.json");
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("cannot read the conformance cases at {path}: {err}"));
    serde_json::from_str(&text).expect("cases.json is a JSON array")
}

fn json_value(value: &Value) -> Json {
    match value {
        Value::One(v) => Json::from(v.as_str()),
        Value::Many(v) => Json::from(v.clone()),
    }
}

#[test]
fn the_reference_answers_every_routing_case() {
    let mut checked = 0;
    for case in cases() {
        if case["group"] != "routing" || case["expect"] != "ok" {
            continue;
        }
        let files: Vec<&str> = case["files"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Json::as_str)
            .filter(|f| f.ends_with(".rs"))
            .collect();
        let reference = Reference::new(&files, "/api", Slash::Redirect);
        for request in case["requests"].as_array().unwrap() {
            let target = request["path"].as_str().unwrap();
            let (path, query) = match target.split_once('?') {
                Some((path, query)) => (path, Some(query)),
                None => (target, None),
            };
            let expect = &request["expect"];
            let got = reference.resolve(path);
            let id = &case["id"];
            match (expect["status"].as_u64(), &got) {
                (
                    None,
                    Answer::Found {
                        file,
                        decoded: Some(decoded),
                        ..
                    },
                ) => {
                    assert_eq!(file, expect["file"].as_str().unwrap(), "{id} {target}");
                    let params: serde_json::Map<String, Json> = decoded
                        .iter()
                        .map(|(name, value)| (name.clone(), json_value(value)))
                        .collect();
                    assert_eq!(Json::Object(params), expect["params"], "{id} {target}");
                }
                (Some(308), Answer::Redirect(to)) => {
                    let location = match query {
                        Some(query) => format!("{to}?{query}"),
                        None => to.clone(),
                    };
                    assert_eq!(
                        location,
                        expect["location"].as_str().unwrap(),
                        "{id} {target}"
                    );
                }
                (Some(status), got) => assert_eq!(u64::from(got.status()), status, "{id} {target}"),
                (None, got) => panic!("{id} {target}: expected {expect}, the reference says {got}"),
            }
            checked += 1;
        }
    }
    assert!(checked >= 50, "only {checked} requests checked");
}
