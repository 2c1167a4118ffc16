use axum::body::Body;
use http_body_util::BodyExt;

/// The limit of every route below `limit/`.
pub const BODY_LIMIT: usize = 1000;

/// `POST /api/limit/body`: reads a raw `Body` frame by frame and says how many
/// bytes it got, or where the stream stopped it.
pub async fn post(mut body: Body) -> String {
    let mut read = 0;
    while let Some(frame) = body.frame().await {
        match frame {
            Ok(frame) => read += frame.data_ref().map_or(0, |data| data.len()),
            Err(err) => return format!("error after {read} bytes: {err}"),
        }
    }
    format!("read {read} bytes")
}
