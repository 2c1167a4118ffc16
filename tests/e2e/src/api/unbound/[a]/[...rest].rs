// Binds neither param: the route only checks that they percent-decode.
pub async fn get() -> &'static str {
    "unbound"
}
