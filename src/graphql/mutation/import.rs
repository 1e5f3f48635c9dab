use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use entity::{
    alias::AliasKind,
    review_item::{self, ReviewKind as DbReviewKind, ReviewStatus as DbReviewStatus},
};
use sea_orm::Set;

use super::env;
use crate::{
    error::{AppError, AppResult},
    graphql::{
        ids::{self, Kind},
        types::{ReviewItem, Session},
    },
    import::{self, Options, Target},
    service::{self, review, write},
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

    /// Resolve a review item (admins). For an unmapped region or group,
    /// `code` names the region or group it means: the text becomes an alias
    /// and every stored row that carries it is mapped. For a likely
    /// duplicate, use `mergePeople` first or leave `code` out.
    async fn resolve_review_item(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The review item's global ID.")] id: ID,
        #[graphql(desc = "The review item's `version` as last read.")] version: i32,
        #[graphql(
            desc = "The code of the region or stakeholder group the text means; required for those, refused for a likely duplicate."
        )]
        code: Option<String>,
    ) -> AppResult<ReviewItem> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let id = ids::decode_as(&id, Kind::ReviewItem)?;
        let txn = write::begin(&state.db).await?;
        let item = write::find::<review_item::Entity>(&txn, id).await?;
        let reference = state.reference();
        let alias = match (item.kind, code.as_deref()) {
            (DbReviewKind::Region, Some(code)) => Some((
                AliasKind::Region,
                reference
                    .region_by_code(code)
                    .map_err(|e| AppError::invalid("code", e.to_string()))?
                    .id,
            )),
            (DbReviewKind::StakeholderGroup, Some(code)) => Some((
                AliasKind::StakeholderGroup,
                reference
                    .stakeholder_group_by_code(code)
                    .map_err(|e| AppError::invalid("code", e.to_string()))?
                    .id,
            )),
            (DbReviewKind::PossibleDuplicate, None) => None,
            (DbReviewKind::PossibleDuplicate, Some(_)) => {
                return Err(AppError::invalid(
                    "code",
                    "a likely duplicate takes no code: merge the people, then resolve it",
                ));
            }
            (_, None) => {
                return Err(AppError::invalid(
                    "code",
                    "name the region or stakeholder group this text means",
                ));
            }
        };
        // The item first, so a stale version changes nothing.
        let am = review_item::ActiveModel {
            status: Set(DbReviewStatus::Resolved),
            ..Default::default()
        };
        let item = write::update(&txn, &viewer.actor(), id, version, am).await?;
        if let Some((kind, target)) = alias {
            review::add_alias(&txn, &viewer.actor(), kind, &item.key, target).await?;
        }
        txn.commit().await?;
        state.reload_reference().await?;
        Ok(ReviewItem(item))
    }

    /// Dismiss a review item without acting on it (admins).
    async fn dismiss_review_item(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The review item's global ID.")] id: ID,
        #[graphql(desc = "The review item's `version` as last read.")] version: i32,
    ) -> AppResult<ReviewItem> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let id = ids::decode_as(&id, Kind::ReviewItem)?;
        let txn = write::begin(&state.db).await?;
        let am = review_item::ActiveModel {
            status: Set(DbReviewStatus::Dismissed),
            ..Default::default()
        };
        let item = write::update(&txn, &viewer.actor(), id, version, am).await?;
        txn.commit().await?;
        Ok(ReviewItem(item))
    }

    /// Map text as written to a region or stakeholder group from now on
    /// (admins); every stored row that carries it and has no canonical value
    /// is mapped too. Answers how many rows it mapped.
    async fn add_alias(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Whether the text names a region or a stakeholder group.")]
        kind: AliasKindInput,
        #[graphql(desc = "The text as written, at most 200 characters.")] text: String,
        #[graphql(desc = "The code of the region or stakeholder group it means.")] code: String,
    ) -> AppResult<i64> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let text = service::validate::text("text", &text, 200)?;
        let reference = state.reference();
        let (kind, target) = match kind {
            AliasKindInput::Region => (
                AliasKind::Region,
                reference
                    .region_by_code(&code)
                    .map_err(|e| AppError::invalid("code", e.to_string()))?
                    .id,
            ),
            AliasKindInput::StakeholderGroup => (
                AliasKind::StakeholderGroup,
                reference
                    .stakeholder_group_by_code(&code)
                    .map_err(|e| AppError::invalid("code", e.to_string()))?
                    .id,
            ),
        };
        let txn = write::begin(&state.db).await?;
        let mapped = review::add_alias(&txn, &viewer.actor(), kind, &text, target).await?;
        txn.commit().await?;
        state.reload_reference().await?;
        Ok(mapped as i64)
    }
}

/// What an alias maps to.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum AliasKindInput {
    /// A UN regional group.
    Region,
    /// A stakeholder group.
    StakeholderGroup,
}
