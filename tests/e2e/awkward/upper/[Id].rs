/// `[Id]` binds as `Id` or, in snake_case, `id`.
pub async fn get(id: u64) -> String {
    format!("upper {id}")
}
