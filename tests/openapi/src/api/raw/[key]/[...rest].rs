/// Two params, one not taken (`key`), a catch-all of integers.
pub async fn get(rest: Vec<u32>) -> String {
    rest.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}
