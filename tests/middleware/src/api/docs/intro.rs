use axum::http::HeaderMap;

use crate::routes::MatchedRoute;

/// Names its file from the request's `MatchedRoute`, an extractor.
pub async fn get(route: MatchedRoute, headers: HeaderMap) -> String {
    crate::echo(route.file(), &headers) + " pattern=" + route.pattern()
}
