//! The blog API of the Next.js seed articles, served by apigen and axum.
//!
//! `build.rs` turns the files under `src/api` into `routes.rs` (a static
//! `match` and an axum router); [`app`] wraps that router in the layers every
//! request goes through (CORS, and tracing whose spans name the route each
//! response came from, its `routes::MatchedRoute`), and `src/main.rs`
//! serves it. Posts
//! and comments live in memory, in [`AppState`]; comments start from the
//! `comments.json` shipped beside `Cargo.toml`.
//!
//! | route | file |
//! |---|---|
//! | `GET /api/hello` | `hello.rs` |
//! | `POST /api/post/create` | `post/create.rs` |
//! | `GET /api/post/abc` | `post/[pid].rs` |
//! | `GET /api/post/a/b/c` | `post/[...slug].rs` |
//! | `GET /api/posts?page=&limit=` | `posts/index.rs` |
//! | `GET /api/posts/1` | `posts/[postId].rs` |
//! | `GET, POST, PUT, DELETE /api/authors/1` | `authors/[id].rs` |
//! | `GET /api/store/a/b` | `store/[[...gadgets]].rs` |
//! | `GET, POST /api/comments`, `GET, DELETE /api/comments/1` | `comments/index.rs`, `comments/[id].rs` |
//! | `GET /api/openapi.json` | `openapi.json.rs`: the OpenAPI 3.1 document apigen generates (`routes::openapi()`) |
//! | `GET /api/admin/users`, `GET /api/admin/stats` (admin token) | `admin/users/index.rs`, `admin/stats.rs`, guarded by `admin/_middleware.rs` |
//! | `GET /api/slow/50` (408 past 200 ms) | `slow/[ms].rs`, with the `TimeoutLayer` of `slow/_middleware.rs` |
//! | `GET /api/routes` (the route manifest as JSON) | `routes.rs` |

use std::collections::BTreeMap;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tower::ServiceExt;
use tower_http::cors::{Any, CorsLayer};
use tower_http::trace::TraceLayer;
use tracing::Span;
use utoipa::openapi::{Content, RefOr, ResponseBuilder};
use utoipa::{PartialSchema, ToSchema};

/// The router and matcher apigen generated from `src/api`.
pub mod routes {
    include!(concat!(env!("OUT_DIR"), "/routes.rs"));
}

/// The comments the server starts with, as shipped with the example.
pub const SEED_COMMENTS: &str = include_str!("../comments.json");

/// The whole server: the generated router with its state, behind CORS and
/// request tracing. Serve it with `axum::serve`.
pub fn app(state: AppState) -> Router {
    let api: Router = routes::router().with_state(state);
    let with_cors = api.clone().layer(cors());
    // tower-http answers *every* OPTIONS request as a CORS preflight. Only one
    // carrying `Origin` and `Access-Control-Request-Method` is a preflight
    // (Fetch standard); a plain OPTIONS goes to the route file, which answers
    // 204 with `Allow`.
    Router::new()
        .fallback(move |req: Request| {
            let service = if is_plain_options(req.method(), req.headers()) {
                api.clone()
            } else {
                with_cors.clone()
            };
            async move { service.oneshot(req).await }
        })
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_response(label_response),
        )
}

/// The span of a request: its method and URI, and `route`, filled in by
/// [`label_response`] once the route is known.
fn request_span<B>(req: &axum::http::Request<B>) -> Span {
    tracing::info_span!(
        "request",
        method = %req.method(),
        uri = %req.uri(),
        route = tracing::field::Empty,
    )
}

/// Labels the request's span with the pattern of the route that answered
/// (the response's `routes::MatchedRoute`; none for a 404 or a 308), then
/// logs the response in it: `request{method=GET uri=/api/post/abc
/// route=/api/post/[pid]}: response status=200`.
fn label_response<B>(response: &axum::http::Response<B>, latency: Duration, span: &Span) {
    if let Some(route) = response.extensions().get::<routes::MatchedRoute>() {
        span.record("route", tracing::field::display(route.pattern()));
    }
    tracing::info!(
        status = response.status().as_u16(),
        latency_us = latency.as_micros(),
        "response"
    );
}

/// The seed articles' CORS setup: any origin, the usual methods.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([header::ACCEPT, header::CONTENT_TYPE])
}

fn is_plain_options(method: &Method, headers: &HeaderMap) -> bool {
    let preflight = headers.contains_key(header::ORIGIN)
        && headers.contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    method == Method::OPTIONS && !preflight
}

/// A blog post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Post {
    /// Given by the server, from 1.
    pub id: u64,
    /// The headline.
    pub title: String,
    /// The text.
    pub body: String,
}

/// A comment, as in `comments.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Comment {
    /// Unique among comments.
    pub id: u64,
    /// The text.
    pub text: String,
}

/// Rows of one kind, with the id the next one gets.
#[derive(Debug)]
struct Table<T> {
    next_id: u64,
    rows: Vec<T>,
}

/// State shared by every handler (`State<AppState>`): posts and comments,
/// in memory. Cloning it shares the same data.
#[derive(Clone, Debug)]
pub struct AppState {
    posts: Arc<RwLock<Table<Post>>>,
    comments: Arc<RwLock<Table<Comment>>>,
    /// The token `admin/_middleware.rs` asks for; `None`: admin is closed.
    admin_token: Option<Arc<str>>,
}

/// One page of posts, as `GET /api/posts` answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PostPage {
    /// The page number, from 1.
    pub page: usize,
    /// Posts per page.
    pub limit: usize,
    /// Posts in all pages.
    pub total: usize,
    /// This page's posts, oldest first.
    pub posts: Vec<Post>,
}

impl AppState {
    /// No posts, and the given comments (new comments get ids after theirs).
    pub fn new(comments: Vec<Comment>) -> AppState {
        let next_id = comments.iter().map(|c| c.id).max().unwrap_or(0) + 1;
        AppState {
            posts: Arc::new(RwLock::new(Table {
                next_id: 1,
                rows: Vec::new(),
            })),
            comments: Arc::new(RwLock::new(Table {
                next_id,
                rows: comments,
            })),
            admin_token: None,
        }
    }

    /// The same state, opening `/api/admin` to `Authorization: Bearer <token>`.
    pub fn with_admin_token(mut self, token: impl Into<Arc<str>>) -> AppState {
        self.admin_token = Some(token.into());
        self
    }

    /// Whether `token` opens `/api/admin`.
    pub fn is_admin_token(&self, token: &str) -> bool {
        self.admin_token.as_deref() == Some(token)
    }

    /// Stores a new post and returns it with its id.
    pub fn create_post(&self, title: String, body: String) -> Post {
        // A panic while a lock is held cannot leave a table half-written
        // (every change is one push or remove), so a poisoned lock is usable.
        let mut posts = self.posts.write().unwrap_or_else(PoisonError::into_inner);
        let post = Post {
            id: posts.next_id,
            title,
            body,
        };
        posts.next_id += 1;
        posts.rows.push(post.clone());
        post
    }

    /// The post with this id.
    pub fn post(&self, id: u64) -> Option<Post> {
        let posts = self.posts.read().unwrap_or_else(PoisonError::into_inner);
        posts.rows.iter().find(|p| p.id == id).cloned()
    }

    /// Page `page` (from 1) of the posts, `limit` per page; empty past the end.
    pub fn post_page(&self, page: usize, limit: usize) -> PostPage {
        let posts = self.posts.read().unwrap_or_else(PoisonError::into_inner);
        let skip = page.saturating_sub(1).saturating_mul(limit);
        PostPage {
            page,
            limit,
            total: posts.rows.len(),
            posts: posts.rows.iter().skip(skip).take(limit).cloned().collect(),
        }
    }

    /// Every comment, oldest first.
    pub fn comments(&self) -> Vec<Comment> {
        let comments = self.comments.read().unwrap_or_else(PoisonError::into_inner);
        comments.rows.clone()
    }

    /// The comment with this id.
    pub fn comment(&self, id: u64) -> Option<Comment> {
        let comments = self.comments.read().unwrap_or_else(PoisonError::into_inner);
        comments.rows.iter().find(|c| c.id == id).cloned()
    }

    /// Stores a new comment and returns it with its id.
    pub fn add_comment(&self, text: String) -> Comment {
        let mut comments = self
            .comments
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        let comment = Comment {
            id: comments.next_id,
            text,
        };
        comments.next_id += 1;
        comments.rows.push(comment.clone());
        comment
    }

    /// Removes the comment with this id and returns it.
    pub fn delete_comment(&self, id: u64) -> Option<Comment> {
        let mut comments = self
            .comments
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        let at = comments.rows.iter().position(|c| c.id == id)?;
        Some(comments.rows.remove(at))
    }
}

/// Parses the comments shipped in `comments.json`.
///
/// # Errors
///
/// If the file is not a JSON array of `{"id", "text"}` objects.
pub fn seed_comments() -> serde_json::Result<Vec<Comment>> {
    serde_json::from_str(SEED_COMMENTS)
}

/// An error answer: its status, and `{"error": "..."}` as the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    /// Any status, with a message for the client.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    /// 400.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// 422: well-formed JSON with unusable values.
    pub fn unprocessable(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message)
    }
}

/// The JSON body of every error answer (`ApiError`).
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong, for a person.
    pub error: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: self.message,
        };
        (self.status, axum::Json(body)).into_response()
    }
}

/// For the OpenAPI document: every `ApiError` the handlers build is a 4xx
/// (their own 400, 404 and 422, and extractor rejections: 400, 413, 415,
/// 422) with an [`ErrorBody`].
impl utoipa::IntoResponses for ApiError {
    fn responses() -> BTreeMap<String, RefOr<utoipa::openapi::Response>> {
        let body = Content::new(Some(<ErrorBody as PartialSchema>::schema()));
        let response = ResponseBuilder::new()
            .description("An error: `{\"error\": \"...\"}`.")
            .content("application/json", body);
        [("4XX".to_owned(), response.build().into())].into()
    }
}

/// `201 Created` with `T` as JSON and, if given, its `Location`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Created<T> {
    /// Where the new resource lives.
    pub location: Option<String>,
    /// The new resource.
    pub body: T,
}

impl<T: Serialize> IntoResponse for Created<T> {
    fn into_response(self) -> Response {
        let location = self.location.map(|l| [(header::LOCATION, l)]);
        (StatusCode::CREATED, location, axum::Json(self.body)).into_response()
    }
}

/// For the OpenAPI document: 201 with `T`'s schema (inline, so that it needs
/// no component of its own).
impl<T: ToSchema> utoipa::IntoResponses for Created<T> {
    fn responses() -> BTreeMap<String, RefOr<utoipa::openapi::Response>> {
        let response = ResponseBuilder::new()
            .description("Created.")
            .content("application/json", Content::new(Some(T::schema())));
        [("201".to_owned(), response.build().into())].into()
    }
}

/// An extractor's rejection (bad JSON, wrong content type, body too large,
/// bad query) as a JSON error with the rejection's own status.
impl From<axum::extract::rejection::JsonRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::JsonRejection) -> ApiError {
        ApiError::new(rejection.status(), rejection.body_text())
    }
}

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> ApiError {
        ApiError::new(rejection.status(), rejection.body_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_comments_parse() {
        let comments = seed_comments().unwrap();
        assert_eq!(comments.len(), 3);
        assert_eq!(comments[0].id, 1);
        assert_eq!(comments[0].text, "This is the first comment");
    }

    #[test]
    fn new_comments_get_ids_after_the_seeded_ones() {
        let state = AppState::new(seed_comments().unwrap());
        assert_eq!(state.add_comment("four".to_owned()).id, 4);
        assert_eq!(
            state.delete_comment(4).map(|c| c.text).as_deref(),
            Some("four")
        );
        assert_eq!(state.add_comment("five".to_owned()).id, 5);
    }

    #[test]
    fn pages_past_the_end_are_empty_and_never_overflow() {
        let state = AppState::new(Vec::new());
        for n in 1..=5 {
            state.create_post(format!("t{n}"), String::new());
        }
        let ids = |page: PostPage| page.posts.iter().map(|p| p.id).collect::<Vec<_>>();
        assert_eq!(ids(state.post_page(1, 2)), [1, 2]);
        assert_eq!(ids(state.post_page(3, 2)), [5]);
        assert_eq!(ids(state.post_page(4, 2)), [] as [u64; 0]);
        assert_eq!(ids(state.post_page(usize::MAX, usize::MAX)), [] as [u64; 0]);
        assert_eq!(state.post_page(usize::MAX, 2).total, 5);
    }

    #[test]
    fn only_a_real_preflight_is_left_to_cors() {
        let mut headers = HeaderMap::new();
        assert!(is_plain_options(&Method::OPTIONS, &headers));
        headers.insert(header::ORIGIN, "http://a.example".parse().unwrap());
        assert!(is_plain_options(&Method::OPTIONS, &headers));
        headers.insert(
            header::ACCESS_CONTROL_REQUEST_METHOD,
            "POST".parse().unwrap(),
        );
        assert!(!is_plain_options(&Method::OPTIONS, &headers));
        assert!(!is_plain_options(&Method::GET, &HeaderMap::new()));
    }
}
