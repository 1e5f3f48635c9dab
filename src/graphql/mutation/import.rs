//! `importProposal`: a proposal's text into an event, through
//! `service::import`.

use async_graphql::{Context, Enum, Object, SimpleObject};

use super::env;
use crate::{error::AppResult, graphql::types::Session, service};

/// What an import did to its session.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::import::Outcome")]
pub enum ImportOutcome {
    /// The session was new: it was (or, on a dry run, would be) created.
    Created,
    /// The session existed and something in it, its roles or its
    /// questions changed.
    Updated,
    /// The session existed and nothing changed.
    Unchanged,
}

/// What importing one proposal did, or would do on a dry run.
#[derive(SimpleObject)]
pub struct ImportReport {
    /// The session code, such as `WS #461`.
    code: String,
    /// The session title as the proposal gives it.
    title: String,
    /// Whether the session was created, updated or left unchanged.
    outcome: ImportOutcome,
    /// The session as stored; null on a dry run.
    session: Option<Session>,
    /// Records added, such as `session WS #461`.
    created: Vec<String>,
    /// Records changed.
    updated: Vec<String>,
    /// Records removed.
    removed: Vec<String>,
    /// Records gone from the proposal but kept, because positions refer to them.
    kept: Vec<String>,
    /// What needs a look: unmapped regions or groups, likely duplicate
    /// people, missing sections.
    warnings: Vec<String>,
    /// What the proposal came in with, at a glance.
    counts: ImportCounts,
}

/// What a proposal came in with: roles by kind, roles lacking a group or
/// region, text kept as extra sections, warnings. A networking session
/// that came in with 0 speakers shows here.
#[derive(SimpleObject)]
pub struct ImportCounts {
    /// `ORGANIZER` roles read.
    organizers: i32,
    /// `SPEAKER` roles read.
    speakers: i32,
    /// `MODERATOR` roles read.
    moderators: i32,
    /// `ONLINE_MODERATOR` roles read.
    online_moderators: i32,
    /// `RAPPORTEUR` roles read.
    rapporteurs: i32,
    /// Roles without a stakeholder group or without a region (the page
    /// gave none); `roles` of the session shows which.
    roles_without_group_or_region: i32,
    /// Non-empty lines kept as extra text (`Session.extraSections`).
    extra_text_lines: i32,
    /// How many warnings there are.
    warnings: i32,
}

impl From<&crate::import::store::Counts> for ImportCounts {
    fn from(c: &crate::import::store::Counts) -> Self {
        let n = |v: usize| i32::try_from(v).unwrap_or(i32::MAX);
        Self {
            organizers: n(c.organizers),
            speakers: n(c.speakers),
            moderators: n(c.moderators),
            online_moderators: n(c.online_moderators),
            rapporteurs: n(c.rapporteurs),
            roles_without_group_or_region: n(c.without_group_or_region),
            extra_text_lines: n(c.extra_text_lines),
            warnings: n(c.warnings),
        }
    }
}

#[derive(Default)]
pub struct ImportMutation;

#[Object]
impl ImportMutation {
    /// Import one proposal's text into an event: admins into any event
    /// (an IGF annual meeting not stored yet is created), organizers into
    /// an event they are assigned to. Importing it again updates the session
    /// in place. With `dryRun`, reports and writes nothing.
    async fn import_proposal(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event's code, such as `igf-2025`.")] event: String,
        #[graphql(desc = "The proposal as plain text, at most 256 KiB (262144 bytes).")]
        text: String,
        #[graphql(
            default = false,
            desc = "Parse and report what would change, but write nothing."
        )]
        dry_run: bool,
    ) -> AppResult<ImportReport> {
        let (state, viewer) = env(ctx);
        let (report, session) =
            service::import::proposal(&state.db, viewer, &state.reference(), event, &text, dry_run)
                .await?;
        Ok(ImportReport {
            code: report.code,
            title: report.title,
            outcome: report.outcome.into(),
            session: session.map(Session),
            created: report.created,
            updated: report.updated,
            removed: report.removed,
            counts: (&report.counts).into(),
            kept: report.kept,
            warnings: report.warnings,
        })
    }
}

/// What importing a session's transcript did, or would do on a dry run.
#[derive(SimpleObject)]
pub struct ImportTranscriptReport {
    /// Whether the transcript was new, changed or left as it was.
    outcome: ImportOutcome,
    /// The session the transcript records.
    session: Session,
    /// Turns read, each one intervention.
    interventions: i32,
    /// Words read in all.
    words: i32,
    /// Seconds spoken in all, measured and estimated together.
    seconds: i32,
    /// Of `seconds`, how many were estimated from the words.
    estimated_seconds: i32,
    /// Interventions created.
    created: i32,
    /// Interventions changed in place (their ids kept).
    updated: i32,
    /// Interventions left exactly as they were.
    unchanged: i32,
    /// Interventions deleted, being no longer in the transcript.
    removed: i32,
    /// Interventions no longer in the transcript but kept, because
    /// positions cite them, each with its label and opening words:
    /// `JANE DOE: "We keep the harbour open…" (intervention 3 when last in
    /// the transcript), cited by 1 position`.
    kept: Vec<String>,
    /// Turns attributed to a role of the session.
    matched: i32,
    /// Turns from the floor (`ATTENDEE`, `AUDIENCE`, …).
    floor: i32,
    /// Speaker labels written as names that fit no role of the session,
    /// or more than one; each is queued for review (`UNMATCHED_SPEAKER`).
    unmatched_labels: Vec<String>,
    /// What was read but not used, and what needs a look, one line each.
    warnings: Vec<String>,
}

impl From<crate::service::transcript::TranscriptReport> for ImportTranscriptReport {
    fn from(r: crate::service::transcript::TranscriptReport) -> Self {
        let n = |v: usize| i32::try_from(v).unwrap_or(i32::MAX);
        let m = |v: i64| i32::try_from(v).unwrap_or(i32::MAX);
        Self {
            outcome: r.outcome.into(),
            session: Session(r.session),
            interventions: n(r.turns),
            words: m(r.words),
            seconds: m(r.seconds),
            estimated_seconds: m(r.estimated_seconds),
            created: n(r.created),
            updated: n(r.updated),
            unchanged: n(r.unchanged),
            removed: n(r.removed),
            kept: r.kept,
            matched: n(r.matched),
            floor: n(r.floor),
            unmatched_labels: r.unmatched_labels,
            warnings: r.warnings,
        }
    }
}

#[derive(Default)]
pub struct TranscriptMutation;

#[Object]
impl TranscriptMutation {
    /// Import a session's captioning transcript (text, or an HTML page as
    /// saved from the site): admins into any session, organizers into the
    /// sessions in their scope. Each turn becomes an intervention, matched
    /// to a role of the session when exactly one fits its label. Importing
    /// it again updates the interventions in place. With `dryRun`, reports
    /// and writes nothing.
    async fn import_transcript(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event's code, such as `igf-2024`.")] event: String,
        #[graphql(desc = "The session's code in that event, such as `WS #206`.")] session: String,
        #[graphql(
            desc = "The transcript, at most 1 MiB of text or 2 MiB of HTML (and within the request size limit)."
        )]
        text: String,
        #[graphql(
            default = false,
            desc = "Read and report what would change, but write nothing."
        )]
        dry_run: bool,
    ) -> AppResult<ImportTranscriptReport> {
        let (state, viewer) = env(ctx);
        let report =
            service::transcript::import(&state.db, viewer, &event, &session, &text, dry_run)
                .await?;
        Ok(report.into())
    }
}
