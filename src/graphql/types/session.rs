//! The `Session` object: its fields, roles, policy questions, positions,
//! report and panel balance, loaded in batches.

use async_graphql::{
    Context, Description, ID, Lookahead, Object, SimpleObject, dataloader::Loader,
};
use entity::{policy_question, session, session_role};

use super::{
    Event, PanelBalance, Paragraph, ParticipationMode, Person, Position, Region, RoleKind,
    SessionFormat, SessionKind, StakeholderGroup, Timestamp, loaders, reference, required_session,
};
use crate::{
    error::{AppError, AppResult},
    graphql::{
        connection::{self, Conn, Scope, TotalCount},
        ids::{self, Kind},
        loaders::{
            CitedBySession, CountKey, EventId, PersonId, PositionParent, PositionsPage,
            QuestionsOfSession, RolesOfSession, SeatsOfSession,
        },
    },
    service,
};

/// A session of an event, as published in its proposal.
#[derive(Description)]
pub struct Session(pub session::Model);

/// A section of a proposal that has no field of its own, kept as written.
#[derive(SimpleObject)]
pub struct ExtraSection {
    /// The section's heading.
    pub heading: String,
    /// The section's text.
    pub body: String,
}

#[Object(use_type_description)]
impl Session {
    /// Global ID for `node(id:)`.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Session, self.0.id)
    }
    /// The code as published, such as `WS #461`; unique within its event.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Workshop, open forum, town hall, …
    async fn kind(&self) -> SessionKind {
        self.0.kind.into()
    }
    /// The session's title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Room layout: Theater, Roundtable, Classroom or Other.
    async fn format(&self) -> Option<SessionFormat> {
        self.0.format.map(Into::into)
    }
    /// The room layout as the imported page wrote it, such as `Round
    /// Table - U-shape - 90 Min`; null when the page gave none or the
    /// layout was later set by hand.
    async fn format_as_written(&self) -> Option<&str> {
        self.0.format_raw.as_deref()
    }
    /// Planned length in minutes.
    async fn duration_minutes(&self) -> Option<i32> {
        self.0.duration_minutes
    }
    /// How the session will be run, as the proposal describes it.
    async fn format_description(&self) -> Option<&str> {
        self.0.format_description.as_deref()
    }
    /// The proposal's description.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// What the session expects to produce.
    async fn expected_outcomes(&self) -> Option<&str> {
        self.0.expected_outcomes.as_deref()
    }
    /// How onsite and online participation are combined.
    async fn hybrid_format(&self) -> Option<&str> {
        self.0.hybrid_format.as_deref()
    }
    /// What participants gain from attending, one item each.
    async fn participant_gains(&self) -> Vec<String> {
        serde_json::from_value(self.0.participant_gains.clone()).unwrap_or_default()
    }
    /// Proposal sections without a field of their own, kept as written.
    async fn extra_sections(&self) -> Vec<ExtraSection> {
        self.0
            .extra_sections
            .as_array()
            .map(|sections| {
                sections
                    .iter()
                    .map(|s| ExtraSection {
                        heading: s["heading"].as_str().unwrap_or_default().to_owned(),
                        body: s["body"].as_str().unwrap_or_default().to_owned(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
    /// Scheduled start; often unknown at proposal time.
    async fn starts_at(&self) -> Option<Timestamp> {
        self.0.starts_at.map(Timestamp)
    }
    /// Scheduled end.
    async fn ends_at(&self) -> Option<Timestamp> {
        self.0.ends_at.map(Timestamp)
    }
    /// The room, once scheduled.
    async fn room(&self) -> Option<&str> {
        self.0.room.as_deref()
    }
    /// Where to join online.
    async fn online_link(&self) -> Option<&str> {
        self.0.online_link.as_deref()
    }
    /// Optimistic-concurrency version; an update names the version it read.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// When the session was first stored.
    async fn created_at(&self) -> Timestamp {
        self.0.created_at.into()
    }
    /// When the session was last changed.
    async fn updated_at(&self) -> Timestamp {
        self.0.updated_at.into()
    }
    /// The event the session belongs to.
    async fn event(&self, ctx: &Context<'_>) -> AppResult<Event> {
        let event = loaders(ctx).load_one(EventId(self.0.event_id)).await?;
        event
            .map(Event)
            .ok_or_else(|| crate::error::AppError::NotFound("event of session".into()))
    }
    /// Organizers, speakers, moderators and rapporteurs: by role, then in
    /// the order the proposal lists them.
    #[graphql(complexity = "10 * child_complexity")]
    async fn roles(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only roles of this kind.")] role: Option<RoleKind>,
        #[graphql(desc = "Only roles whose person takes part this way.")] participation: Option<
            ParticipationMode,
        >,
        #[graphql(
            desc = "`true`: only roles that count under no stakeholder group or no region \
                    (none was given, or what was given maps to none); `false`: only roles \
                    with both."
        )]
        without_group_or_region: Option<bool>,
    ) -> AppResult<Vec<SessionRole>> {
        let roles = loaders(ctx)
            .load_one(RolesOfSession(self.0.id))
            .await?
            .unwrap_or_default();
        let filter = service::session::role::RoleFilter {
            role: role.map(Into::into),
            participation: participation.map(Into::into),
            without_group_or_region,
            ..Default::default()
        };
        Ok(roles
            .into_iter()
            .filter(|r| filter.holds(r))
            .map(SessionRole)
            .collect())
    }
    /// Who is on the panel by stakeholder group, region and declared
    /// gender, who is missing, and a score to act on.
    async fn balance(&self, ctx: &Context<'_>) -> AppResult<PanelBalance> {
        let seats = loaders(ctx)
            .load_one(SeatsOfSession(self.0.id))
            .await?
            .unwrap_or_default();
        PanelBalance::as_seen(ctx, seats, true, self.0.id).await
    }
    /// The session's policy questions, one per item, in order.
    #[graphql(complexity = "5 * child_complexity")]
    async fn policy_questions(&self, ctx: &Context<'_>) -> AppResult<Vec<PolicyQuestion>> {
        let questions = loaders(ctx)
            .load_one(QuestionsOfSession(self.0.id))
            .await?
            .unwrap_or_default();
        Ok(questions.into_iter().map(PolicyQuestion).collect())
    }
    /// Published positions taken in this session, in recording order.
    #[graphql(complexity = "first.unwrap_or(20).clamp(0, 100) as usize * child_complexity")]
    async fn positions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
    ) -> AppResult<Conn<Position>> {
        nested_positions(ctx, PositionParent::Session(self.0.id), first, after).await
    }
    /// The session's captioning transcript as last imported
    /// (`importTranscript`); null until one is.
    async fn transcript(&self, ctx: &Context<'_>) -> AppResult<Option<super::Transcript>> {
        Ok(loaders(ctx)
            .load_one(crate::graphql::loaders::TranscriptOfSession(self.0.id))
            .await?
            .map(super::Transcript))
    }
    /// The turns of the session's transcript, in order.
    #[graphql(complexity = "first.unwrap_or(20).clamp(0, 100) as usize * child_complexity")]
    async fn interventions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
    ) -> AppResult<Conn<super::Intervention>> {
        super::nested_interventions(
            ctx,
            crate::graphql::loaders::InterventionParent::Session(self.0.id),
            first,
            after,
        )
        .await
    }
    /// Paragraphs of cited documents that the session refers to.
    async fn cited_paragraphs(&self, ctx: &Context<'_>) -> AppResult<Vec<Paragraph>> {
        let ids = loaders(ctx)
            .load_one(CitedBySession(self.0.id))
            .await?
            .unwrap_or_default();
        let reference = reference(ctx);
        Ok(ids
            .into_iter()
            .filter_map(|id| reference.paragraph(id).cloned())
            .map(Paragraph)
            .collect())
    }
}

/// Read ahead for a list of sessions: what its selection asks of every
/// session (roles and their people, policy questions, the event) is loaded
/// for the whole list at once and fed to the request's loaders, so the
/// fields answer from there. `selections` are where the sessions' fields
/// are selected (a connection has `nodes` and `edges { node }`). Without it
/// the loaders batch by time, and a busy server splits a batch in two.
pub(crate) async fn read_ahead(
    ctx: &Context<'_>,
    selections: &[Lookahead<'_>],
    sessions: &[session::Model],
) -> AppResult<()> {
    if sessions.is_empty() {
        return Ok(());
    }
    let asks = |field: &str| selections.iter().any(|s| s.field(field).exists());
    let asks_person = selections
        .iter()
        .any(|s| s.field("roles").field("person").exists());
    let loaders = loaders(ctx);
    let db = loaders.loader();
    let ids: Vec<i64> = sessions.iter().map(|s| s.id).collect();
    let roles = async {
        if asks_person {
            let read = db.roles_with_people(&ids).await?;
            loaders.feed_many(read.roles).await;
            loaders.feed_many(read.people).await;
        } else if asks("roles") {
            let keys: Vec<_> = ids.iter().copied().map(RolesOfSession).collect();
            loaders.feed_many(db.load_every(&keys).await?).await;
        }
        Ok::<_, AppError>(())
    };
    let questions = async {
        if asks("policyQuestions") {
            let keys: Vec<_> = ids.iter().copied().map(QuestionsOfSession).collect();
            loaders.feed_many(db.load_every(&keys).await?).await;
        }
        Ok(())
    };
    let events = async {
        if asks("event") {
            let mut keys: Vec<_> = sessions.iter().map(|s| EventId(s.event_id)).collect();
            keys.sort_unstable_by_key(|k| k.0);
            keys.dedup();
            loaders
                .feed_many(Loader::<EventId>::load(db, &keys).await?)
                .await;
        }
        Ok(())
    };
    futures_util::try_join!(roles, questions, events)?;
    Ok(())
}

/// A page of a parent's published positions, through the batched loader.
pub(crate) async fn nested_positions(
    ctx: &Context<'_>,
    parent: PositionParent,
    first: Option<i32>,
    after: Option<String>,
) -> AppResult<Conn<Position>> {
    let (first, after) = connection::nested_request(Scope::Positions, first, after)?;
    let mut rows = loaders(ctx)
        .load_one(PositionsPage {
            parent,
            first,
            after,
        })
        .await?
        .unwrap_or_default();
    let has_next = rows.len() as u64 > first;
    rows.truncate(first as usize);
    let page = crate::service::page::Page {
        rows,
        has_previous: after.is_some(),
        has_next,
    };
    Ok(connection::connection(
        Scope::Positions,
        page,
        TotalCount::Loader(CountKey::PositionsOf(parent)),
        |p| (None, p.id),
        Position,
    ))
}

/// A person's part in a session, with the stakeholder group and region as
/// declared for that session: canonical where the text maps to a known
/// value, and always as written.
#[derive(Description)]
pub struct SessionRole(pub session_role::Model);

#[Object(use_type_description)]
impl SessionRole {
    /// Global ID for `node(id:)`.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::SessionRole, self.0.id)
    }
    /// Organizer, speaker, moderator, online moderator or rapporteur.
    async fn role(&self) -> RoleKind {
        self.0.role.into()
    }
    /// Order among the session's roles of this kind, from 1 ("Speaker 3").
    async fn order(&self) -> i32 {
        self.0.position
    }
    /// The person, or null when the proposal lists the role anonymously.
    async fn person(&self, ctx: &Context<'_>) -> AppResult<Option<Person>> {
        let Some(id) = self.0.person_id else {
            return Ok(None);
        };
        Ok(loaders(ctx).load_one(PersonId(id)).await?.map(Person))
    }
    /// The stakeholder group declared for this session, if it maps to one.
    async fn stakeholder_group(&self, ctx: &Context<'_>) -> Option<StakeholderGroup> {
        let id = self.0.stakeholder_group_id?;
        reference(ctx)
            .stakeholder_group(id)
            .cloned()
            .map(StakeholderGroup)
    }
    /// The stakeholder group exactly as the source wrote it.
    async fn stakeholder_group_as_written(&self) -> Option<&str> {
        self.0.stakeholder_group_raw.as_deref()
    }
    /// The UN regional group declared for this session, if it maps to one.
    async fn region(&self, ctx: &Context<'_>) -> Option<Region> {
        let id = self.0.region_id?;
        reference(ctx).region(id).cloned().map(Region)
    }
    /// The region exactly as the source wrote it (`Asia-Pacific`, `North America`, …).
    async fn region_as_written(&self) -> Option<&str> {
        self.0.region_raw.as_deref()
    }
    /// The organisation the person is with, as declared for this session
    /// (the person's `affiliation` is their latest known one).
    async fn affiliation(&self) -> Option<&str> {
        self.0.affiliation.as_deref()
    }
    /// Whether the person takes part onsite or online, where the source
    /// says so; null when unknown.
    async fn participation(&self) -> Option<ParticipationMode> {
        self.0.participation.map(Into::into)
    }
    /// The session.
    async fn session(&self, ctx: &Context<'_>) -> AppResult<Session> {
        required_session(ctx, self.0.session_id).await
    }
    /// Optimistic-concurrency version.
    async fn version(&self) -> i32 {
        self.0.version
    }
}

/// One policy question of a session.
#[derive(Description)]
pub struct PolicyQuestion(pub policy_question::Model);

#[Object(use_type_description)]
impl PolicyQuestion {
    /// Global ID for `node(id:)`.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::PolicyQuestion, self.0.id)
    }
    /// Order within the session, from 1.
    async fn order(&self) -> i32 {
        self.0.position
    }
    /// The question.
    async fn text(&self) -> &str {
        &self.0.text
    }
    /// The session that asks it.
    async fn session(&self, ctx: &Context<'_>) -> AppResult<Session> {
        required_session(ctx, self.0.session_id).await
    }
    /// Optimistic-concurrency version.
    async fn version(&self) -> i32 {
        self.0.version
    }
}
