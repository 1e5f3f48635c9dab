//! `SearchHit` and `SearchResult`: what `search` answers, over
//! `service::search`'s ranked hits.

use async_graphql::{Context, Description, Object, Union};

use super::{Intervention, PolicyQuestion, Position, Session};
use crate::{
    error::AppResult,
    service::search::{self, Hit, Item, Scope, SearchText},
    state::AppState,
};

/// One search hit: what matched, how well, and where.
#[derive(Description)]
pub struct SearchHit(pub Hit);

#[Object(use_type_description)]
impl SearchHit {
    /// Relevance: higher is better. Comparable only within one search; the
    /// scale depends on the database engine.
    async fn score(&self) -> f64 {
        self.0.score
    }
    /// A short passage around the matches, as HTML: the stored text is
    /// escaped and each matching word is wrapped in `<mark>…</mark>`.
    async fn snippet(&self) -> &str {
        &self.0.snippet
    }
    /// The session, policy question, published position or intervention
    /// that matched.
    async fn item(&self) -> SearchResult {
        match self.0.item.clone() {
            Item::Session(m) => SearchResult::Session(Session(m)),
            Item::PolicyQuestion(m) => SearchResult::PolicyQuestion(PolicyQuestion(m)),
            Item::Position(m) => SearchResult::Position(Position(m)),
            Item::Intervention(m) => SearchResult::Intervention(Intervention(m)),
        }
    }
}

/// What a search can find: a session (by title or description), a policy
/// question (by its text), a published position (by summary or quote) or an
/// intervention in a transcript (by speaker label or what was said).
#[derive(Union)]
pub enum SearchResult {
    Session(Session),
    PolicyQuestion(PolicyQuestion),
    Position(Position),
    Intervention(Intervention),
}

/// The count of a search, across all its pages.
#[derive(Description)]
pub struct SearchTotal(pub Option<SearchText>, pub Scope);

#[Object(use_type_description)]
impl SearchTotal {
    /// How many items match, across all pages.
    async fn total_count(&self, ctx: &Context<'_>) -> AppResult<i64> {
        match &self.0 {
            Some(text) => search::count(&ctx.data_unchecked::<AppState>().db, text, &self.1).await,
            None => Ok(0),
        }
    }
}
