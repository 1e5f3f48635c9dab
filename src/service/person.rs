//! People: lookups, the filtered list behind `people`, and every change
//! to a person (create, update, delete, merge a duplicate).

use entity::{
    person, position,
    review_item::{self, ReviewStatus},
    session, session_role,
    user::UserRole,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, Select, Set, sea_query::Query,
};

use super::page::{self, Page, PageRequest};
use super::session::contains_folded;
use super::{
    reference::ReferenceData,
    validate::{self, SHORT},
    write,
};
use crate::{
    error::{AppError, AppResult},
    service::viewer::Viewer,
};

#[derive(Debug, Default, Clone)]
pub struct PersonFilter {
    pub stakeholder_group_id: Option<i64>,
    pub region_id: Option<i64>,
    /// Every word must occur in the name, in any case and with or without
    /// accents.
    pub name_words: Vec<String>,
}

/// A filter from the codes a client gives, stakeholder group first (an
/// unknown one is `BAD_USER_INPUT`); name words are left for the caller.
pub fn filter_by_codes(
    reference: &ReferenceData,
    stakeholder_group: Option<&str>,
    region: Option<&str>,
) -> AppResult<PersonFilter> {
    Ok(PersonFilter {
        stakeholder_group_id: stakeholder_group
            .map(|c| reference.stakeholder_group_by_code(c).map(|g| g.id))
            .transpose()?,
        region_id: region
            .map(|c| reference.region_by_code(c).map(|r| r.id))
            .transpose()?,
        name_words: Vec::new(),
    })
}

pub fn select(filter: &PersonFilter) -> Select<person::Entity> {
    let mut q = person::Entity::find();
    if let Some(id) = filter.stakeholder_group_id {
        q = q.filter(person::Column::StakeholderGroupId.eq(id));
    }
    if let Some(id) = filter.region_id {
        q = q.filter(person::Column::RegionId.eq(id));
    }
    // Each word is compared as people are matched (`entity::person_key`,
    // stored with every write of a name): in any case, without accents, and
    // with punctuation read as a space, so `jose` finds José, `nguyen`
    // finds Nguyễn and `sample-kovacs` finds Sample-Kovács. A word of
    // punctuation alone says nothing about the name.
    for word in &filter.name_words {
        let key = entity::person_key(word);
        if !key.is_empty() {
            q = q.filter(contains_folded(
                (person::Entity, person::Column::MatchKey),
                &key,
            ));
        }
    }
    q
}

/// A page of people in a stable order: by name in any case, then id.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &PersonFilter,
    request: &PageRequest,
) -> AppResult<Page<person::Model>> {
    page::fetch(
        db,
        select(filter),
        Some(person::Column::NameFolded),
        person::Column::Id,
        request,
    )
    .await
}

/// The person with this id, if any.
pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> AppResult<Option<person::Model>> {
    Ok(person::Entity::find_by_id(id).one(db).await?)
}

/// A person's fields; those left out stay as they are. Creating a person
/// needs `name`; for the others an empty string clears them. Group and
/// region are codes.
#[derive(Debug, Default)]
pub struct PersonChanges {
    pub name: Option<String>,
    pub affiliation: Option<String>,
    pub stakeholder_group: Option<String>,
    pub region: Option<String>,
    /// Self-declared, never required.
    pub gender: Option<String>,
}

fn apply(
    reference: &ReferenceData,
    am: &mut person::ActiveModel,
    changes: PersonChanges,
) -> AppResult<()> {
    if let Some(name) = changes.name {
        am.name = Set(validate::text("name", &name, SHORT)?);
    }
    if changes.affiliation.is_some() {
        am.affiliation = Set(validate::opt_text(
            "affiliation",
            changes.affiliation,
            SHORT,
        )?);
    }
    if let Some(code) = changes.stakeholder_group {
        am.stakeholder_group_id = Set(match code.trim() {
            "" => None,
            code => Some(
                reference
                    .declare_group("stakeholderGroup", Some(code), None)?
                    .0
                    .unwrap_or_default(),
            ),
        });
    }
    if let Some(code) = changes.region {
        am.region_id = Set(match code.trim() {
            "" => None,
            code => Some(
                reference
                    .declare_region("region", Some(code), None)?
                    .0
                    .unwrap_or_default(),
            ),
        });
    }
    if changes.gender.is_some() {
        am.gender = Set(validate::opt_text("gender", changes.gender, 64)?);
    }
    Ok(())
}

/// Whether the viewer may change a person (name, affiliation, group,
/// region, gender) and read their gender, given the `(session id, event
/// id)` of every session the person holds a role in. Admins may; an
/// organizer only when all of those sessions are in their scope and there
/// is at least one: adding someone to one's own session never reaches
/// what they are in another organizer's.
pub fn may_edit(viewer: &Viewer, sessions: &[(i64, i64)]) -> bool {
    viewer.is_admin()
        || (viewer.user().is_some_and(|u| u.role == UserRole::Organizer)
            && !sessions.is_empty()
            && sessions
                .iter()
                .all(|&session| viewer.may_edit_any(&[session])))
}

/// `FORBIDDEN` unless the viewer may change person `person_id` (see
/// [`may_edit`]).
async fn check_person(db: &impl ConnectionTrait, viewer: &Viewer, person_id: i64) -> AppResult<()> {
    let user = viewer.require_editor()?;
    if user.role == UserRole::Admin {
        return Ok(());
    }
    let sessions: Vec<(i64, i64)> = session::Entity::find()
        .filter(
            session::Column::Id.in_subquery(
                Query::select()
                    .column(session_role::Column::SessionId)
                    .from(session_role::Entity)
                    .and_where(session_role::Column::PersonId.eq(person_id))
                    .to_owned(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.event_id))
        .collect();
    if may_edit(viewer, &sessions) {
        Ok(())
    } else if sessions.iter().any(|&s| viewer.may_edit_any(&[s])) {
        Err(AppError::forbidden(
            "this person also has a role in a session outside your scope: only an admin may change them; you may change the group and region their role in your session declares (updateSessionRole)",
        ))
    } else {
        Err(AppError::forbidden(
            "organizers change only the people who have a role in their sessions",
        ))
    }
}

/// Add a person (admins and organizers).
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    reference: &ReferenceData,
    changes: PersonChanges,
) -> AppResult<person::Model> {
    viewer.require_editor()?;
    if changes.name.is_none() {
        return Err(AppError::invalid("name", "is required"));
    }
    let mut am = person::ActiveModel::default();
    apply(reference, &mut am, changes)?;
    let txn = write::begin(db).await?;
    let person = write::create(&txn, &viewer.actor(), am).await?;
    txn.commit().await?;
    Ok(person)
}

/// Change person `id` (admins, and organizers of every session the person
/// has a role in: see [`may_edit`]).
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    reference: &ReferenceData,
    id: i64,
    version: i32,
    changes: PersonChanges,
) -> AppResult<person::Model> {
    viewer.require_editor()?;
    let mut am = <person::ActiveModel as Default>::default();
    apply(reference, &mut am, changes)?;
    let txn = write::begin(db).await?;
    check_person(&txn, viewer, id).await?;
    let person = write::update(&txn, &viewer.actor(), id, version, am).await?;
    txn.commit().await?;
    Ok(person)
}

/// Delete person `id` (admins). Refused with `CONFLICT` while roles,
/// positions or interventions refer to them, unless `cascade` deletes the
/// roles and positions and leaves the interventions to no one.
pub async fn delete(
    db: &DatabaseConnection,
    viewer: &Viewer,
    person_id: i64,
    version: i32,
    cascade: bool,
) -> AppResult<person::Model> {
    viewer.require_admin()?;
    let txn = write::begin(db).await?;
    write::find::<person::Entity>(&txn, person_id).await?;
    let roles = session_role::Entity::find()
        .filter(session_role::Column::PersonId.eq(person_id))
        .all(&txn)
        .await?;
    let positions = position::Entity::find()
        .filter(position::Column::PersonId.eq(person_id))
        .all(&txn)
        .await?;
    // Interventions are the record of what was said: a cascade leaves
    // them attributed to no one (the foreign key's `SET NULL`).
    use sea_orm::QuerySelect;
    let spoken: Vec<i64> = entity::intervention::Entity::find()
        .select_only()
        .column(entity::intervention::Column::SessionId)
        .filter(entity::intervention::Column::PersonId.eq(person_id))
        .into_tuple()
        .all(&txn)
        .await?;
    if cascade {
        for role in roles {
            write::delete::<session_role::Entity>(&txn, &viewer.actor(), role.id, role.version)
                .await?;
        }
        super::position::delete_all(&txn, &viewer.actor(), positions).await?;
    } else {
        write::refuse_if_referred(
            "the person",
            &vec![
                (roles.len() as u64, "session roles"),
                (positions.len() as u64, "positions"),
                (spoken.len() as u64, "interventions"),
            ],
        )?;
    }
    let deleted =
        write::delete::<person::Entity>(&txn, &viewer.actor(), person_id, version).await?;
    // Their interventions are attributed again, now to no one, with no
    // group, region or participation left from the role.
    let mut sessions = spoken;
    sessions.sort_unstable();
    sessions.dedup();
    for session in sessions {
        super::transcript::attribution::rematch(&txn, &viewer.actor(), session).await?;
    }
    txn.commit().await?;
    Ok(deleted)
}

/// Merge a duplicate into the person to keep (admins): every role,
/// position and intervention of `merge_id` moves to `keep_id`, review items that name the
/// duplicate name the person kept, then the duplicate is deleted. Answers
/// the person kept.
pub async fn merge(
    db: &DatabaseConnection,
    viewer: &Viewer,
    keep_id: i64,
    merge_id: i64,
) -> AppResult<person::Model> {
    viewer.require_admin()?;
    if keep_id == merge_id {
        return Err(AppError::invalid("merge", "is the same person as `keep`"));
    }
    let actor = viewer.actor();
    let txn = write::begin(db).await?;
    write::find::<person::Entity>(&txn, keep_id).await?;
    let merged = write::find::<person::Entity>(&txn, merge_id).await?;
    for role in session_role::Entity::find()
        .filter(session_role::Column::PersonId.eq(merge_id))
        .all(&txn)
        .await?
    {
        let am = session_role::ActiveModel {
            person_id: Set(Some(keep_id)),
            ..Default::default()
        };
        write::update(&txn, &actor, role.id, role.version, am).await?;
    }
    for p in position::Entity::find()
        .filter(position::Column::PersonId.eq(merge_id))
        .all(&txn)
        .await?
    {
        let am = position::ActiveModel {
            person_id: Set(Some(keep_id)),
            ..Default::default()
        };
        write::update(&txn, &actor, p.id, p.version, am).await?;
    }
    debug_assert_eq!(
        session_role::Entity::find()
            .filter(session_role::Column::PersonId.eq(merge_id))
            .count(&txn)
            .await?,
        0
    );
    super::transcript::attribution::move_person(&txn, &actor, merge_id, keep_id).await?;
    merge_review_items(&txn, &actor, keep_id, merge_id).await?;
    write::delete::<person::Entity>(&txn, &actor, merge_id, merged.version).await?;
    let kept = write::find::<person::Entity>(&txn, keep_id).await?;
    txn.commit().await?;
    Ok(kept)
}

/// Review items that name the duplicate now name the person kept; the
/// pair itself is settled by the merge.
async fn merge_review_items(
    txn: &sea_orm::DatabaseTransaction,
    actor: &super::audit::Actor,
    keep_id: i64,
    merge_id: i64,
) -> AppResult<()> {
    let items = review_item::Entity::find()
        .filter(
            Condition::any()
                .add(review_item::Column::PersonId.eq(merge_id))
                .add(review_item::Column::OtherPersonId.eq(merge_id)),
        )
        .all(txn)
        .await?;
    for item in items {
        let swap = |id: Option<i64>| {
            if id == Some(merge_id) {
                Some(keep_id)
            } else {
                id
            }
        };
        let (a, b) = (swap(item.person_id), swap(item.other_person_id));
        let mut am = review_item::ActiveModel {
            person_id: Set(a),
            other_person_id: Set(b),
            ..Default::default()
        };
        if a == b {
            am.status = Set(ReviewStatus::Resolved);
        }
        write::update(txn, actor, item.id, item.version, am).await?;
    }
    Ok(())
}

pub mod load;
