//! The review queue: values an import could not map, and likely duplicate
//! people. Admins resolve a value by naming its region or group, which adds
//! an alias and maps every row that carries that text.

use entity::{
    alias::{self, AliasKind},
    person, position,
    review_item::{self, ReviewKind, ReviewStatus},
    session_role,
};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

use super::{audit::Actor, reference::normalize, write};
use crate::error::AppResult;

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

/// Map text as written (normalised) to a region or group from now on, and
/// every stored row that carries it and has no canonical value yet.
/// Returns how many rows it mapped.
pub async fn add_alias(
    txn: &DatabaseTransaction,
    actor: &Actor,
    kind: AliasKind,
    text: &str,
    target_id: i64,
) -> AppResult<u64> {
    let text = normalize(text);
    let existing = alias::Entity::find()
        .filter(alias::Column::Kind.eq(kind))
        .filter(alias::Column::Text.eq(text.clone()))
        .one(txn)
        .await?;
    match existing {
        Some(a) if a.target_id != target_id => {
            let am = alias::ActiveModel {
                target_id: Set(target_id),
                ..Default::default()
            };
            write::update(txn, actor, a.id, a.version, am).await?;
        }
        Some(_) => {}
        None => {
            let am = alias::ActiveModel {
                kind: Set(kind),
                text: Set(text.clone()),
                target_id: Set(target_id),
                ..Default::default()
            };
            write::create(txn, actor, am).await?;
        }
    }
    // The queue's item for this text is settled by the alias.
    let item_kind = match kind {
        AliasKind::Region => ReviewKind::Region,
        AliasKind::StakeholderGroup => ReviewKind::StakeholderGroup,
    };
    let open = review_item::Entity::find()
        .filter(review_item::Column::Kind.eq(item_kind))
        .filter(review_item::Column::Key.eq(text.clone()))
        .filter(review_item::Column::Status.eq(ReviewStatus::Open))
        .one(txn)
        .await?;
    if let Some(item) = open {
        let am = review_item::ActiveModel {
            status: Set(ReviewStatus::Resolved),
            ..Default::default()
        };
        write::update(txn, actor, item.id, item.version, am).await?;
    }
    map_rows(txn, actor, kind, &text, target_id).await
}

/// Give every role and position whose raw text normalises to `text`, and
/// that has no canonical value, the target; each change is versioned and
/// audited.
async fn map_rows(
    txn: &DatabaseTransaction,
    actor: &Actor,
    kind: AliasKind,
    text: &str,
    target: i64,
) -> AppResult<u64> {
    let mut mapped = 0;
    let (role_raw, role_id) = match kind {
        AliasKind::Region => (
            session_role::Column::RegionRaw,
            session_role::Column::RegionId,
        ),
        AliasKind::StakeholderGroup => (
            session_role::Column::StakeholderGroupRaw,
            session_role::Column::StakeholderGroupId,
        ),
    };
    let roles = session_role::Entity::find()
        .filter(role_id.is_null())
        .filter(role_raw.is_not_null())
        .all(txn)
        .await?;
    for role in roles {
        let raw = match kind {
            AliasKind::Region => role.region_raw.as_deref(),
            AliasKind::StakeholderGroup => role.stakeholder_group_raw.as_deref(),
        };
        if raw.map(normalize).as_deref() != Some(text) {
            continue;
        }
        let mut am = <session_role::ActiveModel as Default>::default();
        match kind {
            AliasKind::Region => am.region_id = Set(Some(target)),
            AliasKind::StakeholderGroup => am.stakeholder_group_id = Set(Some(target)),
        }
        write::update(txn, actor, role.id, role.version, am).await?;
        mapped += 1;
    }
    let (person_raw, person_id) = match kind {
        AliasKind::Region => (person::Column::RegionRaw, person::Column::RegionId),
        AliasKind::StakeholderGroup => (
            person::Column::StakeholderGroupRaw,
            person::Column::StakeholderGroupId,
        ),
    };
    let people = person::Entity::find()
        .filter(person_id.is_null())
        .filter(person_raw.is_not_null())
        .all(txn)
        .await?;
    for p in people {
        let raw = match kind {
            AliasKind::Region => p.region_raw.as_deref(),
            AliasKind::StakeholderGroup => p.stakeholder_group_raw.as_deref(),
        };
        if raw.map(normalize).as_deref() != Some(text) {
            continue;
        }
        let mut am = <person::ActiveModel as Default>::default();
        match kind {
            AliasKind::Region => am.region_id = Set(Some(target)),
            AliasKind::StakeholderGroup => am.stakeholder_group_id = Set(Some(target)),
        }
        write::update(txn, actor, p.id, p.version, am).await?;
        mapped += 1;
    }
    let (pos_raw, pos_id) = match kind {
        AliasKind::Region => (position::Column::RegionRaw, position::Column::RegionId),
        AliasKind::StakeholderGroup => (
            position::Column::StakeholderGroupRaw,
            position::Column::StakeholderGroupId,
        ),
    };
    let positions = position::Entity::find()
        .filter(pos_id.is_null())
        .filter(pos_raw.is_not_null())
        .all(txn)
        .await?;
    for p in positions {
        let raw = match kind {
            AliasKind::Region => p.region_raw.as_deref(),
            AliasKind::StakeholderGroup => p.stakeholder_group_raw.as_deref(),
        };
        if raw.map(normalize).as_deref() != Some(text) {
            continue;
        }
        let mut am = <position::ActiveModel as Default>::default();
        match kind {
            AliasKind::Region => am.region_id = Set(Some(target)),
            AliasKind::StakeholderGroup => am.stakeholder_group_id = Set(Some(target)),
        }
        write::update(txn, actor, p.id, p.version, am).await?;
        mapped += 1;
    }
    Ok(mapped)
}
