//! Reading people: `person` and `people` (its filter input resolved to a
//! `service::person::PersonFilter`).

use async_graphql::{Context, ID, InputObject, Object};

use crate::{
    error::AppResult,
    graphql::{
        connection::{self, Conn, Scope, TotalCount},
        ids::{self, Kind},
        types::Person,
    },
    service::{self, person::PersonFilter},
    state::AppState,
};

/// Filters for `people`; all given filters must hold.
#[derive(InputObject, Default)]
pub struct PersonFilterInput {
    /// Stakeholder group code, such as `civil-society`.
    pub stakeholder_group: Option<String>,
    /// Region code, such as `weog`.
    pub region: Option<String>,
    /// Words that must all occur in the name, in any case and with or
    /// without accents (`jose` finds José), punctuation read as a space.
    pub name_contains: Option<String>,
    /// The old name of `nameContains`.
    #[graphql(deprecation = "Use `nameContains`, as `titleContains` on sessions.")]
    pub name: Option<String>,
}

#[derive(Default)]
pub struct PersonQuery;

#[Object]
impl PersonQuery {
    /// One person by global ID; null if none.
    async fn person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person's global ID.")] id: ID,
    ) -> AppResult<Option<Person>> {
        let id = ids::decode_as(&id, Kind::Person)?;
        let db = &ctx.data_unchecked::<AppState>().db;
        Ok(service::person::by_id(db, id).await?.map(Person))
    }

    /// People, filtered, ordered by name and then by id.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity"
    )]
    async fn people(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Filters; all given must hold. `BAD_USER_INPUT` for an unknown code.")]
        filter: Option<PersonFilterInput>,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "End before this cursor.")] before: Option<String>,
    ) -> AppResult<Conn<Person>> {
        let state = ctx.data_unchecked::<AppState>();
        let input = filter.unwrap_or_default();
        let filter = service::person::filter_by_codes(
            &state.reference(),
            input.stakeholder_group.as_deref(),
            input.region.as_deref(),
        )?;
        let filter = PersonFilter {
            // An error names the field the client used.
            name_words: super::words(
                if input.name_contains.is_some() {
                    "nameContains"
                } else {
                    "name"
                },
                super::renamed("nameContains", input.name_contains, "name", input.name)?,
            )?,
            ..filter
        };
        let request = connection::page_request(Scope::People, true, first, after, last, before)?;
        let page = service::person::list(&state.db, &filter, &request).await?;
        let total = TotalCount::Query(service::page::Total::of(&service::person::select(&filter)));
        Ok(connection::connection(
            Scope::People,
            page,
            total,
            |p| (Some(p.name_folded.clone()), p.id),
            Person,
        ))
    }
}
