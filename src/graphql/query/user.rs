use async_graphql::{Context, ID, InputObject, Object};
use entity::{audit_entry, review_item, user};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryTrait};

use crate::{
    error::AppResult,
    graphql::{
        connection::{self, Conn, Scope, TotalCount},
        ids::{self, Kind},
        types::{AuditEntry, ReviewItem, ReviewKind, ReviewStatus, Timestamp, User, viewer},
    },
    service::page,
    state::AppState,
};

/// Filters for `auditLog`; all given filters must hold.
#[derive(InputObject, Default)]
pub struct AuditFilter {
    /// Global ID of the account that made the changes.
    actor: Option<ID>,
    /// Kind of record, such as `session` or `position`.
    entity_type: Option<String>,
    /// Database id of the record (with `entityType`).
    entity_id: Option<i64>,
    /// Changes at or after this time.
    since: Option<Timestamp>,
    /// Changes before this time.
    until: Option<Timestamp>,
}

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
        Ok(user::Entity::find_by_id(me.id).one(db).await?.map(User))
    }

    /// Every account, by email (admins).
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
    ) -> AppResult<Conn<User>> {
        viewer(ctx).require_admin()?;
        let db = &ctx.data_unchecked::<AppState>().db;
        let request = connection::page_request(Scope::Users, true, first, after, last, before)?;
        let select = user::Entity::find();
        let total = TotalCount::Query(Box::new(select.clone().into_query()));
        let page = page::fetch(
            db,
            select,
            Some(user::Column::Email),
            user::Column::Id,
            &request,
        )
        .await?;
        Ok(connection::connection(
            Scope::Users,
            page,
            total,
            |u| (Some(u.email.clone()), u.id),
            User,
        ))
    }

    /// What imports could not settle (admins): unmapped regions and groups,
    /// likely duplicate people. Open items by default, oldest first.
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
    ) -> AppResult<Conn<ReviewItem>> {
        viewer(ctx).require_admin()?;
        let db = &ctx.data_unchecked::<AppState>().db;
        let filter = filter.unwrap_or_default();
        let mut select = review_item::Entity::find();
        if let Some(status) = filter
            .status
            .or(Some(ReviewStatus::Open))
            .filter(|_| !filter.any_status)
        {
            select = select.filter(
                review_item::Column::Status.eq(entity::review_item::ReviewStatus::from(status)),
            );
        }
        if let Some(kind) = filter.kind {
            select = select
                .filter(review_item::Column::Kind.eq(entity::review_item::ReviewKind::from(kind)));
        }
        let request = connection::page_request(Scope::Review, false, first, after, last, before)?;
        let total = TotalCount::Query(Box::new(select.clone().into_query()));
        let page = page::fetch(db, select, None, review_item::Column::Id, &request).await?;
        Ok(connection::connection(
            Scope::Review,
            page,
            total,
            |r| (None, r.id),
            ReviewItem,
        ))
    }

    /// The audit trail, oldest first (admins): every change, who made it,
    /// and the record before and after.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity"
    )]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Filters; all given must hold. Every change without one.")] filter: Option<
            AuditFilter,
        >,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "End before this cursor.")] before: Option<String>,
    ) -> AppResult<Conn<AuditEntry>> {
        viewer(ctx).require_admin()?;
        let db = &ctx.data_unchecked::<AppState>().db;
        let filter = filter.unwrap_or_default();
        let mut select = audit_entry::Entity::find();
        if let Some(actor) = &filter.actor {
            select =
                select.filter(audit_entry::Column::ActorId.eq(ids::decode_as(actor, Kind::User)?));
        }
        if let Some(t) = &filter.entity_type {
            select = select.filter(audit_entry::Column::EntityType.eq(t.trim()));
        }
        if let Some(id) = filter.entity_id {
            select = select.filter(audit_entry::Column::EntityId.eq(id));
        }
        if let Some(t) = filter.since {
            select = select.filter(audit_entry::Column::CreatedAt.gte(t.0));
        }
        if let Some(t) = filter.until {
            select = select.filter(audit_entry::Column::CreatedAt.lt(t.0));
        }
        let request = connection::page_request(Scope::Audit, false, first, after, last, before)?;
        let total = TotalCount::Query(Box::new(select.clone().into_query()));
        let page = page::fetch(db, select, None, audit_entry::Column::Id, &request).await?;
        Ok(connection::connection(
            Scope::Audit,
            page,
            total,
            |a| (None, a.id),
            AuditEntry,
        ))
    }
}
