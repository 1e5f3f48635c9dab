//! Writing a parsed proposal: a new session, or the same session updated in
//! place when it is imported again (matched by event and code). Matched
//! roles and questions keep their ids; what positions refer to is never
//! deleted; every change is versioned and audited through `service::write`.

use entity::{
    event, person,
    review_item::ReviewKind,
    session,
    session_role::{self, RoleKind},
};
use sea_orm::{
    ActiveModelTrait, ActiveValue, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set,
};
use serde::Serialize;

use super::proposal::{ProposalDraft, RoleDraft};
use crate::{
    error::{AppError, AppResult},
    service::{
        audit::Actor,
        reference::{ReferenceData, normalize},
        review, write,
    },
};

/// What an import did to a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Created,
    Updated,
    Unchanged,
}

/// What one proposal did: the session it wrote, what changed, and what
/// needs a look.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub code: String,
    pub title: String,
    pub outcome: Outcome,
    /// The session's id in the import's transaction (gone again after a
    /// dry run that created it).
    #[serde(skip)]
    pub session_id: Option<i64>,
    pub created: Vec<String>,
    pub updated: Vec<String>,
    pub removed: Vec<String>,
    /// Roles and questions that are gone from the proposal but kept,
    /// because positions refer to them.
    pub kept: Vec<String>,
    pub warnings: Vec<String>,
    /// Values that map to no region or group, each named as
    /// ``region `North America` `` (`--strict` refuses them).
    pub unmapped: Vec<String>,
    /// What the proposal came in with, at a glance.
    pub counts: Counts,
}

/// What a proposal came in with, at a glance: so that a session that came
/// in with no speakers, or with most roles lacking a group, shows at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub organizers: usize,
    pub speakers: usize,
    pub moderators: usize,
    pub online_moderators: usize,
    pub rapporteurs: usize,
    /// Roles stored without a stakeholder group or without a region.
    pub without_group_or_region: usize,
    /// Non-empty lines kept as extra text: sections the importer does not
    /// know, and text outside any section.
    pub extra_text_lines: usize,
    pub warnings: usize,
}

impl Counts {
    /// The counts of `draft`, with `warnings` warnings in all.
    pub fn of(draft: &ProposalDraft, warnings: usize) -> Self {
        let lists = [
            &draft.organizers,
            &draft.speakers,
            &draft.moderators,
            &draft.online_moderators,
            &draft.rapporteurs,
        ];
        Self {
            organizers: draft.organizers.len(),
            speakers: draft.speakers.len(),
            moderators: draft.moderators.len(),
            online_moderators: draft.online_moderators.len(),
            rapporteurs: draft.rapporteurs.len(),
            without_group_or_region: lists
                .iter()
                .flat_map(|l| l.iter())
                .filter(|r| r.stakeholder_group.is_none() || r.region.is_none())
                .count(),
            extra_text_lines: draft
                .extra_sections
                .iter()
                .map(|s| s.body.lines().filter(|l| !l.trim().is_empty()).count())
                .sum(),
            warnings,
        }
    }

    /// One line for a person: `5 speakers, 2 organizers, 0 moderators; 4
    /// without group or region; 0 lines of extra text`.
    pub fn line(&self) -> String {
        format!(
            "{} speakers, {} organizers, {} moderators, {} online moderators, {} rapporteurs; \
             {} without group or region; {} lines of extra text",
            self.speakers,
            self.organizers,
            self.moderators,
            self.online_moderators,
            self.rapporteurs,
            self.without_group_or_region,
            self.extra_text_lines
        )
    }
}

/// The session's own fields as the proposal gives them.
fn session_fields(draft: &ProposalDraft) -> session::ActiveModel {
    let mut extra: Vec<serde_json::Value> = draft
        .extra_sections
        .iter()
        .map(|s| serde_json::json!({ "heading": s.heading, "body": s.body }))
        .collect();
    let lists = [("Topics", &draft.topic_tags), ("SDGs", &draft.sdgs)];
    for (heading, items) in lists {
        if !items.is_empty() {
            extra.push(serde_json::json!({ "heading": heading, "body": items.join("\n") }));
        }
    }
    if let Some(more) = &draft.additional_speakers {
        extra.push(serde_json::json!({ "heading": "Additional Speakers", "body": more }));
    }
    session::ActiveModel {
        kind: Set(draft.kind),
        title: Set(draft.title.clone()),
        format: Set(draft.format),
        format_raw: Set(draft.format_raw.clone()),
        // A duration outside 1–1440 minutes is a typo on the page: dropped
        // (the importer warns) rather than stored.
        duration_minutes: Set(draft.duration_minutes.filter(|m| (1..=1440).contains(m))),
        format_description: Set(draft.format_description.clone()),
        description: Set(draft.description.clone()),
        expected_outcomes: Set(draft.expected_outcomes.clone()),
        hybrid_format: Set(draft.hybrid_format.clone()),
        participant_gains: Set(serde_json::json!(draft.participant_gains)),
        extra_sections: Set(serde_json::Value::Array(extra)),
        starts_at: Set(draft.starts_at),
        ends_at: Set(draft.ends_at),
        room: Set(draft.room.clone()),
        ..Default::default()
    }
}

/// Keep in `am` only the fields that differ from `current`; whether any
/// do. Schedule lines are often missing from later versions of a page, so
/// a missing start, end or room does not erase a known one.
fn changed_fields(am: &mut session::ActiveModel, current: &session::Model) -> bool {
    use sea_orm::{Iterable, ModelTrait};
    let mut any = false;
    for column in session::Column::iter() {
        if let ActiveValue::Set(value) = am.get(column) {
            let kept = value == value.as_null()
                && matches!(
                    column,
                    session::Column::StartsAt | session::Column::EndsAt | session::Column::Room
                );
            if kept || value == current.get(column) {
                am.not_set(column);
            } else {
                any = true;
            }
        }
    }
    any
}

/// Write `draft` as session `code` of `event`, creating or updating it.
pub async fn store(
    txn: &DatabaseTransaction,
    actor: &Actor,
    event: &event::Model,
    draft: &ProposalDraft,
    reference: &ReferenceData,
) -> AppResult<Report> {
    let mut warnings = draft.warnings.clone();
    if let Some(m) = draft.duration_minutes.filter(|m| !(1..=1440).contains(m)) {
        warnings.push(format!(
            "a duration of {m} minutes is outside 1–1440 and was not stored"
        ));
    }
    let mut report = Report {
        code: draft.code.clone(),
        title: draft.title.clone(),
        outcome: Outcome::Unchanged,
        session_id: None,
        created: Vec::new(),
        updated: Vec::new(),
        removed: Vec::new(),
        kept: Vec::new(),
        warnings,
        unmapped: Vec::new(),
        counts: Counts::default(),
    };
    if draft.code.trim().is_empty() {
        return Err(AppError::invalid(
            "text",
            header_refusal(draft, "session code"),
        ));
    }
    if draft.title.trim().is_empty() {
        return Err(AppError::invalid("text", header_refusal(draft, "title")));
    }
    let existing = crate::service::session::by_event_and_code(txn, event.id, &draft.code).await?;
    let existing_version = existing.as_ref().map(|s| s.version);
    let mut am = session_fields(draft);
    let session = match existing {
        None => {
            am.event_id = Set(event.id);
            am.code = Set(draft.code.clone());
            am.online_link = Set(None);
            let session = write::create(txn, actor, am).await?;
            report.outcome = Outcome::Created;
            report.created.push(format!("session {}", session.code));
            session
        }
        Some(current) => {
            if changed_fields(&mut am, &current) {
                report.updated.push(format!("session {}", current.code));
                write::update(txn, actor, current.id, current.version, am).await?
            } else {
                current
            }
        }
    };
    report.session_id = Some(session.id);
    let session_version = match &existing_version {
        Some(v) => *v,
        None => session.version,
    };
    store_roles(txn, actor, &session, draft, reference, &mut report).await?;
    let changes = crate::service::session::replace_questions(
        txn,
        actor,
        session.id,
        &draft.policy_questions,
        crate::service::session::WhenAnswered::Keep,
    )
    .await?;
    report.created.extend(changes.created);
    report.updated.extend(changes.updated);
    report.removed.extend(changes.removed);
    report.kept.extend(changes.kept);
    cite(txn, &session, draft, reference, &mut report).await?;
    if !draft.unread_people.is_empty() {
        let lines: Vec<String> = draft
            .unread_people
            .iter()
            .map(|(n, l)| format!("line {n}: {l}"))
            .collect();
        crate::service::review::note_unread_people(txn, actor, session.id, &lines.join("\n"))
            .await?;
    }
    let changed =
        !(report.created.is_empty() && report.updated.is_empty() && report.removed.is_empty());
    if report.outcome != Outcome::Created && changed {
        report.outcome = Outcome::Updated;
        // Roles and questions changed while the session's own fields did
        // not: its version still grows, so an edit form that read the old
        // version gets CONFLICT instead of overwriting the import.
        if session_version == session.version {
            write::touch::<session::Entity>(txn, session.id, session.version).await?;
        }
    }
    Ok(report)
}

/// Link the session to the paragraphs the page cites. Links are only
/// added: one an admin made by hand stays when the page does not cite it.
/// A paragraph the documents do not hold yet is reported, never invented.
async fn cite(
    txn: &DatabaseTransaction,
    session: &session::Model,
    draft: &ProposalDraft,
    reference: &ReferenceData,
    report: &mut Report,
) -> AppResult<()> {
    use entity::session_paragraph;
    use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter};

    if draft.citations.is_empty() {
        return Ok(());
    }
    let linked: Vec<i64> = session_paragraph::Entity::find()
        .filter(session_paragraph::Column::SessionId.eq(session.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|l| l.paragraph_id)
        .collect();
    for c in &draft.citations {
        let document = reference.documents.iter().find(|d| d.code == c.document);
        let paragraph =
            document.and_then(|d| reference.paragraphs_of(d.id).find(|p| p.number == c.number));
        let title = document.map_or(c.document, |d| d.title.as_str());
        match paragraph {
            None => report.warnings.push(format!(
                "line {}: cites paragraph {} of the {title}, which is not stored; \
                 an admin can add it (`createParagraph`) and import the page again to link it",
                c.line, c.number
            )),
            Some(p) if linked.contains(&p.id) => {}
            Some(p) => {
                session_paragraph::ActiveModel {
                    session_id: Set(session.id),
                    paragraph_id: Set(p.id),
                }
                .insert(txn)
                .await?;
                report
                    .created
                    .push(format!("citation of {title} ¶{}", c.number));
            }
        }
    }
    Ok(())
}

/// Longest stretch of a header quoted back, in characters.
const QUOTED_HEADER_CHARS: usize = 80;

/// Why a proposal whose header lacks `what` (a session code, a title) is
/// refused: the header as read, and how it should be written.
fn header_refusal(draft: &ProposalDraft, what: &str) -> String {
    const SHAPE: &str = "`IGF YYYY <code> <title>`, such as `IGF 2025 WS #461 Title`";
    let Some((line, header)) = &draft.header else {
        return format!("no header line names the {what}; start the text with {SHAPE}");
    };
    let header = header.trim();
    let quoted = if header.chars().count() > QUOTED_HEADER_CHARS {
        let cut: String = header.chars().take(QUOTED_HEADER_CHARS).collect();
        format!("{}…", cut.trim_end())
    } else {
        header.to_owned()
    };
    format!("line {line}: the header names no {what}; it reads `{quoted}`; write it as {SHAPE}")
}

/// Every role the proposal lists, in order, with its kind.
fn roles_of(draft: &ProposalDraft) -> Vec<(RoleKind, &RoleDraft)> {
    let lists = [
        (RoleKind::Organizer, &draft.organizers),
        (RoleKind::Speaker, &draft.speakers),
        (RoleKind::Moderator, &draft.moderators),
        (RoleKind::OnlineModerator, &draft.online_moderators),
        (RoleKind::Rapporteur, &draft.rapporteurs),
    ];
    lists
        .into_iter()
        .flat_map(|(kind, roles)| roles.iter().map(move |r| (kind, r)))
        .collect()
}

async fn store_roles(
    txn: &DatabaseTransaction,
    actor: &Actor,
    session: &session::Model,
    draft: &ProposalDraft,
    reference: &ReferenceData,
    report: &mut Report,
) -> AppResult<()> {
    let mut wanted = Vec::new();
    let mut order: std::collections::HashMap<RoleKind, i32> = std::collections::HashMap::new();
    for (kind, role) in roles_of(draft) {
        let n = order.entry(kind).or_insert(0);
        *n += 1;
        let position = *n;
        let group = declare(
            txn,
            actor,
            ReviewKind::StakeholderGroup,
            role.stakeholder_group.as_deref(),
            session,
            reference,
            report,
        )
        .await?;
        let region = declare(
            txn,
            actor,
            ReviewKind::Region,
            role.region.as_deref(),
            session,
            reference,
            report,
        )
        .await?;
        let person_id = match &role.name {
            Some(name) => {
                Some(person_for(txn, actor, name, role, group, region, session, report).await?)
            }
            None => None,
        };
        wanted.push(session_role::ActiveModel {
            session_id: Set(session.id),
            person_id: Set(person_id),
            role: Set(kind),
            position: Set(position),
            stakeholder_group_id: Set(group),
            stakeholder_group_raw: Set(role.stakeholder_group.clone()),
            region_id: Set(region),
            region_raw: Set(role.region.clone()),
            participation: Set(role.participation),
            affiliation: Set(role.affiliation.clone()),
            ..Default::default()
        });
    }
    let changes =
        crate::service::session::replace_roles(txn, actor, session.id, wanted, true).await?;
    report.created.extend(changes.created);
    report.updated.extend(changes.updated);
    report.removed.extend(changes.removed);
    report.kept.extend(changes.kept);
    Ok(())
}

/// The canonical id of a group or region as written, or none with a
/// warning and a review-queue entry.
async fn declare(
    txn: &DatabaseTransaction,
    actor: &Actor,
    kind: ReviewKind,
    raw: Option<&str>,
    session: &session::Model,
    reference: &ReferenceData,
    report: &mut Report,
) -> AppResult<Option<i64>> {
    let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    let found = match kind {
        ReviewKind::Region => reference.match_region(raw).map(|r| r.id),
        _ => reference.match_stakeholder_group(raw).map(|g| g.id),
    };
    if found.is_none() {
        let what = if kind == ReviewKind::Region {
            "region"
        } else {
            "stakeholder group"
        };
        let value = format!("{what} `{raw}`");
        if !report.unmapped.contains(&value) {
            report.warnings.push(format!(
                "{value} maps to none known; kept as written and queued for review"
            ));
            report.unmapped.push(value);
        }
        review::note(
            txn,
            actor,
            kind,
            &normalize(raw),
            raw,
            Some(session.id),
            None,
        )
        .await?;
    }
    Ok(found)
}

/// The person with this name (matched on case, accents, spacing and
/// honorifics), or a new one. A person whose name has the same words in
/// another order is reported as a likely duplicate, never merged.
#[expect(
    clippy::too_many_arguments,
    reason = "one call site; the arguments are the role's context"
)]
async fn person_for(
    txn: &DatabaseTransaction,
    actor: &Actor,
    name: &str,
    role: &RoleDraft,
    group: Option<i64>,
    region: Option<i64>,
    session: &session::Model,
    report: &mut Report,
) -> AppResult<i64> {
    let key = entity::person_key(name);
    if let Some(p) = person::Entity::find()
        .filter(person::Column::MatchKey.eq(key.clone()))
        .one(txn)
        .await?
    {
        return Ok(p.id);
    }
    let am = person::ActiveModel {
        name: Set(name.to_owned()),
        affiliation: Set(role.affiliation.clone()),
        stakeholder_group_id: Set(group),
        stakeholder_group_raw: Set(role.stakeholder_group.clone()),
        region_id: Set(region),
        region_raw: Set(role.region.clone()),
        gender: Set(None),
        ..Default::default()
    };
    let created = write::create(txn, actor, am).await?;
    report.created.push(format!("person {}", created.name));
    let twins = person::Entity::find()
        .filter(person::Column::TokenKey.eq(created.token_key.clone()))
        .filter(person::Column::Id.ne(created.id))
        .all(txn)
        .await?;
    for twin in twins {
        report.warnings.push(format!(
            "`{}` may be the same person as `{}` (id {}); not merged: an admin can merge them",
            created.name, twin.name, twin.id
        ));
        let (a, b) = (twin.id.min(created.id), twin.id.max(created.id));
        let sample = format!("`{}` and `{}`", twin.name, created.name);
        review::note(
            txn,
            actor,
            ReviewKind::PossibleDuplicate,
            &format!("{a}-{b}"),
            &sample,
            Some(session.id),
            Some((a, b)),
        )
        .await?;
    }
    Ok(created.id)
}
