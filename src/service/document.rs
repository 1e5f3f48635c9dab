//! Cited documents, such as the Tunis Agenda (`createDocument`,
//! `updateDocument`, `deleteDocument`; admins only). Callers reload the
//! reference snapshot after each write.

use entity::{document, paragraph};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::topic::required;
use crate::{
    error::AppResult,
    service::viewer::Viewer,
    service::{
        validate::{self, YEARS},
        write,
    },
};

/// A document's fields; `code` and `title` are required to create one, and
/// `None` leaves a field as it is.
#[derive(Debug, Default, Clone)]
pub struct DocumentChanges {
    pub code: Option<String>,
    pub title: Option<String>,
    /// The year of publication: 1900 to 2100.
    pub year: Option<i32>,
    /// An http or https URL; an empty string clears it.
    pub url: Option<String>,
}

fn model(changes: DocumentChanges, creating: bool) -> AppResult<document::ActiveModel> {
    required("code", &changes.code, creating)?;
    required("title", &changes.title, creating)?;
    let mut am = <document::ActiveModel as Default>::default();
    if let Some(code) = changes.code {
        am.code = Set(validate::code("code", &code)?);
    }
    if let Some(title) = changes.title {
        am.title = Set(validate::text("title", &title, 500)?);
    }
    if let Some(year) = changes.year {
        am.year = Set(Some(validate::range("year", year, 1900, YEARS.1)?));
    } else if creating {
        am.year = Set(None);
    }
    if changes.url.is_some() || creating {
        am.url = Set(validate::opt_url("url", changes.url)?);
    }
    Ok(am)
}

/// Add a cited document.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    changes: DocumentChanges,
) -> AppResult<document::Model> {
    viewer.require_admin()?;
    let am = model(changes, true);
    let txn = write::begin(db).await?;
    let model = write::create(&txn, &viewer.actor(), am?).await?;
    txn.commit().await?;
    Ok(model)
}

/// Change document `id` as of `version`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    changes: DocumentChanges,
) -> AppResult<document::Model> {
    viewer.require_admin()?;
    let am = model(changes, false)?;
    let txn = write::begin(db).await?;
    let model = write::update(&txn, &viewer.actor(), id, version, am).await?;
    txn.commit().await?;
    Ok(model)
}

/// Delete document `id` as of `version`: refused with `CONFLICT` while it
/// has paragraphs, unless `cascade` deletes them and their citations.
pub async fn delete(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    cascade: bool,
) -> AppResult<()> {
    viewer.require_admin()?;
    let txn = write::begin(db).await?;
    write::find::<document::Entity>(&txn, id).await?;
    let paragraphs = paragraph::Entity::find()
        .filter(paragraph::Column::DocumentId.eq(id))
        .all(&txn)
        .await?;
    if cascade {
        for p in paragraphs {
            super::paragraph::uncite(&txn, p.id).await?;
            write::delete::<paragraph::Entity>(&txn, &viewer.actor(), p.id, p.version).await?;
        }
    } else {
        write::refuse_if_referred(
            "the document",
            &vec![(paragraphs.len() as u64, "paragraphs")],
        )?;
    }
    write::delete::<document::Entity>(&txn, &viewer.actor(), id, version).await?;
    txn.commit().await?;
    Ok(())
}
