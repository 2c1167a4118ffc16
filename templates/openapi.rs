// Support code for `openapi()` (SPEC section 10), the same in every output
// built with `Builder::openapi(true)`. Emitted verbatim after `axum.rs`,
// inside `mod __apigen`; with `openapi(false)` it is not emitted at all, so
// the output needs no utoipa.
//
// Each route module's `describe` asks the handlers themselves for their
// types, as `bind` does: `args2(&post::get, state)` gives one `Arg` per
// argument and `returns2(&post::get)` the handler's output. Each is then
// described by a method whose impl is chosen by what its type implements
// (autoref specialization: for a receiver `&&&x`, an impl on `&&X` wins over
// one on `&X`, which wins over one on `X`). A type that describes itself
// (`ToSchema`, `IntoParams`, `IntoResponses`) gives its own schema; any
// other falls back to a plain one, so the document never fails to build.

/// Building the OpenAPI document from the handlers' own types.
pub mod openapi {
    use std::collections::BTreeMap;
    use std::future::Future;
    use std::marker::PhantomData;

    use ::axum::Json;
    use ::axum::body::Bytes;
    use ::axum::extract::{FromRequest, Query};
    use ::axum::http::StatusCode;
    use ::axum::response::Html;
    use ::utoipa::openapi::extensions::Extensions;
    pub use ::utoipa::openapi::path::HttpMethod;
    use ::utoipa::openapi::path::{OperationBuilder, Parameter, ParameterBuilder, ParameterIn};
    use ::utoipa::openapi::request_body::RequestBodyBuilder;
    use ::utoipa::openapi::schema::{
        AnyOfBuilder, Components, ObjectBuilder, Schema, SchemaFormat, SchemaType, Type,
    };
    use ::utoipa::openapi::{
        Content, Info, OpenApi, OpenApiBuilder, Paths, RefOr, Required, Response,
    };
    use ::utoipa::{IntoParams, IntoResponses, ToSchema};

    /// The router's state type, with no state value: what decides which
    /// extractors read the body (`FromRequest<S>`), as in `router()`.
    pub struct StateOf<S>(PhantomData<fn() -> S>);

    impl<S> Clone for StateOf<S> {
        fn clone(&self) -> Self {
            *self
        }
    }

    impl<S> Copy for StateOf<S> {}

    /// The state type `S` of `router()` (`Builder::state`), with no value.
    pub fn state_of<S>() -> StateOf<S> {
        StateOf(PhantomData)
    }

    /// One argument of a handler: its type `T`, for router state `S`.
    pub struct Arg<T, S>(PhantomData<fn() -> (T, S)>);

    /// What a handler's future gives.
    pub struct Output<O>(PhantomData<fn() -> O>);

    /// The error half of an output that is not a `Result`: describes nothing.
    pub struct NoOutput;

    impl IntoResponses for NoOutput {
        fn responses() -> BTreeMap<String, RefOr<Response>> {
            BTreeMap::new()
        }
    }

    macro_rules! signatures {
        ($($args:ident $returns:ident: $($arg:ident)*;)*) => {$(
            /// One `Arg` per argument of `handler`.
            pub fn $args<S, F, Fut, $($arg),*>(_handler: &F, _state: StateOf<S>) -> ($(Arg<$arg, S>,)*)
            where
                F: FnOnce($($arg),*) -> Fut,
            {
                ($(Arg::<$arg, S>(PhantomData),)*)
            }

            /// The output of `handler`'s future.
            pub fn $returns<F, Fut, $($arg),*>(_handler: &F) -> Output<Fut::Output>
            where
                F: FnOnce($($arg),*) -> Fut,
                Fut: Future,
            {
                Output(PhantomData)
            }
        )*};
    }

    /// `returns0`: a handler without arguments.
    pub fn returns0<F, Fut>(_handler: &F) -> Output<Fut::Output>
    where
        F: FnOnce() -> Fut,
        Fut: Future,
    {
        Output(PhantomData)
    }

    signatures! {
        args1 returns1: A1;
        args2 returns2: A1 A2;
        args3 returns3: A1 A2 A3;
        args4 returns4: A1 A2 A3 A4;
        args5 returns5: A1 A2 A3 A4 A5;
        args6 returns6: A1 A2 A3 A4 A5 A6;
        args7 returns7: A1 A2 A3 A4 A5 A6 A7;
        args8 returns8: A1 A2 A3 A4 A5 A6 A7 A8;
        args9 returns9: A1 A2 A3 A4 A5 A6 A7 A8 A9;
        args10 returns10: A1 A2 A3 A4 A5 A6 A7 A8 A9 A10;
        args11 returns11: A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A11;
        args12 returns12: A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A11 A12;
        args13 returns13: A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A11 A12 A13;
        args14 returns14: A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A11 A12 A13 A14;
        args15 returns15: A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A11 A12 A13 A14 A15;
        args16 returns16: A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A11 A12 A13 A14 A15 A16;
    }

    /// A schema of one type, no format.
    fn typed(ty: Type) -> RefOr<Schema> {
        ObjectBuilder::new().schema_type(ty).into()
    }

    /// A schema any JSON value satisfies: for a type that has none.
    fn any() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::AnyValue)
            .into()
    }

    /// What a body extractor's 413 says, where the limit is not known.
    const OVER_THE_LIMIT: &str = "The body is over the route's limit.";

    /// The media types apigen and axum write for text.
    const TEXT: &str = "text/plain";
    const JSON: &str = "application/json";

    /// One response under construction: its descriptions and its content by
    /// media type, in the order added.
    #[derive(Clone, Default)]
    struct Answer {
        descriptions: Vec<String>,
        content: Vec<(String, RefOr<Schema>)>,
        /// Whether a handler's output that does not describe itself may
        /// answer here too, with any content.
        open: bool,
    }

    impl Answer {
        fn describe(&mut self, description: &str) {
            if !self.descriptions.iter().any(|d| d == description) {
                self.descriptions.push(description.to_owned());
            }
        }

        /// Adds a media type's schema; one already there with another schema
        /// becomes `anyOf` both (either may be sent).
        fn content(&mut self, media: &str, schema: RefOr<Schema>) {
            match self.content.iter_mut().find(|(m, _)| m == media) {
                None => self.content.push((media.to_owned(), schema)),
                Some((_, known)) if *known == schema => {}
                Some((_, known)) => {
                    let mut alternatives = match std::mem::replace(known, any()) {
                        RefOr::T(Schema::AnyOf(any_of)) => any_of.items,
                        other => vec![other],
                    };
                    if !alternatives.contains(&schema) {
                        alternatives.push(schema);
                    }
                    *known = alternatives
                        .into_iter()
                        .fold(AnyOfBuilder::new(), AnyOfBuilder::item)
                        .into();
                }
            }
        }

        fn merge(&mut self, other: &Answer) {
            for description in &other.descriptions {
                self.describe(description);
            }
            for (media, schema) in &other.content {
                self.content(media, schema.clone());
            }
            self.open |= other.open;
        }

        fn build(&self) -> Response {
            let mut response = Response::new(self.descriptions.join(" "));
            // Known content beside unknown is unknown: schemathesis found the
            // blog's error JSON checked against its success schema.
            if self.open {
                return response;
            }
            for (media, schema) in &self.content {
                response
                    .content
                    .insert(media.clone(), Content::new(Some(schema.clone())).into());
            }
            response
        }
    }

    /// What one handler is documented as: built by the generated `describe`,
    /// then added under each method it serves.
    #[derive(Clone)]
    pub struct Operation {
        module: &'static str,
        doc: Option<&'static str>,
        params: Vec<Parameter>,
        body: Option<(&'static str, RefOr<Schema>, bool)>,
        responses: BTreeMap<String, Answer>,
        schemas: Vec<(String, RefOr<Schema>)>,
        body_limit: Option<usize>,
    }

    impl Operation {
        /// The handler of the route module `module` (`post_pid`), with its
        /// `///` doc, if any.
        pub fn new(module: &'static str, doc: Option<&'static str>) -> Operation {
            Operation {
                module,
                doc,
                params: Vec::new(),
                body: None,
                responses: BTreeMap::new(),
                schemas: Vec::new(),
                body_limit: None,
            }
        }

        fn respond(
            &mut self,
            status: &str,
            description: &str,
            content: Option<(&str, RefOr<Schema>)>,
        ) {
            let answer = self.responses.entry(status.to_owned()).or_default();
            answer.describe(description);
            if let Some((media, schema)) = content {
                answer.content(media, schema);
            }
        }

        fn path_param(
            &mut self,
            name: &str,
            schema: RefOr<Schema>,
            extensions: Option<Extensions>,
        ) {
            let param = ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Path)
                .required(Required::True)
                .schema(Some(segment(schema)))
                .extensions(extensions)
                .build();
            self.params.push(param);
        }

        /// A `[x]` param the handler does not take: still in the path, as a
        /// string.
        pub fn param(&mut self, name: &str) {
            self.path_param(name, plain_param::<()>(), None);
        }

        /// A `[...x]` or `[[...x]]` param, taken or not: one string of
        /// segments, marked, whatever the handler parses it into.
        pub fn catch_all(&mut self, name: &str) {
            let mark = Extensions::builder()
                .add("x-apigen-catch-all", true)
                .build();
            self.path_param(name, typed(Type::String), Some(mark));
        }

        fn schema_of<T: ToSchema>(&mut self) -> RefOr<Schema> {
            T::schemas(&mut self.schemas);
            T::schema()
        }

        fn body(&mut self, media: &'static str, schema: RefOr<Schema>, required: bool) {
            self.body = Some((media, schema, required));
        }

        fn rejects_json(&mut self) {
            let text = Some((TEXT, typed(Type::String)));
            self.respond("400", "The body is not valid JSON.", text.clone());
            self.respond("413", OVER_THE_LIMIT, text.clone());
            self.respond("415", "The body is not `application/json`.", text.clone());
            self.respond("422", "The JSON does not fit the expected type.", text);
        }

        fn rejects_query(&mut self) {
            let text = Some((TEXT, typed(Type::String)));
            self.respond(
                "400",
                "The query string does not fit the expected type.",
                text,
            );
        }

        fn rejects_text(&mut self) {
            let text = Some((TEXT, typed(Type::String)));
            self.respond("400", "The body could not be read.", text.clone());
            self.respond("413", OVER_THE_LIMIT, text);
        }

        fn responses_of<R: IntoResponses>(&mut self) {
            for (status, response) in R::responses() {
                let answer = self.responses.entry(status).or_default();
                match response {
                    RefOr::T(response) => {
                        answer.describe(&response.description);
                        for (media, content) in response.content {
                            let schema = match content {
                                RefOr::T(content) => content.schema,
                                RefOr::Ref(_) => None,
                            };
                            answer.content(&media, schema.unwrap_or_else(any));
                        }
                    }
                    // A shared response elsewhere in the user's document:
                    // apigen cannot see into it.
                    RefOr::Ref(reference) => answer.describe(&reference.ref_location),
                }
            }
        }

        /// The utoipa operation for `method`, with apigen's own answers.
        fn build(&self, id: String) -> ::utoipa::openapi::path::Operation {
            let path_params = self
                .params
                .iter()
                .any(|p| p.parameter_in == ParameterIn::Path);
            let mut responses = BTreeMap::new();
            // An explicit code hides its range (OpenAPI: the explicit code
            // wins), so it also carries what the range may send.
            let range = |status: &str| {
                let explicit = status.len() == 3 && status.bytes().all(|b| b.is_ascii_digit());
                explicit
                    .then(|| self.responses.get(&format!("{}XX", &status[..1])))
                    .flatten()
            };
            for (status, answer) in &self.responses {
                let mut answer = answer.clone();
                if status == "413" && self.body_limit.is_some() {
                    // apigen's own 413 below says it, with the limit.
                    answer.descriptions.retain(|d| d != OVER_THE_LIMIT);
                }
                if let Some(wider) = range(status) {
                    answer.merge(wider);
                }
                responses.insert(status.clone(), answer);
            }
            let text = (TEXT.to_owned(), typed(Type::String));
            let mut own = |status: &str, description: String| {
                let mut answer = Answer::default();
                answer.describe(&description);
                answer.content.push(text.clone());
                if let Some(wider) = range(status) {
                    answer.merge(wider);
                }
                match responses.get_mut(status) {
                    Some(known) => known.merge(&answer),
                    None => {
                        responses.insert(status.to_owned(), answer);
                    }
                }
            };
            if path_params {
                own(
                    "400",
                    "A path param does not percent-decode or does not parse as its type."
                        .to_owned(),
                );
            }
            if let Some(limit) = self.body_limit {
                own(
                    "413",
                    format!("The body exceeds the route's limit of {limit} bytes."),
                );
            }
            let (summary, description) = summary(self.doc);
            let mut op = OperationBuilder::new()
                .operation_id(Some(id))
                .summary(summary)
                .description(description.map(str::to_owned))
                .parameters((!self.params.is_empty()).then(|| self.params.clone()));
            if let Some((media, schema, required)) = &self.body {
                let body = RequestBodyBuilder::new()
                    .content(*media, Content::new(Some(schema.clone())))
                    .required(Some(if *required {
                        Required::True
                    } else {
                        Required::False
                    }))
                    .build();
                op = op.request_body(Some(body));
            }
            for (status, answer) in &responses {
                op = op.response(status.as_str(), answer.build());
            }
            op.build()
        }
    }

    /// The summary (the first paragraph, on one line) and the description
    /// (the whole doc, when it says more than the summary) of a handler's
    /// `///` doc.
    fn summary(doc: Option<&'static str>) -> (Option<String>, Option<&'static str>) {
        let Some(doc) = doc.map(str::trim).filter(|doc| !doc.is_empty()) else {
            return (None, None);
        };
        let mut paragraphs = doc.split("\n\n");
        let first = paragraphs.next().unwrap_or(doc);
        let summary = first.split_whitespace().collect::<Vec<_>>().join(" ");
        let more = paragraphs.any(|paragraph| !paragraph.trim().is_empty());
        (Some(summary), more.then_some(doc))
    }

    /// Any string but `.` and `..`, written without a lookahead: with
    /// `^(?!\.\.?$)`, schemathesis's generator spent ten times as long on the
    /// blog (66 s of CPU against 7 s for the same examples, run back to back).
    const NOT_A_DOT_SEGMENT: &str = r"^(?:[^.]|\.[^.]|\.\.[\s\S])[\s\S]*$";

    /// A string schema a path segment can carry: not empty, not `.` or `..`
    /// (a dot segment, which apigen resolves with a 308 before any route:
    /// schemathesis sent `%2E` and followed the redirect to another route).
    /// A format (`uuid`) gets the pattern too: validators need not check
    /// formats. A string schema with a pattern or values of its own is left
    /// as it is.
    fn segment(schema: RefOr<Schema>) -> RefOr<Schema> {
        match schema {
            RefOr::T(Schema::Object(mut string))
                if string.schema_type == SchemaType::Type(Type::String)
                    && string.pattern.is_none()
                    && string.enum_values.is_none() =>
            {
                string.pattern = Some(NOT_A_DOT_SEGMENT.to_owned());
                string.min_length = Some(string.min_length.unwrap_or(0).max(1));
                RefOr::T(Schema::Object(string))
            }
            other => other,
        }
    }

    /// A path param's schema when its type has none: `string` (format
    /// `uuid` for `uuid::Uuid`, known by name since apigen cannot depend on
    /// the uuid crate).
    fn plain_param<T>() -> RefOr<Schema> {
        let mut schema = ObjectBuilder::new().schema_type(Type::String);
        if std::any::type_name::<T>() == "uuid::Uuid" {
            schema = schema.format(Some(SchemaFormat::Custom("uuid".to_owned())));
        }
        schema.into()
    }

    /// Describes an argument named after a `[x]` param. Called as
    /// `(&&arg).param_of(..)`.
    pub trait ParamDoc {
        /// Adds the param with its type's schema.
        fn param_of(&self, op: &mut Operation, name: &str);
    }

    impl<T: ToSchema, S> ParamDoc for &Arg<T, S> {
        fn param_of(&self, op: &mut Operation, name: &str) {
            let schema = op.schema_of::<T>();
            op.path_param(name, schema, None);
        }
    }

    /// The fallback of [`ParamDoc`]: a type without a schema.
    pub trait ParamDocFallback {
        /// Adds the param as a string.
        fn param_of(&self, op: &mut Operation, name: &str);
    }

    impl<T, S> ParamDocFallback for Arg<T, S> {
        fn param_of(&self, op: &mut Operation, name: &str) {
            op.path_param(name, plain_param::<T>(), None);
        }
    }

    /// Describes an extractor whose type describes itself. Called as
    /// `(&&&arg).extractor(..)`: then [`ExtractorPlain`], then nothing.
    pub trait ExtractorDoc {
        /// Adds what the extractor reads (query params, the body) and what
        /// apigen answers when it rejects the request.
        fn extractor(&self, op: &mut Operation);
    }

    impl<T: ToSchema, S> ExtractorDoc for &&Arg<Json<T>, S> {
        fn extractor(&self, op: &mut Operation) {
            let schema = op.schema_of::<T>();
            op.body(JSON, schema, true);
            op.rejects_json();
        }
    }

    /// The handler takes the rejection: what it answers is its output's.
    impl<T: ToSchema, R, S> ExtractorDoc for &&Arg<Result<Json<T>, R>, S> {
        fn extractor(&self, op: &mut Operation) {
            let schema = op.schema_of::<T>();
            op.body(JSON, schema, true);
        }
    }

    /// No body (no `Content-Type`) is `None`.
    impl<T: ToSchema, S> ExtractorDoc for &&Arg<Option<Json<T>>, S> {
        fn extractor(&self, op: &mut Operation) {
            let schema = op.schema_of::<T>();
            op.body(JSON, schema, false);
            op.rejects_json();
        }
    }

    impl<T: IntoParams, S> ExtractorDoc for &&Arg<Query<T>, S> {
        fn extractor(&self, op: &mut Operation) {
            op.params
                .extend(T::into_params(|| Some(ParameterIn::Query)));
            op.rejects_query();
        }
    }

    impl<T: IntoParams, R, S> ExtractorDoc for &&Arg<Result<Query<T>, R>, S> {
        fn extractor(&self, op: &mut Operation) {
            op.params
                .extend(T::into_params(|| Some(ParameterIn::Query)));
        }
    }

    /// An empty body is a body: not required.
    impl<S> ExtractorDoc for &&Arg<String, S> {
        fn extractor(&self, op: &mut Operation) {
            op.body(TEXT, typed(Type::String), false);
            op.rejects_text();
        }
    }

    impl<S> ExtractorDoc for &&Arg<Bytes, S> {
        fn extractor(&self, op: &mut Operation) {
            let octets = ObjectBuilder::new()
                .schema_type(Type::String)
                .content_media_type("application/octet-stream")
                .into();
            op.body("application/octet-stream", octets, false);
            op.rejects_text();
        }
    }

    /// [`ExtractorDoc`] for the same extractors over types without a schema.
    pub trait ExtractorPlain {
        /// As [`ExtractorDoc::extractor`], with plain schemas.
        fn extractor(&self, op: &mut Operation);
    }

    impl<T, S> ExtractorPlain for &Arg<Json<T>, S> {
        fn extractor(&self, op: &mut Operation) {
            op.body(JSON, any(), true);
            op.rejects_json();
        }
    }

    impl<T, R, S> ExtractorPlain for &Arg<Result<Json<T>, R>, S> {
        fn extractor(&self, op: &mut Operation) {
            op.body(JSON, any(), true);
        }
    }

    impl<T, S> ExtractorPlain for &Arg<Option<Json<T>>, S> {
        fn extractor(&self, op: &mut Operation) {
            op.body(JSON, any(), false);
            op.rejects_json();
        }
    }

    /// The query's params are unknown without `IntoParams`.
    impl<T, S> ExtractorPlain for &Arg<Query<T>, S> {
        fn extractor(&self, op: &mut Operation) {
            op.rejects_query();
        }
    }

    /// The fallback of [`ExtractorDoc`]: `State`, `HeaderMap`, `Method`, …
    pub trait ExtractorFallback {
        /// Adds nothing.
        fn extractor(&self, op: &mut Operation);
    }

    impl<T, S> ExtractorFallback for Arg<T, S> {
        fn extractor(&self, _: &mut Operation) {}
    }

    /// Marks the operation as reading the body when the last argument is a
    /// body extractor (`FromRequest<S>`, not only `FromRequestParts<S>`):
    /// apigen answers 413 over the limit. Called as `(&&arg).reads_body(..)`.
    pub trait BodyDoc {
        /// Records the route's body limit.
        fn reads_body(&self, op: &mut Operation, limit: usize);
    }

    impl<T: FromRequest<S>, S> BodyDoc for &Arg<T, S> {
        fn reads_body(&self, op: &mut Operation, limit: usize) {
            op.body_limit = Some(limit);
        }
    }

    /// The fallback of [`BodyDoc`]: an extractor that does not read the body.
    pub trait BodyDocFallback {
        /// Records nothing.
        fn reads_body(&self, op: &mut Operation, limit: usize);
    }

    impl<T, S> BodyDocFallback for Arg<T, S> {
        fn reads_body(&self, _: &mut Operation, _: usize) {}
    }

    /// Splits an output that is a `Result` into its two halves, described
    /// apart. Called as `(&output).split()`.
    pub trait Split {
        /// The success half.
        type Ok;
        /// The error half.
        type Err;
        /// Both halves.
        fn split(&self) -> (Output<Self::Ok>, Output<Self::Err>);
    }

    impl<T, E> Split for Output<Result<T, E>> {
        type Ok = T;
        type Err = E;
        fn split(&self) -> (Output<T>, Output<E>) {
            (Output(PhantomData), Output(PhantomData))
        }
    }

    /// The fallback of [`Split`]: the output whole, and nothing.
    pub trait SplitFallback {
        /// The output.
        type Ok;
        /// Whole output, and [`NoOutput`].
        fn split(&self) -> (Output<Self::Ok>, Output<NoOutput>);
    }

    impl<O> SplitFallback for &Output<O> {
        type Ok = O;
        fn split(&self) -> (Output<O>, Output<NoOutput>) {
            (Output(PhantomData), Output(PhantomData))
        }
    }

    /// Describes a (half of a) handler's output that describes itself with
    /// `IntoResponses`. Called as `(&&&&output).output(..)`: then
    /// [`OutputDoc`], [`OutputPlain`], [`OutputFallback`].
    pub trait OutputResponses {
        /// Adds its responses.
        fn output(&self, op: &mut Operation);
    }

    impl<O: IntoResponses> OutputResponses for &&&Output<O> {
        fn output(&self, op: &mut Operation) {
            op.responses_of::<O>();
        }
    }

    /// Outputs of known shape whose body type has a schema.
    pub trait OutputDoc {
        /// Adds its response.
        fn output(&self, op: &mut Operation);
    }

    const OK: &str = "The handler's answer.";

    /// Any status, chosen when the handler runs.
    const ANY_STATUS: &str = "The handler's answer, with the status it chose.";

    impl<T: ToSchema> OutputDoc for &&Output<Json<T>> {
        fn output(&self, op: &mut Operation) {
            let schema = op.schema_of::<T>();
            op.respond("200", OK, Some((JSON, schema)));
        }
    }

    impl<T: ToSchema> OutputDoc for &&Output<(StatusCode, Json<T>)> {
        fn output(&self, op: &mut Operation) {
            let schema = op.schema_of::<T>();
            op.respond("default", ANY_STATUS, Some((JSON, schema)));
        }
    }

    /// Outputs of known shape whose body has no schema (or is not typed).
    pub trait OutputPlain {
        /// Adds its response.
        fn output(&self, op: &mut Operation);
    }

    impl<T> OutputPlain for &Output<Json<T>> {
        fn output(&self, op: &mut Operation) {
            op.respond("200", OK, Some((JSON, any())));
        }
    }

    impl<T> OutputPlain for &Output<(StatusCode, Json<T>)> {
        fn output(&self, op: &mut Operation) {
            op.respond("default", ANY_STATUS, Some((JSON, any())));
        }
    }

    impl OutputPlain for &Output<String> {
        fn output(&self, op: &mut Operation) {
            op.respond("200", OK, Some((TEXT, typed(Type::String))));
        }
    }

    impl OutputPlain for &Output<&'static str> {
        fn output(&self, op: &mut Operation) {
            op.respond("200", OK, Some((TEXT, typed(Type::String))));
        }
    }

    impl<T> OutputPlain for &Output<Html<T>> {
        fn output(&self, op: &mut Operation) {
            op.respond("200", OK, Some(("text/html", typed(Type::String))));
        }
    }

    impl OutputPlain for &Output<()> {
        fn output(&self, op: &mut Operation) {
            op.respond("200", "Done, with no body.", None);
        }
    }

    impl OutputPlain for &Output<StatusCode> {
        fn output(&self, op: &mut Operation) {
            op.respond(
                "default",
                "The status the handler chose, with no body.",
                None,
            );
        }
    }

    /// The fallback: an output that does not describe itself (`impl
    /// IntoResponse`, a `Response`, a tuple of parts).
    pub trait OutputFallback {
        /// Adds a `default` response with no content.
        fn output(&self, op: &mut Operation);
    }

    impl<O> OutputFallback for Output<O> {
        fn output(&self, op: &mut Operation) {
            op.respond(
                "default",
                "The handler's answer (its type does not describe itself: implement `utoipa::IntoResponses` for it).",
                None,
            );
            op.responses.entry("default".to_owned()).or_default().open = true;
        }
    }

    /// The document being built: one path per route (two for an optional
    /// catch-all), the schemas its types refer to.
    pub struct Document {
        paths: Paths,
        /// The route module that documents each path: the first to add it.
        owners: BTreeMap<String, &'static str>,
        schemas: BTreeMap<String, RefOr<Schema>>,
        /// Names that two different schemas claim (two route files' own
        /// `Item`s): every `$ref` to one of them points at the first.
        conflicts: Vec<String>,
    }

    impl Document {
        /// An empty document.
        pub fn new() -> Document {
            Document {
                paths: Paths::new(),
                owners: BTreeMap::new(),
                schemas: BTreeMap::new(),
                conflicts: Vec::new(),
            }
        }

        /// Adds `op` under `path` for each of `methods`, as
        /// `<module>_<method>`.
        pub fn add(&mut self, path: &str, methods: &[HttpMethod], op: &Operation) {
            self.add_as(path, methods, op, "");
        }

        /// Adds `op` under both paths of an optional catch-all: `path` with
        /// it, as `<module>_<method>`, and `root` without it (nor its
        /// param), as `<module>_root_<method>`.
        pub fn add_optional(
            &mut self,
            root: &str,
            path: &str,
            name: &str,
            methods: &[HttpMethod],
            op: &Operation,
        ) {
            self.add_as(path, methods, op, "");
            let mut root_op = op.clone();
            root_op.params.retain(|p| p.name != name);
            self.add_as(root, methods, &root_op, "root_");
        }

        /// Routes are added in the order a request tries them, so a path
        /// another route added first is that route's: `a/[x].rs` serves
        /// every `/api/a/{x}` that `a/[...x].rs` would, whatever the method
        /// (405 for a method it lacks), so the later route is left out there.
        fn add_as(&mut self, path: &str, methods: &[HttpMethod], op: &Operation, infix: &str) {
            let owner = self.owners.entry(path.to_owned()).or_insert(op.module);
            if *owner != op.module {
                return;
            }
            for method in methods {
                let id = format!("{}_{infix}{}", op.module, method_name(method));
                self.paths
                    .add_path_operation(path, vec![method.clone()], op.build(id));
            }
            for (name, schema) in &op.schemas {
                match self.schemas.get(name) {
                    None => {
                        self.schemas.insert(name.clone(), schema.clone());
                    }
                    Some(known) if known != schema && !self.conflicts.contains(name) => {
                        self.conflicts.push(name.clone());
                    }
                    Some(_) => {}
                }
            }
        }

        /// The document, titled as the crate `name` at `version`. Schema
        /// names claimed twice are listed in `x-apigen-schema-conflicts`,
        /// to be renamed (`#[schema(as = ...)]`): a `$ref` cannot tell them
        /// apart.
        pub fn finish(self, name: &str, version: &str) -> OpenApi {
            let mut components = Components::new();
            components.schemas = self.schemas;
            let conflicts = (!self.conflicts.is_empty()).then(|| {
                Extensions::builder()
                    .add("x-apigen-schema-conflicts", self.conflicts)
                    .build()
            });
            let mut doc = OpenApiBuilder::new()
                .info(Info::new(name, version))
                .paths(self.paths)
                .components(Some(components))
                .build();
            doc.extensions = conflicts;
            doc
        }
    }

    impl Default for Document {
        fn default() -> Document {
            Document::new()
        }
    }

    fn method_name(method: &HttpMethod) -> &'static str {
        match method {
            HttpMethod::Get => "get",
            HttpMethod::Put => "put",
            HttpMethod::Post => "post",
            HttpMethod::Delete => "delete",
            HttpMethod::Options => "options",
            HttpMethod::Head => "head",
            HttpMethod::Patch => "patch",
            HttpMethod::Trace => "trace",
        }
    }
}
