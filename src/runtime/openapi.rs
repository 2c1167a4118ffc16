//! `templates/openapi.rs` compiled here, exactly as every generated crate
//! built with `Builder::openapi(true)` compiles it (in `mod __apigen`, with
//! the same lints allowed), and unit-tested (utoipa is a dev-dependency;
//! apigen itself depends on neither axum nor utoipa).

#![allow(dead_code, unused_imports, clippy::result_large_err)]
// The template's `pub mod openapi` sits in `__apigen` in generated code; here
// it is `runtime::openapi::openapi`.
#![allow(clippy::module_inception)]

include!("../../templates/openapi.rs");

// The explicit borrows in `(&&arg).param_of(..)` choose the impl (autoref
// specialization), as in generated code.
#[cfg(test)]
#[allow(clippy::needless_borrow)]
mod tests {
    use std::collections::BTreeMap;

    use axum::Json;
    use axum::extract::rejection::JsonRejection;
    use axum::extract::{Query, State};
    use axum::http::{HeaderMap, StatusCode};
    use axum::response::IntoResponse;
    use serde_json::{Value, json};
    use utoipa::openapi::{RefOr, Response};
    use utoipa::{IntoParams, IntoResponses, ToSchema};

    use super::openapi::*;

    /// What generated code writes for a handler's output. The impls are
    /// picked where the calls are written (autoref specialization), so this
    /// is a macro: a generic function would pick the fallbacks.
    /// Handler outputs answer with a fixed status (the tests never run them).
    macro_rules! answers_with {
        ($($ty:ty => $status:ident,)*) => {$(
            impl IntoResponse for $ty {
                fn into_response(self) -> axum::response::Response {
                    StatusCode::$status.into_response()
                }
            }
        )*};
    }

    answers_with! {
        Problem => NOT_FOUND,
        NoSchema => IM_A_TEAPOT,
        Odd => OK,
    }

    macro_rules! output {
        ($op:expr, $returns:expr) => {{
            let (ok, err) = (&$returns).split();
            (&&&&ok).output($op);
            (&&&&err).output($op);
        }};
    }

    #[derive(Clone)]
    struct AppState;

    #[derive(serde::Deserialize, serde::Serialize, ToSchema)]
    struct Owner {
        name: String,
    }

    #[derive(serde::Deserialize, serde::Serialize, ToSchema)]
    struct Pet {
        id: u64,
        owner: Owner,
    }

    #[derive(serde::Deserialize, serde::Serialize)]
    struct NoSchema {
        x: u8,
    }

    impl std::str::FromStr for NoSchema {
        type Err = ();
        fn from_str(_: &str) -> Result<NoSchema, ()> {
            Err(())
        }
    }

    #[derive(serde::Deserialize, IntoParams)]
    #[allow(dead_code)]
    struct Page {
        /// From 1.
        page: Option<u32>,
    }

    struct Problem;

    impl IntoResponses for Problem {
        fn responses() -> BTreeMap<String, RefOr<Response>> {
            let body = utoipa::openapi::ResponseBuilder::new()
                .description("An error.")
                .content(
                    "application/json",
                    utoipa::openapi::Content::new(Some(String::schema())),
                );
            [("4XX".to_owned(), body.build().into())].into()
        }
    }

    use utoipa::PartialSchema;

    /// The document of one handler added at `path`, as JSON.
    fn doc_of(path: &str, methods: &[HttpMethod], describe: impl FnOnce(&mut Operation)) -> Value {
        let mut op = Operation::new("m", Some("First line\ngoes on.\n\nMore."));
        describe(&mut op);
        let mut doc = Document::new();
        doc.add(path, methods, &op);
        serde_json::to_value(doc.finish("crate", "1.2.3")).unwrap()
    }

    async fn by_id(_id: u64, _q: Query<Page>, _body: Json<Pet>) -> Json<Pet> {
        unimplemented!()
    }

    #[test]
    fn types_come_from_the_signature() {
        let state = state_of::<AppState>();
        let doc = doc_of("/api/pets/{id}", &[HttpMethod::Put], |op| {
            let (a1, a2, a3) = args3(&by_id, state);
            (&&a1).param_of(op, "id");
            (&&&a2).extractor(op);
            (&&&a3).extractor(op);
            (&&a3).reads_body(op, 100);
            output!(op, returns3(&by_id));
        });
        assert_eq!(doc["openapi"], "3.1.0");
        assert_eq!(doc["info"], json!({"title": "crate", "version": "1.2.3"}));
        let op = &doc["paths"]["/api/pets/{id}"]["put"];
        assert_eq!(op["operationId"], "m_put");
        assert_eq!(op["summary"], "First line goes on.");
        assert_eq!(op["description"], "First line\ngoes on.\n\nMore.");
        assert_eq!(op["parameters"][0]["name"], "id");
        assert_eq!(op["parameters"][0]["in"], "path");
        assert_eq!(op["parameters"][0]["required"], true);
        assert_eq!(op["parameters"][0]["schema"]["type"], "integer");
        assert_eq!(op["parameters"][1]["name"], "page");
        assert_eq!(op["parameters"][1]["in"], "query");
        let body = &op["requestBody"]["content"]["application/json"]["schema"];
        assert_eq!(
            body["properties"]["owner"]["$ref"],
            "#/components/schemas/Owner"
        );
        assert_eq!(doc["components"]["schemas"]["Owner"]["type"], "object");
        let ok = &op["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(ok, body);
        // apigen's own answers, and axum's rejections of `Query` and `Json`.
        let statuses: Vec<&str> = op["responses"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(statuses, ["200", "400", "413", "415", "422"]);
        let bad = &op["responses"]["400"]["content"]["text/plain"]["schema"];
        assert_eq!(bad["type"], "string");
        // The extractor's 413 and apigen's are one answer, said once.
        assert_eq!(
            op["responses"]["413"]["description"],
            "The body exceeds the route's limit of 100 bytes."
        );
    }

    async fn plain(_id: NoSchema, _body: Json<NoSchema>) -> Json<NoSchema> {
        unimplemented!()
    }

    #[test]
    fn a_type_without_a_schema_falls_back_to_a_plain_one() {
        let state = state_of::<AppState>();
        let doc = doc_of("/x/{id}", &[HttpMethod::Post], |op| {
            let (a1, a2) = args2(&plain, state);
            (&&a1).param_of(op, "id");
            (&&&a2).extractor(op);
            output!(op, returns2(&plain));
        });
        let op = &doc["paths"]["/x/{id}"]["post"];
        let segment = json!({"type": "string", "minLength": 1, "pattern": r"^(?:[^.]|\.[^.]|\.\.[\s\S])[\s\S]*$"});
        assert_eq!(op["parameters"][0]["schema"], segment);
        assert_eq!(
            op["requestBody"]["content"]["application/json"]["schema"],
            json!({})
        );
        assert_eq!(
            op["responses"]["200"]["content"]["application/json"]["schema"],
            json!({})
        );
    }

    async fn handled(
        State(_): State<AppState>,
        _body: Result<Json<Pet>, JsonRejection>,
    ) -> Result<(StatusCode, Json<Pet>), Problem> {
        unimplemented!()
    }

    #[test]
    fn result_halves_and_a_handled_rejection() {
        let state = state_of::<AppState>();
        let doc = doc_of("/x", &[HttpMethod::Post], |op| {
            let (a1, a2) = args2(&handled, state);
            (&&&a1).extractor(op);
            (&&&a2).extractor(op);
            (&&a2).reads_body(op, 10);
            output!(op, returns2(&handled));
        });
        let op = &doc["paths"]["/x"]["post"];
        let statuses: Vec<&str> = op["responses"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        // No 400: no path param; no 415/422: the handler takes the rejection.
        assert_eq!(statuses, ["413", "4XX", "default"]);
        // apigen's 413 hides the range, so it carries the handler's errors too.
        let content = op["responses"]["413"]["content"].as_object().unwrap();
        assert_eq!(
            content.keys().collect::<Vec<_>>(),
            ["application/json", "text/plain"]
        );
        assert_eq!(
            op["responses"]["default"]["content"]["application/json"]["schema"]["type"],
            "object"
        );
    }

    async fn opaque(_headers: HeaderMap) -> impl IntoResponse {
        StatusCode::NO_CONTENT
    }

    async fn no_args() -> Result<impl IntoResponse, Problem> {
        Ok("hi")
    }

    #[test]
    fn opaque_outputs_fall_back_to_default() {
        let state = state_of::<AppState>();
        let doc = doc_of("/x", &[HttpMethod::Get], |op| {
            let (a1,) = args1(&opaque, state);
            (&&&a1).extractor(op);
            (&&a1).reads_body(op, 10);
            output!(op, returns1(&opaque));
        });
        let op = &doc["paths"]["/x"]["get"];
        assert_eq!(
            op["responses"]
                .as_object()
                .unwrap()
                .keys()
                .collect::<Vec<_>>(),
            ["default"]
        );
        assert!(op["responses"]["default"].get("content").is_none());
        assert!(op.get("requestBody").is_none());

        let doc = doc_of("/y", &[HttpMethod::Get], |op| {
            output!(op, returns0(&no_args));
        });
        let op = &doc["paths"]["/y"]["get"];
        assert_eq!(
            op["responses"]
                .as_object()
                .unwrap()
                .keys()
                .collect::<Vec<_>>(),
            ["4XX", "default"]
        );
    }

    #[test]
    fn catch_alls_and_optional_catch_alls() {
        let mut op = Operation::new("store_gadgets", None);
        op.catch_all("gadgets");
        let mut doc = Document::new();
        doc.add_optional(
            "/api/store",
            "/api/store/{gadgets}",
            "gadgets",
            &[HttpMethod::Get],
            &op,
        );
        let doc = serde_json::to_value(doc.finish("c", "0")).unwrap();
        assert!(doc.get("x-apigen-schema-conflicts").is_none());
        let long = &doc["paths"]["/api/store/{gadgets}"]["get"];
        assert_eq!(long["operationId"], "store_gadgets_get");
        assert_eq!(long["parameters"][0]["x-apigen-catch-all"], true);
        assert_eq!(long["parameters"][0]["schema"]["type"], "string");
        assert_eq!(long["parameters"][0]["schema"]["minLength"], 1);
        assert!(long["responses"]["400"].is_object());
        let short = &doc["paths"]["/api/store"]["get"];
        assert_eq!(short["operationId"], "store_gadgets_root_get");
        assert!(short.get("parameters").is_none());
        assert!(short["responses"].get("400").is_none());
    }

    #[test]
    fn a_handler_is_listed_under_each_method() {
        let op = Operation::new("files", None);
        let mut doc = Document::new();
        doc.add("/f", &[HttpMethod::Post, HttpMethod::Delete], &op);
        let doc = serde_json::to_value(doc.finish("c", "0")).unwrap();
        assert_eq!(doc["paths"]["/f"]["post"]["operationId"], "files_post");
        assert_eq!(doc["paths"]["/f"]["delete"]["operationId"], "files_delete");
        assert!(doc["paths"]["/f"].get("get").is_none());
    }

    async fn half_known(_headers: HeaderMap) -> Result<(StatusCode, Json<Pet>), NoSchema> {
        unimplemented!()
    }

    /// Found by schemathesis on the blog: `POST /api/comments` answered 415 with
    /// the error type's JSON, and the document's `default` allowed only the
    /// success half's schema: the success half's content is no longer all that
    /// `default` may carry.
    #[test]
    fn a_half_without_a_description_leaves_its_status_open() {
        let state = state_of::<AppState>();
        let doc = doc_of("/x", &[HttpMethod::Post], |op| {
            let (a1,) = args1(&half_known, state);
            (&&&a1).extractor(op);
            output!(op, returns1(&half_known));
        });
        let default = &doc["paths"]["/x"]["post"]["responses"]["default"];
        assert!(
            default["description"]
                .as_str()
                .unwrap()
                .contains("IntoResponses")
        );
        assert!(default.get("content").is_none(), "{default}");
    }

    async fn named(_name: String, _id: u64) -> String {
        unimplemented!()
    }

    /// Found by a targeted schemathesis case on the blog: `.` and `..` (sent as
    /// `%2E`, `%2E%2E`) are dot segments, which apigen answers with a 308 to
    /// another route; a string param's schema must leave them out.
    #[test]
    fn a_string_param_is_one_segment_never_a_dot_segment() {
        let state = state_of::<AppState>();
        let doc = doc_of("/x/{name}/{id}", &[HttpMethod::Get], |op| {
            let (a1, a2) = args2(&named, state);
            (&&a1).param_of(op, "name");
            (&&a2).param_of(op, "id");
        });
        let params = &doc["paths"]["/x/{name}/{id}"]["get"]["parameters"];
        let pattern = params[0]["schema"]["pattern"].as_str().unwrap();
        assert_eq!(pattern, r"^(?:[^.]|\.[^.]|\.\.[\s\S])[\s\S]*$");
        assert_eq!(params[0]["schema"]["minLength"], 1);
        // Integers have no dot segment to leave out.
        assert_eq!(params[1]["schema"].get("pattern"), None);
        assert_eq!(params[1]["schema"]["type"], "integer");
    }

    /// A type whose schema is a string with a format (as `uuid` is).
    struct Day;

    impl utoipa::PartialSchema for Day {
        fn schema() -> RefOr<utoipa::openapi::schema::Schema> {
            use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
            let format = SchemaFormat::KnownFormat(KnownFormat::Date);
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(format))
                .into()
        }
    }

    impl ToSchema for Day {}

    impl std::str::FromStr for Day {
        type Err = ();
        fn from_str(_: &str) -> Result<Day, ()> {
            Err(())
        }
    }

    async fn dated(_day: Day) {}

    /// Found by `tests/openapi/dot_segments.py` on `tests/openapi`: `GET
    /// /api/users/.` was sent for a `Uuid` param (`format: uuid`, which JSON
    /// Schema validators need not check) and answered 404, after a 308, to
    /// its undocumented parent. A format does not keep the dot segments out:
    /// the pattern does, beside it.
    #[test]
    fn a_string_with_a_format_is_never_a_dot_segment_either() {
        let state = state_of::<AppState>();
        let doc = doc_of("/d/{day}", &[HttpMethod::Get], |op| {
            let (a1,) = args1(&dated, state);
            (&&a1).param_of(op, "day");
        });
        let schema = &doc["paths"]["/d/{day}"]["get"]["parameters"][0]["schema"];
        let segment = json!({
            "type": "string",
            "format": "date",
            "minLength": 1,
            "pattern": r"^(?:[^.]|\.[^.]|\.\.[\s\S])[\s\S]*$",
        });
        assert_eq!(*schema, segment);
    }

    #[derive(serde::Deserialize, ToSchema)]
    #[serde(rename_all = "lowercase")]
    enum Color {
        Red,
    }

    impl std::str::FromStr for Color {
        type Err = ();
        fn from_str(_: &str) -> Result<Color, ()> {
            Ok(Color::Red)
        }
    }

    async fn colored(_color: Color) {}

    #[test]
    fn a_param_schema_with_values_of_its_own_is_kept() {
        let state = state_of::<AppState>();
        let doc = doc_of("/c/{color}", &[HttpMethod::Get], |op| {
            let (a1,) = args1(&colored, state);
            (&&a1).param_of(op, "color");
            output!(op, returns1(&colored));
        });
        let op = &doc["paths"]["/c/{color}"]["get"];
        assert_eq!(
            op["parameters"][0]["schema"],
            json!({"type": "string", "enum": ["red"]})
        );
        assert_eq!(op["responses"]["200"]["description"], "Done, with no body.");
    }

    #[allow(dead_code)]
    mod one {
        #[derive(utoipa::ToSchema)]
        pub struct Item {
            pub a: u8,
        }
        #[derive(utoipa::ToSchema)]
        pub struct Reply {
            pub item: Item,
        }
    }

    #[allow(dead_code)]
    mod two {
        #[derive(utoipa::ToSchema)]
        pub struct Item {
            pub b: String,
        }
        #[derive(utoipa::ToSchema)]
        pub struct Reply {
            pub item: Item,
        }
    }

    async fn first() -> Json<one::Reply> {
        unimplemented!()
    }

    async fn second() -> Json<two::Reply> {
        unimplemented!()
    }

    #[test]
    fn two_schemas_of_one_name_are_reported() {
        let mut doc = Document::new();
        for (path, op) in [
            ("/1", Operation::new("one", None)),
            ("/2", Operation::new("two", None)),
        ] {
            let mut op = op;
            if path == "/1" {
                output!(&mut op, returns0(&first));
            } else {
                output!(&mut op, returns0(&second));
            }
            doc.add(path, &[HttpMethod::Get], &op);
        }
        let doc = serde_json::to_value(doc.finish("c", "0")).unwrap();
        // The top-level `Reply`s are inline; their fields' `Item`s are components.
        assert_eq!(doc["x-apigen-schema-conflicts"], json!(["Item"]));
        assert_eq!(
            doc["components"]["schemas"]["Item"]["properties"]["a"]["type"],
            "integer"
        );
    }

    struct Odd;

    impl IntoResponses for Odd {
        fn responses() -> BTreeMap<String, RefOr<Response>> {
            let plain = |d: &str| RefOr::T(Response::new(d));
            [
                ("".to_owned(), plain("empty")),
                ("é".to_owned(), plain("odd")),
                ("4XX".to_owned(), plain("range")),
            ]
            .into()
        }
    }

    async fn odd() -> Odd {
        unimplemented!()
    }

    #[test]
    fn any_status_key_an_into_responses_gives_is_kept_without_a_panic() {
        let doc = doc_of("/x/{id}", &[HttpMethod::Get], |op| {
            op.param("id");
            output!(op, returns0(&odd));
        });
        let responses = &doc["paths"]["/x/{id}"]["get"]["responses"];
        let keys: Vec<&str> = responses
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["", "400", "4XX", "é"]);
        assert!(
            responses["400"]["description"]
                .as_str()
                .unwrap()
                .ends_with("range")
        );
    }

    #[test]
    fn a_one_paragraph_doc_is_the_summary_alone() {
        let mut op = Operation::new("m", Some("Lists the posts,\noldest first.\n"));
        op.param("id");
        let mut doc = Document::new();
        doc.add("/p/{id}", &[HttpMethod::Get], &op);
        doc.add("/q", &[HttpMethod::Get], &Operation::new("q", None));
        let doc = serde_json::to_value(doc.finish("c", "0")).unwrap();
        let op = &doc["paths"]["/p/{id}"]["get"];
        assert_eq!(op["summary"], "Lists the posts, oldest first.");
        assert!(op.get("description").is_none(), "{op}");
        let undocumented = &doc["paths"]["/q"]["get"];
        assert!(undocumented.get("summary").is_none(), "{undocumented}");
    }

    /// `a/[x].rs` and `a/[...x].rs` both give `/api/a/{x}`; every request a
    /// client can send there (one segment) is the first's, which answers
    /// 405 for a method only the second has.
    #[test]
    fn a_path_is_documented_by_the_route_that_serves_it() {
        let mut one = Operation::new("a_x", Some("One."));
        one.param("x");
        let mut rest = Operation::new("a_x2", Some("Rest."));
        rest.catch_all("x");
        let mut doc = Document::new();
        doc.add("/api/a/{x}", &[HttpMethod::Get], &one);
        doc.add("/api/a/{x}", &[HttpMethod::Get, HttpMethod::Post], &rest);
        let doc = serde_json::to_value(doc.finish("c", "0")).unwrap();
        let item = doc["paths"]["/api/a/{x}"].as_object().unwrap();
        assert_eq!(item.keys().collect::<Vec<_>>(), ["get"]);
        assert_eq!(item["get"]["operationId"], "a_x_get");
    }
}
