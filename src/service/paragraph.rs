//! Paragraphs of cited documents, which sessions and positions cite
//! (`createParagraph`, `updateParagraph`, `deleteParagraph`; admins only).
//! Callers reload the reference snapshot after each write.

use entity::{
    paragraph,
    position::{self, PositionStatus},
    position_paragraph, session, session_paragraph,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, Select, Set, sea_query::Query,
};

use super::topic::required;
use crate::{
    error::{AppError, AppResult},
    service::viewer::Viewer,
    service::{
        page::{self, Page, PageRequest},
        reference::ReferenceData,
        validate::{self, LONG},
        write,
    },
};

/// A paragraph's fields; `number` is required to create one, and `None`
/// leaves a field as it is.
#[derive(Debug, Default, Clone)]
pub struct ParagraphChanges {
    /// The paragraph number in the document: 1 to 100000.
    pub number: Option<i32>,
    /// An empty string clears it.
    pub text: Option<String>,
}

fn model(changes: ParagraphChanges, creating: bool) -> AppResult<paragraph::ActiveModel> {
    required("number", &changes.number, creating)?;
    let mut am = <paragraph::ActiveModel as Default>::default();
    if let Some(n) = changes.number {
        am.number = Set(validate::range("number", n, 1, 100_000)?);
    }
    if changes.text.is_some() || creating {
        am.text = Set(validate::opt_text("text", changes.text, LONG)?);
    }
    Ok(am)
}

/// Add a paragraph to the document with code `document`.
pub async fn create(
    db: &DatabaseConnection,
    refs: &ReferenceData,
    viewer: &Viewer,
    document: &str,
    changes: ParagraphChanges,
) -> AppResult<paragraph::Model> {
    viewer.require_admin()?;
    let document = refs
        .documents
        .iter()
        .find(|d| d.code == document)
        .map(|d| d.id)
        .ok_or_else(|| AppError::invalid("document", format!("unknown document `{document}`")))?;
    let mut am = model(changes, true)?;
    am.document_id = Set(document);
    let txn = write::begin(db).await?;
    let model = write::create(&txn, &viewer.actor(), am).await?;
    txn.commit().await?;
    Ok(model)
}

/// Change paragraph `id` as of `version`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    changes: ParagraphChanges,
) -> AppResult<paragraph::Model> {
    viewer.require_admin()?;
    let am = model(changes, false)?;
    let txn = write::begin(db).await?;
    let model = write::update(&txn, &viewer.actor(), id, version, am).await?;
    txn.commit().await?;
    Ok(model)
}

/// Delete paragraph `id` as of `version`: refused with `CONFLICT` while
/// sessions or positions cite it, unless `cascade` removes the citations.
pub async fn delete(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    cascade: bool,
) -> AppResult<()> {
    viewer.require_admin()?;
    let txn = write::begin(db).await?;
    write::find::<paragraph::Entity>(&txn, id).await?;
    if cascade {
        uncite(&txn, id).await?;
    } else {
        let by_sessions = session_paragraph::Entity::find()
            .filter(session_paragraph::Column::ParagraphId.eq(id))
            .count(&txn)
            .await?;
        let by_positions = position_paragraph::Entity::find()
            .filter(position_paragraph::Column::ParagraphId.eq(id))
            .count(&txn)
            .await?;
        write::refuse_if_referred(
            "the paragraph",
            &vec![
                (by_sessions, "citing sessions"),
                (by_positions, "citing positions"),
            ],
        )?;
    }
    write::delete::<paragraph::Entity>(&txn, &viewer.actor(), id, version).await?;
    txn.commit().await?;
    Ok(())
}

/// The sessions citing paragraph `paragraph_id`.
pub fn citing_sessions(paragraph_id: i64) -> Select<session::Entity> {
    session::Entity::find().filter(
        session::Column::Id.in_subquery(
            Query::select()
                .column(session_paragraph::Column::SessionId)
                .from(session_paragraph::Entity)
                .and_where(session_paragraph::Column::ParagraphId.eq(paragraph_id))
                .to_owned(),
        ),
    )
}

/// The published positions citing paragraph `paragraph_id`: drafts are
/// never shown here, to any viewer, as in every list of positions.
pub fn citing_positions(paragraph_id: i64) -> Select<position::Entity> {
    position::Entity::find()
        .filter(position::Column::Status.eq(PositionStatus::Published))
        .filter(
            position::Column::Id.in_subquery(
                Query::select()
                    .column(position_paragraph::Column::PositionId)
                    .from(position_paragraph::Entity)
                    .and_where(position_paragraph::Column::ParagraphId.eq(paragraph_id))
                    .to_owned(),
            ),
        )
}

/// A page of the sessions citing paragraph `paragraph_id`, by id.
pub async fn sessions_citing(
    db: &impl ConnectionTrait,
    paragraph_id: i64,
    request: &PageRequest,
) -> AppResult<Page<session::Model>> {
    page::fetch(
        db,
        citing_sessions(paragraph_id),
        None,
        session::Column::Id,
        request,
    )
    .await
}

/// A page of the published positions citing paragraph `paragraph_id`, by
/// id (the order they were recorded in).
pub async fn positions_citing(
    db: &impl ConnectionTrait,
    paragraph_id: i64,
    request: &PageRequest,
) -> AppResult<Page<position::Model>> {
    page::fetch(
        db,
        citing_positions(paragraph_id),
        None,
        position::Column::Id,
        request,
    )
    .await
}

/// Remove every citation of paragraph `id`, by sessions and positions.
pub(super) async fn uncite(txn: &DatabaseTransaction, paragraph_id: i64) -> AppResult<()> {
    session_paragraph::Entity::delete_many()
        .filter(session_paragraph::Column::ParagraphId.eq(paragraph_id))
        .exec(txn)
        .await?;
    position_paragraph::Entity::delete_many()
        .filter(position_paragraph::Column::ParagraphId.eq(paragraph_id))
        .exec(txn)
        .await?;
    Ok(())
}
