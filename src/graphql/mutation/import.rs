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
