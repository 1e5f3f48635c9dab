//! Mutations on people: the input type, its conversion into
//! `service::person` commands, and thin resolvers.

use async_graphql::{Context, ID, InputObject, Object};

use super::{Deleted, env};
use crate::{
    error::{AppError, AppResult},
    graphql::{
        ids::{self, Kind},
        types::Person,
    },
    service::{self, person::PersonChanges},
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

impl From<PersonInput> for PersonChanges {
    fn from(input: PersonInput) -> Self {
        Self {
            name: input.name,
            affiliation: input.affiliation,
            stakeholder_group: input.stakeholder_group,
            region: input.region,
            gender: input.gender,
        }
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
        let reference = state.reference();
        let person = service::person::create(&state.db, viewer, &reference, input.into()).await?;
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
        let reference = state.reference();
        let changes = input.into();
        let person =
            service::person::update(&state.db, viewer, &reference, id, version, changes).await?;
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
        service::person::delete(&state.db, viewer, person_id, version, cascade).await?;
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
        let kept = service::person::merge(&state.db, viewer, keep_id, merge_id).await?;
        Ok(Person(kept))
    }
}
