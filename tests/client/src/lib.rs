//! A small HTTP/1.1 client over a real TCP connection: one request per
//! connection (`Connection: close`), the path sent byte for byte, the answer
//! read to the end and parsed. Enough for tests, with nothing between them
//! and the server's socket.

use std::net::SocketAddr;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What came back.
#[derive(Debug, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    /// The first header of that name, any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON; panics with the answer if it is not.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|err| panic!("body is not JSON ({err}): {self:?}"))
    }
}

/// One request; `headers` are sent besides `Host`, `Connection` and
/// `Content-Length`.
pub async fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Answer {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(head(addr, method, path, headers, body.len()).as_bytes())
        .await
        .unwrap();
    stream.write_all(body).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    parse(&raw)
}

/// `GET` with no headers.
pub async fn get(addr: SocketAddr, path: &str) -> Answer {
    send(addr, "GET", path, &[], b"").await
}

/// A request with a JSON body.
pub async fn send_json(addr: SocketAddr, method: &str, path: &str, json: &Value) -> Answer {
    let body = json.to_string();
    let headers = [("Content-Type", "application/json")];
    send(addr, method, path, &headers, body.as_bytes()).await
}

/// As a client sending a large body does: `Expect: 100-continue`, and the
/// body only after the server's `100 Continue`. A server refusing the body
/// (413) answers at once, and the body is never sent, so the connection is
/// not reset under an unread upload.
pub async fn send_expecting_continue(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Answer {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let mut all: Vec<(&str, &str)> = headers.to_vec();
    all.push(("Expect", "100-continue"));
    stream
        .write_all(head(addr, method, path, &all, body.len()).as_bytes())
        .await
        .unwrap();
    let mut raw = Vec::new();
    let mut chunk = [0u8; 1024];
    let end = loop {
        if let Some(at) = find(&raw, b"\r\n\r\n") {
            break at + 4;
        }
        let n = stream.read(&mut chunk).await.unwrap();
        assert!(n > 0, "connection closed before an answer: {raw:?}");
        raw.extend_from_slice(&chunk[..n]);
    };
    if raw.starts_with(b"HTTP/1.1 100") {
        raw.drain(..end);
        stream.write_all(body).await.unwrap();
    }
    stream.read_to_end(&mut raw).await.unwrap();
    parse(&raw)
}

/// A request whose body is sent with `Transfer-Encoding: chunked` (no
/// `Content-Length`), in chunks of `chunk` bytes: what a streaming client sends.
pub async fn send_chunked(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    chunk: usize,
) -> Answer {
    let stream = TcpStream::connect(addr).await.unwrap();
    let head = head_with(
        addr,
        method,
        path,
        "Transfer-Encoding: chunked\r\n",
        headers,
    );
    let (mut reader, mut writer) = stream.into_split();
    let body = body.to_vec();
    // The server may answer (413) and close before the whole body is sent:
    // the body goes out beside the read, and a write error is expected. The
    // task hands the write half back rather than dropping it: dropping it
    // shuts down the write side, and hyper closes a half-closed connection
    // without answering.
    let sending = tokio::spawn(async move {
        writer.write_all(head.as_bytes()).await?;
        for part in body.chunks(chunk.max(1)) {
            writer
                .write_all(format!("{:x}\r\n", part.len()).as_bytes())
                .await?;
            writer.write_all(part).await?;
            writer.write_all(b"\r\n").await?;
        }
        writer.write_all(b"0\r\n\r\n").await?;
        Ok::<_, std::io::Error>(writer)
    });
    let mut raw = Vec::new();
    // A reset after the answer (the unread body) still leaves the answer read.
    let _ = reader.read_to_end(&mut raw).await;
    drop(sending.await);
    parse(&raw)
}

fn head(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    length: usize,
) -> String {
    let framing = if length > 0 || !matches!(method, "GET" | "HEAD" | "OPTIONS") {
        format!("Content-Length: {length}\r\n")
    } else {
        String::new()
    };
    head_with(addr, method, path, &framing, headers)
}

/// A request head: the request line, `Host`, `Connection: close`, then
/// `framing` (the body's length header line, if any) and `headers`.
fn head_with(
    addr: SocketAddr,
    method: &str,
    path: &str,
    framing: &str,
    headers: &[(&str, &str)],
) -> String {
    let mut head =
        format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{framing}");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    head
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn parse(raw: &[u8]) -> Answer {
    let end = find(raw, b"\r\n\r\n").unwrap_or_else(|| panic!("no complete answer: {raw:?}"));
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {head}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    let body = &raw[end + 4..];
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_vec()
    };
    Answer {
        status,
        headers,
        body: String::from_utf8(body).expect("bodies in these tests are UTF-8"),
    }
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(at) = find(body, b"\r\n") {
        let size = std::str::from_utf8(&body[..at]).unwrap().trim();
        let size = usize::from_str_radix(size, 16).unwrap();
        if size == 0 {
            break;
        }
        let data = &body[at + 2..];
        out.extend_from_slice(&data[..size]);
        body = &data[size + 2..];
    }
    out
}
