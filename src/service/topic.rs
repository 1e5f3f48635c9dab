//! Topics, the subjects positions take stances on (`createTopic`,
//! `updateTopic`, `deleteTopic`; admins only). Callers reload the
//! reference snapshot after each write, since every request reads topics
//! from it.

use entity::{position, stance, topic};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::{
    error::{AppError, AppResult},
    service::viewer::Viewer,
    service::{
        validate::{self, LONG, SHORT},
        write,
    },
};

/// A topic's fields; `code` and `name` are required to create one, and
/// `None` leaves a field as it is.
#[derive(Debug, Default, Clone)]
pub struct TopicChanges {
    pub code: Option<String>,
    pub name: Option<String>,
    /// An empty string clears it.
    pub description: Option<String>,
    /// Replaces the keywords when given.
    pub keywords: Option<Vec<String>>,
}

/// Most keywords one topic may have, and longest keyword.
const MAX_KEYWORDS: usize = 50;
const MAX_KEYWORD: usize = 100;

/// The keywords as stored, one per line; each checked.
fn keywords(list: &[String]) -> AppResult<Option<String>> {
    if list.len() > MAX_KEYWORDS {
        return Err(AppError::invalid(
            "keywords",
            format!("give at most {MAX_KEYWORDS} keywords"),
        ));
    }
    let mut out: Vec<String> = Vec::new();
    for k in list {
        let k = k.split_whitespace().collect::<Vec<_>>().join(" ");
        if k.is_empty() || k.chars().count() > MAX_KEYWORD {
            return Err(AppError::invalid(
                "keywords",
                format!("each keyword is 1 to {MAX_KEYWORD} characters on one line"),
            ));
        }
        if !out.contains(&k) {
            out.push(k);
        }
    }
    Ok((!out.is_empty()).then(|| out.join("\n")))
}

/// `is required` for a field left out of something being created; shared
/// by the taxonomy's nouns (topics, stances, documents, paragraphs).
pub(super) fn required<T>(field: &str, value: &Option<T>, creating: bool) -> AppResult<()> {
    if creating && value.is_none() {
        Err(AppError::invalid(field, "is required"))
    } else {
        Ok(())
    }
}

fn model(changes: TopicChanges, creating: bool) -> AppResult<topic::ActiveModel> {
    required("code", &changes.code, creating)?;
    required("name", &changes.name, creating)?;
    let mut am = <topic::ActiveModel as Default>::default();
    if let Some(list) = &changes.keywords {
        am.keywords = Set(keywords(list)?);
    }
    if let Some(code) = changes.code {
        am.code = Set(validate::code("code", &code)?);
    }
    if let Some(name) = changes.name {
        am.name = Set(validate::text("name", &name, SHORT)?);
    }
    if changes.description.is_some() || creating {
        am.description = Set(validate::opt_text(
            "description",
            changes.description,
            LONG,
        )?);
    }
    Ok(am)
}

/// Create a topic.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    changes: TopicChanges,
) -> AppResult<topic::Model> {
    viewer.require_admin()?;
    let am = model(changes, true);
    let txn = write::begin(db).await?;
    let model = write::create(&txn, &viewer.actor(), am?).await?;
    txn.commit().await?;
    Ok(model)
}

/// Change topic `id` as of `version`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    changes: TopicChanges,
) -> AppResult<topic::Model> {
    viewer.require_admin()?;
    let am = model(changes, false)?;
    let txn = write::begin(db).await?;
    let model = write::update(&txn, &viewer.actor(), id, version, am).await?;
    txn.commit().await?;
    Ok(model)
}

/// Delete topic `id` as of `version`: refused with `CONFLICT` while it has
/// stances or positions, unless `cascade` deletes them too.
pub async fn delete(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
    cascade: bool,
) -> AppResult<()> {
    viewer.require_admin()?;
    let txn = write::begin(db).await?;
    write::find::<topic::Entity>(&txn, id).await?;
    let positions = position::Entity::find()
        .filter(position::Column::TopicId.eq(id))
        .all(&txn)
        .await?;
    let stances = stance::Entity::find()
        .filter(stance::Column::TopicId.eq(id))
        .all(&txn)
        .await?;
    if cascade {
        super::position::delete_all(&txn, &viewer.actor(), positions).await?;
        for s in stances {
            write::delete::<stance::Entity>(&txn, &viewer.actor(), s.id, s.version).await?;
        }
    } else {
        write::refuse_if_referred(
            "the topic",
            &vec![
                (stances.len() as u64, "stances"),
                (positions.len() as u64, "positions"),
            ],
        )?;
    }
    write::delete::<topic::Entity>(&txn, &viewer.actor(), id, version).await?;
    txn.commit().await?;
    Ok(())
}
