//! Aliases: text as written in proposals ("Asia-Pacific", "(African
//! States)") mapped to a canonical region or stakeholder group. Adding one
//! maps every stored row that carries the text, and settles the review
//! item that asked for it.

use entity::{
    alias::{self, AliasKind},
    person, position,
    review_item::{self, ReviewKind, ReviewStatus},
    session_role,
};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, Set,
};

use super::{
    audit::Actor,
    reference::{ReferenceData, normalize},
    validate, write,
};
use crate::error::{AppError, AppResult};

/// The region or stakeholder group `code` names, as an alias target: the
/// id, or a validation error on `code`.
pub fn target(reference: &ReferenceData, kind: AliasKind, code: &str) -> AppResult<i64> {
    let found = match kind {
        AliasKind::Region => reference.region_by_code(code).map(|r| r.id),
        AliasKind::StakeholderGroup => reference.stakeholder_group_by_code(code).map(|g| g.id),
    };
    found.map_err(|e| AppError::invalid("code", e.to_string()))
}

/// Map `text` (at most 200 characters) to the region or group `code`
/// names from now on, in one transaction: see [`add_in`]. Returns how many
/// rows it mapped. The caller reloads the reference data afterwards.
pub async fn add(
    db: &DatabaseConnection,
    actor: &Actor,
    reference: &ReferenceData,
    kind: AliasKind,
    text: &str,
    code: &str,
) -> AppResult<u64> {
    let text = validate::text("text", text, 200)?;
    let target = target(reference, kind, code)?;
    let txn = write::begin(db).await?;
    let mapped = add_in(&txn, actor, kind, &text, target).await?;
    txn.commit().await?;
    Ok(mapped)
}

/// Map text as written (normalised) to a region or group from now on, and
/// every stored row that carries it and has no canonical value yet.
/// Returns how many rows it mapped.
pub async fn add_in(
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
