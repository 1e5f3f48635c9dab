//! `importProposal`: a proposal's text into an event, through the
//! importer (`crate::import`), which writes in its own transaction.

use async_graphql::{Context, Enum, Object, SimpleObject};

use super::env;
use crate::{
    error::{AppError, AppResult},
    graphql::types::Session,
    import::{self, Options, Target},
    service::{self, write},
};

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
        viewer.require_editor()?;
        if text.len() > import::MAX_BYTES {
            return Err(AppError::invalid(
                "text",
                format!("is over the limit of {} bytes", import::MAX_BYTES),
            ));
        }
        let target = if viewer.is_admin() {
            Target::CreateIfMissing(event)
        } else {
            let event = service::event::require(&state.db, &event)
                .await
                .map_err(|e| AppError::invalid("event", e.to_string()))?;
            viewer.check_event(event.id)?;
            Target::Event(event)
        };
        let options = Options {
            dry_run,
            strict: false,
        };
        let report = import::import(
            &state.db,
            &viewer.actor(),
            &target,
            &text,
            &state.reference(),
            options,
        )
        .await?;
        let session = match (dry_run, report.session_id) {
            (false, Some(id)) => Some(Session(
                write::find::<entity::session::Entity>(&state.db, id).await?,
            )),
            _ => None,
        };
        Ok(ImportReport {
            code: report.code,
            title: report.title,
            outcome: report.outcome.into(),
            session,
            created: report.created,
            updated: report.updated,
            removed: report.removed,
            kept: report.kept,
            warnings: report.warnings,
        })
    }
}
