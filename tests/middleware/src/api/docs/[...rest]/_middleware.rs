use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

pub async fn middleware(req: Request, next: Next) -> Response {
    crate::traced("docs", req, next).await
}
