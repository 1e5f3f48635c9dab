//! `positions`: the list of positions, filtered and paged, and the filter
//! input that `positionStats` and `compareStances` take too.

use async_graphql::{Context, ID, InputObject, Object};

use crate::{
    error::{AppError, AppResult},
    graphql::{
        connection::{self, Conn, Scope, TotalCount},
        ids::{self, Kind},
        types::{ParticipationMode, Position, viewer},
    },
    service::{
        self,
        position::{PositionFilter, PositionFilterSpec},
    },
    state::AppState,
};

/// Filters for `positions`; all given filters must hold.
#[derive(InputObject, Default)]
pub struct PositionFilterInput {
    /// Topic code, such as `enhanced-cooperation`.
    pub topic: Option<String>,
    /// Stance code, such as `ongoing-commitment` (within `topic` if given).
    pub stance: Option<String>,
    /// Global ID of a session.
    pub session: Option<ID>,
    /// Event code, such as `igf-2025`.
    pub event: Option<String>,
    /// Stakeholder group code, as declared with the position.
    pub stakeholder_group: Option<String>,
    /// Region code, as declared with the position.
    pub region: Option<String>,
    /// Onsite or online.
    pub participation_mode: Option<ParticipationMode>,
    /// The year of the position's event (positions without a session have no year).
    pub year: Option<i32>,
    /// The event's year is this one or later.
    pub year_from: Option<i32>,
    /// The event's year is this one or earlier.
    pub year_to: Option<i32>,
}

impl TryFrom<PositionFilterInput> for PositionFilterSpec {
    type Error = AppError;

    /// Decodes the session's global ID; codes are resolved by the service.
    fn try_from(input: PositionFilterInput) -> AppResult<Self> {
        Ok(Self {
            topic: input.topic,
            stance: input.stance,
            session_id: input
                .session
                .map(|id| ids::decode_as(&id, Kind::Session))
                .transpose()?,
            event: input.event,
            stakeholder_group: input.stakeholder_group,
            region: input.region,
            participation_mode: input.participation_mode.map(Into::into),
            year: input.year,
            year_from: input.year_from,
            year_to: input.year_to,
        })
    }
}

impl PositionFilterInput {
    /// Decode and resolve, refusing unknown codes and IDs with
    /// `BAD_USER_INPUT`.
    pub async fn resolve(self, state: &AppState) -> AppResult<PositionFilter> {
        PositionFilterSpec::try_from(self)?
            .resolve(&state.db, &state.reference())
            .await
    }
}

#[derive(Default)]
pub struct PositionQuery;

// A root list's arguments are its filter, four page arguments and its
// order: GraphQL's signature, not a design to shorten.
#[allow(clippy::too_many_arguments)]
#[Object]
impl PositionQuery {
    /// Positions, filtered, in the order they were stored (by id) unless
    /// `orderBy` says otherwise: published ones for
    /// everybody, drafts too for those who may see them (see
    /// `PositionStatus.DRAFT`).
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity"
    )]
    async fn positions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Filters; all given must hold.")] filter: Option<PositionFilterInput>,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "End before this cursor.")] before: Option<String>,
        #[graphql(
            desc = "The order: by id (the order they were stored) without it; by `recordedAt` either way, `{field: RECORDED_AT, direction: DESC}` for the newest first."
        )]
        order_by: Option<super::order::PositionOrder>,
    ) -> AppResult<Conn<Position>> {
        let state = ctx.data_unchecked::<AppState>();
        let filter = filter.unwrap_or_default().resolve(state).await?;
        let (desc, scope) = match order_by {
            Some(o) => o.parts(),
            None => (false, Scope::Positions),
        };
        let keyed = order_by.is_some();
        let request = connection::page_request(scope, keyed, first, after, last, before)?;
        let visible = service::position::visible(viewer(ctx));
        let db = &state.db;
        let page = if keyed {
            service::position::list_by_time(db, &filter, visible.clone(), desc, &request).await?
        } else {
            service::position::list(db, &filter, visible.clone(), &request).await?
        };
        let total = TotalCount::Query(service::page::Total::of(&service::position::select(
            &filter, visible,
        )));
        Ok(connection::connection(
            scope,
            page,
            total,
            |p| {
                let key = keyed.then(|| crate::timestamp::format(&p.recorded_at));
                (key, p.id)
            },
            Position,
        ))
    }
}
