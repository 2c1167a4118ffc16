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

        let moved = redirect("/api/hello", Some("x=1&y"));
        assert_eq!(moved.status(), StatusCode::PERMANENT_REDIRECT);
        assert_eq!(moved.headers()[header::LOCATION], "/api/hello?x=1&y");
        let moved = redirect("/api/hello", None);
        assert_eq!(moved.headers()[header::LOCATION], "/api/hello");
        // A path no header can carry is refused rather than sent broken.
        let refused = redirect("/api/a\nb", None);
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
        assert!(refused.headers().get(header::LOCATION).is_none());
        assert_eq!(text(refused).await, "400 Bad Request: unusable path");
    }

    #[tokio::test]
    async fn method_answers_name_the_allowed_methods() {
        let refused = at_once(method_not_allowed("GET, HEAD, OPTIONS"));
        assert_eq!(refused.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(refused.headers()[header::ALLOW], "GET, HEAD, OPTIONS");
        assert_eq!(text(refused).await, "405 Method Not Allowed");
        let options = at_once(options("POST, OPTIONS"));
        assert_eq!(options.status(), StatusCode::NO_CONTENT);
        assert_eq!(options.headers()[header::ALLOW], "POST, OPTIONS");
        assert_eq!(text(options).await, "");
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
            text(response).await,
            "413 Payload Too Large: the body exceeds 10 bytes"
        );
        let huge = request("/", &[(header::CONTENT_LENGTH, "18446744073709551615")]);
        assert!(limit(&huge, 1 << 20).is_err());
        // A length that is not a number is axum's to refuse, not this check's.
        let garbled = request("/", &[(header::CONTENT_LENGTH, "ten")]);
        assert!(limit(&garbled, 10).is_ok());
    }

    #[tokio::test]
    async fn body_limit_holds_for_the_body_extractors() {
        use ::axum::extract::FromRequest;
        let mut req = Request::builder()
            .uri("/")
            .body(Body::from("0123456789"))
            .unwrap();
        body_limit(&mut req, 4);
        let rejected = String::from_request(req, &()).await.unwrap_err();
        assert_eq!(
            rejected.into_response().status(),
            StatusCode::PAYLOAD_TOO_LARGE
        );
        let mut req = Request::builder()
            .uri("/")
            .body(Body::from("0123"))
            .unwrap();
        body_limit(&mut req, 4);
        assert_eq!(String::from_request(req, &()).await.unwrap(), "0123");
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
            text(response).await,
            "400 Bad Request: param `pid`: not UTF-8 once percent-decoded"
        );
        let response = segments("slug", &bad, &(10..17)).unwrap_err();
        assert_eq!(
            text(response).await,
            "400 Bad Request: param `slug`: not UTF-8 once percent-decoded"
        );
        let response = optional_segments("all", &bad, &Some(14..17)).unwrap_err();
        assert_eq!(
            text(response).await,
            "400 Bad Request: param `all`: malformed percent-escape"
        );
    }

    fn with_body() -> Response {
        ([("x-served-by", "get")], "hello").into_response()
    }

    #[tokio::test]
    async fn a_head_answer_keeps_its_head_and_loses_its_body() {
        let sent_head = sent(true, with_body());
        assert_eq!(sent_head.status(), StatusCode::OK);
        assert_eq!(sent_head.headers()["x-served-by"], "get");
        assert_eq!(text(sent_head).await, "");
        assert_eq!(text(sent(false, with_body())).await, "hello");

        // Both ways an answer is sent: known at once, or a handler's call.
        let ready_head = ready(true, with_body()).await;
        assert_eq!(ready_head.headers()["x-served-by"], "get");
        assert_eq!(text(ready_head).await, "");
        let called = |head| pending(head, call(async { with_body() }));
        let call_head = called(true).await;
        assert_eq!(call_head.headers()["x-served-by"], "get");
        assert_eq!(text(call_head).await, "");
        assert_eq!(text(called(false).await).await, "hello");
        // A route's own answer (405 here) goes the same way.
        let refused = pending(true, method_not_allowed("GET")).await;
        assert_eq!(refused.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(text(refused).await, "");
    }

    #[tokio::test]
    async fn a_rejection_is_the_answer_of_a_call() {
        let rejected = boxed(async { Err(StatusCode::IM_A_TEAPOT.into_response()) });
        let response = pending(false, rejected).await;
        assert_eq!(response.status(), StatusCode::IM_A_TEAPOT);
        let answered_ok = answer("ok").unwrap();
        assert_eq!(text(answered_ok).await, "ok");
    }

    #[tokio::test]
    async fn dispatch_is_the_routers_one_handler() {
        use tower::ServiceExt;
        fn dispatch(req: Request, state: u8) -> Pending {
            let head = req.method() == Method::HEAD;
            ready(
                head,
                format!("{} {state}", req.uri().path()).into_response(),
            )
        }
        let router = ::axum::Router::new()
            .fallback(Dispatch(dispatch))
            .with_state(7u8);
        let response = router
            .clone()
            .oneshot(request("/any/path", &[]))
            .await
            .unwrap();
        assert_eq!(text(response).await, "/any/path 7");
        let head = Request::head("/x").body(Body::empty()).unwrap();
        assert_eq!(text(router.oneshot(head).await.unwrap()).await, "");
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
            text(response).await,
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
}
