//! The root `Query`: one object per noun, merged.

mod audit;
mod lookup;
mod node;
mod order;
mod person;
mod position;
mod reference;
mod review;
mod search;
mod session;
mod speaking;
mod stats;
mod user;

use async_graphql::MergedObject;

/// The filter of `positions`, which the exports take too.
pub use position::PositionFilterInput;

/// igf-perspectives: who said what about enhanced cooperation at Internet
/// Governance Forum (IGF) sessions and at National and Regional IGF
/// Initiatives (NRIs). Read events, sessions, their speakers and policy
/// questions, people, stakeholder groups, UN regional groups and the
/// positions taken, with Relay-style pagination; count and compare
/// positions. Anonymous callers see published positions only; send
/// `Authorization: Bearer <token>` (from `login`) for more.
#[derive(MergedObject, Default)]
pub struct Query(
    session::SessionQuery,
    person::PersonQuery,
    position::PositionQuery,
    reference::ReferenceQuery,
    node::NodeQuery,
    lookup::LookupQuery,
    user::UserQuery,
    review::ReviewQuery,
    audit::AuditQuery,
    stats::StatsQuery,
    speaking::SpeakingQuery,
    speaking::InterventionQuery,
    search::SearchQuery,
);

/// A filter field given by its new name or by its deprecated old one:
/// either, or both when they agree; two different values are refused on
/// the new name.
fn renamed<T: PartialEq>(
    new_name: &str,
    new: Option<T>,
    old_name: &str,
    old: Option<T>,
) -> crate::error::AppResult<Option<T>> {
    match (new, old) {
        (Some(n), Some(o)) if n != o => Err(crate::error::AppError::invalid(
            new_name,
            format!(
                "give `{new_name}` only: `{old_name}` is its deprecated name, and the two differ"
            ),
        )),
        (Some(n), _) => Ok(Some(n)),
        (None, old) => Ok(old),
    }
}

/// Most words a text filter may have, and the longest word.
const MAX_WORDS: usize = 10;
const MAX_WORD_CHARS: usize = 100;

/// Split a search text into words, ignoring empty ones; each word is one
/// condition, so their number and length are capped.
fn words(field: &str, text: Option<String>) -> crate::error::AppResult<Vec<String>> {
    let words: Vec<String> = text
        .map(|t| t.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    if words.len() > MAX_WORDS || words.iter().any(|w| w.chars().count() > MAX_WORD_CHARS) {
        return Err(crate::error::AppError::invalid(
            field,
            format!("give at most {MAX_WORDS} words of at most {MAX_WORD_CHARS} characters"),
        ));
    }
    Ok(words)
}
