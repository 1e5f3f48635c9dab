//! `auditLog`: the audit trail, for admins (`service::audit`).

use async_graphql::{Context, ID, InputObject, Object};

use crate::{
    error::AppResult,
    graphql::{
        connection::{self, Conn, Scope, TotalCount},
        ids::{self, Kind},
        types::{AuditEntry, Timestamp, viewer},
    },
    service::audit,
    state::AppState,
};

/// Filters for `auditLog`; all given filters must hold.
#[derive(InputObject, Default)]
pub struct AuditFilter {
    /// Global ID of the account that made the changes.
    actor: Option<ID>,
    /// Kind of record, such as `session` or `position`.
    entity_type: Option<String>,
    /// Global ID of the record whose changes to list (it says the kind
    /// of record too).
    record: Option<ID>,
    /// Database id of the record (with `entityType`).
    #[graphql(deprecation = "Use `record`, the record's global ID.")]
    entity_id: Option<i64>,
    /// Changes at or after this time.
    since: Option<Timestamp>,
    /// Changes before this time.
    until: Option<Timestamp>,
}

impl TryFrom<AuditFilter> for audit::AuditFilter {
    type Error = crate::error::AppError;

    fn try_from(filter: AuditFilter) -> AppResult<Self> {
        let (mut entity_type, mut entity_id) = (filter.entity_type, filter.entity_id);
        if let Some(record) = &filter.record {
            let (kind, id) = ids::decode(record)
                .map_err(|e| crate::error::AppError::invalid("record", e.to_string()))?;
            let audited = ids::audited_type(kind).ok_or_else(|| {
                crate::error::AppError::invalid(
                    "record",
                    format!("a {} has no audit trail of its own", kind.name()),
                )
            })?;
            if entity_type.as_deref().is_some_and(|t| t != audited)
                || entity_id.is_some_and(|i| i != id)
            {
                return Err(crate::error::AppError::invalid(
                    "record",
                    "give `record` alone: `entityType` and `entityId` name another record",
                ));
            }
            (entity_type, entity_id) = (Some(audited.to_owned()), Some(id));
        }
        Ok(Self {
            actor_id: filter
                .actor
                .map(|actor| ids::decode_as(&actor, Kind::User))
                .transpose()?,
            entity_type,
            entity_id,
            since: filter.since.map(|t| t.0),
            until: filter.until.map(|t| t.0),
        })
    }
}

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The audit trail, oldest first (admins): every change, who made it,
    /// and the record before and after. Null, with an `UNAUTHENTICATED` or
    /// `FORBIDDEN` error, for anyone else.
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
    ) -> AppResult<Option<Conn<AuditEntry>>> {
        viewer(ctx).require_admin()?;
        let db = &ctx.data_unchecked::<AppState>().db;
        let filter = audit::AuditFilter::try_from(filter.unwrap_or_default())?;
        let request = connection::page_request(Scope::Audit, false, first, after, last, before)?;
        let (page, total) = audit::list(db, &filter, &request).await?;
        Ok(Some(connection::connection(
            Scope::Audit,
            page,
            TotalCount::Query(total),
            |a| (None, a.id),
            AuditEntry,
        )))
    }
}
