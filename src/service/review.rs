//! The review queue: values an import could not map, and likely duplicate
//! people. Admins list it, and resolve a value by naming its region or
//! group, which adds an alias (`service::alias`) and maps every row that
//! carries that text; or dismiss an item.

use entity::{
    alias::AliasKind,
    review_item::{self, ReviewKind, ReviewStatus},
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, Set,
};

use super::{
    alias,
    audit::Actor,
    page::{self, Page, PageRequest, Total},
    reference::ReferenceData,
    write,
};
use crate::error::{AppError, AppResult};

/// Which items `reviewQueue` lists.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReviewFilter {
    /// Items in this state; every state when `None`.
    pub status: Option<ReviewStatus>,
    /// Items of this kind only.
    pub kind: Option<ReviewKind>,
}

/// A page of the queue, oldest first (by id), and its total.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: ReviewFilter,
    request: &PageRequest,
) -> AppResult<(Page<review_item::Model>, Total)> {
    let mut select = review_item::Entity::find();
    if let Some(status) = filter.status {
        select = select.filter(review_item::Column::Status.eq(status));
    }
    if let Some(kind) = filter.kind {
        select = select.filter(review_item::Column::Kind.eq(kind));
    }
    page::fetch_counted(db, select, None, review_item::Column::Id, request).await
}

/// One item, if it exists.
pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> AppResult<Option<review_item::Model>> {
    Ok(review_item::Entity::find_by_id(id).one(db).await?)
}

/// How an admin settles an item: the code of the region or group an
/// unmapped text means, or the person an unmatched speaker label names.
#[derive(Debug, Clone, Copy, Default)]
pub struct Resolution<'a> {
    pub code: Option<&'a str>,
    pub person: Option<i64>,
}

/// Resolve item `id` at `version`, in one transaction. For an unmapped
/// region or group, `code` names what the text means and becomes an alias
/// (see [`alias::add_in`]); for an unmatched speaker label, `person` names
/// who it is, and every intervention with that label in that session is
/// attributed to them; a likely duplicate takes neither. The caller
/// reloads the reference data afterwards.
pub async fn resolve(
    db: &DatabaseConnection,
    actor: &Actor,
    reference: &ReferenceData,
    id: i64,
    version: i32,
    how: Resolution<'_>,
) -> AppResult<review_item::Model> {
    let txn = write::begin(db).await?;
    let item = write::find::<review_item::Entity>(&txn, id).await?;
    let code = how.code;
    match (item.kind, how.person) {
        (ReviewKind::UnmatchedSpeaker, None) => {
            return Err(AppError::invalid(
                "person",
                "name the person this speaker label means (their global ID)",
            ));
        }
        (ReviewKind::UnmatchedSpeaker, Some(_)) if code.is_some() => {
            return Err(AppError::invalid(
                "code",
                "a speaker label takes a person, not a code",
            ));
        }
        (ReviewKind::UnmatchedSpeaker, Some(_)) | (_, None) => {}
        (_, Some(_)) => {
            return Err(AppError::invalid(
                "person",
                "only an unmatched speaker label is resolved by naming a person",
            ));
        }
    }
    let alias = match (item.kind, code) {
        (ReviewKind::UnmatchedSpeaker, _) => None,
        (ReviewKind::Region, Some(code)) => Some((
            AliasKind::Region,
            alias::target(reference, AliasKind::Region, code)?,
        )),
        (ReviewKind::StakeholderGroup, Some(code)) => Some((
            AliasKind::StakeholderGroup,
            alias::target(reference, AliasKind::StakeholderGroup, code)?,
        )),
        (ReviewKind::PossibleDuplicate | ReviewKind::UnreadPeople, None) => None,
        (ReviewKind::PossibleDuplicate, Some(_)) => {
            return Err(AppError::invalid(
                "code",
                "a likely duplicate takes no code: merge the people, then resolve it",
            ));
        }
        (ReviewKind::UnreadPeople, Some(_)) => {
            return Err(AppError::invalid(
                "code",
                "unread people take no code: add their roles (addSessionRole), then resolve it",
            ));
        }
        (_, None) => {
            return Err(AppError::invalid(
                "code",
                "name the region or stakeholder group this text means",
            ));
        }
    };
    // On a stale version the transaction rolls back, the interventions
    // named below with it.
    let mut am = review_item::ActiveModel {
        status: Set(ReviewStatus::Resolved),
        ..Default::default()
    };
    if let Some(person) = how.person {
        am.person_id = Set(Some(person));
    }
    if item.kind == ReviewKind::UnmatchedSpeaker
        && let Some(person) = how.person
    {
        super::transcript::assign_label(&txn, actor, &item, person).await?;
    }
    let item = write::update(&txn, actor, id, version, am).await?;
    if let Some((kind, target)) = alias {
        alias::add_in(&txn, actor, kind, &item.key, target).await?;
    }
    txn.commit().await?;
    Ok(item)
}

/// Set item `id` at `version` aside without acting on it.
pub async fn dismiss(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
) -> AppResult<review_item::Model> {
    let txn = write::begin(db).await?;
    let am = review_item::ActiveModel {
        status: Set(ReviewStatus::Dismissed),
        ..Default::default()
    };
    let item = write::update(&txn, actor, id, version, am).await?;
    txn.commit().await?;
    Ok(item)
}

/// Note the lines of session `session_id` that look like people and were
/// not read as roles: one item per session, its text the lines. When the
/// lines change (the page was corrected), the item says the new ones and
/// is open again, even if it was settled.
pub async fn note_unread_people(
    txn: &DatabaseTransaction,
    actor: &Actor,
    session_id: i64,
    lines: &str,
) -> AppResult<()> {
    let key = format!("session:{session_id}");
    let existing = review_item::Entity::find()
        .filter(review_item::Column::Kind.eq(ReviewKind::UnreadPeople))
        .filter(review_item::Column::Key.eq(&key))
        .one(txn)
        .await?;
    match existing {
        Some(item) if item.sample == lines => Ok(()),
        Some(item) => {
            let am = review_item::ActiveModel {
                sample: Set(lines.to_owned()),
                status: Set(ReviewStatus::Open),
                ..Default::default()
            };
            write::update(txn, actor, item.id, item.version, am).await?;
            Ok(())
        }
        None => {
            note(
                txn,
                actor,
                ReviewKind::UnreadPeople,
                &key,
                lines,
                Some(session_id),
                None,
            )
            .await
        }
    }
}

/// Note an unmapped value (or a likely duplicate) in the queue: a new open
/// item, or one more occurrence when met in another session than last
/// time. Versioned and audited like every change.
pub async fn note(
    txn: &DatabaseTransaction,
    actor: &Actor,
    kind: ReviewKind,
    key: &str,
    sample: &str,
    session_id: Option<i64>,
    people: Option<(i64, i64)>,
) -> AppResult<()> {
    let existing = review_item::Entity::find()
        .filter(review_item::Column::Kind.eq(kind))
        .filter(review_item::Column::Key.eq(key))
        .one(txn)
        .await?;
    match existing {
        // Met again in the same session (a re-import): nothing new to say.
        Some(item) if item.session_id == session_id => {}
        Some(item) => {
            let am = review_item::ActiveModel {
                occurrences: Set(item.occurrences + 1),
                session_id: Set(session_id),
                ..Default::default()
            };
            write::update(txn, actor, item.id, item.version, am).await?;
        }
        None => {
            let am = review_item::ActiveModel {
                kind: Set(kind),
                key: Set(key.to_owned()),
                sample: Set(sample.to_owned()),
                status: Set(ReviewStatus::Open),
                person_id: Set(people.map(|p| p.0)),
                other_person_id: Set(people.map(|p| p.1)),
                session_id: Set(session_id),
                occurrences: Set(1),
                ..Default::default()
            };
            write::create(txn, actor, am).await?;
        }
    }
    Ok(())
}
