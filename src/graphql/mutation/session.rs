use async_graphql::{Context, ID, InputObject, Object};
use entity::{
    policy_question, position, session, session_paragraph,
    session_role::{self, RoleKind as DbRoleKind},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
    sea_query::{Expr, ExprTrait},
};

use super::{Deleted, env};
use crate::{
    auth::Viewer,
    error::{AppError, AppResult},
    graphql::{
        ids::{self, Kind},
        types::{
            PolicyQuestion, RoleKind, Session, SessionFormat, SessionKind, SessionRole, Timestamp,
        },
    },
    service::{
        self,
        reference::ReferenceData,
        session::WhenAnswered,
        validate::{self, DURATION_MINUTES, LONG, SHORT},
        write,
    },
    state::AppState,
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

fn opt_long(field: &str, v: Option<String>) -> AppResult<Option<String>> {
    validate::opt_text(field, v, LONG)
}

/// Apply the given fields of `input` to `am`, validated against `current`
/// (the stored session, none when creating).
fn apply(
    am: &mut session::ActiveModel,
    input: SessionInput,
    current: Option<&session::Model>,
) -> AppResult<()> {
    let creating = current.is_none();
    let required = |field: &str, present: bool| {
        if creating && !present {
            Err(AppError::invalid(field, "is required"))
        } else {
            Ok(())
        }
    };
    required("code", input.code.is_some())?;
    required("kind", input.kind.is_some())?;
    required("title", input.title.is_some())?;
    if let Some(code) = input.code {
        am.code = Set(validate::text("code", &code, 64)?);
    }
    if let Some(kind) = input.kind {
        am.kind = Set(kind.into());
    }
    if let Some(title) = input.title {
        am.title = Set(validate::text("title", &title, 500)?);
    }
    if let Some(format) = input.format {
        am.format = Set(Some(format.into()));
    }
    if let Some(minutes) = input.duration_minutes {
        am.duration_minutes = Set(Some(validate::range(
            "durationMinutes",
            minutes,
            DURATION_MINUTES.0,
            DURATION_MINUTES.1,
        )?));
    }
    if input.format_description.is_some() {
        am.format_description = Set(opt_long("formatDescription", input.format_description)?);
    }
    if input.description.is_some() {
        am.description = Set(opt_long("description", input.description)?);
    }
    if input.expected_outcomes.is_some() {
        am.expected_outcomes = Set(opt_long("expectedOutcomes", input.expected_outcomes)?);
    }
    if input.hybrid_format.is_some() {
        am.hybrid_format = Set(opt_long("hybridFormat", input.hybrid_format)?);
    }
    if let Some(gains) = input.participant_gains {
        if gains.len() > 50 {
            return Err(AppError::invalid("participantGains", "at most 50 items"));
        }
        let gains: Vec<String> = gains
            .iter()
            .map(|g| validate::text("participantGains", g, 2000))
            .collect::<AppResult<_>>()?;
        am.participant_gains = Set(serde_json::json!(gains));
    } else if creating {
        am.participant_gains = Set(serde_json::json!([]));
    }
    if creating {
        am.extra_sections = Set(serde_json::json!([]));
    }
    // The schedule as it will be: what is given, else what is stored.
    let start = input
        .starts_at
        .map(|t| t.0)
        .or(current.and_then(|c| c.starts_at));
    let end = input
        .ends_at
        .map(|t| t.0)
        .or(current.and_then(|c| c.ends_at));
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        return Err(AppError::invalid(
            if input.ends_at.is_some() {
                "endsAt"
            } else {
                "startsAt"
            },
            "the session must not end before it starts",
        ));
    }
    if let Some(t) = input.starts_at {
        am.starts_at = Set(Some(t.0));
    }
    if let Some(t) = input.ends_at {
        am.ends_at = Set(Some(t.0));
    }
    if input.room.is_some() {
        am.room = Set(validate::opt_text("room", input.room, SHORT)?);
    }
    if input.online_link.is_some() {
        am.online_link = Set(validate::opt_url("onlineLink", input.online_link)?);
    }
    Ok(())
}

/// Paragraph IDs that must all exist.
pub(super) fn paragraphs(
    reference: &ReferenceData,
    field: &str,
    ids: &[ID],
) -> AppResult<Vec<i64>> {
    ids.iter()
        .map(|id| {
            let n = ids::decode_as(id, Kind::Paragraph)
                .map_err(|e| AppError::invalid(field, e.to_string()))?;
            reference
                .paragraph(n)
                .map(|p| p.id)
                .ok_or_else(|| AppError::invalid(field, "no such paragraph"))
        })
        .collect()
}

async fn cite(
    txn: &DatabaseTransaction,
    session_id: i64,
    paragraph_ids: Vec<i64>,
) -> AppResult<()> {
    session_paragraph::Entity::delete_many()
        .filter(session_paragraph::Column::SessionId.eq(session_id))
        .exec(txn)
        .await?;
    let mut ids = paragraph_ids;
    ids.sort_unstable();
    ids.dedup();
    for paragraph_id in ids {
        session_paragraph::ActiveModel {
            session_id: Set(session_id),
            paragraph_id: Set(paragraph_id),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// The session behind a global ID, which the viewer must be allowed to change.
async fn editable_session(
    txn: &impl ConnectionTrait,
    viewer: &Viewer,
    id: &ID,
) -> AppResult<session::Model> {
    let id = ids::decode_as(id, Kind::Session)?;
    let session = write::find::<session::Entity>(txn, id).await?;
    viewer.check_session(&session)?;
    Ok(session)
}

async fn role_model(
    txn: &impl ConnectionTrait,
    reference: &ReferenceData,
    session_id: i64,
    input: RoleInput,
    order: Option<i32>,
) -> AppResult<session_role::ActiveModel> {
    let person_id = match &input.person {
        Some(id) => {
            let id = ids::decode_as(id, Kind::Person)
                .map_err(|e| AppError::invalid("person", e.to_string()))?;
            entity::person::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or_else(|| AppError::invalid("person", "no such person"))?;
            Some(id)
        }
        None => None,
    };
    let kind: DbRoleKind = input.role.into();
    let (group_id, group_raw) = reference.declare_group(
        "stakeholderGroup",
        input.stakeholder_group.as_deref(),
        input.stakeholder_group_as_written.as_deref(),
    )?;
    let (region_id, region_raw) = reference.declare_region(
        "region",
        input.region.as_deref(),
        input.region_as_written.as_deref(),
    )?;
    let order = match input.order.or(order) {
        Some(n) => validate::range("order", n, 1, 1000)?,
        None => {
            session_role::Entity::find()
                .filter(session_role::Column::SessionId.eq(session_id))
                .filter(session_role::Column::Role.eq(kind))
                .count(txn)
                .await? as i32
                + 1
        }
    };
    Ok(session_role::ActiveModel {
        session_id: Set(session_id),
        person_id: Set(person_id),
        role: Set(kind),
        position: Set(order),
        stakeholder_group_id: Set(group_id),
        stakeholder_group_raw: Set(group_raw),
        region_id: Set(region_id),
        region_raw: Set(region_raw),
        ..Default::default()
    })
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
        let txn = write::begin(&state.db).await?;
        let session = create(&txn, state, viewer, input).await?;
        txn.commit().await?;
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
        let txn = write::begin(&state.db).await?;
        let session = update(&txn, state, viewer, &id, version, input).await?;
        txn.commit().await?;
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
        let txn = write::begin(&state.db).await?;
        let session = match (&input.id, input.version) {
            (None, _) => create(&txn, state, viewer, input.session).await?,
            (Some(id), Some(version)) => {
                update(&txn, state, viewer, id, version, input.session).await?
            }
            (Some(_), None) => return Err(AppError::invalid("version", "is required with `id`")),
        };
        let actor = viewer.actor();
        // Roles: exactly the list given; the same person in the same part
        // keeps the role's id.
        let mut counts = std::collections::HashMap::new();
        let mut wanted = Vec::new();
        for (i, role) in input.roles.into_iter().enumerate() {
            let n = counts.entry(role.role).or_insert(0);
            *n += 1;
            let am = role_model(&txn, &reference, session.id, role, Some(*n))
                .await
                .map_err(|e| e.within(&format!("roles[{i}]")))?;
            wanted.push(am);
        }
        service::session::replace_roles(&txn, &actor, session.id, wanted, false).await?;
        let questions: Vec<String> = input
            .policy_questions
            .iter()
            .enumerate()
            .map(|(i, text)| validate::text(&format!("policyQuestions[{i}]"), text, 2000))
            .collect::<AppResult<_>>()?;
        service::session::replace_questions(
            &txn,
            &actor,
            session.id,
            &questions,
            WhenAnswered::Refuse,
        )
        .await?;
        let session = write::find::<session::Entity>(&txn, session.id).await?;
        txn.commit().await?;
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
        let txn = write::begin(&state.db).await?;
        let session = editable_session(&txn, viewer, &id).await?;
        if cascade {
            let positions = position::Entity::find()
                .filter(position::Column::SessionId.eq(session.id))
                .all(&txn)
                .await?;
            service::position::delete_all(&txn, &viewer.actor(), positions).await?;
            let questions = Expr::col(position::Column::PolicyQuestionId).in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(policy_question::Column::Id)
                    .from(policy_question::Entity)
                    .and_where(policy_question::Column::SessionId.eq(session.id))
                    .to_owned(),
            );
            let answers = position::Entity::find().filter(questions).all(&txn).await?;
            service::position::delete_all(&txn, &viewer.actor(), answers).await?;
        } else {
            write::refuse_if_referred(
                &format!("session {}", session.code),
                &service::session::referrers(&txn, &[session.id]).await?,
            )?;
        }
        write::delete::<session::Entity>(&txn, &viewer.actor(), session.id, version).await?;
        txn.commit().await?;
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
        let txn = write::begin(&state.db).await?;
        let session = editable_session(&txn, viewer, &session).await?;
        let am = role_model(&txn, &state.reference(), session.id, input, None).await?;
        let role = write::create(&txn, &viewer.actor(), am).await?;
        // Its session changed too: an edit form that read it must reload.
        write::touch::<session::Entity>(&txn, session.id, session.version).await?;
        txn.commit().await?;
        Ok(SessionRole(role))
    }

    /// Change a role (admins, and the session's organizers). The role is
    /// replaced by the input: fields left out are cleared.
    async fn update_session_role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The role's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(desc = "The role as it should be; fields left out are cleared.")]
        input: RoleInput,
    ) -> AppResult<SessionRole> {
        let (state, viewer) = env(ctx);
        viewer.require_editor()?;
        let id = ids::decode_as(&id, Kind::SessionRole)?;
        let txn = write::begin(&state.db).await?;
        let role = write::find::<session_role::Entity>(&txn, id).await?;
        let session = write::find::<session::Entity>(&txn, role.session_id).await?;
        viewer.check_session(&session)?;
        let mut am = role_model(
            &txn,
            &state.reference(),
            role.session_id,
            input,
            Some(role.position),
        )
        .await?;
        am.session_id = sea_orm::ActiveValue::NotSet;
        let role = write::update(&txn, &viewer.actor(), id, version, am).await?;
        // Its session changed too: an edit form that read it must reload.
        write::touch::<session::Entity>(&txn, session.id, session.version).await?;
        txn.commit().await?;
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
        let txn = write::begin(&state.db).await?;
        let role = write::find::<session_role::Entity>(&txn, role_id).await?;
        let session = write::find::<session::Entity>(&txn, role.session_id).await?;
        viewer.check_session(&session)?;
        write::delete::<session_role::Entity>(&txn, &viewer.actor(), role_id, version).await?;
        // Its session changed too: an edit form that read it must reload.
        write::touch::<session::Entity>(&txn, session.id, session.version).await?;
        txn.commit().await?;
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
        let txn = write::begin(&state.db).await?;
        let session = editable_session(&txn, viewer, &session).await?;
        let order = match order {
            Some(n) => validate::range("order", n, 1, 1000)?,
            None => {
                policy_question::Entity::find()
                    .filter(policy_question::Column::SessionId.eq(session.id))
                    .count(&txn)
                    .await? as i32
                    + 1
            }
        };
        let am = policy_question::ActiveModel {
            session_id: Set(session.id),
            position: Set(order),
            text: Set(validate::text("text", &text, 2000)?),
            ..Default::default()
        };
        let question = write::create(&txn, &viewer.actor(), am).await?;
        // Its session changed too: an edit form that read it must reload.
        write::touch::<session::Entity>(&txn, session.id, session.version).await?;
        txn.commit().await?;
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
        let txn = write::begin(&state.db).await?;
        let question = write::find::<policy_question::Entity>(&txn, id).await?;
        let session = write::find::<session::Entity>(&txn, question.session_id).await?;
        viewer.check_session(&session)?;
        let mut am = <policy_question::ActiveModel as Default>::default();
        if let Some(text) = text {
            am.text = Set(validate::text("text", &text, 2000)?);
        }
        if let Some(order) = order {
            am.position = Set(validate::range("order", order, 1, 1000)?);
        }
        let question = write::update(&txn, &viewer.actor(), id, version, am).await?;
        // Its session changed too: an edit form that read it must reload.
        write::touch::<session::Entity>(&txn, session.id, session.version).await?;
        txn.commit().await?;
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
        let txn = write::begin(&state.db).await?;
        let question = write::find::<policy_question::Entity>(&txn, question_id).await?;
        let session = write::find::<session::Entity>(&txn, question.session_id).await?;
        viewer.check_session(&session)?;
        let answers = position::Entity::find()
            .filter(position::Column::PolicyQuestionId.eq(question_id))
            .all(&txn)
            .await?;
        if cascade {
            for p in answers {
                let am = position::ActiveModel {
                    policy_question_id: Set(None),
                    ..Default::default()
                };
                write::update(&txn, &viewer.actor(), p.id, p.version, am).await?;
            }
        } else {
            write::refuse_if_referred(
                "the policy question",
                &vec![(answers.len() as u64, "positions")],
            )?;
        }
        write::delete::<policy_question::Entity>(&txn, &viewer.actor(), question_id, version)
            .await?;
        // Its session changed too: an edit form that read it must reload.
        write::touch::<session::Entity>(&txn, session.id, session.version).await?;
        txn.commit().await?;
        Ok(Deleted { id })
    }
}

async fn create(
    txn: &DatabaseTransaction,
    state: &AppState,
    viewer: &Viewer,
    input: SessionInput,
) -> AppResult<session::Model> {
    let event_code = input
        .event
        .clone()
        .ok_or_else(|| AppError::invalid("event", "is required"))?;
    let event = service::event::require(txn, &event_code)
        .await
        .map_err(|e| AppError::invalid("event", e.to_string()))?;
    viewer.check_event(event.id)?;
    let cited = input.cited_paragraphs.clone();
    let mut am = session::ActiveModel {
        event_id: Set(event.id),
        ..Default::default()
    };
    apply(&mut am, input, None)?;
    if service::session::by_event_and_code(txn, event.id, am.code.as_ref())
        .await?
        .is_some()
    {
        return Err(AppError::Conflict(format!(
            "{} already has a session {}",
            event.code,
            am.code.as_ref()
        )));
    }
    let session = write::create(txn, &viewer.actor(), am).await?;
    if let Some(ids) = cited {
        cite(
            txn,
            session.id,
            paragraphs(&state.reference(), "citedParagraphs", &ids)?,
        )
        .await?;
    }
    Ok(session)
}

async fn update(
    txn: &DatabaseTransaction,
    state: &AppState,
    viewer: &Viewer,
    id: &ID,
    version: i32,
    input: SessionInput,
) -> AppResult<session::Model> {
    let current = editable_session(txn, viewer, id).await?;
    if let Some(code) = &input.event {
        let event = service::event::require(txn, code)
            .await
            .map_err(|e| AppError::invalid("event", e.to_string()))?;
        if event.id != current.event_id {
            return Err(AppError::invalid(
                "event",
                "a session stays in its event; create it in the other event instead",
            ));
        }
    }
    let cited = input.cited_paragraphs.clone();
    let mut am = <session::ActiveModel as Default>::default();
    apply(&mut am, input, Some(&current))?;
    if let sea_orm::ActiveValue::Set(code) = &am.code
        && code != &current.code
        && service::session::by_event_and_code(txn, current.event_id, code)
            .await?
            .is_some()
    {
        return Err(AppError::Conflict(format!(
            "the event already has a session {code}"
        )));
    }
    let session = write::update(txn, &viewer.actor(), current.id, version, am).await?;
    if let Some(ids) = cited {
        cite(
            txn,
            session.id,
            paragraphs(&state.reference(), "citedParagraphs", &ids)?,
        )
        .await?;
    }
    Ok(session)
}
