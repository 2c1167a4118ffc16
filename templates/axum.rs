// Support code for the axum target, the same in every output: the routes
// that hand requests to the generated dispatch, the fixed answers (308, 400,
// 404, 405, OPTIONS, 413) and the binding of handler arguments. Emitted
// verbatim after `core.rs`, in the same module.
//
// What every route's function calls is `#[inline(never)]`: inlined, its code
// was compiled again for each route, which made the release build of a
// 1,000-route API over a quarter slower (34 s, against 27 s).

pub use ::axum::extract::Request;
use ::axum::extract::{DefaultBodyLimit, NestedPath};
pub use ::axum::handler::Handler;
pub use ::axum::http::Uri;
use ::axum::http::{HeaderValue, Method, StatusCode, header};
pub use ::axum::response::{IntoResponse, Response};

/// The generated router's dispatch, as a type: what the handler that axum
/// calls for every path of the router's routes calls in turn.
pub trait Routes: Copy + Send + Sync + 'static {
    /// The router's state type.
    type State: Clone + Send + Sync + 'static;

    /// The router's prefix (`""`: every path).
    const PREFIX: &'static str;

    /// Answers a request inside the router's prefix, or gives it back (with
    /// the state) when no route matches it and it needs no redirect.
    fn dispatch(req: Request, state: Self::State) -> Result<Pending, (Request, Self::State)>;
}

/// The axum router serving `prefix` (`""`: every path) with `handler`, and
/// nothing else: no fallback, so it merges into and nests in any router,
/// and a fallback added to it serves the paths outside the prefix. Inside
/// it are the prefix itself and every path that continues it with `/` or
/// `\`.
///
/// The catch-all's name is the one axum gives its own fallback's: axum
/// copies no param of that name into the request (a named catch-all cost
/// four allocations and a percent-decoding of the path per request).
pub fn routes<S, H>(prefix: &'static str, handler: H) -> ::axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    H: Handler<(), S>,
{
    // Each standard method is an endpoint of its own, which axum calls
    // directly; `any` alone would send every request through the method
    // router's fallback, one more step per request. The fallback serves the
    // other methods. (`any` first: axum then adds no `Allow` of its own.)
    let any = ::axum::routing::any(handler.clone())
        .get(handler.clone())
        .post(handler.clone())
        .put(handler.clone())
        .patch(handler.clone())
        .delete(handler.clone())
        .options(handler.clone())
        .trace(handler.clone())
        .connect(handler);
    let router = ::axum::Router::new();
    if prefix.is_empty() {
        return router
            .route("/", any.clone())
            .route("/{*__private__axum_fallback}", any);
    }
    // A backslash after the prefix is a `/` once normalized (308): those
    // paths are inside the prefix too.
    router
        .route(prefix, any.clone())
        .route(&format!("{prefix}/"), any.clone())
        .route(
            &format!("{prefix}/{{*__private__axum_fallback}}"),
            any.clone(),
        )
        .route(&format!("{prefix}\\"), any.clone())
        .route(&format!("{prefix}\\{{*__private__axum_fallback}}"), any)
}

/// The router's handler: a zero-sized value, so axum copies it per request
/// for free. A path no route matches gets apigen's 404.
#[derive(Clone, Copy)]
pub struct Dispatch<R>(pub R);

impl<R: Routes> Handler<(), R::State> for Dispatch<R> {
    type Future = Pending;

    fn call(self, req: Request, state: R::State) -> Pending {
        R::dispatch(req, state).unwrap_or_else(|_| ready(not_found()))
    }
}

/// The whole app as one service, without an `axum::Router` around it: what
/// the generated `service()` gives. Every path inside the prefix goes to the
/// dispatch, the others get 404 as from `router()` alone, and each answer is
/// finished as axum's router finishes its routes' answers: `Content-Length`
/// from a body of known size, no body for `HEAD`, and none for a `2xx` to
/// `CONNECT`.
pub type Service<R> = ::axum::handler::HandlerService<Entry<R>, (), <R as Routes>::State>;

/// The handler of [`Service`]: the dispatch, its answer finished by
/// [`Whole`].
#[derive(Clone, Copy)]
pub struct Entry<R>(pub R);

impl<R: Routes> Handler<(), R::State> for Entry<R> {
    type Future = Whole;

    fn call(self, req: Request, state: R::State) -> Whole {
        let method = req.method();
        let head = method == Method::HEAD;
        let connect = method == Method::CONNECT;
        // The paths `routes` gives the dispatch; the others get the 404 of
        // axum's fallback, as from `router()` alone (no body), as it is.
        let routed = inside(R::PREFIX, req.uri().path());
        let pending = if routed {
            Dispatch(self.0).call(req, state)
        } else {
            ready(StatusCode::NOT_FOUND.into_response())
        };
        Whole {
            pending,
            routed,
            head,
            connect,
        }
    }
}

/// Whether `path` is one of those [`routes`] serves for `prefix`: the
/// prefix itself, or the prefix and more after a `/` or `\`.
fn inside(prefix: &str, path: &str) -> bool {
    if prefix.is_empty() {
        return path.starts_with('/');
    }
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '\\']))
}

/// [`Service`] for `routes` with `state`.
pub fn service<R: Routes>(routes: R, state: R::State) -> Service<R> {
    Handler::with_state(Entry(routes), state)
}

/// A request being answered by [`Service`]: its [`Pending`] answer, then
/// what axum's router does to each answer of a route.
pub struct Whole {
    pending: Pending,
    /// Whether the request went to the dispatch (inside the prefix).
    routed: bool,
    head: bool,
    connect: bool,
}

impl std::future::Future for Whole {
    type Output = Response;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Response> {
        let this = self.get_mut();
        let mut response = std::task::ready!(std::pin::Pin::new(&mut this.pending).poll(cx));
        if !this.routed {
            return std::task::Poll::Ready(response);
        }
        if this.connect && response.status().is_success() {
            // RFC 9110: a 2xx to CONNECT has no body and no length.
            if response.headers().contains_key(header::CONTENT_LENGTH)
                || response.headers().contains_key(header::TRANSFER_ENCODING)
                || ::axum::body::HttpBody::size_hint(response.body()).lower() != 0
            {
                *response.body_mut() = ::axum::body::Body::empty();
            }
            return std::task::Poll::Ready(response);
        }
        finish(&mut response, this.head);
        std::task::Poll::Ready(response)
    }
}

/// Sets `Content-Length` from a body of known size (unless the answer has
/// one), then drops the body of a `HEAD` answer: the headers stay those
/// `GET` would send.
fn finish(response: &mut Response, head: bool) {
    let known = if response.headers().contains_key(header::CONTENT_LENGTH) {
        None
    } else {
        ::axum::body::HttpBody::size_hint(response.body()).exact()
    };
    if let Some(size) = known {
        response
            .headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(size));
    }
    if head {
        *response.body_mut() = ::axum::body::Body::empty();
    }
}

/// The router's handler when a path no route matches goes to `fallback`, a
/// handler of the app's own (with the state, as any handler).
pub struct WithFallback<R, H, T> {
    routes: R,
    fallback: H,
    marker: std::marker::PhantomData<fn() -> T>,
}

impl<R, H, T> WithFallback<R, H, T> {
    /// `routes`, handing the paths no route matches to `fallback`.
    pub fn new(routes: R, fallback: H) -> Self {
        WithFallback {
            routes,
            fallback,
            marker: std::marker::PhantomData,
        }
    }
}

impl<R: Clone, H: Clone, T> Clone for WithFallback<R, H, T> {
    fn clone(&self) -> Self {
        WithFallback::new(self.routes.clone(), self.fallback.clone())
    }
}

impl<R, H, T> Handler<(), R::State> for WithFallback<R, H, T>
where
    R: Routes,
    H: Handler<T, R::State>,
    T: 'static,
{
    type Future = Pending;

    fn call(self, req: Request, state: R::State) -> Pending {
        match R::dispatch(req, state) {
            Ok(pending) => pending,
            Err((req, state)) => {
                let answer = self.fallback.call(req, state);
                Pending::Call(Box::pin(async move { Ok(answer.await) }))
            }
        }
    }
}

/// 404, for a path no route matches.
pub fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "404 Not Found").into_response()
}

/// 308 to the normalized path `to`, keeping the query. Below a `nest`,
/// where axum took the outer prefix off the path, the `Location` puts it
/// back (`/v1` + `/api/x`): the path as the client knows it.
pub fn redirect(req: &Request, to: &str) -> Response {
    let outer = outer_prefix(req);
    let path = match (outer, to) {
        ("", _) => to.to_owned(),
        (outer, "/") => outer.to_owned(),
        (outer, to) => format!("{outer}{to}"),
    };
    let location = match req.uri().query() {
        Some(query) => format!("{path}?{query}"),
        None => path,
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

/// The prefix a `nest` took off the path before the router saw it (axum's
/// `NestedPath`, outer nests included), when it is a plain path: a nest
/// path with params (`/orgs/{org}`) names no one path, and the `Location`
/// then stays inside the nest. Only what can go in front of a same-origin
/// `Location` counts.
fn outer_prefix(req: &Request) -> &str {
    let Some(nested) = req.extensions().get::<NestedPath>() else {
        return "";
    };
    let outer = nested.as_str().trim_end_matches('/');
    let plain = outer.starts_with('/')
        && !outer.starts_with("//")
        && !outer.contains(['{', '}', '\\', '?', '#']);
    if plain { outer } else { "" }
}

/// The methods a route file answers: a bit per method, in `Allow`'s order.
pub type Methods = u8;

/// `GET`, in [`Methods`].
pub const GET: Methods = 1;
/// `HEAD`, in [`Methods`].
pub const HEAD: Methods = 1 << 1;
/// `POST`, in [`Methods`].
pub const POST: Methods = 1 << 2;
/// `PUT`, in [`Methods`].
pub const PUT: Methods = 1 << 3;
/// `PATCH`, in [`Methods`].
pub const PATCH: Methods = 1 << 4;
/// `DELETE`, in [`Methods`].
pub const DELETE: Methods = 1 << 5;
/// `OPTIONS` (a file's own `options` handler), in [`Methods`].
pub const OPTIONS: Methods = 1 << 6;

/// The route's answer before anything of the request is read: 204 with
/// `Allow` for an `OPTIONS` the file does not handle itself, 405 with
/// `Allow` for a method it does not serve. A file with `handler` serves
/// every method and never calls this.
#[inline(never)]
pub fn allow(req: &Request, served: Methods, allow: &'static str) -> Result<(), Refusal> {
    let method = req.method();
    let bit = if *method == Method::GET {
        GET
    } else if *method == Method::HEAD {
        HEAD
    } else if *method == Method::POST {
        POST
    } else if *method == Method::PUT {
        PUT
    } else if *method == Method::PATCH {
        PATCH
    } else if *method == Method::DELETE {
        DELETE
    } else if *method == Method::OPTIONS {
        OPTIONS
    } else {
        0
    };
    if served & bit != 0 {
        return Ok(());
    }
    Err(Box::new(refused(bit == OPTIONS, allow)))
}

/// 405 with `Allow`: the last arm of a file's method match, which `allow`
/// leaves no method to reach.
#[inline(never)]
pub fn method_not_allowed(allow: &'static str) -> Routed {
    Err(Box::new(refused(false, allow)))
}

/// 204 for `OPTIONS`, else 405, each with the file's `Allow`.
fn refused(options: bool, allow: &'static str) -> Response {
    let allow = [(header::ALLOW, HeaderValue::from_static(allow))];
    if options {
        return (StatusCode::NO_CONTENT, allow).into_response();
    }
    (
        StatusCode::METHOD_NOT_ALLOWED,
        allow,
        "405 Method Not Allowed",
    )
        .into_response()
}

/// What a handler's call gives: the handler's response, or an extractor's
/// rejection as the error.
pub type Answer = Result<Response, Response>;

/// Requires a handler's future to be `Send`, as axum does. Checked at each
/// handler call, so a handler holding a non-`Send` value (an `Rc`, a std
/// `MutexGuard`) across an `.await` fails to compile here, with rustc's note
/// pointing at that `.await` in the route file, rather than at `router()`.
pub fn send<F: std::future::Future + Send>(future: F) -> F {
    future
}

/// A request being answered: an answer known at once (308, 404, or the
/// route's 400, 405, 413, `OPTIONS`), or a handler's call. A `HEAD` answer's
/// body is dropped by axum's own route future around it, after it sets
/// `Content-Length` from the body: the headers `get` sends are all kept.
pub enum Pending {
    /// The answer, until it is taken. Boxed, so that a `Pending` is three
    /// words: axum moves it inside its own futures at every step, and a
    /// `Response` in place made each move a copy of it (measured: 54
    /// instructions and 43 simulated instruction-cache misses per request).
    Ready(Option<Box<Response>>),
    /// A handler's call, outside any route (the app's fallback).
    Call(Call),
    /// The call of the route a request reached: its response gets the
    /// route's [`MatchedRoute`].
    Reached(Call, MatchedRoute),
}

/// The route a request reached, in the request's extensions (for its
/// handler and folder middleware) and in its response's (for a
/// `TraceLayer` or metrics layer around `router()`): the request's route,
/// the same for every request to it. An extractor too, and `Option` of
/// it, for a middleware that also serves routes of the app's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MatchedRoute(&'static RouteInfo);

impl MatchedRoute {
    /// The route of `info` (`Route::info`, or an entry of `ROUTES`): what a
    /// test of a middleware puts into its request.
    pub const fn new(info: &'static RouteInfo) -> Self {
        MatchedRoute(info)
    }

    /// The route's URL pattern, prefix included: `/api/post/[pid]`.
    pub const fn pattern(&self) -> &'static str {
        self.0.pattern
    }

    /// The route file, relative to the api dir: `post/[pid].rs`.
    pub const fn file(&self) -> &'static str {
        self.0.file
    }

    /// The route's entry in `ROUTES`: params, methods, middleware.
    pub const fn info(&self) -> &'static RouteInfo {
        self.0
    }
}

impl<S: Send + Sync> ::axum::extract::FromRequestParts<S> for MatchedRoute {
    type Rejection = (StatusCode, &'static str);

    async fn from_request_parts(
        parts: &mut ::axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        parts.extensions.get().copied().ok_or((
            StatusCode::INTERNAL_SERVER_ERROR,
            "500 Internal Server Error: no MatchedRoute: the request reached no route of the generated router",
        ))
    }
}

impl<S: Send + Sync> ::axum::extract::OptionalFromRequestParts<S> for MatchedRoute {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut ::axum::http::request::Parts,
        _: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get().copied())
    }
}

/// Puts the request's route into its extensions, before anything of the
/// route runs (folder middleware included). Not inlined: `dispatch` calls
/// it once for every route.
#[inline(never)]
pub fn reached(req: &mut Request, route: MatchedRoute) {
    req.extensions_mut().insert(route);
}

/// Labels `response` with the route that gave it.
fn label(response: &mut Response, route: MatchedRoute) {
    response.extensions_mut().insert(route);
}

/// An answer known at once (a 308, a 404), boxed; a route's refusals come
/// boxed already ([`Refusal`]).
pub fn ready(response: Response) -> Pending {
    Pending::Ready(Some(Box::new(response)))
}

/// A handler's call, boxed: the one allocation of a request served by a
/// handler (axum boxes handler futures too).
pub type Call = std::pin::Pin<Box<dyn std::future::Future<Output = Answer> + Send>>;

/// What a route's function gives: the call of the handler for the request's
/// method, or an answer known at once.
pub type Routed = Result<Call, Refusal>;

/// An answer a route's function gives before any handler runs (400, 405,
/// 413, `OPTIONS`), boxed (a `Response` is too big an error for clippy's
/// taste). The checks box it themselves: each `?` in a route's function
/// then only passes a pointer on, where a `Response` would be boxed, with
/// its own copy of that code, at every `?` of every route.
pub type Refusal = Box<Response>;

/// The request as the route's function left it: its answer, or the call;
/// either gives a response labelled with the request's `route`. Not
/// inlined: `dispatch` calls it once for every route.
#[inline(never)]
pub fn pending(routed: Routed, route: MatchedRoute) -> Pending {
    match routed {
        Ok(call) => Pending::Reached(call, route),
        Err(mut response) => {
            label(&mut response, route);
            Pending::Ready(Some(response))
        }
    }
}

/// What a route's function gives below its folder middleware, unlabelled:
/// the response is labelled once it leaves the chain, as it leaves the
/// route.
fn unlabelled(routed: Routed) -> Pending {
    match routed {
        Ok(call) => Pending::Call(call),
        Err(response) => Pending::Ready(Some(response)),
    }
}

/// Calls a handler whose arguments are all bound (no extractor to run).
/// The request is done with here: its extensions map, emptied, becomes the
/// response's (unless the handler set extensions of its own), so that the
/// [`MatchedRoute`] the response is labelled with needs no map of its own
/// (two allocations fewer per request).
pub fn call<F>(req: Request, handler: F) -> Routed
where
    F: std::future::Future + Send + 'static,
    F::Output: IntoResponse,
{
    let spare = emptied(req);
    boxed(async move { answer_in(handler.await.into_response(), spare) })
}

/// The request's extensions map, its entries dropped and its memory kept.
#[inline(never)]
fn emptied(mut req: Request) -> ::axum::http::Extensions {
    // Taken from the request in place: `into_parts` would copy its head.
    let mut extensions = std::mem::take(req.extensions_mut());
    drop(req);
    extensions.clear();
    extensions
}

/// A handler's response as the answer, its extensions `spare` unless it
/// has some. Not generic and not inlined: under LTO, inlined into each
/// route's call, it made every route's future 635 bytes of code of its own.
#[inline(never)]
fn answer_in(mut response: Response, spare: ::axum::http::Extensions) -> Answer {
    if response.extensions().is_empty() {
        *response.extensions_mut() = spare;
    }
    Ok(response)
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
                *response
                    .take()
                    .expect("`Pending` polled after it completed"),
            ),
            Pending::Call(call) => call
                .as_mut()
                .poll(cx)
                .map(|answer| answer.unwrap_or_else(|response| response)),
            Pending::Reached(call, route) => call.as_mut().poll(cx).map(|answer| {
                let mut response = answer.unwrap_or_else(|response| response);
                label(&mut response, *route);
                response
            }),
        }
    }
}

/// What a route with folder middleware runs below its chain: the rest of
/// its function (params, body limit, handler), for the route and the params
/// matched before any middleware ran. It keeps the URI the route was
/// matched on, so a middleware that rewrites the request's URI changes what
/// the handler's extractors see, never which route serves it or its params
/// (as with axum's own `route_layer`). Its type is the same for every route
/// of the tree (the params are [`Spans`]), so each middleware chain's code
/// is compiled once, whatever the shapes of its routes' params.
pub struct Endpoint<S, const N: usize> {
    serve: fn(Request, S, &Uri, &Spans<N>) -> Routed,
    uri: Uri,
    spans: Spans<N>,
}

impl<S, const N: usize> Endpoint<S, N> {
    /// The endpoint of the route matched for `req`, its params at `spans`
    /// (in path order; `None` for an absent optional catch-all).
    pub fn new<const K: usize>(
        serve: fn(Request, S, &Uri, &Spans<N>) -> Routed,
        req: &Request,
        spans: [Option<Span>; K],
    ) -> Self {
        Endpoint {
            serve,
            uri: req.uri().clone(),
            spans: Spans::new(spans),
        }
    }
}

impl<S, const N: usize> Clone for Endpoint<S, N> {
    fn clone(&self) -> Self {
        Endpoint {
            serve: self.serve,
            uri: self.uri.clone(),
            spans: self.spans.clone(),
        }
    }
}

impl<S, const N: usize> Handler<(), S> for Endpoint<S, N>
where
    S: Send + Sync + 'static,
{
    type Future = Pending;

    fn call(self, req: Request, state: S) -> Pending {
        unlabelled((self.serve)(req, state, &self.uri, &self.spans))
    }
}

/// The params of a route below folder middleware, in one form for every
/// route of the tree: `N` (the most params a route with middleware has)
/// slots, the route's spans in path order, then `None`.
#[derive(Clone, Debug)]
pub struct Spans<const N: usize>([Option<Span>; N]);

impl<const N: usize> Spans<N> {
    /// The slots for a route's `K` params.
    fn new<const K: usize>(given: [Option<Span>; K]) -> Self {
        const { assert!(K <= N, "a route has no more params than `N`") };
        let mut slots = [const { None }; N];
        for (slot, span) in slots.iter_mut().zip(given) {
            *slot = span;
        }
        Spans(slots)
    }

    /// The span of the route's param at `index`, a `[x]` or `[...x]` one
    /// (always present: its route was matched with it).
    pub fn one(&self, index: usize) -> Span {
        self.0[index]
            .clone()
            .expect("the route's function fills the slot of each of its params")
    }

    /// The span of the route's optional catch-all at `index`, if present.
    pub fn optional(&self, index: usize) -> Option<Span> {
        self.0[index].clone()
    }
}

/// axum's `from_fn_with_state` for a folder middleware, with a clone of
/// the router's state: a function, so that the generated code calls no
/// `.clone()` on a `()` state (clippy's `clone_on_copy` and `unit_arg`).
pub fn from_fn_with<S: Clone, F, T>(state: &S, f: F) -> ::axum::middleware::FromFnLayer<F, S, T> {
    ::axum::middleware::from_fn_with_state(state.clone(), f)
}

/// Runs a route's middleware chain (axum handlers layered around its
/// [`Endpoint`]) on the request.
pub fn through<H: Handler<(), S>, S>(chain: H, req: Request, state: S) -> Routed {
    let answer = chain.call(req, state);
    Ok(Box::pin(async move { Ok(answer.await) }))
}

/// A `_middleware.rs` file's `layer()`, built once. Its type may be one
/// that no code can name (`-> impl Layer<..>`), so it is kept as `Any` and
/// found again by the type of the function that built it.
#[derive(Default)]
pub struct LayerCell(std::sync::OnceLock<Box<dyn std::any::Any + Send + Sync>>);

impl LayerCell {
    /// An empty cell, for a `static`.
    pub const fn new() -> Self {
        LayerCell(std::sync::OnceLock::new())
    }

    /// Builds the layer with `make`, unless it is built already.
    pub fn build<L: Send + Sync + 'static>(&'static self, make: fn() -> L) {
        self.get(make);
    }

    /// A clone of the layer (built by `make` on the first call), for one
    /// request. Cloned here, generically, so a `Copy` layer is no clippy
    /// `clone_on_copy` in the generated code.
    pub fn layer<L: Clone + Send + Sync + 'static>(&'static self, make: fn() -> L) -> L {
        self.get(make).clone()
    }

    fn get<L: Send + Sync + 'static>(&'static self, make: fn() -> L) -> &'static L {
        self.0
            .get_or_init(|| Box::new(make()))
            .downcast_ref()
            .expect("a cell holds the layer of the one function that fills it")
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

/// What a route's params are read from: the request, or (below folder
/// middleware) the URI the route was matched on.
pub trait Matched {
    /// The path the params' spans point into.
    fn matched_path(&self) -> &str;
}

impl Matched for Request {
    fn matched_path(&self) -> &str {
        self.uri().path()
    }
}

impl Matched for Uri {
    fn matched_path(&self) -> &str {
        self.path()
    }
}

/// The part of the matched path at `span`.
fn at<'a>(req: &'a impl Matched, span: &Span) -> &'a str {
    &req.matched_path()[span.clone()]
}

/// A handler's return value as the answer.
pub fn answer(value: impl IntoResponse) -> Answer {
    Ok(value.into_response())
}

/// 400 for a param that does not percent-decode, naming it.
fn bad_param(name: &str, err: DecodeError) -> Refusal {
    let message = format!("400 Bad Request: param `{name}`: {err}");
    Box::new((StatusCode::BAD_REQUEST, message).into_response())
}

/// Whether the matched path has a `%`: without one, every param of it
/// percent-decodes to itself, so a route checks the params its handlers do
/// not bind only when this says so.
#[inline(never)]
pub fn escaped(req: &impl Matched) -> bool {
    req.matched_path().as_bytes().contains(&b'%')
}

/// Percent-decodes the `[x]` param found at `span` in the request's path,
/// or answers 400 naming it.
#[inline(never)]
pub fn param<'a>(
    name: &'static str,
    req: &'a impl Matched,
    span: &Span,
) -> Result<Cow<'a, str>, Refusal> {
    decode(at(req, span)).map_err(|err| bad_param(name, err))
}

/// Percent-decodes each segment of the catch-all found at `span`, or answers
/// 400 naming it.
#[inline(never)]
pub fn segments<'a>(
    name: &'static str,
    req: &'a impl Matched,
    span: &Span,
) -> Result<Vec<Cow<'a, str>>, Refusal> {
    Segments { raw: at(req, span) }
        .decode()
        .map_err(|err| bad_param(name, err))
}

/// Percent-decodes an optional catch-all's segments, if present.
#[inline(never)]
pub fn optional_segments<'a>(
    name: &'static str,
    req: &'a impl Matched,
    span: &Option<Span>,
) -> Result<Option<Vec<Cow<'a, str>>>, Refusal> {
    span.as_ref()
        .map(|span| segments(name, req, span))
        .transpose()
}

/// Checks a route's body limit before anything runs: 413 at once when
/// `Content-Length` says the body is too large.
#[inline(never)]
pub fn limit(req: &Request, limit: usize) -> Result<(), Refusal> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        let message = format!("413 Payload Too Large: the body exceeds {limit} bytes");
        return Err(Box::new(
            (StatusCode::PAYLOAD_TOO_LARGE, message).into_response(),
        ));
    }
    Ok(())
}

/// Holds the body of a request whose handler has an extractor (only such a
/// handler can read it) to the route's limit, however it is sent: the body
/// is cut at the limit, so a body extractor answers 413 and a handler
/// reading a raw `Body` or `Request` gets an error from the stream as soon
/// as it would pass the limit (it never reads more). The limit also stays
/// in the request for axum's extractors, which would apply their own 2 MB
/// default otherwise.
pub fn body_limit(mut req: Request, limit: usize) -> Request {
    DefaultBodyLimit::max(limit).apply(&mut req);
    ::axum::RequestExt::with_limited_body(req)
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

    use super::Refusal;

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

    fn invalid(name: &'static str) -> Refusal {
        let message = format!("400 Bad Request: invalid value for param `{name}`");
        Box::new((StatusCode::BAD_REQUEST, message).into_response())
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
        fn bind_param(&self, name: &'static str, value: &str) -> Result<Self::Out, Refusal>;
    }

    impl<T: FromStr, S> ParamArg for Slot<T, S> {
        type Out = T;
        fn bind_param(&self, name: &'static str, value: &str) -> Result<T, Refusal> {
            value.parse().map_err(|_| invalid(name))
        }
    }

    /// The fallback of [`ParamArg`]. Its bound, which no type meets, is
    /// the error that says what to do.
    pub trait ParamArgFallback<T> {
        /// The stand-in type.
        type Out;
        /// Never runs: the handler call does not compile.
        fn bind_param(&self, name: &'static str, value: &str) -> Result<Self::Out, Refusal>
        where
            T: ParamType;
    }

    impl<T, S> ParamArgFallback<T> for &Slot<T, S> {
        type Out = NotFromStr<T>;
        fn bind_param(&self, _: &'static str, _: &str) -> Result<NotFromStr<T>, Refusal>
        where
            T: ParamType,
        {
            Err(Box::new(unusable()))
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
        ) -> Result<Self, Refusal>;
    }

    impl<T: FromStr> FromSegments for Vec<T> {
        fn from_segments(
            name: &'static str,
            segments: Option<&[Cow<'_, str>]>,
        ) -> Result<Self, Refusal> {
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
        ) -> Result<Self, Refusal> {
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
        ) -> Result<Self::Out, Refusal>;
    }

    impl<T: FromSegments, S> SegmentsArg for Slot<T, S> {
        type Out = T;
        fn bind_segments(
            &self,
            name: &'static str,
            value: Option<&[Cow<'_, str>]>,
        ) -> Result<T, Refusal> {
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
        ) -> Result<Self::Out, Refusal>
        where
            T: CatchAllType;
    }

    impl<T, S> SegmentsArgFallback<T> for &Slot<T, S> {
        type Out = NotVecOfFromStr<T>;
        fn bind_segments(
            &self,
            _: &'static str,
            _: Option<&[Cow<'_, str>]>,
        ) -> Result<NotVecOfFromStr<T>, Refusal>
        where
            T: CatchAllType,
        {
            Err(Box::new(unusable()))
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
