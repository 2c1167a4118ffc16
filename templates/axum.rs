// Support code for the axum target, the same in every output: the fixed
// answers (308, 400, 404, 405, OPTIONS, 413) and the binding of handler
// arguments. Emitted verbatim after `core.rs`, in the same module.
//
// What every route's function calls is `#[inline(never)]`: inlined, its code
// was compiled again for each route, which made the release build of a
// 1,000-route API over a quarter slower (34 s, against 27 s).

use ::axum::extract::DefaultBodyLimit;
pub use ::axum::extract::Request;
use ::axum::http::{HeaderValue, StatusCode, header};
pub use ::axum::response::{IntoResponse, Response};

/// 404, for a path no route matches.
pub fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "404 Not Found").into_response()
}

/// 308 to the normalized path, keeping the query.
pub fn redirect(path: &str, query: Option<&str>) -> Response {
    let location = match query {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    };
    match HeaderValue::try_from(location) {
        Ok(location) => (
            StatusCode::PERMANENT_REDIRECT,
            [(header::LOCATION, location)],
        )
            .into_response(),
        Err(_) => (StatusCode::BAD_REQUEST, "400 Bad Request: unusable path").into_response(),
    }
}

/// 405, with the methods the route file serves: a route's answer.
#[inline(never)]
pub fn method_not_allowed(allow: &'static str) -> Routed {
    let allow = HeaderValue::from_static(allow);
    let response = (
        StatusCode::METHOD_NOT_ALLOWED,
        [(header::ALLOW, allow)],
        "405 Method Not Allowed",
    );
    Err(Box::new(response.into_response()))
}

/// 204 for `OPTIONS` on a file without `options` or `handler`: a route's
/// answer.
#[inline(never)]
pub fn options(allow: &'static str) -> Routed {
    let response = (
        StatusCode::NO_CONTENT,
        [(header::ALLOW, HeaderValue::from_static(allow))],
    );
    Err(Box::new(response.into_response()))
}

/// What a handler's call gives: the handler's response, or an extractor's
/// rejection as the error.
pub type Answer = Result<Response, Response>;

/// The answer as sent: for a `HEAD` request, status and headers, no body.
fn sent(head: bool, response: Response) -> Response {
    if !head {
        return response;
    }
    let (parts, _) = response.into_parts();
    Response::from_parts(parts, ::axum::body::Body::empty())
}

/// Requires a handler's future to be `Send`, as axum does. Checked at each
/// handler call, so a handler holding a non-`Send` value (an `Rc`, a std
/// `MutexGuard`) across an `.await` fails to compile here, with rustc's note
/// pointing at that `.await` in the route file, rather than at `router()`.
pub fn send<F: std::future::Future + Send>(future: F) -> F {
    future
}

/// The router's one handler: the generated `dispatch` fn, given the request
/// and the state as they come (no extractor runs before the route is found).
pub struct Dispatch<S>(pub fn(Request, S) -> Pending);

impl<S> Clone for Dispatch<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S> Copy for Dispatch<S> {}

impl<S: Clone + Send + Sync + 'static> ::axum::handler::Handler<Dispatch<S>, S> for Dispatch<S> {
    type Future = Pending;

    fn call(self, req: Request, state: S) -> Pending {
        (self.0)(req, state)
    }
}

/// A request being answered: an answer known at once (308, 404, or the
/// route's 400, 405, 413, `OPTIONS`), or a handler's call. A `HEAD` answer
/// loses its body.
pub enum Pending {
    /// The answer, until it is taken.
    Ready(Option<Response>),
    /// A handler's call, and whether the request is a `HEAD`.
    Call(Call, bool),
}

/// An answer known at once.
pub fn ready(head: bool, response: Response) -> Pending {
    Pending::Ready(Some(sent(head, response)))
}

/// A handler's call, boxed: the one allocation of a request served by a
/// handler (axum boxes handler futures too).
pub type Call = std::pin::Pin<Box<dyn std::future::Future<Output = Answer> + Send>>;

/// What a route's function gives: the call of the handler for the request's
/// method, or an answer known at once (400, 405, 413, `OPTIONS`), boxed as
/// the call is (a `Response` is too big an error for clippy's taste).
pub type Routed = Result<Call, Box<Response>>;

/// The request as the route's function left it: its answer, or the call.
/// Not inlined: `dispatch` calls it once for every route.
#[inline(never)]
pub fn pending(head: bool, routed: Routed) -> Pending {
    match routed {
        Ok(call) => Pending::Call(call, head),
        Err(response) => ready(head, *response),
    }
}

/// Calls a handler whose arguments are all bound (no extractor to run).
pub fn call<F>(handler: F) -> Routed
where
    F: std::future::Future + Send + 'static,
    F::Output: IntoResponse,
{
    boxed(async move { answer(handler.await) })
}

/// Boxes the `async` block that runs a handler's extractors, then calls it:
/// its answer is an extractor's rejection or the handler's response.
pub fn boxed(call: impl std::future::Future<Output = Answer> + Send + 'static) -> Routed {
    Ok(Box::pin(call))
}

impl std::future::Future for Pending {
    type Output = Response;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Response> {
        match self.get_mut() {
            Pending::Ready(response) => std::task::Poll::Ready(
                response
                    .take()
                    .expect("`Pending` polled after it completed"),
            ),
            Pending::Call(call, head) => call
                .as_mut()
                .poll(cx)
                .map(|answer| sent(*head, answer.unwrap_or_else(|response| response))),
        }
    }
}

/// Where a param lies in the request's path: how it reaches the route's
/// function, which owns the request (and so the path).
pub type Span = std::ops::Range<usize>;

/// The [`Span`] of `part`, a slice of `path` (`Route::recognize` only ever
/// gives slices of the path it was given).
pub fn span(path: &str, part: &str) -> Span {
    let start = part.as_ptr() as usize - path.as_ptr() as usize;
    debug_assert!(
        start + part.len() <= path.len(),
        "a param is a slice of its path"
    );
    start..start + part.len()
}

/// The part of the request's path at `span`.
fn at<'a>(req: &'a Request, span: &Span) -> &'a str {
    &req.uri().path()[span.clone()]
}

/// A handler's return value as the answer.
pub fn answer(value: impl IntoResponse) -> Answer {
    Ok(value.into_response())
}

/// 400 for a param that does not percent-decode, naming it.
fn bad_param(name: &str, err: DecodeError) -> Response {
    let message = format!("400 Bad Request: param `{name}`: {err}");
    (StatusCode::BAD_REQUEST, message).into_response()
}

/// Percent-decodes the `[x]` param found at `span` in the request's path,
/// or answers 400 naming it.
#[inline(never)]
pub fn param<'a>(
    name: &'static str,
    req: &'a Request,
    span: &Span,
) -> Result<Cow<'a, str>, Response> {
    decode(at(req, span)).map_err(|err| bad_param(name, err))
}

/// Percent-decodes each segment of the catch-all found at `span`, or answers
/// 400 naming it.
#[inline(never)]
pub fn segments<'a>(
    name: &'static str,
    req: &'a Request,
    span: &Span,
) -> Result<Vec<Cow<'a, str>>, Response> {
    Segments { raw: at(req, span) }
        .decode()
        .map_err(|err| bad_param(name, err))
}

/// Percent-decodes an optional catch-all's segments, if present.
#[inline(never)]
pub fn optional_segments<'a>(
    name: &'static str,
    req: &'a Request,
    span: &Option<Span>,
) -> Result<Option<Vec<Cow<'a, str>>>, Response> {
    span.as_ref()
        .map(|span| segments(name, req, span))
        .transpose()
}

/// Checks a route's body limit before anything runs: 413 at once when
/// `Content-Length` says the body is too large.
#[inline(never)]
pub fn limit(req: &Request, limit: usize) -> Result<(), Response> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        let message = format!("413 Payload Too Large: the body exceeds {limit} bytes");
        return Err((StatusCode::PAYLOAD_TOO_LARGE, message).into_response());
    }
    Ok(())
}

/// Sets a route's body limit for the handler's extractors, before they run:
/// axum's body extractors stop reading at the limit and answer 413
/// themselves (a body without `Content-Length`). Only a handler with an
/// extractor can read the body.
pub fn body_limit(req: &mut Request, limit: usize) {
    DefaultBodyLimit::max(limit).apply(req);
}

/// Binding handler arguments without copying their types.
///
/// The generated caller asks the handler itself for its argument types
/// (`slots2(&handler, &state)` gives one `Slot` per argument), then binds
/// each slot with a method whose impl is chosen by what the type implements
/// (autoref specialization). When no real impl applies, a fallback impl
/// produces a `Not...<T>` value, so the call to the handler fails to compile
/// with "expected `T`, found `NotFromRequestParts<T>`" and a note pointing at
/// that argument in the route file. Each fallback also bounds `T` by a trait
/// no type implements (`ParamType`, `CatchAllType`, `PartsExtractor`,
/// `Extractor`), whose `#[diagnostic::on_unimplemented]` is the error
/// before it: what apigen cannot bind, and what to do. The fallbacks never
/// run.
pub mod bind {
    use std::borrow::Cow;
    use std::future::{Future, Ready};
    use std::marker::PhantomData;
    use std::str::FromStr;

    use ::axum::extract::{FromRequest, FromRequestParts, Request};
    use ::axum::http::StatusCode;
    use ::axum::http::request::Parts;
    use ::axum::response::{IntoResponse, Response};

    /// One argument of a handler: its type `T`, for router state `S`.
    pub struct Slot<T, S>(PhantomData<fn() -> (T, S)>);

    macro_rules! slots {
        ($($name:ident: $($arg:ident)*;)*) => {$(
            /// One slot per argument of `handler`.
            pub fn $name<S, F, Out, $($arg),*>(_handler: &F, _state: &S) -> ($(Slot<$arg, S>,)*)
            where
                F: FnOnce($($arg),*) -> Out,
            {
                ($(Slot::<$arg, S>(PhantomData),)*)
            }
        )*};
    }

    slots! {
        slots1: A1;
        slots2: A1 A2;
        slots3: A1 A2 A3;
        slots4: A1 A2 A3 A4;
        slots5: A1 A2 A3 A4 A5;
        slots6: A1 A2 A3 A4 A5 A6;
        slots7: A1 A2 A3 A4 A5 A6 A7;
        slots8: A1 A2 A3 A4 A5 A6 A7 A8;
        slots9: A1 A2 A3 A4 A5 A6 A7 A8 A9;
        slots10: A1 A2 A3 A4 A5 A6 A7 A8 A9 A10;
        slots11: A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A11;
        slots12: A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A11 A12;
        slots13: A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A11 A12 A13;
        slots14: A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A11 A12 A13 A14;
        slots15: A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A11 A12 A13 A14 A15;
        slots16: A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A11 A12 A13 A14 A15 A16;
    }

    fn unusable() -> Response {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            "500 Internal Server Error",
        )
            .into_response()
    }

    fn invalid(name: &'static str) -> Response {
        let message = format!("400 Bad Request: invalid value for param `{name}`");
        (StatusCode::BAD_REQUEST, message).into_response()
    }

    /// Stands in for an argument named after a `[x]` param whose type is not
    /// `FromStr`: change the argument's type (e.g. `String`, `u64`).
    pub struct NotFromStr<T>(PhantomData<fn() -> T>);

    /// Stands in for an argument named after a catch-all whose type is not
    /// `Vec<T>` (or, for `[[...x]]`, `Option<Vec<T>>`) with `T: FromStr`.
    pub struct NotVecOfFromStr<T>(PhantomData<fn() -> T>);

    /// Stands in for an argument before the last that is not an axum
    /// `FromRequestParts` extractor: only the last argument may read the body.
    pub struct NotFromRequestParts<T>(PhantomData<fn() -> T>);

    /// Stands in for a last argument that is not an axum extractor.
    pub struct NotFromRequest<T>(PhantomData<fn() -> T>);

    /// Binds an argument named after a `[x]` param.
    pub trait ParamArg {
        /// The bound value.
        type Out;
        /// Parses the decoded param, or answers 400 naming it.
        fn bind_param(&self, name: &'static str, value: &str) -> Result<Self::Out, Response>;
    }

    impl<T: FromStr, S> ParamArg for Slot<T, S> {
        type Out = T;
        fn bind_param(&self, name: &'static str, value: &str) -> Result<T, Response> {
            value.parse().map_err(|_| invalid(name))
        }
    }

    /// The fallback of [`ParamArg`]. Its bound, which no type meets, is
    /// the error that says what to do.
    pub trait ParamArgFallback<T> {
        /// The stand-in type.
        type Out;
        /// Never runs: the handler call does not compile.
        fn bind_param(&self, name: &'static str, value: &str) -> Result<Self::Out, Response>
        where
            T: ParamType;
    }

    impl<T, S> ParamArgFallback<T> for &Slot<T, S> {
        type Out = NotFromStr<T>;
        fn bind_param(&self, _: &'static str, _: &str) -> Result<NotFromStr<T>, Response>
        where
            T: ParamType,
        {
            Err(unusable())
        }
    }

    /// Met by no type: the error of an argument named after a `[x]` param
    /// whose type does not parse from it.
    #[diagnostic::on_unimplemented(
        message = "apigen cannot parse a `[x]` param into `{Self}`: it is not `FromStr`",
        label = "the handler's argument of type `{Self}`, named after a param (the error below names it in the route file)",
        note = "an argument named after a `[x]` param is parsed from it with `FromStr`: use `String`, a number, `Uuid`, or implement `FromStr` for `{Self}`",
        note = "if it is not meant for the param, rename it"
    )]
    pub trait ParamType {}

    /// What a catch-all argument can be: `Vec<T>` or `Option<Vec<T>>`.
    pub trait FromSegments: Sized {
        /// Parses the decoded segments (`None` when an optional catch-all is absent).
        fn from_segments(
            name: &'static str,
            segments: Option<&[Cow<'_, str>]>,
        ) -> Result<Self, Response>;
    }

    impl<T: FromStr> FromSegments for Vec<T> {
        fn from_segments(
            name: &'static str,
            segments: Option<&[Cow<'_, str>]>,
        ) -> Result<Self, Response> {
            segments
                .unwrap_or_default()
                .iter()
                .map(|s| s.parse().map_err(|_| invalid(name)))
                .collect()
        }
    }

    impl<T: FromStr> FromSegments for Option<Vec<T>> {
        fn from_segments(
            name: &'static str,
            segments: Option<&[Cow<'_, str>]>,
        ) -> Result<Self, Response> {
            segments
                .map(|s| Vec::from_segments(name, Some(s)))
                .transpose()
        }
    }

    /// Binds an argument named after a `[...x]` or `[[...x]]` param.
    pub trait SegmentsArg {
        /// The bound value.
        type Out;
        /// Parses the decoded segments, or answers 400 naming the param.
        fn bind_segments(
            &self,
            name: &'static str,
            value: Option<&[Cow<'_, str>]>,
        ) -> Result<Self::Out, Response>;
    }

    impl<T: FromSegments, S> SegmentsArg for Slot<T, S> {
        type Out = T;
        fn bind_segments(
            &self,
            name: &'static str,
            value: Option<&[Cow<'_, str>]>,
        ) -> Result<T, Response> {
            T::from_segments(name, value)
        }
    }

    /// The fallback of [`SegmentsArg`]. Its bound, which no type meets,
    /// is the error that says what to do.
    pub trait SegmentsArgFallback<T> {
        /// The stand-in type.
        type Out;
        /// Never runs: the handler call does not compile.
        fn bind_segments(
            &self,
            name: &'static str,
            value: Option<&[Cow<'_, str>]>,
        ) -> Result<Self::Out, Response>
        where
            T: CatchAllType;
    }

    impl<T, S> SegmentsArgFallback<T> for &Slot<T, S> {
        type Out = NotVecOfFromStr<T>;
        fn bind_segments(
            &self,
            _: &'static str,
            _: Option<&[Cow<'_, str>]>,
        ) -> Result<NotVecOfFromStr<T>, Response>
        where
            T: CatchAllType,
        {
            Err(unusable())
        }
    }

    /// Met by no type: the error of an argument named after a catch-all
    /// whose type cannot hold its segments.
    #[diagnostic::on_unimplemented(
        message = "apigen cannot put a catch-all param's segments into `{Self}`",
        label = "the handler's argument of type `{Self}`, named after a catch-all (the error below names it in the route file)",
        note = "`[...x]` binds `Vec<T>`, and `[[...x]]` `Vec<T>` (empty when absent) or `Option<Vec<T>>`, with `T: FromStr` (e.g. `Vec<String>`)",
        note = "if it is not meant for the param, rename it"
    )]
    pub trait CatchAllType {}

    /// Binds an argument before the last with axum's `FromRequestParts`.
    pub trait PartsArg<S> {
        /// The bound value.
        type Out;
        /// Runs the extractor; its rejection is the answer.
        fn bind_parts<'x>(
            &'x self,
            parts: &'x mut Parts,
            state: &'x S,
        ) -> impl Future<Output = Result<Self::Out, Response>> + Send + 'x;
    }

    impl<T: FromRequestParts<S>, S: Send + Sync> PartsArg<S> for Slot<T, S> {
        type Out = T;
        async fn bind_parts<'x>(
            &'x self,
            parts: &'x mut Parts,
            state: &'x S,
        ) -> Result<T, Response> {
            T::from_request_parts(parts, state)
                .await
                .map_err(IntoResponse::into_response)
        }
    }

    /// The fallback of [`PartsArg`]. Its bound, which no type meets, is
    /// the error that says what to do. (A plain future, not an `async fn`:
    /// rustc would report the bound once more for the `async fn`'s future.)
    pub trait PartsArgFallback<T, S> {
        /// The stand-in type.
        type Out;
        /// Never runs: the handler call does not compile.
        fn bind_parts(&self, parts: &mut Parts, state: &S) -> Ready<Result<Self::Out, Response>>
        where
            T: PartsExtractor<S>;
    }

    impl<T, S: Send + Sync> PartsArgFallback<T, S> for &Slot<T, S> {
        type Out = NotFromRequestParts<T>;
        fn bind_parts(
            &self,
            _: &mut Parts,
            _: &S,
        ) -> Ready<Result<NotFromRequestParts<T>, Response>>
        where
            T: PartsExtractor<S>,
        {
            std::future::ready(Err(unusable()))
        }
    }

    /// Met by no type: the error of an argument before the last that is
    /// not a `FromRequestParts` extractor.
    #[diagnostic::on_unimplemented(
        message = "apigen cannot bind `{Self}` before the handler's last argument: it is not an axum `FromRequestParts<{S}>` extractor",
        label = "the handler's argument of type `{Self}` (the error below names it in the route file)",
        note = "only the last argument may read the body (`Json`, `Form`, `String`, `Bytes`, `Request`, any `FromRequest` type): if `{Self}` does, move it last",
        note = "`State<T>` needs `T` to be the router's state type, `{S}` (`Builder::state`)",
        note = "an argument meant for a param must be named after it (`[pid]` binds `pid`)"
    )]
    pub trait PartsExtractor<S> {}

    /// Binds the last argument with axum's `FromRequest`, which may read the
    /// body. Called as `(&&slot).bind_request(..)`: an impl on `&Slot` (body
    /// extractors), then on `&&Slot` (parts extractors), then the fallback on `Slot`.
    pub trait RequestArg<S> {
        /// The bound value.
        type Out;
        /// Runs the extractor; its rejection is the answer.
        fn bind_request<'x>(
            &'x self,
            req: Request,
            state: &'x S,
        ) -> impl Future<Output = Result<Self::Out, Response>> + Send + 'x;
    }

    impl<T: FromRequest<S>, S: Send + Sync> RequestArg<S> for &Slot<T, S> {
        type Out = T;
        async fn bind_request<'x>(&'x self, req: Request, state: &'x S) -> Result<T, Response> {
            T::from_request(req, state)
                .await
                .map_err(IntoResponse::into_response)
        }
    }

    /// [`RequestArg`] for extractors that do not read the body.
    pub trait RequestPartsArg<S> {
        /// The bound value.
        type Out;
        /// Runs the extractor; its rejection is the answer.
        fn bind_request<'x>(
            &'x self,
            req: Request,
            state: &'x S,
        ) -> impl Future<Output = Result<Self::Out, Response>> + Send + 'x;
    }

    impl<T: FromRequestParts<S>, S: Send + Sync> RequestPartsArg<S> for &&Slot<T, S> {
        type Out = T;
        async fn bind_request<'x>(&'x self, req: Request, state: &'x S) -> Result<T, Response> {
            let (mut parts, _) = req.into_parts();
            T::from_request_parts(&mut parts, state)
                .await
                .map_err(IntoResponse::into_response)
        }
    }

    /// The fallback of [`RequestArg`]. Its bound, which no type meets, is
    /// the error that says what to do.
    pub trait RequestArgFallback<T, S> {
        /// The stand-in type.
        type Out;
        /// Never runs: the handler call does not compile.
        fn bind_request(&self, req: Request, state: &S) -> Ready<Result<Self::Out, Response>>
        where
            T: Extractor<S>;
    }

    impl<T, S: Send + Sync> RequestArgFallback<T, S> for Slot<T, S> {
        type Out = NotFromRequest<T>;
        fn bind_request(&self, _: Request, _: &S) -> Ready<Result<NotFromRequest<T>, Response>>
        where
            T: Extractor<S>,
        {
            std::future::ready(Err(unusable()))
        }
    }

    /// Met by no type: the error of a last argument that is no extractor.
    #[diagnostic::on_unimplemented(
        message = "apigen cannot bind `{Self}` as the handler's last argument: it is not an axum extractor for state `{S}`",
        label = "the handler's argument of type `{Self}` (the error below names it in the route file)",
        note = "`Json<T>`, `Form<T>` and `Query<T>` need `T: serde::Deserialize` (`#[derive(serde::Deserialize)]`)",
        note = "`State<T>` needs `T` to be the router's state type, `{S}` (`Builder::state`)",
        note = "an argument meant for a param must be named after it (`[pid]` binds `pid`); any other must implement axum's `FromRequest<{S}>` or `FromRequestParts<{S}>`"
    )]
    pub trait Extractor<S> {}
}
