//! Transcripts as use cases: `importTranscript` and the `transcript`
//! command (who may import into which session, the size limit, the reader
//! of `import::transcript`, then [`store`] in one transaction), reads of
//! transcripts and interventions, and naming the person behind a label an
//! import could not match (a review item).

pub mod attribution;
pub mod load;
pub mod matching;
pub mod store;

use entity::{
    intervention, person,
    review_item::{self, ReviewKind},
    session as session_entity, transcript,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use sha2::{Digest, Sha256};

use super::{audit::Actor, event, session, viewer::Viewer, write};
use crate::{
    error::{AppError, AppResult},
    import::transcript as reader,
};
pub use store::TranscriptReport;

/// Import the transcript `text` of session `code` of event `event_code`:
/// admins into any session, organizers into sessions in their scope (as
/// `importProposal`). The session must exist (import its proposal first).
pub async fn import(
    db: &DatabaseConnection,
    viewer: &Viewer,
    event_code: &str,
    code: &str,
    text: &str,
    dry_run: bool,
) -> AppResult<TranscriptReport> {
    viewer.require_editor()?;
    let read = reader::read(text).map_err(|e| AppError::invalid("text", e.to_string()))?;
    let session = find_session(db, event_code, code).await?;
    viewer.check_session(&session)?;
    import_read(db, &viewer.actor(), session, text, &read, dry_run).await
}

/// Import the transcript `text` of `session` as `actor` (the command
/// line): one transaction, rolled back on a dry run.
pub async fn import_into(
    db: &DatabaseConnection,
    actor: &Actor,
    session: session_entity::Model,
    text: &str,
    dry_run: bool,
) -> AppResult<TranscriptReport> {
    let read = reader::read(text).map_err(|e| AppError::invalid("text", e.to_string()))?;
    import_read(db, actor, session, text, &read, dry_run).await
}

async fn import_read(
    db: &DatabaseConnection,
    actor: &Actor,
    session: session_entity::Model,
    text: &str,
    read: &reader::Transcript,
    dry_run: bool,
) -> AppResult<TranscriptReport> {
    let digest = format!("{:x}", Sha256::digest(text.as_bytes()));
    let txn = write::begin(db).await?;
    let report = store::store(&txn, actor, session, read, digest).await?;
    if dry_run {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
    }
    Ok(report)
}

/// Session `code` of event `event_code`, or `BAD_USER_INPUT` saying what
/// to give instead.
pub async fn find_session(
    db: &impl ConnectionTrait,
    event_code: &str,
    code: &str,
) -> AppResult<session_entity::Model> {
    let event = event::require(db, event_code)
        .await
        .map_err(|e| AppError::invalid("event", e.to_string()))?;
    session::by_event_and_code(db, event.id, code.trim())
        .await?
        .ok_or_else(|| {
            AppError::invalid(
                "session",
                format!(
                    "event {} has no session `{}`; give its code as stored (such as `WS #206`), \
                     or import its proposal first",
                    event.code,
                    code.trim()
                ),
            )
        })
}

/// The transcript with this id, if any.
pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> AppResult<Option<transcript::Model>> {
    Ok(transcript::Entity::find_by_id(id).one(db).await?)
}

/// The transcript of each of these sessions that has one.
pub async fn of_sessions(
    db: &impl ConnectionTrait,
    sessions: &[i64],
) -> Result<Vec<transcript::Model>, sea_orm::DbErr> {
    transcript::Entity::find()
        .filter(transcript::Column::SessionId.is_in(sessions.iter().copied()))
        .all(db)
        .await
}

/// For each of these sessions, the distinct name labels of its transcript
/// that are attributed to no one, as first written, in order of first
/// appearance; in one statement.
pub async fn unmatched_labels(
    db: &impl ConnectionTrait,
    sessions: &[i64],
) -> AppResult<Vec<(i64, Vec<String>)>> {
    use intervention::Column as C;
    // The labels only, never the speech.
    let rows: Vec<(i64, String, String)> = intervention::Entity::find()
        .select_only()
        .columns([C::SessionId, C::Label, C::LabelKey])
        .filter(C::SessionId.is_in(sessions.iter().copied()))
        .filter(C::InTranscript.eq(true))
        .filter(C::IsFloor.eq(false))
        .filter(C::PersonId.is_null())
        .filter(C::RoleId.is_null())
        .order_by_asc(C::SessionId)
        .order_by_asc(C::Ord)
        .into_tuple()
        .all(db)
        .await?;
    let mut out: Vec<(i64, Vec<String>, Vec<String>)> = Vec::new();
    for (session, label, key) in rows {
        if reader::speaker_of(&label) != reader::Speaker::Named {
            continue;
        }
        if out.last().is_none_or(|(s, _, _)| *s != session) {
            out.push((session, Vec::new(), Vec::new()));
        }
        let (_, keys, labels) = out.last_mut().expect("pushed");
        if !keys.contains(&key) {
            keys.push(key);
            labels.push(label);
        }
    }
    Ok(out.into_iter().map(|(s, _, labels)| (s, labels)).collect())
}

/// The interventions of these sessions no longer in their transcripts but
/// kept because positions cite them, in their old order; only those cited
/// by a position `viewer` may read, so a draft's existence does not show.
/// In one statement.
pub async fn kept(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    sessions: &[i64],
) -> AppResult<Vec<intervention::Model>> {
    Ok(intervention::Entity::find()
        .filter(intervention::Column::SessionId.is_in(sessions.iter().copied()))
        .filter(intervention::Column::InTranscript.eq(false))
        .filter(cited_for(viewer))
        .order_by_asc(intervention::Column::Ord)
        .order_by_asc(intervention::Column::Id)
        .all(db)
        .await?)
}

/// Interventions whose text holds any of `keywords`, case aside (ASCII
/// letters on SQLite, every script on PostgreSQL), as a plain scan: a
/// topic's keywords change, so no index is kept of them.
pub fn mentioning(keywords: &[String]) -> sea_orm::Condition {
    use sea_orm::sea_query::ExprTrait;
    let mut any = sea_orm::Condition::any();
    for k in keywords {
        let escaped = entity::fold(k)
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let text =
            sea_orm::sea_query::Expr::col((intervention::Entity, intervention::Column::Text));
        any = any.add(
            sea_orm::sea_query::Expr::expr(sea_orm::sea_query::Func::lower(text))
                .like(sea_orm::sea_query::LikeExpr::new(format!("%{escaped}%")).escape('\\')),
        );
    }
    any
}

/// Which interventions `interventions` lists; all given filters must hold.
#[derive(Debug, Clone, Default)]
pub struct InterventionFilter {
    pub event_id: Option<i64>,
    pub session_id: Option<i64>,
    pub person_id: Option<i64>,
    /// A topic's keywords: interventions that mention it.
    pub mentions: Option<Vec<String>>,
    pub floor: Option<bool>,
}

/// A page of the interventions in transcripts that `filter` selects, in
/// id order, and its total.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &InterventionFilter,
    request: &super::page::PageRequest,
) -> AppResult<(super::page::Page<intervention::Model>, super::page::Total)> {
    let mut select =
        intervention::Entity::find().filter(intervention::Column::InTranscript.eq(true));
    if let Some(id) = filter.event_id {
        select = select.filter(intervention::Column::EventId.eq(id));
    }
    if let Some(id) = filter.session_id {
        select = select.filter(intervention::Column::SessionId.eq(id));
    }
    if let Some(id) = filter.person_id {
        select = select.filter(intervention::Column::PersonId.eq(id));
    }
    if let Some(f) = filter.floor {
        select = select.filter(intervention::Column::IsFloor.eq(f));
    }
    if let Some(keywords) = &filter.mentions {
        select = select.filter(mentioning(keywords));
    }
    super::page::fetch_counted(db, select, None, intervention::Column::Id, request).await
}

/// Interventions cited by a position `viewer` may read.
fn cited_for(viewer: &Viewer) -> sea_orm::Condition {
    use sea_orm::QuerySelect as _;
    let citing = entity::position::Entity::find()
        .select_only()
        .column(entity::position::Column::InterventionId)
        .filter(super::position::visible(viewer))
        .filter(entity::position::Column::InterventionId.is_not_null());
    sea_orm::Condition::all()
        .add(intervention::Column::Id.in_subquery(sea_orm::QueryTrait::into_query(citing)))
}

/// Intervention `id` as `viewer` may read it: one in its transcript, or
/// one kept that a position they may read cites.
pub async fn visible_by_id(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: i64,
) -> AppResult<Option<intervention::Model>> {
    let visible = sea_orm::Condition::any()
        .add(intervention::Column::InTranscript.eq(true))
        .add(cited_for(viewer));
    Ok(intervention::Entity::find_by_id(id)
        .filter(visible)
        .one(db)
        .await?)
}

/// Resolve an unmatched-speaker review item by naming the person: every
/// intervention with that label in that session is attributed to them (as
/// the role they hold in the session, else with their own group and
/// region), and later imports of the transcript keep it so. Runs in the
/// review's transaction; gives how many interventions changed.
pub async fn assign_label(
    txn: &DatabaseTransaction,
    actor: &Actor,
    item: &review_item::Model,
    person_id: i64,
) -> AppResult<usize> {
    debug_assert_eq!(item.kind, ReviewKind::UnmatchedSpeaker);
    let Some(session_id) = item.session_id else {
        return Err(AppError::Conflict(
            "the session of this speaker label was deleted; dismiss the item".into(),
        ));
    };
    let label_key = item
        .key
        .strip_prefix(&attribution::review_key(session_id, ""))
        .ok_or_else(|| AppError::Conflict("this review item names no speaker label".into()))?;
    let person = person::Entity::find_by_id(person_id)
        .one(txn)
        .await?
        .ok_or_else(|| AppError::invalid("person", "no such person"))?;
    let panel = attribution::panel(txn, session_id).await?;
    let who = attribution::Attribution::of_person(&panel, &person);
    attribution::attribute(txn, actor, session_id, label_key, &who).await
}
