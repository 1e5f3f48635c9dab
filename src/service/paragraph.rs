//! Paragraphs of cited documents, which sessions and positions cite
//! (`createParagraph`, `updateParagraph`, `deleteParagraph`; admins only).
//! Callers reload the reference snapshot after each write.

use entity::{
    paragraph,
    position::{self, PositionStatus},
    position_paragraph, session_paragraph,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, sea_query::Query,
};

use super::topic::required;
use crate::{
    error::{AppError, AppResult},
    service::viewer::Viewer,
    service::{
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

/// `(paragraph id, session id)` for every session citing one of
/// `paragraphs`, by session id, in one statement.
pub async fn citing_sessions(
    db: &impl ConnectionTrait,
    paragraphs: &[i64],
) -> Result<Vec<(i64, i64)>, DbErr> {
    Ok(session_paragraph::Entity::find()
        .filter(session_paragraph::Column::ParagraphId.is_in(paragraphs.iter().copied()))
        .order_by_asc(session_paragraph::Column::SessionId)
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.paragraph_id, l.session_id))
        .collect())
}

/// `(paragraph id, position id)` for every published position citing one
/// of `paragraphs`, by position id, in one statement: drafts are never
/// listed here, to any viewer, as in every list of positions.
pub async fn citing_positions(
    db: &impl ConnectionTrait,
    paragraphs: &[i64],
) -> Result<Vec<(i64, i64)>, DbErr> {
    Ok(position_paragraph::Entity::find()
        .filter(position_paragraph::Column::ParagraphId.is_in(paragraphs.iter().copied()))
        .filter(
            position_paragraph::Column::PositionId.in_subquery(
                Query::select()
                    .column(position::Column::Id)
                    .from(position::Entity)
                    .and_where(position::Column::Status.eq(PositionStatus::Published))
                    .to_owned(),
            ),
        )
        .order_by_asc(position_paragraph::Column::PositionId)
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.paragraph_id, l.position_id))
        .collect())
}

/// Positions by id, in one statement.
pub async fn positions_by_ids(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<Vec<position::Model>, DbErr> {
    position::Entity::find()
        .filter(position::Column::Id.is_in(ids.iter().copied()))
        .all(db)
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
