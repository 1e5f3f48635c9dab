//! `speakingTime`: interventions in transcripts, their words and seconds,
//! counted by up to four dimensions, through [`crate::service::speaking`].

use async_graphql::{Context, Description, Enum, ID, InputObject, Object, SimpleObject};

use crate::{
    error::{AppError, AppResult},
    graphql::{
        ids::{self, Kind},
        types::{
            Event, ParticipationMode, Region, RoleKind, Session, SessionKind, StakeholderGroup,
            loaders, reference,
        },
    },
    service::{self, speaking},
    state::AppState,
};

/// What speaking time can be counted by.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::service::speaking::Dimension")]
pub enum SpeakingTimeDimension {
    /// The event the session belongs to.
    Event,
    /// The event's year.
    Year,
    /// The session (counted from the interventions, not the kept counts).
    Session,
    /// The stakeholder group of the speaker's role in the session.
    StakeholderGroup,
    /// The UN regional group of the speaker's role in the session.
    Region,
    /// Onsite or online, as the speaker's role says.
    ParticipationMode,
    /// The speaker's role: moderator, speaker, … (none for the floor and
    /// unmatched speakers).
    Role,
    /// Floor or panel.
    Floor,
    /// The speaker's self-declared gender: in full for admins; for
    /// everyone else a bucket's gender only where at least
    /// `GENDER_MIN_COUNT` distinct people of that gender spoke in it, the
    /// rest under none, as panel balance shows genders.
    Gender,
}

/// Which interventions `speakingTime` counts; all given filters must hold.
#[derive(InputObject, Default)]
pub struct SpeakingTimeFilter {
    /// Event code, such as `igf-2024`.
    event: Option<String>,
    /// The event's year.
    year: Option<i32>,
    /// Global ID of one session.
    session: Option<ID>,
    /// Sessions of this kind.
    session_kind: Option<SessionKind>,
    /// Stakeholder group code, such as `civil-society`.
    stakeholder_group: Option<String>,
    /// Region code, such as `african`.
    region: Option<String>,
    /// Onsite or online.
    participation_mode: Option<ParticipationMode>,
    /// The speaker's role.
    role: Option<RoleKind>,
    /// `true`: the floor only; `false`: the panel only.
    floor: Option<bool>,
    /// Topic code: interventions that mention the topic (one of its
    /// `keywords`). An intervention can mention several topics, so totals
    /// by topic do not add up across topics.
    topic: Option<String>,
}

impl SpeakingTimeFilter {
    /// The filter by codes, the session's global ID decoded.
    pub(crate) fn spec(self) -> AppResult<speaking::SpeakingFilterSpec> {
        let session_id = self
            .session
            .map(|id| {
                ids::decode_as(&id, Kind::Session)
                    .map_err(|e| AppError::invalid("session", e.to_string()))
            })
            .transpose()?;
        Ok(speaking::SpeakingFilterSpec {
            event: self.event,
            year: self.year,
            session_id,
            session_kind: self.session_kind.map(Into::into),
            stakeholder_group: self.stakeholder_group,
            region: self.region,
            participation: self.participation_mode.map(Into::into),
            role: self.role.map(Into::into),
            floor: self.floor,
            topic: self.topic,
        })
    }

    pub(crate) async fn resolve(self, state: &AppState) -> AppResult<speaking::SpeakingFilter> {
        self.spec()?.resolve(&state.db, &state.reference()).await
    }
}

/// Interventions, words and seconds; `seconds` adds measured and
/// estimated ones, `estimatedSeconds` says how many of them were estimated.
#[derive(SimpleObject, Clone, Copy)]
pub struct SpeakingTotals {
    /// Interventions counted.
    interventions: i64,
    /// Their words.
    words: i64,
    /// Their seconds, measured and estimated together.
    seconds: i64,
    /// Of `seconds`, those estimated from words (150 a minute).
    estimated_seconds: i64,
}

impl From<speaking::Totals> for SpeakingTotals {
    fn from(t: speaking::Totals) -> Self {
        Self {
            interventions: t.interventions,
            words: t.words,
            seconds: t.seconds,
            estimated_seconds: t.estimated_seconds,
        }
    }
}

/// One bucket of `speakingTime`: the values of the grouped dimensions
/// (null for a dimension not grouped by, and for interventions with no
/// value there), its totals, and its shares of seconds.
#[derive(Description)]
pub struct SpeakingTimeBucket(speaking::Bucket);

#[Object(use_type_description)]
impl SpeakingTimeBucket {
    /// The event, when grouped by `EVENT`.
    async fn event(&self, ctx: &Context<'_>) -> AppResult<Option<Event>> {
        let Some(id) = self.0.key.event_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)
            .load_one(crate::graphql::loaders::EventId(id))
            .await?
            .map(Event))
    }
    /// The year, when grouped by `YEAR`.
    async fn year(&self) -> Option<i32> {
        self.0.key.year
    }
    /// The session, when grouped by `SESSION`.
    async fn session(&self, ctx: &Context<'_>) -> AppResult<Option<Session>> {
        let Some(id) = self.0.key.session_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)
            .load_one(crate::graphql::loaders::SessionId(id))
            .await?
            .map(Session))
    }
    /// The stakeholder group, when grouped by `STAKEHOLDER_GROUP`.
    async fn stakeholder_group(&self, ctx: &Context<'_>) -> Option<StakeholderGroup> {
        let id = self.0.key.stakeholder_group_id?;
        reference(ctx)
            .stakeholder_group(id)
            .cloned()
            .map(StakeholderGroup)
    }
    /// The region, when grouped by `REGION`.
    async fn region(&self, ctx: &Context<'_>) -> Option<Region> {
        let id = self.0.key.region_id?;
        reference(ctx).region(id).cloned().map(Region)
    }
    /// Onsite or online, when grouped by `PARTICIPATION_MODE`.
    async fn participation_mode(&self) -> Option<ParticipationMode> {
        self.0.key.participation.map(Into::into)
    }
    /// The role, when grouped by `ROLE`.
    async fn role(&self) -> Option<RoleKind> {
        self.0.key.role.map(Into::into)
    }
    /// Floor (`true`) or panel (`false`), when grouped by `FLOOR`.
    async fn floor(&self) -> Option<bool> {
        self.0.key.floor
    }
    /// The declared gender (trimmed, lower case), when grouped by `GENDER`;
    /// null for undeclared, and, for those who may not read genders, for
    /// genders fewer than `GENDER_MIN_COUNT` people declared.
    async fn gender(&self) -> Option<&str> {
        self.0.key.gender.as_deref()
    }
    /// The bucket's interventions, words and seconds.
    async fn totals(&self) -> SpeakingTotals {
        self.0.totals.into()
    }
    /// Its seconds over all the seconds counted.
    async fn share_of_total(&self) -> f64 {
        self.0.share_of_total
    }
    /// Its seconds over those of the buckets sharing its values in every
    /// grouped dimension but the last: with `[REGION, STAKEHOLDER_GROUP]`,
    /// the group's share of its region's speaking time. Shares within one
    /// group add up to 1.
    async fn share_within_group(&self) -> f64 {
        self.0.share_within_group
    }
}

/// Speaking time counted by the dimensions asked for.
#[derive(SimpleObject)]
pub struct SpeakingTime {
    /// The dimensions counted by, in the order asked.
    group_by: Vec<SpeakingTimeDimension>,
    /// Everything counted.
    total: SpeakingTotals,
    /// One per combination of values that has interventions.
    buckets: Vec<SpeakingTimeBucket>,
}

#[derive(Default)]
pub struct SpeakingQuery;

#[Object]
impl SpeakingQuery {
    /// Who holds the floor: interventions in session transcripts, their
    /// words and seconds, counted by up to four dimensions, with each
    /// bucket's share of all the seconds and within its group. For
    /// example `groupBy: [STAKEHOLDER_GROUP, REGION]` with `filter: {event:
    /// "igf-2024"}`: how much of IGF 2024's speaking time each group from
    /// each region had. Measured and estimated seconds are added together.
    async fn speaking_time(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which interventions to count; all given filters must hold.")]
        filter: Option<SpeakingTimeFilter>,
        #[graphql(
            default,
            desc = "Dimensions to count by, each once, at most four; [] counts the total only."
        )]
        group_by: Vec<SpeakingTimeDimension>,
    ) -> AppResult<SpeakingTime> {
        let state = ctx.data_unchecked::<AppState>();
        let dims: Vec<speaking::Dimension> = group_by.iter().map(|d| (*d).into()).collect();
        let filter = filter.unwrap_or_default().resolve(state).await?;
        let genders = speaking::GenderView {
            full: crate::graphql::types::viewer(ctx).is_admin(),
            min_people: state.config.gender_min_count,
        };
        let answer = speaking::speaking_time_seen(&state.db, &filter, &dims, genders).await?;
        Ok(SpeakingTime {
            group_by,
            total: answer.total.into(),
            buckets: answer.buckets.into_iter().map(SpeakingTimeBucket).collect(),
        })
    }
}

/// Which interventions `interventions` lists; all given filters must hold.
#[derive(InputObject, Default)]
pub struct InterventionFilter {
    /// Event code, such as `igf-2024`.
    event: Option<String>,
    /// Global ID of one session.
    session: Option<ID>,
    /// Global ID of the person who spoke.
    person: Option<ID>,
    /// Topic code: interventions that mention the topic (one of its
    /// `keywords`, case aside).
    topic: Option<String>,
    /// `true`: the floor only; `false`: the panel only.
    floor: Option<bool>,
}

#[derive(Default)]
pub struct InterventionQuery;

#[Object]
impl InterventionQuery {
    /// Interventions in session transcripts, filtered, in the order they
    /// were stored (by id): for example every one that mentions enhanced
    /// cooperation (`filter: {topic: "enhanced-cooperation"}`).
    #[graphql(complexity = "first.unwrap_or(20).clamp(0, 100) as usize * child_complexity")]
    async fn interventions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Filters; all given must hold.")] filter: Option<InterventionFilter>,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
    ) -> AppResult<crate::graphql::connection::Conn<crate::graphql::types::Intervention>> {
        use crate::graphql::connection::{self, Scope, TotalCount};
        let state = ctx.data_unchecked::<AppState>();
        let f = filter.unwrap_or_default();
        let decode = |field: &str, id: Option<ID>, kind| {
            id.map(|id| {
                ids::decode_as(&id, kind).map_err(|e| AppError::invalid(field, e.to_string()))
            })
            .transpose()
        };
        let event_id = speaking::event_id(&state.db, f.event.as_deref()).await?;
        let filter = service::transcript::InterventionFilter {
            event_id,
            session_id: decode("session", f.session, Kind::Session)?,
            person_id: decode("person", f.person, Kind::Person)?,
            mentions: f
                .topic
                .as_deref()
                .map(|code| speaking::topic_keywords(&state.reference(), "topic", code))
                .transpose()?,
            floor: f.floor,
        };
        let request =
            connection::page_request(Scope::Interventions, false, first, after, None, None)?;
        let (page, total) = service::transcript::list(&state.db, &filter, &request).await?;
        Ok(connection::connection(
            Scope::Interventions,
            page,
            TotalCount::Query(total),
            |i| (None, i.id),
            crate::graphql::types::Intervention,
        ))
    }
}
