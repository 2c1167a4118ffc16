/// `[a--b]` binds as `a__b` or, in snake_case, `a_b`.
pub async fn get(a_b: String) -> String {
    format!("dash {a_b}")
}
