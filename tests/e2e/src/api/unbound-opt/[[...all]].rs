// Binds no param: the route only checks that it percent-decodes.
pub async fn get() -> &'static str {
    "unbound"
}
