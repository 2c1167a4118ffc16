#[allow(clippy::disallowed_names)]
pub async fn get(foo: String) -> String {
    format!("foo {foo}")
}
