//! Who an intervention is attributed to: the role of the session its label
//! fits (`matching`), the person an admin named for it (a resolved review
//! item, which later imports keep), or no one, queued for review. Also the
//! attribution again when a session's roles change, and when people merge.

use std::collections::HashMap;

use entity::{
    intervention, person,
    review_item::{self, ReviewKind, ReviewStatus},
    session, session_role,
};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set};

use super::matching::{self, Match, Panel};
use crate::{
    error::AppResult,
    import::transcript::{Speaker, speaker_of},
    service::{audit::Actor, review, write},
};

/// Who an intervention is attributed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Attribution {
    pub person_id: Option<i64>,
    pub role_id: Option<i64>,
    pub role: Option<entity::session_role::RoleKind>,
    pub stakeholder_group_id: Option<i64>,
    pub region_id: Option<i64>,
    pub participation: Option<entity::position::ParticipationMode>,
    pub is_floor: bool,
}

impl Attribution {
    fn of_seat(seat: &matching::Seat) -> Self {
        Self {
            person_id: seat.person_id,
            role_id: Some(seat.role_id),
            role: Some(seat.kind),
            stakeholder_group_id: seat.stakeholder_group_id,
            region_id: seat.region_id,
            participation: seat.participation,
            is_floor: false,
        }
    }

    /// A person an admin named for a label: as the role they hold in the
    /// session, else with their own group and region.
    pub(super) fn of_person(panel: &Panel, person: &person::Model) -> Self {
        match panel.seat_of(person.id) {
            Some(seat) => Self::of_seat(seat),
            None => Self {
                person_id: Some(person.id),
                stakeholder_group_id: person.stakeholder_group_id,
                region_id: person.region_id,
                ..Self::default()
            },
        }
    }
}

/// The panel of session `session_id`: its roles with their people's names.
pub(super) async fn panel(txn: &DatabaseTransaction, session_id: i64) -> AppResult<Panel> {
    let roles = session_role::Entity::find()
        .filter(session_role::Column::SessionId.eq(session_id))
        .find_also_related(person::Entity)
        .all(txn)
        .await?;
    Ok(Panel::new(
        roles.into_iter().map(|(role, p)| (role, p.map(|p| p.name))),
    ))
}

/// The key of the review item for an unmatched label of a session.
pub(super) fn review_key(session_id: i64, label_key: &str) -> String {
    format!("session:{session_id}:speaker:{label_key}")
}

/// The people admins named for labels of this session, by label key.
pub(super) async fn assigned(
    txn: &DatabaseTransaction,
    session_id: i64,
) -> AppResult<HashMap<String, person::Model>> {
    let prefix = review_key(session_id, "");
    let items = review_item::Entity::find()
        .filter(review_item::Column::Kind.eq(ReviewKind::UnmatchedSpeaker))
        .filter(review_item::Column::Status.eq(ReviewStatus::Resolved))
        .filter(review_item::Column::SessionId.eq(session_id))
        .all(txn)
        .await?;
    let people: HashMap<i64, person::Model> = person::Entity::find()
        .filter(person::Column::Id.is_in(items.iter().filter_map(|i| i.person_id)))
        .all(txn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    Ok(items
        .into_iter()
        .filter_map(|item| {
            let person = people.get(&item.person_id?)?.clone();
            Some((item.key.strip_prefix(&prefix)?.to_owned(), person))
        })
        .collect())
}

/// Who a label names: the person an admin named for it, else the role of
/// the panel that it fits, else the floor; `None` when it is unmatched.
pub(super) fn attribute_label(
    panel: &Panel,
    assigned: &HashMap<String, person::Model>,
    label: &str,
    key: &str,
    speaker: Speaker,
) -> Option<Attribution> {
    if speaker == Speaker::Named
        && let Some(person) = assigned.get(key)
    {
        return Some(Attribution::of_person(panel, person));
    }
    match panel.resolve(label, speaker) {
        Match::Seat(seat) => Some(Attribution::of_seat(seat)),
        Match::Floor => Some(Attribution {
            is_floor: true,
            ..Attribution::default()
        }),
        Match::Unmatched => None,
    }
}

/// Attribute the interventions of session `session_id` again after its
/// roles changed (a corrected proposal, an edited role): a label that now
/// fits exactly one role is matched, one that no longer fits is not, and
/// is queued for review. Gives how many changed.
pub async fn rematch(
    txn: &DatabaseTransaction,
    actor: &Actor,
    session_id: i64,
) -> AppResult<usize> {
    let existing = intervention::Entity::find()
        .filter(intervention::Column::SessionId.eq(session_id))
        .order_by_asc(intervention::Column::Ord)
        .all(txn)
        .await?;
    if existing.is_empty() {
        return Ok(0);
    }
    let panel = panel(txn, session_id).await?;
    let assigned = assigned(txn, session_id).await?;
    let mut changed = 0;
    let mut unmatched: Vec<String> = Vec::new();
    for i in existing {
        let speaker = speaker_of(&i.label);
        let who = attribute_label(&panel, &assigned, &i.label, &i.label_key, speaker);
        if who.is_none() && speaker == Speaker::Named && i.in_transcript {
            let known = unmatched.iter().any(|l| matching::key(l) == i.label_key);
            if !known {
                unmatched.push(i.label.clone());
            }
        }
        let who = who.unwrap_or_default();
        let now = Attribution {
            person_id: i.person_id,
            role_id: i.role_id,
            role: i.role,
            stakeholder_group_id: i.stakeholder_group_id,
            region_id: i.region_id,
            participation: i.participation,
            is_floor: i.is_floor,
        };
        if now != who {
            let am = intervention::ActiveModel {
                person_id: Set(who.person_id),
                role_id: Set(who.role_id),
                role: Set(who.role),
                stakeholder_group_id: Set(who.stakeholder_group_id),
                region_id: Set(who.region_id),
                participation: Set(who.participation),
                ..Default::default()
            };
            write::update(txn, actor, i.id, i.version, am).await?;
            changed += 1;
        }
    }
    if !unmatched.is_empty() {
        let session = write::find::<session::Entity>(txn, session_id).await?;
        note_labels(txn, actor, &session, &unmatched).await?;
    }
    Ok(changed)
}

pub(super) async fn note_labels(
    txn: &DatabaseTransaction,
    actor: &Actor,
    session: &session::Model,
    labels: &[String],
) -> AppResult<()> {
    for label in labels {
        let key = review_key(session.id, &matching::key(label));
        let sample = format!("{label} (speaker in {})", session.code);
        review::note(
            txn,
            actor,
            ReviewKind::UnmatchedSpeaker,
            &key,
            &sample,
            Some(session.id),
            None,
        )
        .await?;
    }
    Ok(())
}

/// Attribute every intervention of `session_id` labelled `label_key` to
/// `who` (an admin named the person); gives how many changed.
pub(super) async fn attribute(
    txn: &DatabaseTransaction,
    actor: &Actor,
    session_id: i64,
    label_key: &str,
    who: &Attribution,
) -> AppResult<usize> {
    let rows = intervention::Entity::find()
        .filter(intervention::Column::SessionId.eq(session_id))
        .filter(intervention::Column::LabelKey.eq(label_key))
        .filter(intervention::Column::IsFloor.eq(false))
        .all(txn)
        .await?;
    let mut changed = 0;
    // A role label with the same key (`CHAIR` beside `MR. CHAIR`) is not
    // the name the admin settled.
    for i in rows
        .into_iter()
        .filter(|i| speaker_of(&i.label) == Speaker::Named)
    {
        let am = intervention::ActiveModel {
            person_id: Set(who.person_id),
            role_id: Set(who.role_id),
            role: Set(who.role),
            stakeholder_group_id: Set(who.stakeholder_group_id),
            region_id: Set(who.region_id),
            participation: Set(who.participation),
            ..Default::default()
        };
        write::update(txn, actor, i.id, i.version, am).await?;
        changed += 1;
    }
    Ok(changed)
}

/// Move every intervention of person `from` to person `to` (a merge),
/// each change versioned and audited.
pub async fn move_person(
    txn: &DatabaseTransaction,
    actor: &Actor,
    from: i64,
    to: i64,
) -> AppResult<()> {
    for i in intervention::Entity::find()
        .filter(intervention::Column::PersonId.eq(from))
        .all(txn)
        .await?
    {
        let am = intervention::ActiveModel {
            person_id: Set(Some(to)),
            ..Default::default()
        };
        write::update(txn, actor, i.id, i.version, am).await?;
    }
    Ok(())
}
