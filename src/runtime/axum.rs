//! `templates/axum.rs` compiled here, after `templates/core.rs` in one
//! module, exactly as every generated axum crate compiles them (in `mod
//! __apigen`, with the same lints allowed), and its helpers unit-tested.

#![allow(dead_code, unused_imports, clippy::result_large_err)]

include!("../../templates/core.rs");
include!("../../templates/axum.rs");

// The explicit borrows in `(&slot).bind_param(..)` choose the binding impl
// (autoref specialization), as in generated code.
#[cfg(test)]
#[allow(clippy::needless_borrow)]
mod tests {
    use super::bind::*;
    use super::*;

    use ::axum::body::Body;
    use ::axum::http::{HeaderMap, Method, StatusCode, header};

    fn request(uri: &str, headers: &[(header::HeaderName, &str)]) -> Request {
        let mut request = Request::builder().uri(uri);
        for (name, value) in headers {
            request = request.header(name, *value);
        }
        request.body(Body::empty()).unwrap()
    }

    async fn text(response: Response) -> String {
        let bytes = ::axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    /// A route's answer known at once (`Err` of [`Routed`]).
    fn at_once(routed: Routed) -> Response {
        match routed {
            Ok(_) => panic!("expected an answer known at once, got a call"),
            Err(response) => *response,
        }
    }

    #[tokio::test]
    async fn not_found_and_redirects() {
        let response = not_found();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(text(response).await, "404 Not Found");

        let moved = redirect(&request("/api/hello/?x=1&y", &[]), "/api/hello");
        assert_eq!(moved.status(), StatusCode::PERMANENT_REDIRECT);
        assert_eq!(moved.headers()[header::LOCATION], "/api/hello?x=1&y");
        let moved = redirect(&request("/api//hello", &[]), "/api/hello");
        assert_eq!(moved.headers()[header::LOCATION], "/api/hello");
        // A path no header can carry is refused rather than sent broken.
        let refused = redirect(&request("/api/a", &[]), "/api/a\nb");
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
        assert!(refused.headers().get(header::LOCATION).is_none());
        assert_eq!(text(refused).await, "400 Bad Request: unusable path");
    }

    #[tokio::test]
    async fn method_answers_name_the_allowed_methods() {
        let method = |m: Method| Request::builder().method(m).uri("/").body(Body::empty());
        let method = |m: Method| method(m).unwrap();
        let served = GET | HEAD | POST;
        let allowed = "GET, HEAD, POST, OPTIONS";
        for ok in [Method::GET, Method::HEAD, Method::POST] {
            assert!(allow(&method(ok.clone()), served, allowed).is_ok(), "{ok}");
        }
        for refused in [Method::PUT, Method::DELETE, Method::PATCH, Method::TRACE] {
            let response = allow(&method(refused.clone()), served, allowed).unwrap_err();
            assert_eq!(
                response.status(),
                StatusCode::METHOD_NOT_ALLOWED,
                "{refused}"
            );
            assert_eq!(response.headers()[header::ALLOW], allowed);
            assert_eq!(text(*response).await, "405 Method Not Allowed");
        }
        let odd = Method::from_bytes(b"PROPFIND").unwrap();
        assert!(allow(&method(odd), served, allowed).is_err());
        let options = allow(&method(Method::OPTIONS), served, allowed).unwrap_err();
        assert_eq!(options.status(), StatusCode::NO_CONTENT);
        assert_eq!(options.headers()[header::ALLOW], allowed);
        assert_eq!(text(*options).await, "");
        // A file with its own `options` handler gets the request.
        assert!(allow(&method(Method::OPTIONS), served | OPTIONS, allowed).is_ok());
        assert!(allow(&method(Method::GET), HEAD, "HEAD, OPTIONS").is_err());

        let refused = at_once(method_not_allowed("GET, HEAD, OPTIONS"));
        assert_eq!(refused.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(refused.headers()[header::ALLOW], "GET, HEAD, OPTIONS");
    }

    #[tokio::test]
    async fn limit_answers_413_for_a_declared_length_over_it() {
        assert!(limit(&request("/", &[]), 10).is_ok());
        let at = request("/", &[(header::CONTENT_LENGTH, "10")]);
        assert!(limit(&at, 10).is_ok());
        let over = request("/", &[(header::CONTENT_LENGTH, "11")]);
        let response = limit(&over, 10).unwrap_err();
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(
            text(*response).await,
            "413 Payload Too Large: the body exceeds 10 bytes"
        );
        let huge = request("/", &[(header::CONTENT_LENGTH, "18446744073709551615")]);
        assert!(limit(&huge, 1 << 20).is_err());
        // A length that is not a number is axum's to refuse, not this check's.
        let garbled = request("/", &[(header::CONTENT_LENGTH, "ten")]);
        assert!(limit(&garbled, 10).is_ok());
    }

    fn with_text(body: &'static str) -> Request {
        Request::builder().uri("/").body(Body::from(body)).unwrap()
    }

    #[tokio::test]
    async fn body_limit_holds_for_the_body_extractors() {
        use ::axum::extract::FromRequest;
        let rejected = String::from_request(body_limit(with_text("0123456789"), 4), &())
            .await
            .unwrap_err();
        assert_eq!(
            rejected.into_response().status(),
            StatusCode::PAYLOAD_TOO_LARGE
        );
        let read = String::from_request(body_limit(with_text("0123"), 4), &()).await;
        assert_eq!(read.unwrap(), "0123");
        // Above axum's own 2 MB default, the route's limit holds.
        let big = "x".repeat(3 << 20);
        let req = Request::builder().uri("/").body(Body::from(big)).unwrap();
        let read = String::from_request(body_limit(req, 4 << 20), &()).await;
        assert_eq!(read.unwrap().len(), 3 << 20);
    }

    #[tokio::test]
    async fn body_limit_cuts_a_raw_body_at_the_limit() {
        let body = body_limit(with_text("0123456789"), 4).into_body();
        assert!(::axum::body::to_bytes(body, usize::MAX).await.is_err());
        let body = body_limit(with_text("0123"), 4).into_body();
        let read = ::axum::body::to_bytes(body, usize::MAX).await.unwrap();
        assert_eq!(read, "0123");
    }

    #[test]
    fn a_span_is_where_a_slice_lies_in_the_path() {
        let req = request("/api/post/a%20b/c?q=1", &[]);
        let path = req.uri().path();
        let pid = &path["/api/post/".len().."/api/post/a%20b".len()];
        let pid_span = span(path, pid);
        assert_eq!(pid_span, 10..15);
        assert_eq!(at(&req, &pid_span), "a%20b");
        assert_eq!(span(path, &path[path.len()..]), 17..17);
    }

    #[test]
    fn escaped_is_whether_the_matched_path_has_a_percent() {
        assert!(!escaped(&request("/api/post/a/b", &[])));
        assert!(escaped(&request("/api/post/a%20b", &[])));
        // The query is not the path.
        assert!(!escaped(&request("/api/post/a?q=%20", &[])));
        let uri: Uri = "/api/x/%2Fy?q=1".parse().unwrap();
        assert!(escaped(&uri));
        let uri: Uri = "/api/x/y?q=%20".parse().unwrap();
        assert!(!escaped(&uri));
    }

    #[tokio::test]
    async fn params_decode_or_answer_400_naming_them() {
        let req = request("/api/post/a%20b/x/%2Fy", &[]);
        assert_eq!(param("pid", &req, &(10..15)).unwrap(), "a b");
        assert_eq!(segments("rest", &req, &(16..22)).unwrap(), ["x", "/y"]);
        assert_eq!(
            optional_segments("rest", &req, &Some(16..22)).unwrap(),
            Some(vec!["x".into(), "/y".into()])
        );
        assert_eq!(optional_segments("rest", &req, &None).unwrap(), None);
        let bad = request("/api/post/%E0/%zz", &[]);
        let response = param("pid", &bad, &(10..13)).unwrap_err();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert_eq!(
            text(*response).await,
            "400 Bad Request: param `pid`: not UTF-8 once percent-decoded"
        );
        let response = segments("slug", &bad, &(10..17)).unwrap_err();
        assert_eq!(
            text(*response).await,
            "400 Bad Request: param `slug`: not UTF-8 once percent-decoded"
        );
        let response = optional_segments("all", &bad, &Some(14..17)).unwrap_err();
        assert_eq!(
            text(*response).await,
            "400 Bad Request: param `all`: malformed percent-escape"
        );
    }

    static INFO: RouteInfo = RouteInfo {
        pattern: "/api/x",
        file: "x.rs",
        params: &[],
        methods: &["GET", "HEAD", "OPTIONS"],
        middleware: &[],
    };
    const ROUTE: MatchedRoute = MatchedRoute::new(&INFO);

    #[tokio::test]
    async fn the_matched_route_is_an_extractor_where_it_was_put() {
        use ::axum::extract::FromRequestParts;
        let mut req = request("/api/x", &[]);
        reached(&mut req, ROUTE);
        let (mut parts, _) = req.into_parts();
        let found = MatchedRoute::from_request_parts(&mut parts, &()).await;
        assert_eq!(
            found.map(|r| (r.pattern(), r.file())),
            Ok(("/api/x", "x.rs"))
        );
        let found = optional_route(&mut parts).await;
        assert_eq!(found.map(|r| r.info()), Some(&INFO));

        let (mut parts, _) = request("/elsewhere", &[]).into_parts();
        let missing = MatchedRoute::from_request_parts(&mut parts, &()).await;
        assert_eq!(missing.unwrap_err().0, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(optional_route(&mut parts).await, None);
    }

    /// `Option<MatchedRoute>` as an extractor takes it from `parts`.
    async fn optional_route(parts: &mut ::axum::http::request::Parts) -> Option<MatchedRoute> {
        <MatchedRoute as ::axum::extract::OptionalFromRequestParts<()>>::from_request_parts(
            parts,
            &(),
        )
        .await
        .unwrap()
    }

    fn with_body() -> Response {
        ([("x-served-by", "get")], "hello").into_response()
    }

    #[tokio::test]
    async fn answers_known_at_once_and_calls_give_their_response() {
        let ready_now = ready(with_body()).await;
        assert_eq!(ready_now.headers()["x-served-by"], "get");
        assert_eq!(text(ready_now).await, "hello");
        let mut req = request("/api/x", &[]);
        req.extensions_mut().insert(7u32);
        let called = pending(call(req, async { with_body() }), ROUTE).await;
        // The request's extensions map, emptied, labelled with the route.
        assert_eq!(called.extensions().get(), Some(&ROUTE));
        assert_eq!(called.extensions().get::<u32>(), None);
        assert_eq!(called.extensions().len(), 1);
        assert_eq!(text(called).await, "hello");
        let refused = pending(method_not_allowed("GET"), ROUTE).await;
        assert_eq!(refused.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(refused.extensions().get(), Some(&ROUTE));
        let unrouted = unlabelled(call(request("/", &[]), async { with_body() })).await;
        assert_eq!(unrouted.extensions().get::<MatchedRoute>(), None);
        // A handler's own extensions are kept.
        let own = async { ([("x", "y")], ::axum::Extension(3u8), "own").into_response() };
        let answered = pending(call(request("/", &[]), own), ROUTE).await;
        assert_eq!(answered.extensions().get(), Some(&3u8));
        assert_eq!(answered.extensions().get(), Some(&ROUTE));
    }

    #[tokio::test]
    async fn a_rejection_is_the_answer_of_a_call() {
        let rejected = boxed(async { Err(StatusCode::IM_A_TEAPOT.into_response()) });
        let response = pending(rejected, ROUTE).await;
        assert_eq!(response.status(), StatusCode::IM_A_TEAPOT);
        assert_eq!(response.extensions().get(), Some(&ROUTE));
        let answered_ok = answer("ok").unwrap();
        assert_eq!(text(answered_ok).await, "ok");
    }

    /// A stand-in for the generated dispatch: answers `/api/x` with the
    /// path and the state, redirects `/api/x/`, and matches nothing else.
    #[derive(Clone, Copy)]
    struct Stub;

    impl Routes for Stub {
        type State = u8;

        const PREFIX: &'static str = "/api";

        fn dispatch(req: Request, state: u8) -> Result<Pending, (Request, u8)> {
            match req.uri().path() {
                "/api/x" => {
                    let body = format!("{} {state}", req.uri());
                    Ok(ready(([("x-served-by", "get")], body).into_response()))
                }
                "/api/x/" => Ok(ready(redirect(&req, "/api/x"))),
                _ => Err((req, state)),
            }
        }
    }

    /// `method uri` through `app` (a router, or a [`Service`]).
    async fn send<A>(app: &A, method: Method, uri: &str) -> Response
    where
        A: tower::Service<Request, Response = Response, Error = std::convert::Infallible> + Clone,
    {
        use tower::ServiceExt;
        let req = Request::builder().method(method).uri(uri);
        let req = req.body(Body::empty()).unwrap();
        app.clone().oneshot(req).await.unwrap()
    }

    #[tokio::test]
    async fn the_routes_cover_the_prefix_and_nothing_else() {
        let router = routes("/api", Dispatch(Stub)).with_state(7u8);
        let found = send(&router, Method::GET, "/api/x?q").await;
        assert_eq!(text(found).await, "/api/x?q 7");
        let moved = send(&router, Method::GET, "/api/x/").await;
        assert_eq!(moved.headers()[header::LOCATION], "/api/x");
        for inside in ["/api", "/api/", "/api/y", "/api//x", "/api/x/y/"] {
            let missing = send(&router, Method::GET, inside).await;
            assert_eq!(text(missing).await, "404 Not Found", "{inside}");
        }
        // Outside the prefix: axum's own fallback (404, no body).
        for outside in ["/", "/apix", "/x", "//api/x"] {
            let answer = send(&router, Method::GET, outside).await;
            assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{outside}");
            assert_eq!(text(answer).await, "", "{outside}");
        }
        // From the root, every path.
        let router = routes("", Dispatch(Stub)).with_state(7u8);
        for path in ["/", "/x", "//api/x"] {
            let missing = send(&router, Method::GET, path).await;
            assert_eq!(text(missing).await, "404 Not Found", "{path}");
        }
    }

    #[tokio::test]
    async fn redirects_below_a_nest_keep_its_prefix() {
        let inner = || routes("/api", Dispatch(Stub));
        let nested: ::axum::Router<u8> = ::axum::Router::new().nest("/v1", inner());
        let twice = ::axum::Router::new()
            .nest("/v0", nested.clone())
            .with_state(7u8);
        let once = nested.with_state(7u8);
        let moved = send(&once, Method::GET, "/v1/api/x/?q=1").await;
        assert_eq!(moved.headers()[header::LOCATION], "/v1/api/x?q=1");
        let moved = send(&twice, Method::GET, "/v0/v1/api/x/").await;
        assert_eq!(moved.headers()[header::LOCATION], "/v0/v1/api/x");
        // A nest path with a param names no one path: the `Location` stays
        // inside the nest.
        let by_param = ::axum::Router::new()
            .nest("/o/{org}", inner())
            .with_state(7u8);
        let moved = send(&by_param, Method::GET, "/o/acme/api/x/").await;
        assert_eq!(moved.headers()[header::LOCATION], "/api/x");
        // Not nested: nothing in front.
        let plain = inner().with_state(7u8);
        let moved = send(&plain, Method::GET, "/api/x/").await;
        assert_eq!(moved.headers()[header::LOCATION], "/api/x");
    }

    #[tokio::test]
    async fn a_head_answer_keeps_every_header_and_its_length() {
        let router = routes("/api", Dispatch(Stub)).with_state(7u8);
        let head = send(&router, Method::HEAD, "/api/x").await;
        assert_eq!(head.headers()["x-served-by"], "get");
        assert_eq!(head.headers()[header::CONTENT_LENGTH], "8");
        assert_eq!(text(head).await, "");
    }

    #[tokio::test]
    async fn the_service_serves_the_prefix_as_the_router_and_404_outside() {
        let service = service(Stub, 7u8);
        let found = send(&service, Method::GET, "/api/x?q").await;
        assert_eq!(found.headers()[header::CONTENT_LENGTH], "10");
        assert_eq!(text(found).await, "/api/x?q 7");
        let moved = send(&service, Method::GET, "/api/x/").await;
        assert_eq!(moved.status(), StatusCode::PERMANENT_REDIRECT);
        assert_eq!(moved.headers()[header::LOCATION], "/api/x");
        for inside in ["/api", "/api/", "/api/y", "/api\\y", "/api/x/y/"] {
            let missing = send(&service, Method::GET, inside).await;
            assert_eq!(missing.headers()[header::CONTENT_LENGTH], "13");
            assert_eq!(text(missing).await, "404 Not Found", "{inside}");
        }
        // Outside the prefix: 404 without a body or headers, as axum's
        // fallback gives it.
        for outside in ["/", "/apix", "/x", "//api/x", "*"] {
            let answer = send(&service, Method::GET, outside).await;
            assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{outside}");
            assert!(answer.headers().is_empty(), "{outside}");
            assert_eq!(text(answer).await, "", "{outside}");
        }
        let head = send(&service, Method::HEAD, "/api/x").await;
        assert_eq!(head.headers()["x-served-by"], "get");
        assert_eq!(head.headers()[header::CONTENT_LENGTH], "8");
        assert_eq!(text(head).await, "");
    }

    #[test]
    fn inside_the_prefix_is_the_prefix_and_what_follows_a_slash() {
        for (prefix, path, expected) in [
            ("/api", "/api", true),
            ("/api", "/api/", true),
            ("/api", "/api/x", true),
            ("/api", "/api\\x", true),
            ("/api", "/apix", false),
            ("/api", "/", false),
            ("/api", "/v1/api", false),
            ("", "/", true),
            ("", "/x", true),
            ("", "*", false),
            ("", "\\x", false),
        ] {
            assert_eq!(inside(prefix, path), expected, "{prefix:?} {path:?}");
        }
    }

    #[tokio::test]
    async fn a_connect_success_loses_its_body_and_a_head_its_body_only() {
        let connect = Whole {
            pending: ready("tunnel".into_response()),
            routed: true,
            head: false,
            connect: true,
        }
        .await;
        assert_eq!(connect.headers().get(header::CONTENT_LENGTH), None);
        assert_eq!(text(connect).await, "");
        let refused = Whole {
            pending: ready((StatusCode::FORBIDDEN, "no").into_response()),
            routed: true,
            head: false,
            connect: true,
        }
        .await;
        assert_eq!(text(refused).await, "no");
        let mut sized = "abc".into_response();
        sized
            .headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from_static("3"));
        finish(&mut sized, true);
        assert_eq!(sized.headers()[header::CONTENT_LENGTH], "3");
        assert_eq!(text(sized).await, "");
    }

    #[tokio::test]
    async fn a_fallback_gets_what_no_route_matches() {
        use ::axum::extract::State;
        let fallback = |State(state): State<u8>| async move {
            (StatusCode::IM_A_TEAPOT, format!("fallback {state}"))
        };
        let router = routes("/api", WithFallback::new(Stub, fallback)).with_state(7u8);
        let found = send(&router, Method::GET, "/api/x").await;
        assert_eq!(text(found).await, "/api/x 7");
        let moved = send(&router, Method::GET, "/api/x/").await;
        assert_eq!(moved.status(), StatusCode::PERMANENT_REDIRECT);
        let missing = send(&router, Method::GET, "/api/y").await;
        assert_eq!(missing.status(), StatusCode::IM_A_TEAPOT);
        assert_eq!(text(missing).await, "fallback 7");
    }

    #[tokio::test]
    async fn slots_bind_params_by_the_handlers_own_types() {
        async fn handler(_id: u64, _rest: Vec<u16>, _all: Option<Vec<String>>) {}
        let (id, rest, all) = slots3(&handler, &());
        let id: u64 = (&id).bind_param("id", "42").unwrap();
        assert_eq!(id, 42);
        let segments: [Cow<'_, str>; 2] = ["1".into(), "2".into()];
        let rest: Vec<u16> = (&rest).bind_segments("rest", Some(&segments[..])).unwrap();
        assert_eq!(rest, [1, 2]);
        let all: Option<Vec<String>> = (&all).bind_segments("all", None).unwrap();
        assert_eq!(all, None);

        let (id,) = slots1(&|_id: u64| async {}, &());
        let response = (&id).bind_param("id", "x").unwrap_err();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert_eq!(
            text(*response).await,
            "400 Bad Request: invalid value for param `id`"
        );
        let (rest,) = slots1(&|_rest: Vec<u8>| async {}, &());
        let response = (&rest).bind_segments("rest", Some(&segments[..1]));
        assert!(response.is_ok());
        let big: [Cow<'_, str>; 1] = ["300".into()];
        let response = (&rest).bind_segments("rest", Some(&big[..])).unwrap_err();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    }

    #[tokio::test]
    async fn extractors_bind_from_the_request_in_order() {
        let (method, headers, body) =
            slots3(&|_m: Method, _h: HeaderMap, _b: String| async {}, &());
        let req = Request::post("/")
            .header("x-a", "1")
            .body(Body::from("text"))
            .unwrap();
        // Before the last argument: extractors of the request's head.
        let (mut parts, stream) = req.into_parts();
        let method: Method = (&method).bind_parts(&mut parts, &()).await.unwrap();
        assert_eq!(method, Method::POST);
        let headers_before: HeaderMap = (&headers).bind_parts(&mut parts, &()).await.unwrap();
        assert_eq!(headers_before["x-a"], "1");
        // The last one may read the body.
        let req = Request::from_parts(parts, stream);
        let body: String = (&&body).bind_request(req, &()).await.unwrap();
        assert_eq!(body, "text");
        // A head extractor last takes the head alone.
        let req = Request::get("/")
            .header("x-b", "2")
            .body(Body::empty())
            .unwrap();
        let headers_last: HeaderMap = (&&headers).bind_request(req, &()).await.unwrap();
        assert_eq!(headers_last["x-b"], "2");
    }

    #[test]
    fn a_layer_cell_builds_once_and_hands_out_clones() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static BUILT: AtomicUsize = AtomicUsize::new(0);
        static CELL: LayerCell = LayerCell::new();
        fn make() -> (u8, &'static str) {
            BUILT.fetch_add(1, Ordering::SeqCst);
            (7, "layer")
        }
        CELL.build(make);
        CELL.build(make);
        assert_eq!(CELL.layer(make), (7, "layer"));
        assert_eq!(CELL.layer(make), (7, "layer"));
        assert_eq!(BUILT.load(Ordering::SeqCst), 1);
    }
}
