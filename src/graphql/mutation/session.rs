//! Mutations on sessions, their roles and their policy questions: the
//! input types, their conversion into `service::session` commands (global
//! IDs decoded here), and thin resolvers.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object};

use super::{Deleted, env};
use crate::{
    error::{AppError, AppResult},
    graphql::{
        ids::{self, Kind},
        types::{
            ParticipationMode, PolicyQuestion, RoleKind, Session, SessionFormat, SessionKind,
            SessionRole, Timestamp,
        },
    },
    service::{
        self,
        session::{ClientId, RoleSpec, SaveSession, SessionChanges, role::RolePatch},
    },
};

/// A session's own fields. In `createSession` and `saveSession`, `event`,
/// `code`, `kind` and `title` are required.
#[derive(InputObject, Default)]
pub struct SessionInput {
    /// Event code, such as `igf-2025`; fixed once the session exists.
    event: Option<String>,
    /// The code as published, such as `WS #461`.
    code: Option<String>,
    /// The kind of session.
    kind: Option<SessionKind>,
    /// The title, at most 500 characters.
    title: Option<String>,
    /// The room layout.
    format: Option<SessionFormat>,
    /// 1 to 1440.
    duration_minutes: Option<i32>,
    /// How the session will be run; an empty string clears it.
    format_description: Option<String>,
    /// The proposal's description; an empty string clears it.
    description: Option<String>,
    /// What the session expects to produce; an empty string clears it.
    expected_outcomes: Option<String>,
    /// How onsite and online participation are combined; an empty string
    /// clears it.
    hybrid_format: Option<String>,
    /// What participants will gain, at most 50 items of up to 2000
    /// characters each. Replaces the list when given.
    participant_gains: Option<Vec<String>>,
    /// Scheduled start.
    starts_at: Option<Timestamp>,
    /// Scheduled end; not before the start.
    ends_at: Option<Timestamp>,
    /// The room, at most 200 characters; an empty string clears it.
    room: Option<String>,
    /// Where to join online: an http or https URL; an empty string clears
    /// it.
    online_link: Option<String>,
    /// Global IDs of cited paragraphs; replaces the list when given.
    cited_paragraphs: Option<Vec<ID>>,
}

/// A part someone plays in a session, with the stakeholder group and region
/// declared for it: by code, or as written (mapped where it can be).
#[derive(InputObject)]
pub struct RoleInput {
    /// The part played.
    role: RoleKind,
    /// Order among the session's roles of this kind; default: last.
    order: Option<i32>,
    /// Global ID of the person; none for an anonymous role.
    person: Option<ID>,
    /// Stakeholder group code, such as `civil-society`; it must exist.
    stakeholder_group: Option<String>,
    /// The stakeholder group as written. Without `stakeholderGroup`, it is
    /// mapped to a known group where it can be; with it, it is kept beside it.
    stakeholder_group_as_written: Option<String>,
    /// Region code, such as `grulac`; it must exist.
    region: Option<String>,
    /// The region as written. Without `region`, it is mapped to a UN
    /// regional group where it can be; with it, it is kept beside it.
    region_as_written: Option<String>,
    /// The organisation the person is with, as declared for this session.
    affiliation: Option<String>,
    /// Whether the person takes part onsite or online; null when unknown.
    participation: Option<ParticipationMode>,
}

/// A change to a role (`updateSessionRole(patch:)`): a field left out
/// stays as it is, an explicit `null` clears it. A new `stakeholderGroup`
/// or `region` without its as-written text drops the old text, which
/// described the old value (the new one's own name stands in), and a new
/// as-written text is mapped afresh.
#[derive(InputObject, Default)]
pub struct UpdateSessionRoleInput {
    /// The part played.
    role: Option<RoleKind>,
    /// Order among the session's roles of this kind.
    order: Option<i32>,
    /// Global ID of the person; `null` makes the role anonymous.
    person: MaybeUndefined<ID>,
    /// Stakeholder group code, such as `civil-society`; it must exist.
    stakeholder_group: MaybeUndefined<String>,
    /// The stakeholder group as written.
    stakeholder_group_as_written: MaybeUndefined<String>,
    /// Region code, such as `grulac`; it must exist.
    region: MaybeUndefined<String>,
    /// The region as written.
    region_as_written: MaybeUndefined<String>,
    /// The organisation the person is with, as declared for this session.
    affiliation: MaybeUndefined<String>,
    /// Onsite or online; `null` when unknown.
    participation: MaybeUndefined<ParticipationMode>,
}

/// `Some(None)` for an explicit null, `None` for a field left out.
fn change<T, U>(value: MaybeUndefined<T>, map: impl FnOnce(T) -> U) -> Option<Option<U>> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(map(v))),
    }
}

impl From<UpdateSessionRoleInput> for RolePatch {
    fn from(input: UpdateSessionRoleInput) -> Self {
        let text = |t: String| t;
        Self {
            role: input.role.map(Into::into),
            order: input.order,
            person: change(input.person, |id| {
                client_id(&id, Kind::Person, Some("person"))
            }),
            stakeholder_group: change(input.stakeholder_group, text),
            stakeholder_group_as_written: change(input.stakeholder_group_as_written, text),
            region: change(input.region, text),
            region_as_written: change(input.region_as_written, text),
            affiliation: change(input.affiliation, text),
            participation: change(input.participation, Into::into),
        }
    }
}

/// A whole session as an organizer's edit form holds it: without `id` it is
/// created; with `id` and `version` it is updated, and its roles and policy
/// questions become exactly the lists given. One transaction.
#[derive(InputObject)]
pub struct SaveSessionInput {
    /// The session's global ID; null to create one.
    id: Option<ID>,
    /// The session's `version` as last read; required with `id`.
    version: Option<i32>,
    /// The session's own fields.
    session: SessionInput,
    /// The roles in order. A role's `order` defaults to its place among
    /// the listed roles of its kind; the same person in the same part
    /// keeps the role's ID.
    roles: Vec<RoleInput>,
    /// The questions in order. A question keeps its ID (and the positions
    /// answering it) while it stays at the same place in the list.
    policy_questions: Vec<String>,
}

/// A global ID of `kind` as a service takes it; a decoding error names
/// `field` when given.
fn client_id(id: &ID, kind: Kind, field: Option<&str>) -> ClientId {
    ids::decode_as(id, kind).map_err(|e| match field {
        Some(field) => AppError::invalid(field, e.to_string()),
        None => e,
    })
}

impl From<SessionInput> for SessionChanges {
    fn from(input: SessionInput) -> Self {
        Self {
            event: input.event,
            code: input.code,
            kind: input.kind.map(Into::into),
            title: input.title,
            format: input.format.map(Into::into),
            duration_minutes: input.duration_minutes,
            format_description: input.format_description,
            description: input.description,
            expected_outcomes: input.expected_outcomes,
            hybrid_format: input.hybrid_format,
            participant_gains: input.participant_gains,
            starts_at: input.starts_at.map(|t| t.0),
            ends_at: input.ends_at.map(|t| t.0),
            room: input.room,
            online_link: input.online_link,
            cited_paragraphs: input.cited_paragraphs.map(|ids| {
                ids.iter()
                    .map(|id| client_id(id, Kind::Paragraph, Some("citedParagraphs")))
                    .collect()
            }),
        }
    }
}

impl From<RoleInput> for RoleSpec {
    fn from(input: RoleInput) -> Self {
        Self {
            role: input.role.into(),
            order: input.order,
            person: input
                .person
                .map(|id| client_id(&id, Kind::Person, Some("person"))),
            stakeholder_group: input.stakeholder_group,
            stakeholder_group_as_written: input.stakeholder_group_as_written,
            region: input.region,
            region_as_written: input.region_as_written,
            affiliation: input.affiliation,
            participation: input.participation.map(Into::into),
        }
    }
}

impl From<SaveSessionInput> for SaveSession {
    fn from(input: SaveSessionInput) -> Self {
        Self {
            id: input.id.map(|id| client_id(&id, Kind::Session, None)),
            version: input.version,
            changes: input.session.into(),
            roles: input.roles.into_iter().map(Into::into).collect(),
            questions: input.policy_questions,
        }
    }
}

#[derive(Default)]
pub struct SessionMutation;

#[Object]
impl SessionMutation {
    /// Create a session in an event (admins, and organizers of the event).
    async fn create_session(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new session; `event`, `code`, `kind` and `title` are required.")]
        input: SessionInput,
    ) -> AppResult<Session> {
        let (state, viewer) = env(ctx);
        viewer.require_editor()?;
        let reference = state.reference();
        let session = service::session::create(&state.db, viewer, &reference, input.into()).await?;
        Ok(Session(session))
    }

    /// Change a session's own fields (admins, and its organizers).
    async fn update_session(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The session's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(desc = "The changes; fields left out stay as they are.")] input: SessionInput,
    ) -> AppResult<Session> {
        let (state, viewer) = env(ctx);
        viewer.require_editor()?;
        let id = ids::decode_as(&id, Kind::Session)?;
        let reference = state.reference();
        let changes = input.into();
        let session =
            service::session::update(&state.db, viewer, &reference, id, version, changes).await?;
        Ok(Session(session))
    }

    /// Write a session with its roles and policy questions in one
    /// transaction, as an edit form holds them.
    async fn save_session(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The whole session, its roles and its policy questions.")]
        input: SaveSessionInput,
    ) -> AppResult<Session> {
        let (state, viewer) = env(ctx);
        viewer.require_editor()?;
        let reference = state.reference();
        let session = service::session::save(&state.db, viewer, &reference, input.into()).await?;
        Ok(Session(session))
    }

    /// Delete a session with its roles and questions (admins, and its
    /// organizers). Refused with `CONFLICT` while positions refer to it,
    /// unless an admin passes `cascade: true` to delete them too.
    async fn delete_session(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The session's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(
            default = false,
            desc = "Also delete the positions that refer to it (admins only)."
        )]
        cascade: bool,
    ) -> AppResult<Deleted> {
        let (state, viewer) = env(ctx);
        viewer.require_editor()?;
        if cascade {
            viewer.require_admin()?;
        }
        let session_id = ids::decode_as(&id, Kind::Session)?;
        service::session::delete(&state.db, viewer, session_id, version, cascade).await?;
        Ok(Deleted { id })
    }

    /// Add a role to a session (admins, and its organizers).
    async fn add_session_role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The session's global ID.")] session: ID,
        #[graphql(desc = "The new role.")] input: RoleInput,
    ) -> AppResult<SessionRole> {
        let (state, viewer) = env(ctx);
        viewer.require_editor()?;
        let session = ids::decode_as(&session, Kind::Session)?;
        let reference = state.reference();
        let role =
            service::session::role::add(&state.db, viewer, &reference, session, input.into())
                .await?;
        Ok(SessionRole(role))
    }

    /// Change a role (admins, and the session's organizers): with `patch`,
    /// as every update changes things (fields left out stay as they are);
    /// with the deprecated `input`, the role is replaced and fields left
    /// out are cleared. Give one of the two.
    async fn update_session_role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The role's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(
            desc = "The role as it should be; fields left out are cleared.",
            deprecation = "Use `patch`, which keeps what it leaves out, as every update does."
        )]
        input: Option<RoleInput>,
        #[graphql(desc = "What to change; fields left out stay as they are.")] patch: Option<
            UpdateSessionRoleInput,
        >,
    ) -> AppResult<SessionRole> {
        let (state, viewer) = env(ctx);
        viewer.require_editor()?;
        let id = ids::decode_as(&id, Kind::SessionRole)?;
        let reference = state.reference();
        let db = &state.db;
        let role = match (input, patch) {
            (None, Some(patch)) => {
                service::session::role::patch(db, viewer, &reference, id, version, patch.into())
                    .await?
            }
            (Some(input), None) => {
                let spec = input.into();
                service::session::role::update(db, viewer, &reference, id, version, spec).await?
            }
            _ => {
                return Err(AppError::invalid(
                    "patch",
                    "give `patch` (what to change), or the deprecated `input` (the whole role), not both or neither",
                ));
            }
        };
        Ok(SessionRole(role))
    }

    /// Remove a role (admins, and the session's organizers).
    async fn delete_session_role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The role's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
    ) -> AppResult<Deleted> {
        let (state, viewer) = env(ctx);
        viewer.require_editor()?;
        let role_id = ids::decode_as(&id, Kind::SessionRole)?;
        service::session::role::delete(&state.db, viewer, role_id, version).await?;
        Ok(Deleted { id })
    }

    /// Add a policy question to a session; default order: last.
    async fn add_policy_question(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The session's global ID.")] session: ID,
        #[graphql(desc = "The question, at most 2000 characters.")] text: String,
        #[graphql(desc = "Its place among the session's questions, 1 to 1000; default: last.")]
        order: Option<i32>,
    ) -> AppResult<PolicyQuestion> {
        let (state, viewer) = env(ctx);
        viewer.require_editor()?;
        let session = ids::decode_as(&session, Kind::Session)?;
        let question =
            service::session::question::add(&state.db, viewer, session, &text, order).await?;
        Ok(PolicyQuestion(question))
    }

    /// Change a policy question's text or order.
    async fn update_policy_question(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The policy question's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(desc = "New text, at most 2000 characters; left out, it stays.")] text: Option<
            String,
        >,
        #[graphql(
            desc = "New place among the session's questions, 1 to 1000; left out, it stays."
        )]
        order: Option<i32>,
    ) -> AppResult<PolicyQuestion> {
        let (state, viewer) = env(ctx);
        viewer.require_editor()?;
        let id = ids::decode_as(&id, Kind::PolicyQuestion)?;
        let question =
            service::session::question::update(&state.db, viewer, id, version, text, order).await?;
        Ok(PolicyQuestion(question))
    }

    /// Delete a policy question. Refused with `CONFLICT` while positions
    /// answer it, unless an admin passes `cascade: true`, which keeps those
    /// positions and detaches them from the question.
    async fn delete_policy_question(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The policy question's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(
            default = false,
            desc = "Keep the positions that answer it, detached from the question (admins only)."
        )]
        cascade: bool,
    ) -> AppResult<Deleted> {
        let (state, viewer) = env(ctx);
        viewer.require_editor()?;
        if cascade {
            viewer.require_admin()?;
        }
        let question_id = ids::decode_as(&id, Kind::PolicyQuestion)?;
        service::session::question::delete(&state.db, viewer, question_id, version, cascade)
            .await?;
        Ok(Deleted { id })
    }
}
