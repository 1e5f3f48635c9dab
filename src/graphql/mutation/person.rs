use async_graphql::{Context, ID, InputObject, Object};
use entity::{
    person, position,
    review_item::{self, ReviewStatus},
    session, session_role,
    user::UserRole,
};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, Set, sea_query::Query,
};

use super::{Deleted, env};
use crate::{
    auth::Viewer,
    error::{AppError, AppResult},
    graphql::{
        ids::{self, Kind},
        types::Person,
    },
    service::{
        self,
        validate::{self, SHORT},
        write,
    },
    state::AppState,
};

/// A person's fields; in `createPerson`, `name` is required. Text fields
/// left out stay as they are; an empty string clears them.
#[derive(InputObject, Default)]
pub struct PersonInput {
    /// Full name, at most 200 characters; required by `createPerson`.
    name: Option<String>,
    /// Organization, at most 200 characters; an empty string clears it.
    affiliation: Option<String>,
    /// Stakeholder group code; an empty string clears it.
    stakeholder_group: Option<String>,
    /// Region code; an empty string clears it.
    region: Option<String>,
    /// Self-declared, never required; an empty string clears it.
    gender: Option<String>,
}

fn apply(state: &AppState, am: &mut person::ActiveModel, input: PersonInput) -> AppResult<()> {
    let reference = state.reference();
    if let Some(name) = input.name {
        am.name = Set(validate::text("name", &name, SHORT)?);
    }
    if input.affiliation.is_some() {
        am.affiliation = Set(validate::opt_text("affiliation", input.affiliation, SHORT)?);
    }
    if let Some(code) = input.stakeholder_group {
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
    if let Some(code) = input.region {
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
    if input.gender.is_some() {
        am.gender = Set(validate::opt_text("gender", input.gender, 64)?);
    }
    Ok(())
}

/// Admins change anyone; organizers the people in their sessions.
async fn check_person(
    db: &impl sea_orm::ConnectionTrait,
    viewer: &Viewer,
    person_id: i64,
) -> AppResult<()> {
    let user = viewer.require_editor()?;
    if user.role == UserRole::Admin {
        return Ok(());
    }
    let sessions = session::Entity::find()
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
        .await?;
    if sessions.iter().any(|s| viewer.may_edit_session(s)) {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "organizers change only the people who have a role in their sessions",
        ))
    }
}

#[derive(Default)]
pub struct PersonMutation;

#[Object]
impl PersonMutation {
    /// Add a person (admins and organizers).
    async fn create_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new person; `name` is required.")] input: PersonInput,
    ) -> AppResult<Person> {
        let (state, viewer) = env(ctx);
        viewer.require_editor()?;
        if input.name.is_none() {
            return Err(AppError::invalid("name", "is required"));
        }
        let mut am = person::ActiveModel::default();
        apply(state, &mut am, input)?;
        let txn = write::begin(&state.db).await?;
        let person = write::create(&txn, &viewer.actor(), am).await?;
        txn.commit().await?;
        Ok(Person(person))
    }

    /// Change a person (admins, and organizers of a session the person
    /// has a role in).
    async fn update_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(desc = "The changes.")] input: PersonInput,
    ) -> AppResult<Person> {
        let (state, viewer) = env(ctx);
        viewer.require_editor()?;
        let id = ids::decode_as(&id, Kind::Person)?;
        let mut am = <person::ActiveModel as Default>::default();
        apply(state, &mut am, input)?;
        let txn = write::begin(&state.db).await?;
        check_person(&txn, viewer, id).await?;
        let person = write::update(&txn, &viewer.actor(), id, version, am).await?;
        txn.commit().await?;
        Ok(Person(person))
    }

    /// Delete a person (admins). Refused with `CONFLICT` while roles or
    /// positions refer to them, unless `cascade: true` deletes those too.
    async fn delete_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(
            default = false,
            desc = "Also delete the person's session roles and positions."
        )]
        cascade: bool,
    ) -> AppResult<Deleted> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let person_id = ids::decode_as(&id, Kind::Person)?;
        let txn = write::begin(&state.db).await?;
        write::find::<person::Entity>(&txn, person_id).await?;
        let roles = session_role::Entity::find()
            .filter(session_role::Column::PersonId.eq(person_id))
            .all(&txn)
            .await?;
        let positions = position::Entity::find()
            .filter(position::Column::PersonId.eq(person_id))
            .all(&txn)
            .await?;
        if cascade {
            for role in roles {
                write::delete::<session_role::Entity>(&txn, &viewer.actor(), role.id, role.version)
                    .await?;
            }
            service::position::delete_all(&txn, &viewer.actor(), positions).await?;
        } else {
            write::refuse_if_referred(
                "the person",
                &vec![
                    (roles.len() as u64, "session roles"),
                    (positions.len() as u64, "positions"),
                ],
            )?;
        }
        write::delete::<person::Entity>(&txn, &viewer.actor(), person_id, version).await?;
        txn.commit().await?;
        Ok(Deleted { id })
    }

    /// Merge a duplicate into the person to keep (admins): every role and
    /// position of `merge` moves to `keep`, then `merge` is deleted.
    async fn merge_people(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The global ID of the person to keep.")] keep: ID,
        #[graphql(desc = "The global ID of the duplicate, deleted once merged.")] merge: ID,
    ) -> AppResult<Person> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let keep_id = ids::decode_as(&keep, Kind::Person)
            .map_err(|e| AppError::invalid("keep", e.to_string()))?;
        let merge_id = ids::decode_as(&merge, Kind::Person)
            .map_err(|e| AppError::invalid("merge", e.to_string()))?;
        if keep_id == merge_id {
            return Err(AppError::invalid("merge", "is the same person as `keep`"));
        }
        let actor = viewer.actor();
        let txn = write::begin(&state.db).await?;
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
        // Review items that name the duplicate now name the person kept; the
        // pair itself is settled by the merge.
        let items = review_item::Entity::find()
            .filter(
                Condition::any()
                    .add(review_item::Column::PersonId.eq(merge_id))
                    .add(review_item::Column::OtherPersonId.eq(merge_id)),
            )
            .all(&txn)
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
            write::update(&txn, &actor, item.id, item.version, am).await?;
        }
        write::delete::<person::Entity>(&txn, &actor, merge_id, merged.version).await?;
        let kept = write::find::<person::Entity>(&txn, keep_id).await?;
        txn.commit().await?;
        Ok(Person(kept))
    }
}
