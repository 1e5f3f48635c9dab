//! Sessions: lookups, the filtered list behind `sessions`, and every
//! change to a session, its roles ([`role`]) and its policy questions
//! ([`question`]).

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

mod changes;
mod edit;
pub mod question;
pub mod role;

pub use changes::{SessionChanges, paragraphs};
pub use edit::{SaveSession, create, delete, save, update};
pub use role::RoleSpec;

/// An id a client sent: decoded by the API layer, or the error decoding
/// gave. A service reports that error where it checks the reference, so a
/// request with several faults sees them in the same order as any other
/// check.
pub type ClientId = AppResult<i64>;

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

/// A filter from the codes a client gives: the event's, a speaker's
/// stakeholder group's and region's, each looked up in that order (an
/// unknown one is `BAD_USER_INPUT`). Kind, format and title words are left
/// for the caller.
pub async fn filter_by_codes(
    db: &impl ConnectionTrait,
    reference: &super::reference::ReferenceData,
    event: Option<&str>,
    speaker_stakeholder_group: Option<&str>,
    speaker_region: Option<&str>,
) -> AppResult<SessionFilter> {
    let event_id = match event {
        Some(code) => Some(super::event::require(db, code).await?.id),
        None => None,
    };
    Ok(SessionFilter {
        event_id,
        speaker_stakeholder_group_id: speaker_stakeholder_group
            .map(|c| reference.stakeholder_group_by_code(c).map(|g| g.id))
            .transpose()?,
        speaker_region_id: speaker_region
            .map(|c| reference.region_by_code(c).map(|r| r.id))
            .transpose()?,
        ..Default::default()
    })
}

/// `folded_column LIKE '%word%'` on a column kept by [`entity::fold`],
/// with `%`, `_` and `\` in the word escaped.
pub fn contains_word(
    folded_column: impl sea_orm::sea_query::IntoColumnRef,
    word: &str,
) -> sea_orm::sea_query::SimpleExpr {
    contains_folded(folded_column, &entity::fold(word))
}

/// `column LIKE '%folded%'` for a text already folded the way `column`
/// is kept, with `%`, `_` and `\` escaped.
pub fn contains_folded(
    column: impl sea_orm::sea_query::IntoColumnRef,
    folded: &str,
) -> sea_orm::sea_query::SimpleExpr {
    let escaped = folded
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Expr::col(column).like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
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

/// What sessions can be listed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionOrder {
    Code,
    /// The title, case aside.
    Title,
    /// The start time; unscheduled sessions last.
    StartsAt,
}

impl SessionOrder {
    /// A session's sort key as a cursor writes it.
    pub fn key(self, s: &session::Model) -> String {
        match self {
            SessionOrder::Code => s.code.clone(),
            SessionOrder::Title => s.title_folded.clone(),
            SessionOrder::StartsAt => {
                page::sorted::key_text(s.starts_at.as_ref().map(crate::timestamp::format))
            }
        }
    }
}

/// A page of sessions by `order` (either direction), then id.
pub async fn list_ordered(
    db: &impl ConnectionTrait,
    filter: &SessionFilter,
    order: SessionOrder,
    descending: bool,
    request: &PageRequest,
) -> AppResult<Page<session::Model>> {
    use page::sorted::{KeyKind, SortKey};
    let (column, kind, nullable) = match order {
        SessionOrder::Code => (session::Column::Code, KeyKind::Text, false),
        SessionOrder::Title => (session::Column::TitleFolded, KeyKind::Text, false),
        SessionOrder::StartsAt => (session::Column::StartsAt, KeyKind::Time, true),
    };
    let sort = SortKey {
        column,
        kind,
        descending,
        nullable,
    };
    page::sorted::fetch(db, select(filter), sort, session::Column::Id, request).await
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

/// The session `code` of the event `event_code`, in one statement.
pub async fn by_codes(
    db: &impl ConnectionTrait,
    event_code: &str,
    code: &str,
) -> AppResult<Option<session::Model>> {
    Ok(session::Entity::find()
        .inner_join(entity::event::Entity)
        .filter(entity::event::Column::Code.eq(event_code))
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
/// them (each audited), then the sessions, whose transcripts and
/// interventions, roles, questions, citations and assignments go with them.
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

/// What to do with a question that is gone from the list but answered by
/// positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhenAnswered {
    /// Keep it and report it (a re-import).
    Keep,
    /// Refuse the change with `CONFLICT` (an edit form).
    Refuse,
}

/// What [`replace_questions`] did, as readable labels.
#[derive(Debug, Default)]
pub struct QuestionChanges {
    pub created: Vec<String>,
    pub updated: Vec<String>,
    pub removed: Vec<String>,
    pub kept: Vec<String>,
}

/// Make a session's policy questions exactly `questions`, in order. A
/// question matched by its text keeps its id (and the positions answering
/// it) wherever it moves; the rest pair up by place, so an edited question
/// keeps its id too — except that a question positions answer is never
/// given another text. Each change is versioned and audited.
pub async fn replace_questions(
    txn: &sea_orm::DatabaseTransaction,
    actor: &super::audit::Actor,
    session_id: i64,
    questions: &[String],
    when_answered: WhenAnswered,
) -> AppResult<QuestionChanges> {
    use entity::{policy_question, position};
    use sea_orm::{PaginatorTrait, QueryOrder, Set};

    use super::{reference::normalize, write};

    let mut changes = QuestionChanges::default();
    let mut existing = policy_question::Entity::find()
        .filter(policy_question::Column::SessionId.eq(session_id))
        .order_by_asc(policy_question::Column::Position)
        .order_by_asc(policy_question::Column::Id)
        .all(txn)
        .await?;
    let mut matched: Vec<Option<policy_question::Model>> = questions
        .iter()
        .map(|text| {
            let i = existing
                .iter()
                .position(|q| normalize(&q.text) == normalize(text))?;
            Some(existing.remove(i))
        })
        .collect();
    let mut answered = std::collections::HashMap::new();
    for q in &existing {
        let n = position::Entity::find()
            .filter(position::Column::PolicyQuestionId.eq(q.id))
            .count(txn)
            .await?;
        if n > 0 {
            answered.insert(q.id, n);
        }
    }
    for slot in matched.iter_mut() {
        if slot.is_none()
            && let Some(i) = existing.iter().position(|q| !answered.contains_key(&q.id))
        {
            *slot = Some(existing.remove(i));
        }
    }
    for (i, (text, current)) in questions.iter().zip(matched).enumerate() {
        let place = i as i32 + 1;
        let label = format!("policy question {place}");
        match current {
            Some(q) if q.text == *text && q.position == place => {}
            Some(q) => {
                let am = policy_question::ActiveModel {
                    text: Set(text.clone()),
                    position: Set(place),
                    ..Default::default()
                };
                write::update(txn, actor, q.id, q.version, am).await?;
                changes.updated.push(label);
            }
            None => {
                let am = policy_question::ActiveModel {
                    session_id: Set(session_id),
                    position: Set(place),
                    text: Set(text.clone()),
                    ..Default::default()
                };
                write::create(txn, actor, am).await?;
                changes.created.push(label);
            }
        }
    }
    for q in existing {
        match answered.get(&q.id) {
            Some(&n) if when_answered == WhenAnswered::Refuse => {
                write::refuse_if_referred(
                    &format!("policy question {}", q.position),
                    &vec![(n, "positions")],
                )?;
            }
            Some(n) => changes.kept.push(format!(
                "policy question \"{}\": {n} positions answer it",
                q.text
            )),
            None => {
                write::delete::<policy_question::Entity>(txn, actor, q.id, q.version).await?;
                changes
                    .removed
                    .push(format!("policy question \"{}\"", q.text));
            }
        }
    }
    Ok(changes)
}

/// What [`replace_roles`] did, as readable labels.
#[derive(Debug, Default)]
pub struct RoleChanges {
    pub created: Vec<String>,
    pub updated: Vec<String>,
    pub removed: Vec<String>,
    pub kept: Vec<String>,
}

/// "speaker 3", as reports name a role.
pub fn role_label(kind: entity::session_role::RoleKind, order: i32) -> String {
    use entity::session_role::RoleKind;
    let kind = match kind {
        RoleKind::Organizer => "organizer",
        RoleKind::Speaker => "speaker",
        RoleKind::Moderator => "moderator",
        RoleKind::OnlineModerator => "online moderator",
        RoleKind::Rapporteur => "rapporteur",
    };
    format!("{kind} {order}")
}

/// Make a session's roles exactly `wanted` (each with its role, person,
/// order, group, region, affiliation and participation set). A named role is the same role when it is
/// the same person in the same part, wherever the list moved it, so it
/// keeps its id; an anonymous one is the one at the same place. A role no
/// longer wanted is deleted — or, with `keep_spoken`, kept and reported
/// when its person has positions in this session.
pub async fn replace_roles(
    txn: &sea_orm::DatabaseTransaction,
    actor: &super::audit::Actor,
    session_id: i64,
    wanted: Vec<entity::session_role::ActiveModel>,
    keep_spoken: bool,
) -> AppResult<RoleChanges> {
    use entity::{position, session_role};
    use sea_orm::{ActiveValue, PaginatorTrait, QueryOrder};

    use super::write;

    let mut changes = RoleChanges::default();
    let mut existing = session_role::Entity::find()
        .filter(session_role::Column::SessionId.eq(session_id))
        .order_by_asc(session_role::Column::Id)
        .all(txn)
        .await?;
    for mut am in wanted {
        let (kind, order) = (am.role.clone().unwrap(), am.position.clone().unwrap());
        let person = am.person_id.clone().unwrap();
        let label = role_label(kind, order);
        let found = existing.iter().position(|r| match person {
            Some(p) => r.role == kind && r.person_id == Some(p),
            None => r.role == kind && r.person_id.is_none() && r.position == order,
        });
        match found {
            Some(i) => {
                let current = existing.remove(i);
                let same = current.position == order
                    && ActiveValue::Set(current.stakeholder_group_id) == am.stakeholder_group_id
                    && ActiveValue::Set(current.stakeholder_group_raw.clone())
                        == am.stakeholder_group_raw
                    && ActiveValue::Set(current.region_id) == am.region_id
                    && ActiveValue::Set(current.region_raw.clone()) == am.region_raw
                    && ActiveValue::Set(current.participation) == am.participation
                    && ActiveValue::Set(current.affiliation.clone()) == am.affiliation;
                if !same {
                    am.session_id = ActiveValue::NotSet;
                    write::update(txn, actor, current.id, current.version, am).await?;
                    changes.updated.push(label);
                }
            }
            None => {
                am.session_id = ActiveValue::Set(session_id);
                write::create(txn, actor, am).await?;
                changes.created.push(label);
            }
        }
    }
    for role in existing {
        let label = role_label(role.role, role.position);
        let spoken = match role.person_id {
            Some(person) if keep_spoken => {
                position::Entity::find()
                    .filter(position::Column::SessionId.eq(session_id))
                    .filter(position::Column::PersonId.eq(person))
                    .count(txn)
                    .await?
            }
            _ => 0,
        };
        if spoken > 0 {
            changes.kept.push(format!(
                "{label}: {spoken} positions refer to its person in this session"
            ));
        } else {
            write::delete::<session_role::Entity>(txn, actor, role.id, role.version).await?;
            changes.removed.push(label);
        }
    }
    super::transcript::attribution::rematch(txn, actor, session_id).await?;
    Ok(changes)
}

pub mod load;
