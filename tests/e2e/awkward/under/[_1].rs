#[allow(clippy::just_underscores_and_digits)]
pub async fn get(_1: u8) -> String {
    format!("under {_1}")
}
