//! `reviewQueue`: what imports could not settle, for admins
//! (`service::review`).

use async_graphql::{Context, InputObject, Object};

use crate::{
    error::AppResult,
    graphql::{
        connection::{self, Conn, Scope, TotalCount},
        types::{ReviewItem, ReviewKind, ReviewStatus, viewer},
    },
    service::review,
    state::AppState,
};

/// Filters for `reviewQueue`.
#[derive(InputObject, Default)]
pub struct ReviewFilter {
    /// Items in this state; default open.
    status: Option<ReviewStatus>,
    /// Items in any state (overrides `status`).
    #[graphql(default)]
    any_status: bool,
    /// Items of this kind only.
    kind: Option<ReviewKind>,
}

impl From<ReviewFilter> for review::ReviewFilter {
    fn from(filter: ReviewFilter) -> Self {
        Self {
            status: (!filter.any_status)
                .then(|| filter.status.unwrap_or(ReviewStatus::Open).into()),
            kind: filter.kind.map(Into::into),
        }
    }
}

#[derive(Default)]
pub struct ReviewQuery;

#[Object]
impl ReviewQuery {
    /// What imports could not settle (admins): unmapped regions and groups,
    /// likely duplicate people. Open items by default, oldest first. Null,
    /// with an `UNAUTHENTICATED` or `FORBIDDEN` error, for anyone else.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity"
    )]
    async fn review_queue(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Open items of every kind unless said otherwise.")] filter: Option<
            ReviewFilter,
        >,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "End before this cursor.")] before: Option<String>,
    ) -> AppResult<Option<Conn<ReviewItem>>> {
        viewer(ctx).require_admin()?;
        let db = &ctx.data_unchecked::<AppState>().db;
        let filter = filter.unwrap_or_default().into();
        let request = connection::page_request(Scope::Review, false, first, after, last, before)?;
        let (page, total) = review::list(db, filter, &request).await?;
        Ok(Some(connection::connection(
            Scope::Review,
            page,
            TotalCount::Query(total),
            |r| (None, r.id),
            ReviewItem,
        )))
    }
}
