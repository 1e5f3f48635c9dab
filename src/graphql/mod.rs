//! The GraphQL schema: types, root fields, loaders, and the limits every
//! query must fit in. Transport lives in `crate::http`.

pub mod connection;
pub mod ids;
pub mod limits;
pub mod loaders;
pub mod mutation;
pub mod persisted;
pub mod query;
pub mod types;

use async_graphql::{EmptySubscription, Schema, SchemaBuilder};

use crate::state::AppState;

pub type AppSchema = Schema<query::Query, mutation::Mutation, EmptySubscription>;

fn builder() -> SchemaBuilder<query::Query, mutation::Mutation, EmptySubscription> {
    Schema::build(
        query::Query::default(),
        mutation::Mutation::default(),
        EmptySubscription,
    )
}

/// The schema the server runs, with the configured depth, complexity and
/// alias limits.
pub fn build_schema(state: AppState) -> AppSchema {
    let config = state.config.clone();
    // The HTTP layer reads it through `Schema::data`.
    let persisted = persisted::PersistedQueries::default();
    builder()
        .limit_directives(config.max_query_directives)
        .extension(limits::Limits {
            max_depth: config.max_query_depth,
            max_complexity: config.max_query_complexity,
            max_aliases: config.max_query_aliases,
        })
        .extension(persisted.clone())
        .data(persisted)
        .data(state)
        .finish()
}

/// The SDL that `schema.graphql` holds.
pub fn sdl() -> String {
    builder().finish().sdl()
}
