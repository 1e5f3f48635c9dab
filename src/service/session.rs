//! Sessions: lookups and the filtered list behind `sessions`.

use entity::{
    session::{self, SessionFormat, SessionKind},
    session_role::{self, RoleKind},
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Select,
    sea_query::{Expr, ExprTrait, LikeExpr, Query},
};

use super::page::{self, Page, PageRequest};
use crate::error::AppResult;

/// The filters of `sessions`, with codes already resolved to ids.
#[derive(Debug, Default, Clone)]
pub struct SessionFilter {
    pub event_id: Option<i64>,
    pub kind: Option<SessionKind>,
    pub format: Option<SessionFormat>,
    /// Sessions with at least one speaker of this group, as declared.
    pub speaker_stakeholder_group_id: Option<i64>,
    /// Sessions with at least one speaker from this region, as declared.
    pub speaker_region_id: Option<i64>,
    /// Every word must occur in the title, in any case.
    pub title_words: Vec<String>,
}

/// `folded_column LIKE '%word%'` on a column kept by [`entity::fold`],
/// with `%`, `_` and `\` in the word escaped.
pub fn contains_word(
    folded_column: impl sea_orm::sea_query::IntoColumnRef,
    word: &str,
) -> sea_orm::sea_query::SimpleExpr {
    let escaped = entity::fold(word)
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Expr::col(folded_column).like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

pub fn select(filter: &SessionFilter) -> Select<session::Entity> {
    let mut q = session::Entity::find();
    if let Some(id) = filter.event_id {
        q = q.filter(session::Column::EventId.eq(id));
    }
    if let Some(kind) = filter.kind {
        q = q.filter(session::Column::Kind.eq(kind));
    }
    if let Some(format) = filter.format {
        q = q.filter(session::Column::Format.eq(format));
    }
    let speakers = |column: session_role::Column, id: i64| {
        Query::select()
            .column(session_role::Column::SessionId)
            .from(session_role::Entity)
            .and_where(session_role::Column::Role.eq(RoleKind::Speaker))
            .and_where(column.eq(id))
            .to_owned()
    };
    if let Some(id) = filter.speaker_stakeholder_group_id {
        q = q.filter(
            session::Column::Id.in_subquery(speakers(session_role::Column::StakeholderGroupId, id)),
        );
    }
    if let Some(id) = filter.speaker_region_id {
        q = q.filter(session::Column::Id.in_subquery(speakers(session_role::Column::RegionId, id)));
    }
    for word in &filter.title_words {
        q = q.filter(contains_word(
            (session::Entity, session::Column::TitleFolded),
            word,
        ));
    }
    q
}

/// A page of sessions in a stable order: by code, then id.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &SessionFilter,
    request: &PageRequest,
) -> AppResult<Page<session::Model>> {
    page::fetch(
        db,
        select(filter),
        Some(session::Column::Code),
        session::Column::Id,
        request,
    )
    .await
}

pub async fn by_event_and_code(
    db: &impl ConnectionTrait,
    event_id: i64,
    code: &str,
) -> AppResult<Option<session::Model>> {
    Ok(session::Entity::find()
        .filter(session::Column::EventId.eq(event_id))
        .filter(session::Column::Code.eq(code))
        .one(db)
        .await?)
}

pub async fn any_exists(db: &impl ConnectionTrait) -> AppResult<bool> {
    use sea_orm::PaginatorTrait;
    Ok(session::Entity::find().count(db).await? > 0)
}

/// What refers to these sessions from outside them: positions taken in
/// them or answering their questions.
pub async fn referrers(
    db: &impl ConnectionTrait,
    session_ids: &[i64],
) -> AppResult<super::write::Referrers> {
    use sea_orm::PaginatorTrait;
    let n = entity::position::Entity::find()
        .filter(in_sessions(session_ids))
        .count(db)
        .await?;
    Ok(vec![(n, "positions")])
}

fn in_sessions(session_ids: &[i64]) -> sea_orm::Condition {
    use entity::{policy_question, position};
    let questions = Query::select()
        .column(policy_question::Column::Id)
        .from(policy_question::Entity)
        .and_where(policy_question::Column::SessionId.is_in(session_ids.to_vec()))
        .to_owned();
    sea_orm::Condition::any()
        .add(position::Column::SessionId.is_in(session_ids.to_vec()))
        .add(position::Column::PolicyQuestionId.in_subquery(questions))
}

/// Delete sessions with everything that hangs off them: positions taken in
/// them (each audited), then the sessions, whose roles, questions,
/// citations and assignments go with them.
pub async fn delete_cascade(
    txn: &sea_orm::DatabaseTransaction,
    actor: &super::audit::Actor,
    session_ids: &[i64],
) -> AppResult<()> {
    if session_ids.is_empty() {
        return Ok(());
    }
    let positions = entity::position::Entity::find()
        .filter(in_sessions(session_ids))
        .all(txn)
        .await?;
    super::position::delete_all(txn, actor, positions).await?;
    for session in session::Entity::find()
        .filter(session::Column::Id.is_in(session_ids.to_vec()))
        .all(txn)
        .await?
    {
        session::Entity::delete_by_id(session.id).exec(txn).await?;
        super::audit::record(
            txn,
            actor,
            "delete",
            "session",
            session.id,
            serde_json::to_value(&session).ok(),
            None,
        )
        .await?;
    }
    Ok(())
}
