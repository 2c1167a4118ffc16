//! `cargo run -p blog` as users start it: the binary, its `PORT`, its output.

use apigen_test_client as client;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

/// The server process, killed when the test ends, passing or not.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn serves_on_the_port_from_the_environment() {
    let child = Command::new(env!("CARGO_BIN_EXE_blog"))
        .env("PORT", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let stdout = server.0.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let addr: SocketAddr = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .parse()
        .unwrap();
    assert!(addr.ip().is_loopback(), "{addr}");
    assert_ne!(addr.port(), 0);

    let answer = client::get(addr, "/api/hello").await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body, r#"{"text":"Hello"}"#);
    let comments = client::get(addr, "/api/comments/1").await;
    assert_eq!(comments.status, 200, "{comments:?}");
}

#[test]
fn a_port_that_is_not_a_number_stops_it_with_a_message() {
    let output = Command::new(env!("CARGO_BIN_EXE_blog"))
        .env("PORT", "http")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("PORT must be a port number"), "{stderr}");
    assert!(stderr.contains("`http`"), "{stderr}");
    assert!(output.stdout.is_empty());
}
