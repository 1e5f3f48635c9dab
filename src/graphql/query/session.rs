//! Reading sessions: `session`, `sessions` (its filter input resolved to
//! a `service::session::SessionFilter`) and `sessionReport`.

use async_graphql::{Context, InputObject, Object};

use crate::{
    error::AppResult,
    graphql::{
        connection::{self, Conn, Scope, TotalCount},
        types::{
            ParticipationMode, RoleKind, Session, SessionFormat, SessionKind, SessionRole,
            read_ahead, viewer,
        },
    },
    service::session::SessionOrder,
    service::{
        self,
        report::Reader,
        session::{SessionFilter, role::RoleFilter},
    },
    state::AppState,
};

/// Filters for `sessions`; all given filters must hold.
#[derive(InputObject, Default)]
pub struct SessionFilterInput {
    /// Event code, such as `igf-2025`.
    pub event: Option<String>,
    /// Session kind.
    pub kind: Option<SessionKind>,
    /// Room layout.
    pub format: Option<SessionFormat>,
    /// Stakeholder group code: sessions with at least one speaker of it.
    pub stakeholder_group: Option<String>,
    /// Region code: sessions with at least one speaker from it.
    pub region: Option<String>,
    /// The old name of `stakeholderGroup`.
    #[graphql(deprecation = "Use `stakeholderGroup`, the name every filter gives it.")]
    pub speaker_stakeholder_group: Option<String>,
    /// The old name of `region`.
    #[graphql(deprecation = "Use `region`, the name every filter gives it.")]
    pub speaker_region: Option<String>,
    /// Words that must all occur in the title, in any case.
    pub title_contains: Option<String>,
}

/// Filters for `sessionRoles`; all given filters must hold.
#[derive(InputObject, Default)]
pub struct RoleFilterInput {
    /// Event code, such as `igf-2025`.
    pub event: Option<String>,
    /// Only roles of this kind.
    pub role: Option<RoleKind>,
    /// Only roles whose person takes part this way.
    pub participation: Option<ParticipationMode>,
    /// `true`: only roles that count under no stakeholder group or no
    /// region (none was given, or what was given maps to none), the roles
    /// an import reports as lacking them; `false`: only roles with both.
    pub without_group_or_region: Option<bool>,
}

#[derive(Default)]
pub struct SessionQuery;

// A root list's arguments are its filter, four page arguments and its
// order: GraphQL's signature, not a design to shorten.
#[allow(clippy::too_many_arguments)]
#[Object]
impl SessionQuery {
    /// The session's report as Markdown, in the shape IGF uses: the panel,
    /// the panelists' interventions by policy question, the participants'
    /// perspectives by stakeholder group and region (onsite and online
    /// apart), the stance summary and the panel balance. Published
    /// positions only. Null, with a `NOT_FOUND` error, for an unknown event
    /// or session.
    async fn session_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Event code, such as `igf-2025`.")] event: String,
        #[graphql(desc = "Session code as published, such as `WS #461`.")] code: String,
    ) -> AppResult<Option<String>> {
        let state = ctx.data_unchecked::<AppState>();
        let reader = Reader {
            viewer: viewer(ctx),
            gender_min_count: state.config.gender_min_count,
            onsite_rule: state.config.onsite_rule(),
        };
        service::report::session_report(&state.db, &state.reference(), reader, &event, &code)
            .await
            .map(Some)
    }

    /// One session by its event's code and its own code as published,
    /// such as `session(event: "igf-2025", code: "WS #461")`; null if none.
    async fn session(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Event code, such as `igf-2025`.")] event: String,
        #[graphql(desc = "Session code as published, such as `WS #461`.")] code: String,
    ) -> AppResult<Option<Session>> {
        let db = &ctx.data_unchecked::<AppState>().db;
        let Some(session) = service::session::by_codes(db, &event, code.trim()).await? else {
            return Ok(None);
        };
        let session = [session];
        read_ahead(ctx, &[ctx.look_ahead()], &session).await?;
        let [session] = session;
        Ok(Some(Session(session)))
    }

    /// Sessions, filtered, by code and then by id unless `orderBy` says
    /// otherwise.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity"
    )]
    async fn sessions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Filters; all given must hold. `BAD_USER_INPUT` for an unknown code.")]
        filter: Option<SessionFilterInput>,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "End before this cursor.")] before: Option<String>,
        #[graphql(desc = "The order: by code (the default), title or start time, either way.")]
        order_by: Option<super::order::SessionOrder>,
    ) -> AppResult<Conn<Session>> {
        let state = ctx.data_unchecked::<AppState>();
        let filter = resolve(state, filter.unwrap_or_default()).await?;
        // Without `orderBy`, the order (and the cursors) of before.
        let (order, desc, scope) = match order_by {
            Some(o) => o.parts(),
            None => (SessionOrder::Code, false, Scope::Sessions),
        };
        let request = connection::page_request(scope, true, first, after, last, before)?;
        let page = if order_by.is_some() {
            service::session::list_ordered(&state.db, &filter, order, desc, &request).await?
        } else {
            service::session::list(&state.db, &filter, &request).await?
        };
        let look_ahead = ctx.look_ahead();
        let selections = [
            look_ahead.field("nodes"),
            look_ahead.field("edges").field("node"),
        ];
        read_ahead(ctx, &selections, &page.rows).await?;
        let total = TotalCount::Query(service::page::Total::of(&service::session::select(&filter)));
        Ok(connection::connection(
            scope,
            page,
            total,
            |s| (Some(order.key(s)), s.id),
            Session,
        ))
    }

    /// Session roles across sessions, filtered, in the order they were
    /// stored: for finding, say, every role an import stored without a
    /// stakeholder group or region.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity"
    )]
    async fn session_roles(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Filters; all given must hold. `BAD_USER_INPUT` for an unknown event.")]
        filter: Option<RoleFilterInput>,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "End before this cursor.")] before: Option<String>,
    ) -> AppResult<Conn<SessionRole>> {
        let state = ctx.data_unchecked::<AppState>();
        let input = filter.unwrap_or_default();
        let event_id = match input.event.as_deref() {
            Some(code) => Some(service::event::require(&state.db, code).await?.id),
            None => None,
        };
        let filter = RoleFilter {
            event_id,
            role: input.role.map(Into::into),
            participation: input.participation.map(Into::into),
            without_group_or_region: input.without_group_or_region,
        };
        let request = connection::page_request(Scope::Roles, false, first, after, last, before)?;
        let page = service::session::role::list(&state.db, &filter, &request).await?;
        let total = TotalCount::Query(service::page::Total::of(&service::session::role::select(
            &filter,
        )));
        Ok(connection::connection(
            Scope::Roles,
            page,
            total,
            |r| (None, r.id),
            SessionRole,
        ))
    }
}

/// Resolve the codes of a filter into ids, refusing unknown ones.
async fn resolve(state: &AppState, input: SessionFilterInput) -> AppResult<SessionFilter> {
    let group = super::renamed(
        "stakeholderGroup",
        input.stakeholder_group,
        "speakerStakeholderGroup",
        input.speaker_stakeholder_group,
    )?;
    let region = super::renamed(
        "region",
        input.region,
        "speakerRegion",
        input.speaker_region,
    )?;
    let filter = service::session::filter_by_codes(
        &state.db,
        &state.reference(),
        input.event.as_deref(),
        group.as_deref(),
        region.as_deref(),
    )
    .await?;
    Ok(SessionFilter {
        kind: input.kind.map(Into::into),
        format: input.format.map(Into::into),
        title_words: super::words("titleContains", input.title_contains)?,
        ..filter
    })
}
