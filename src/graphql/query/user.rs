//! `me` and `users`: the signed-in account and every account
//! (`service::user`).

use async_graphql::{Context, Object};

use crate::{
    error::AppResult,
    graphql::{
        connection::{self, Conn, Scope, TotalCount},
        types::{User, viewer},
    },
    service,
    state::AppState,
};

#[derive(Default)]
pub struct UserQuery;

#[Object]
impl UserQuery {
    /// The signed-in account; null without a token.
    async fn me(&self, ctx: &Context<'_>) -> AppResult<Option<User>> {
        let Some(me) = viewer(ctx).user() else {
            return Ok(None);
        };
        let db = &ctx.data_unchecked::<AppState>().db;
        Ok(service::user::by_id(db, me.id).await?.map(User))
    }

    /// Every account, by email (admins). Null, with an `UNAUTHENTICATED`
    /// or `FORBIDDEN` error, for anyone else.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity"
    )]
    async fn users(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "End before this cursor.")] before: Option<String>,
    ) -> AppResult<Option<Conn<User>>> {
        viewer(ctx).require_admin()?;
        let db = &ctx.data_unchecked::<AppState>().db;
        let request = connection::page_request(Scope::Users, true, first, after, last, before)?;
        let (page, total) = service::user::list(db, &request).await?;
        Ok(Some(connection::connection(
            Scope::Users,
            page,
            TotalCount::Query(total),
            |u| (Some(u.email.clone()), u.id),
            User,
        )))
    }
}
