//! The document of a tree with every segment kind, `handler` files and
//! method files, as `routes::openapi()` builds it from the handlers' types.
//! `.ci/run` also validates it as OpenAPI 3.1 (`openapi-kinds print`).

use apigen_openapi::routes;
use serde_json::{Value, json};
use tower::ServiceExt;

fn document() -> Value {
    serde_json::to_value(routes::openapi()).unwrap()
}

/// Every `(path, method, operationId)` of the document, in its order.
fn operations(doc: &Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap().to_owned();
            out.push((path.clone(), method.clone(), id));
        }
    }
    out
}

fn op<'a>(doc: &'a Value, path: &str, method: &str) -> &'a Value {
    let op = &doc["paths"][path][method];
    assert!(op.is_object(), "no {method} {path}");
    op
}

fn statuses(op: &Value) -> Vec<&str> {
    op["responses"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

#[test]
fn one_operation_per_method_each_named_after_its_module() {
    let doc = document();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        doc["info"],
        json!({"title": "apigen-openapi", "version": "0.0.0"})
    );
    let mut ids: Vec<String> = operations(&doc).into_iter().map(|(_, _, id)| id).collect();
    ids.sort();
    let expected = [
        "colors_color_get",
        "docs_slug_delete",
        "docs_slug_get",
        "docs_slug_patch",
        "docs_slug_post",
        "docs_slug_put",
        "docs_slug_root_delete",
        "docs_slug_root_get",
        "docs_slug_root_patch",
        "docs_slug_root_post",
        "docs_slug_root_put",
        "files_path_delete",
        "files_path_get",
        "files_path_patch",
        "files_path_post",
        "files_path_put",
        "greet_first_name_get",
        "index_delete",
        "index_get",
        "index_patch",
        "index_post",
        "index_put",
        "limited_post",
        "plain_id_post",
        "raw_key_rest_get",
        "shadow_x2_get",
        "store_gadgets_get",
        "store_gadgets_root2_get",
        "store_gadgets_root_get",
        "things_get",
        "things_id_delete",
        "things_id_get",
        "things_id_patch",
        "things_id_put",
        "things_post",
        "users_uid_get",
        "users_uid_head",
        "users_uid_options",
    ];
    // Sorted and equal to a list without repeats: every id is unique.
    assert_eq!(ids, expected);
}

#[test]
fn handler_is_listed_under_the_methods_its_file_does_not_name() {
    let doc = document();
    let methods = |path: &str| -> Vec<String> {
        let mut m: Vec<String> = doc["paths"][path]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        m.sort();
        m
    };
    // `index.rs` has only `handler`; `head` and `options` are not listed.
    assert_eq!(methods("/api"), ["delete", "get", "patch", "post", "put"]);
    // `docs/[[...slug]].rs` has `get` and `handler`.
    assert_eq!(
        op(&doc, "/api/docs/{slug}", "get")["summary"],
        "The docs page at `slug`, or the index."
    );
    assert_eq!(
        op(&doc, "/api/docs/{slug}", "put")["summary"],
        "Every other method: echoes the text body."
    );
    // `users/[uid].rs` defines `head` and `options`: they are listed.
    assert_eq!(methods("/api/users/{uid}"), ["get", "head", "options"]);
    assert_eq!(
        methods("/api/things/{id}"),
        ["delete", "get", "patch", "put"]
    );
}

#[test]
fn summary_and_description_come_from_the_doc_comment() {
    let doc = document();
    let index = op(&doc, "/api", "get");
    assert_eq!(
        index["summary"],
        "Every method of `/api`: a `handler` file."
    );
    assert_eq!(
        index["description"],
        "Every method of `/api`: a `handler` file.\n\nAnswers with the method's name."
    );
    // One paragraph: the summary alone, on one line.
    let files = op(&doc, "/api/files/{path}", "get");
    assert_eq!(
        files["summary"],
        "Any method on any file path: a `handler` file with a catch-all and a raw body."
    );
    assert!(files.get("description").is_none());
}

#[test]
fn path_params_take_their_types_schemas() {
    let doc = document();
    let param =
        |path: &str, method: &str, i: usize| op(&doc, path, method)["parameters"][i].clone();
    let color = param("/api/colors/{color}", "get", 0);
    assert_eq!(color["schema"]["enum"], json!(["red", "green"]));
    assert!(color["schema"].get("pattern").is_none());
    let uid = param("/api/users/{uid}", "get", 0);
    assert_eq!(uid["schema"]["format"], "uuid");
    // A format need not be checked: the pattern keeps `.` and `..` out.
    assert_eq!(uid["schema"]["minLength"], 1);
    assert!(uid["schema"]["pattern"].is_string());
    let id = param("/api/things/{id}", "get", 0);
    assert_eq!(id["schema"]["type"], "integer");
    assert_eq!(id["schema"]["format"], "int64");
    let name = param("/api/greet/{first-name}", "get", 0);
    assert_eq!(name["name"], "first-name");
    assert_eq!(name["schema"]["minLength"], 1);
    // `[key]` is not an argument of the handler: still declared, a string.
    let key = param("/api/raw/{key}/{rest}", "get", 0);
    assert_eq!(
        (&key["name"], &key["schema"]["type"]),
        (&json!("key"), &json!("string"))
    );
    let rest = param("/api/raw/{key}/{rest}", "get", 1);
    assert_eq!(rest["x-apigen-catch-all"], true);
    // `Opaque` has no schema: a plain string.
    assert_eq!(
        param("/api/plain/{id}", "post", 0)["schema"]["type"],
        "string"
    );
    // A param that does not decode or parse is apigen's 400.
    assert!(statuses(op(&doc, "/api/things/{id}", "get")).contains(&"400"));
}

#[test]
fn an_optional_catch_all_gives_two_paths() {
    let doc = document();
    let long = op(&doc, "/api/store/{gadgets}", "get");
    assert_eq!(long["operationId"], "store_gadgets_get");
    assert_eq!(long["parameters"][0]["x-apigen-catch-all"], true);
    let short = op(&doc, "/api/store", "get");
    assert_eq!(short["operationId"], "store_gadgets_root_get");
    assert!(short.get("parameters").is_none());
    assert_eq!(statuses(short), ["200"]);
    // `store/gadgets_root.rs`, whose module is not `store_gadgets_root`.
    let root_file = op(&doc, "/api/store/gadgets_root", "get");
    assert_eq!(root_file["operationId"], "store_gadgets_root2_get");
}

#[test]
fn a_path_two_routes_give_is_the_first_routes() {
    let doc = document();
    let item = doc["paths"]["/api/shadow/{x}"].as_object().unwrap();
    // `[x].rs` serves every one-segment path, so `[...x].rs`'s `post` is
    // not offered there (a POST gets 405).
    assert_eq!(item.keys().collect::<Vec<_>>(), ["get"]);
    assert_eq!(item["get"]["operationId"], "shadow_x2_get");
}

#[test]
fn bodies_and_responses_come_from_the_handlers_types() {
    let doc = document();
    let create = op(&doc, "/api/things", "post");
    let body = &create["requestBody"];
    assert_eq!(body["required"], true);
    let schema = &body["content"]["application/json"]["schema"];
    assert_eq!(
        schema["properties"]["tags"]["items"]["$ref"],
        "#/components/schemas/Tag"
    );
    assert_eq!(doc["components"]["schemas"]["Tag"]["type"], "object");
    // `(StatusCode, Json<Thing>)`: any status, the schema known.
    assert_eq!(
        create["responses"]["default"]["content"]["application/json"]["schema"],
        *schema
    );
    assert_eq!(statuses(create), ["400", "413", "415", "422", "default"]);
    // `Result<Json<Thing>, Problem>`: 200 and the error's own 404.
    let get = op(&doc, "/api/things/{id}", "get");
    assert_eq!(statuses(get), ["200", "400", "404"]);
    // `Query<Search>`: its params.
    let search = op(&doc, "/api/things", "get");
    let names: Vec<&Value> = search["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["name"])
        .collect();
    assert_eq!(names, [&json!("q"), &json!("limit")]);
    assert_eq!(search["parameters"][1]["schema"]["maximum"], 50);
    // `Option<Json<ThingPatch>>`: a body that may be absent.
    assert_eq!(
        op(&doc, "/api/things/{id}", "patch")["requestBody"]["required"],
        false
    );
    // `Json<Opaque>`: no schema, any JSON.
    let plain = op(&doc, "/api/plain/{id}", "post");
    assert_eq!(
        plain["requestBody"]["content"]["application/json"]["schema"],
        json!({})
    );
    // `BODY_LIMIT` of the file, for its `String` body.
    let limited = op(&doc, "/api/limited", "post");
    assert_eq!(
        limited["responses"]["413"]["description"],
        "The body exceeds the route's limit of 64 bytes."
    );
    assert_eq!(
        limited["requestBody"]["content"]["text/plain"]["schema"]["type"],
        "string"
    );
    // `impl IntoResponse`: a `default` answer of unknown content.
    let files = op(&doc, "/api/files/{path}", "post");
    assert!(files["responses"]["default"].get("content").is_none());
    assert!(files["requestBody"]["content"]["application/octet-stream"].is_object());
    assert!(doc.get("x-apigen-schema-conflicts").is_none());
}

#[test]
fn the_document_is_the_same_on_every_call() {
    let first = routes::openapi().to_pretty_json().unwrap();
    for _ in 0..10 {
        assert_eq!(routes::openapi().to_pretty_json().unwrap(), first);
    }
}

/// The README's way to serve the document and a UI: the JSON, and the
/// Scalar and RapiDoc pages (their viewer scripts come from a CDN).
#[tokio::test]
async fn the_document_and_two_uis_are_served() {
    async fn get(uri: &str) -> (u16, String, String) {
        let request = axum::http::Request::get(uri)
            .body(axum::body::Body::empty())
            .unwrap();
        let response = apigen_openapi::app().oneshot(request).await.unwrap();
        let status = response.status().as_u16();
        let kind = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, kind, String::from_utf8(body.to_vec()).unwrap())
    }
    let (status, kind, body) = get("/openapi.json").await;
    assert_eq!((status, kind.as_str()), (200, "application/json"));
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap(), document());
    for page in ["/scalar", "/rapidoc"] {
        let (status, kind, body) = get(page).await;
        assert_eq!(status, 200, "{page}");
        assert!(kind.starts_with("text/html"), "{page}: {kind}");
        assert!(body.contains("<html"), "{page}");
    }
    // The routes are still served beside them.
    assert_eq!(get("/api/greet/Ada").await.2, "Hello, Ada");
}
