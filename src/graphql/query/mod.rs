//! The root `Query`: one object per noun, merged.

mod node;
mod person;
mod position;
mod reference;
mod search;
mod session;
mod stats;
mod user;

use async_graphql::MergedObject;

/// The filter of `positions`, which the exports take too.
pub use position::PositionFilterInput;

#[derive(MergedObject, Default)]
pub struct Query(
    session::SessionQuery,
    person::PersonQuery,
    position::PositionQuery,
    reference::ReferenceQuery,
    node::NodeQuery,
    user::UserQuery,
    stats::StatsQuery,
    search::SearchQuery,
);

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
