//! Session proposals: [`proposal`] parses the text, [`store`] writes what
//! it found — a new session, or the same one updated in place — in one
//! transaction per proposal, canonical values beside the text as written.

pub mod cli;
pub mod html;
pub mod proposal;
pub mod store;
pub mod transcript;
pub mod transcript_cli;

use entity::event;
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::{
    error::{AppError, AppResult},
    service::{audit::Actor, reference::ReferenceData, write},
};
pub use store::{Outcome, Report};

/// The IGF 2025 WS #461 proposal, the project's founding input, compiled in
/// so the server can load it from any folder.
pub const FOUNDING_PROPOSAL: &str = include_str!("../../fixtures/igf2025-ws461-proposal.txt");
pub const FOUNDING_EVENT: &str = "igf-2025";

/// Largest proposal text accepted, in bytes; real ones are a few kilobytes.
pub const MAX_BYTES: usize = 256 * 1024;

/// Largest HTML page accepted, in bytes, checked before it is parsed: a
/// saved session page with the site's scripts and styles inline is a few
/// hundred kilobytes.
pub const MAX_HTML_BYTES: usize = 1024 * 1024;

/// The limit for `text`: [`MAX_HTML_BYTES`] for an HTML page, else
/// [`MAX_BYTES`].
pub fn limit_for(text: &str) -> usize {
    if html::is_html(text) {
        MAX_HTML_BYTES
    } else {
        MAX_BYTES
    }
}

/// The lines the parser reads: the text itself, or what an HTML page shows.
/// Checks the size limit first, so an oversized page is never parsed.
pub fn page_text(text: &str) -> Result<std::borrow::Cow<'_, str>, String> {
    page_text_within(text, MAX_BYTES, MAX_HTML_BYTES)
}

/// [`page_text`] with other limits: `text_limit` for text, `html_limit`
/// for an HTML page.
pub fn page_text_within(
    text: &str,
    text_limit: usize,
    html_limit: usize,
) -> Result<std::borrow::Cow<'_, str>, String> {
    let limit = if html::is_html(text) {
        html_limit
    } else {
        text_limit
    };
    if text.len() > limit {
        return Err(format!(
            "{} bytes is over the limit of {limit} bytes for one page",
            text.len()
        ));
    }
    Ok(if html::is_html(text) {
        std::borrow::Cow::Owned(html::to_text(text))
    } else {
        std::borrow::Cow::Borrowed(text)
    })
}

/// How to import.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Report what would change, and write nothing.
    pub dry_run: bool,
    /// Refuse a proposal whose regions or groups map to nothing.
    pub strict: bool,
}

/// Which event a proposal goes into.
#[derive(Debug, Clone)]
pub enum Target {
    /// An event that exists.
    Event(event::Model),
    /// An event by code, created when it is an IGF annual meeting
    /// (`igf-2023`) not stored yet: for the command line and admins.
    CreateIfMissing(String),
}

/// The text of a proposal file: refused when over its limit ([`MAX_BYTES`]
/// for text, [`MAX_HTML_BYTES`] for an HTML page), binary, or not UTF-8,
/// with a reason that names the line.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.len() > MAX_HTML_BYTES {
        return Err(format!(
            "{} bytes is over the limit of {MAX_HTML_BYTES} bytes for one page",
            bytes.len()
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) if text.len() > limit_for(text) => Err(format!(
            "{} bytes is over the limit of {} bytes for one proposal",
            text.len(),
            limit_for(text)
        )),
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Err(format!(
                "line {line}: not a text proposal: the bytes are not UTF-8 text"
            ))
        }
    }
}

/// Import one proposal in one transaction: created or updated in place,
/// or (on error, on a dry run, or a strict refusal) nothing written at all.
pub async fn import(
    db: &DatabaseConnection,
    actor: &Actor,
    target: &Target,
    text: &str,
    reference: &ReferenceData,
    options: Options,
) -> AppResult<Report> {
    let text = page_text(text).map_err(|e| AppError::invalid("text", e))?;
    let draft = proposal::parse(&text).map_err(|e| AppError::invalid("text", e.to_string()))?;
    let txn = write::begin(db).await?;
    // One import at a time per database: people and review items are found
    // or created by key, which concurrent PostgreSQL transactions would
    // both create (SQLite's immediate transactions already serialise them).
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        txn.execute_unprepared("SELECT pg_advisory_xact_lock(461)")
            .await?;
    }
    let event = match target {
        Target::Event(event) => event.clone(),
        Target::CreateIfMissing(code) => {
            crate::service::event::ensure_igf(&txn, actor, code).await?
        }
    };
    let mut report = store::store(&txn, actor, &event, &draft, reference).await?;
    report.counts = store::Counts::of(&draft, report.warnings.len());
    if options.strict && !report.unmapped.is_empty() {
        txn.rollback().await?;
        return Err(AppError::invalid("text", strict_refusal(&report.unmapped)));
    }
    if options.dry_run {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
    }
    Ok(report)
}

/// Why `--strict` refused a proposal: it rolled back, so nothing was
/// stored and nothing was queued; the values to map are named.
fn strict_refusal(unmapped: &[String]) -> String {
    let (verb, it) = if unmapped.len() == 1 {
        ("maps", "it")
    } else {
        ("map", "them")
    };
    format!(
        "strict import refused, nothing was stored: {} {verb} to no known value; \
         write known values in the proposal or add an alias (`addAlias`) and import \
         again, or import without --strict to keep {it} as written and queue {it} \
         for review",
        unmapped.join(", ")
    )
}

/// On a database that holds no session, load the founding WS #461 proposal
/// into `igf-2025` (issue: a server that works on a fresh machine).
/// Returns whether it loaded anything.
pub async fn seed_founding_proposal(
    db: &DatabaseConnection,
    reference: &ReferenceData,
) -> anyhow::Result<bool> {
    if crate::service::session::any_exists(db).await? {
        return Ok(false);
    }
    let target = Target::CreateIfMissing(FOUNDING_EVENT.into());
    match import(
        db,
        &Actor::system(),
        &target,
        FOUNDING_PROPOSAL,
        reference,
        Options::default(),
    )
    .await
    {
        Ok(report) => {
            tracing::info!(session.code = %report.code, event.code = FOUNDING_EVENT, "loaded the founding proposal");
            Ok(true)
        }
        // Another instance starting on the same database got there first.
        Err(AppError::Conflict(_)) => Ok(false),
        Err(e) => Err(e.into()),
    }
}
