use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::{ApiError, AppState, PostPage};

/// Posts per page when `limit` is not given.
const DEFAULT_LIMIT: usize = 10;

/// The most posts one page may hold.
const MAX_LIMIT: usize = 100;

/// `?page=&limit=`, both optional.
#[derive(Deserialize, IntoParams)]
pub struct Pagination {
    /// From 1.
    #[param(minimum = 1)]
    page: Option<usize>,
    /// 1 to 100; 10 when absent.
    #[param(minimum = 1, maximum = 100)]
    limit: Option<usize>,
}

/// `GET /api/posts?page=2&limit=5`: one page of the stored posts, oldest
/// first, with the total. `page` starts at 1; `limit` is 1 to 100 (10 when
/// absent). Anything else answers 400.
pub async fn get(
    State(state): State<AppState>,
    query: Result<Query<Pagination>, QueryRejection>,
) -> Result<Json<PostPage>, ApiError> {
    let Query(query) = query?;
    let page = query.page.unwrap_or(1);
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if page == 0 {
        return Err(ApiError::bad_request("`page` starts at 1"));
    }
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::bad_request(format!(
            "`limit` must be between 1 and {MAX_LIMIT}"
        )));
    }
    Ok(Json(state.post_page(page, limit)))
}
