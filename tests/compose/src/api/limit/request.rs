use axum::extract::Request;
use http_body_util::BodyExt;

/// As `body.rs`, taking the whole `Request`.
pub const BODY_LIMIT: usize = 1000;

/// `POST /api/limit/request`.
pub async fn post(req: Request) -> String {
    let mut body = req.into_body();
    let mut read = 0;
    while let Some(frame) = body.frame().await {
        match frame {
            Ok(frame) => read += frame.data_ref().map_or(0, |data| data.len()),
            Err(err) => return format!("error after {read} bytes: {err}"),
        }
    }
    format!("read {read} bytes")
}
