//! Every case of `cases.json` (the shared conformance cases) and
//! `cases-extra.json`, end to end: the tree is
//! generated, compiled (by this crate's build), served on loopback, and sent
//! each request over a real TCP connection.

use apigen_conformance::{CASES, Case};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

include!(concat!(env!("OUT_DIR"), "/tests.rs"));

async fn run(case: &Case) {
    let json: Value = serde_json::from_str(case.json).unwrap();
    let files: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    if let Some(kind) = json["expect"].get("error") {
        let report = case.error.unwrap_or_else(|| {
            panic!(
                "{}: expected error {kind}, but apigen accepted the tree",
                case.id
            )
        });
        let code = kind.as_str().unwrap();
        assert!(
            report.contains(&format!("error[{code}]")),
            "{}: the report has no `error[{code}]`:\n{report}",
            case.id
        );
        let named: Vec<&str> = match json.get("mention_all") {
            Some(all) => all
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap())
                .collect(),
            None => files
                .iter()
                .copied()
                .filter(|f| report.contains(f))
                .collect(),
        };
        assert!(
            !named.is_empty(),
            "{}: the report names none of {files:?}:\n{report}",
            case.id
        );
        for file in named {
            assert!(
                report.contains(file),
                "{}: the report does not name {file}:\n{report}",
                case.id
            );
        }
        return;
    }
    assert_eq!(json["expect"], "ok", "{}: unknown expectation", case.id);
    let router = case.router.unwrap_or_else(|| {
        panic!(
            "{}: apigen refused the tree:\n{}",
            case.id,
            case.error.unwrap()
        )
    });

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router()).await.unwrap() });

    let mut failures = Vec::new();
    for request in json["requests"].as_array().unwrap() {
        let method = request["method"].as_str().unwrap();
        let path = request["path"].as_str().unwrap();
        let body = match (&request["body"], &request["body_bytes"]) {
            (Value::String(body), _) => body.clone().into_bytes(),
            (_, Value::Number(n)) => vec![b'a'; n.as_u64().unwrap() as usize],
            _ => Vec::new(),
        };
        let answer = send(addr, method, path, &body).await;
        if let Err(why) = check(&request["expect"], &answer) {
            failures.push(format!(
                "{method} {path}: {why}\n    got {} {:?} {:?}",
                answer.status, answer.headers, answer.body
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}:\n  {}",
        case.id,
        failures.join("\n  ")
    );
}

/// What came back.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn check(expect: &Value, answer: &Answer) -> Result<(), String> {
    if let Some(file) = expect.get("file") {
        if answer.status != 200 {
            return Err(format!("expected 200 from {file}"));
        }
        let got: Value = serde_json::from_str(&answer.body)
            .map_err(|e| format!("body is not echo JSON: {e}"))?;
        let want = serde_json::json!({ "file": file, "params": expect["params"] });
        return if got == want {
            Ok(())
        } else {
            Err(format!("expected {want}"))
        };
    }
    let status = expect["status"].as_u64().ok_or("no status expected")? as u16;
    if answer.status != status {
        return Err(format!("expected status {status}"));
    }
    if let Some(location) = expect.get("location").and_then(Value::as_str)
        && answer.header("location") != Some(location)
    {
        return Err(format!("expected Location {location}"));
    }
    if let Some(body) = expect.get("body").and_then(Value::as_str)
        && answer.body != body
    {
        return Err(format!("expected body {body:?}"));
    }
    let allow: Vec<String> = answer
        .header("allow")
        .unwrap_or("")
        .split(',')
        .map(|m| m.trim().to_owned())
        .collect();
    for method in expect
        .get("allow_has")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if !allow.iter().any(|m| m == method.as_str().unwrap()) {
            return Err(format!("expected Allow to list {method}"));
        }
    }
    for method in expect
        .get("allow_lacks")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if allow.iter().any(|m| m == method.as_str().unwrap()) {
            return Err(format!("expected Allow not to list {method}"));
        }
    }
    Ok(())
}

/// One HTTP/1.1 request on a fresh connection, the path sent byte for byte.
async fn send(addr: std::net::SocketAddr, method: &str, path: &str, body: &[u8]) -> Answer {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut raw = Vec::new();
    // The server may answer (e.g. 413) before reading the whole body.
    let _ = stream.read_to_end(&mut raw).await;
    parse(&raw)
}

fn parse(raw: &[u8]) -> Answer {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Answer {
        status,
        headers,
        body,
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}
