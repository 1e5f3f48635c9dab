//! A session's own fields as a change carries them ([`SessionChanges`]),
//! and how they are checked and applied to a row: required fields, text
//! lengths, the schedule, cited paragraphs.

use chrono::{DateTime, Utc};
use entity::{
    session::{self, SessionFormat, SessionKind},
    session_paragraph,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

use super::ClientId;
use crate::{
    error::{AppError, AppResult},
    service::{
        reference::ReferenceData,
        validate::{self, DURATION_MINUTES, LONG, SHORT},
    },
};

/// A session's own fields; those left out stay as they are. Creating a
/// session needs `event`, `code`, `kind` and `title`. Text fields other
/// than those four are cleared by an empty string. Errors name the API's
/// fields (`durationMinutes`, `citedParagraphs`, …).
#[derive(Debug, Default)]
pub struct SessionChanges {
    /// Event code; fixed once the session exists.
    pub event: Option<String>,
    pub code: Option<String>,
    pub kind: Option<SessionKind>,
    pub title: Option<String>,
    pub format: Option<SessionFormat>,
    pub duration_minutes: Option<i32>,
    pub format_description: Option<String>,
    pub description: Option<String>,
    pub expected_outcomes: Option<String>,
    pub hybrid_format: Option<String>,
    /// Replaces the list when given.
    pub participant_gains: Option<Vec<String>>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub room: Option<String>,
    pub online_link: Option<String>,
    /// Paragraph ids; replaces the list when given. Checked after the
    /// session is written, in order.
    pub cited_paragraphs: Option<Vec<ClientId>>,
}

fn opt_long(field: &str, v: Option<String>) -> AppResult<Option<String>> {
    validate::opt_text(field, v, LONG)
}

/// Apply the given fields of `changes` to `am`, validated against `current`
/// (the stored session, none when creating). `cited_paragraphs` is not
/// touched: citations live in another table (see [`cite`]).
pub(super) fn apply(
    am: &mut session::ActiveModel,
    changes: SessionChanges,
    current: Option<&session::Model>,
) -> AppResult<()> {
    let creating = current.is_none();
    let required = |field: &str, present: bool| {
        if creating && !present {
            Err(AppError::invalid(field, "is required"))
        } else {
            Ok(())
        }
    };
    required("code", changes.code.is_some())?;
    required("kind", changes.kind.is_some())?;
    required("title", changes.title.is_some())?;
    if let Some(code) = changes.code {
        am.code = Set(validate::text("code", &code, 64)?);
    }
    if let Some(kind) = changes.kind {
        am.kind = Set(kind);
    }
    if let Some(title) = changes.title {
        am.title = Set(validate::text("title", &title, 500)?);
    }
    if let Some(format) = changes.format {
        am.format = Set(Some(format));
        // The page's wording no longer describes a layout set by hand.
        am.format_raw = Set(None);
    }
    if let Some(minutes) = changes.duration_minutes {
        am.duration_minutes = Set(Some(validate::range(
            "durationMinutes",
            minutes,
            DURATION_MINUTES.0,
            DURATION_MINUTES.1,
        )?));
    }
    if changes.format_description.is_some() {
        am.format_description = Set(opt_long("formatDescription", changes.format_description)?);
    }
    if changes.description.is_some() {
        am.description = Set(opt_long("description", changes.description)?);
    }
    if changes.expected_outcomes.is_some() {
        am.expected_outcomes = Set(opt_long("expectedOutcomes", changes.expected_outcomes)?);
    }
    if changes.hybrid_format.is_some() {
        am.hybrid_format = Set(opt_long("hybridFormat", changes.hybrid_format)?);
    }
    if let Some(gains) = changes.participant_gains {
        if gains.len() > 50 {
            return Err(AppError::invalid("participantGains", "at most 50 items"));
        }
        let gains: Vec<String> = gains
            .iter()
            .map(|g| validate::text("participantGains", g, 2000))
            .collect::<AppResult<_>>()?;
        am.participant_gains = Set(serde_json::json!(gains));
    } else if creating {
        am.participant_gains = Set(serde_json::json!([]));
    }
    if creating {
        am.extra_sections = Set(serde_json::json!([]));
    }
    apply_schedule(am, &changes.starts_at, &changes.ends_at, current)?;
    if changes.room.is_some() {
        am.room = Set(validate::opt_text("room", changes.room, SHORT)?);
    }
    if changes.online_link.is_some() {
        am.online_link = Set(validate::opt_url("onlineLink", changes.online_link)?);
    }
    Ok(())
}

/// The schedule as it will be (what is given, else what is stored) must
/// not end before it starts.
fn apply_schedule(
    am: &mut session::ActiveModel,
    starts_at: &Option<DateTime<Utc>>,
    ends_at: &Option<DateTime<Utc>>,
    current: Option<&session::Model>,
) -> AppResult<()> {
    let start = starts_at.or(current.and_then(|c| c.starts_at));
    let end = ends_at.or(current.and_then(|c| c.ends_at));
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        return Err(AppError::invalid(
            if ends_at.is_some() {
                "endsAt"
            } else {
                "startsAt"
            },
            "the session must not end before it starts",
        ));
    }
    if let Some(t) = starts_at {
        am.starts_at = Set(Some(*t));
    }
    if let Some(t) = ends_at {
        am.ends_at = Set(Some(*t));
    }
    Ok(())
}

/// Paragraph ids that must all exist, checked in order; `field` names the
/// list in errors.
pub fn paragraphs(
    reference: &ReferenceData,
    field: &str,
    ids: Vec<ClientId>,
) -> AppResult<Vec<i64>> {
    ids.into_iter()
        .map(|id| {
            let n = id?;
            reference
                .paragraph(n)
                .map(|p| p.id)
                .ok_or_else(|| AppError::invalid(field, "no such paragraph"))
        })
        .collect()
}

/// Make the session cite exactly these paragraphs.
pub(super) async fn cite(
    txn: &DatabaseTransaction,
    session_id: i64,
    paragraph_ids: Vec<i64>,
) -> AppResult<()> {
    session_paragraph::Entity::delete_many()
        .filter(session_paragraph::Column::SessionId.eq(session_id))
        .exec(txn)
        .await?;
    let mut ids = paragraph_ids;
    ids.sort_unstable();
    ids.dedup();
    for paragraph_id in ids {
        session_paragraph::ActiveModel {
            session_id: Set(session_id),
            paragraph_id: Set(paragraph_id),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}
