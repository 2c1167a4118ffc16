use axum::extract::Query;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Page {
    page: Option<u32>,
}

pub async fn get(Query(q): Query<Page>) -> String {
    format!("page {}", q.page.unwrap_or(1))
}
