//! `openapi-kinds print`: prints the tree's OpenAPI document (pretty JSON),
//! for `.ci/run` to validate. `openapi-kinds`: serves [`apigen_openapi::app`]
//! on `127.0.0.1:$PORT` (default 3001).

#[tokio::main]
async fn main() {
    if std::env::args().nth(1).as_deref() == Some("print") {
        let doc = apigen_openapi::routes::openapi().to_pretty_json();
        println!("{}", doc.expect("a document serializes"));
        return;
    }
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3001);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .expect("the port is free");
    println!("listening on http://{}", listener.local_addr().unwrap());
    axum::serve(listener, apigen_openapi::app()).await.unwrap();
}
