//! The root `Query`: one object per noun, merged.

mod node;
mod person;
mod position;
mod reference;
mod session;
mod user;

use async_graphql::MergedObject;

#[derive(MergedObject, Default)]
pub struct Query(
    session::SessionQuery,
    person::PersonQuery,
    position::PositionQuery,
    reference::ReferenceQuery,
    node::NodeQuery,
    user::UserQuery,
);

/// Split a search text into words, ignoring empty ones.
fn words(text: Option<String>) -> Vec<String> {
    text.map(|t| t.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}
