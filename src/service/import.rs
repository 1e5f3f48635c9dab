//! `importProposal` as a use case: who may import into which event, the
//! size limit, then the importer (`crate::import`: the proposal parser and
//! the store, which writes in its own transaction).

use entity::session;
use sea_orm::DatabaseConnection;

use super::{event, reference::ReferenceData, write};
use crate::{
    error::{AppError, AppResult},
    import::{self, Options, Report, Target},
    service::viewer::Viewer,
};

/// Import one proposal's text into the event with code `event`: admins into
/// any event (an IGF annual meeting not stored yet is created), organizers
/// into an event they are assigned to. Gives the importer's report and,
/// unless `dry_run`, the session as stored.
pub async fn proposal(
    db: &DatabaseConnection,
    viewer: &Viewer,
    reference: &ReferenceData,
    event: String,
    text: &str,
    dry_run: bool,
) -> AppResult<(Report, Option<session::Model>)> {
    viewer.require_editor()?;
    let limit = import::limit_for(text);
    if text.len() > limit {
        return Err(AppError::invalid(
            "text",
            format!("is over the limit of {limit} bytes"),
        ));
    }
    let target = if viewer.is_admin() {
        Target::CreateIfMissing(event)
    } else {
        let event = event::require(db, &event)
            .await
            .map_err(|e| AppError::invalid("event", e.to_string()))?;
        viewer.check_event(event.id)?;
        Target::Event(event)
    };
    let options = Options {
        dry_run,
        strict: false,
    };
    let report = import::import(db, &viewer.actor(), &target, text, reference, options).await?;
    let session = match (dry_run, report.session_id) {
        (false, Some(id)) => Some(write::find::<session::Entity>(db, id).await?),
        _ => None,
    };
    Ok((report, session))
}
