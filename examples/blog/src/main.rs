//! `cargo run -p blog`: serves the blog API on `127.0.0.1:3000` (or `$PORT`);
//! `BLOG_ADMIN_TOKEN` opens `/api/admin` to `Authorization: Bearer <token>`.

use std::env::VarError;
use std::error::Error;
use std::io::IsTerminal;

use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    // Request logs go to stderr; stdout only says where the server listens.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_max_level(tracing::Level::INFO)
        .init();

    let port = match std::env::var("PORT") {
        Ok(port) => port
            .parse::<u16>()
            .map_err(|_| format!("PORT must be a port number (0 to 65535), not `{port}`"))?,
        Err(VarError::NotPresent) => 3000,
        Err(VarError::NotUnicode(port)) => {
            return Err(format!("PORT must be a port number, not {port:?}").into());
        }
    };
    let mut state = blog::AppState::new(blog::seed_comments()?);
    // `/api/admin` is closed unless a token is given.
    if let Ok(token) = std::env::var("BLOG_ADMIN_TOKEN") {
        state = state.with_admin_token(token);
    }
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, blog::app(state))
        .with_graceful_shutdown(async {
            // If the handler cannot be installed, serve until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await?;
    Ok(())
}
