//! `search`: full-text search over sessions, policy questions, published
//! positions and interventions, in ranked offset pages (`service::search`).

use async_graphql::{
    Context, Object,
    connection::{Connection, Edge},
};

use super::{speaking::SpeakingTimeFilter, words};
use crate::{
    error::{AppError, AppResult},
    graphql::{
        connection::{self, encode_cursor},
        types::{SearchHit, SearchTotal},
    },
    service::{
        page::Page,
        search::{self, Scope, SearchText},
    },
    state::AppState,
};

#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// Full-text search over session titles and descriptions, policy
    /// questions, the summaries and quotes of published positions (drafts
    /// are never found, whoever asks) and interventions in transcripts (the
    /// speaker label as written and what was said; a turn gone from its
    /// transcript is never found). Every word must occur, in any case
    /// and any English inflection (`policies` finds `policy`); punctuation
    /// and search operators are ignored. Hits come best first; the order
    /// and the snippets differ between SQLite and PostgreSQL, which rank and
    /// stem differently.
    #[graphql(complexity = "first.unwrap_or(20).clamp(0, 100) as usize * child_complexity")]
    async fn search(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The words to find: 1 to 10, each at most 100 characters.")] query: String,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
        #[graphql(
            desc = "Search interventions only: those `speakingTime` counts under this filter \
                    (`{}` for every intervention). With the same filter, the hits are among \
                    the interventions `speakingTime` counts, and the export \
                    `/export/interventions.csv` gives the same rows."
        )]
        interventions: Option<SpeakingTimeFilter>,
    ) -> AppResult<Connection<String, SearchHit, SearchTotal>> {
        let words = words("query", Some(query))?;
        if words.is_empty() {
            return Err(AppError::invalid(
                "query",
                "give at least one word to search for",
            ));
        }
        let state = ctx.data_unchecked::<AppState>();
        let scope = match interventions {
            Some(filter) => Scope::Interventions(filter.resolve(state).await?),
            None => Scope::Everything,
        };
        let request = connection::offset_request(connection::Scope::Search, first, after)?;
        // Text of punctuation only can match nothing: no hits, not an error.
        let text = SearchText::parse(&words);
        let found = match &text {
            Some(text) => search::search(&state.db, text, &scope, request).await?,
            None => request.page(Vec::new()),
        };
        let Page {
            rows,
            has_previous,
            has_next,
        } = found;
        let mut conn =
            Connection::with_additional_fields(has_previous, has_next, SearchTotal(text, scope));
        // A cursor is the hit's place in the ranking, from 1.
        conn.edges.extend(rows.into_iter().map(|hit| {
            Edge::new(
                encode_cursor(connection::Scope::Search, None, hit.place as i64),
                SearchHit(hit),
            )
        }));
        Ok(conn)
    }
}
