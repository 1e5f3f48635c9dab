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

use async_graphql::{
    EmptySubscription, Request, Response, SDLExportOptions, Schema, SchemaBuilder,
    parser::types::{ExecutableDocument, OperationType},
};

use crate::state::AppState;

pub type AppSchema = Schema<query::Query, mutation::Mutation, EmptySubscription>;

fn builder() -> SchemaBuilder<query::Query, mutation::Mutation, EmptySubscription> {
    Schema::build(
        query::Query::default(),
        mutation::Mutation::default(),
        EmptySubscription,
    )
}

/// The schema the server runs, twice over. An async-graphql extension wraps
/// every field of every answer, so ordinary requests run on `fast`, which
/// has none and checks depth and cost with async-graphql's own limits.
/// `checked` has the [`limits::Limits`] extension: it runs introspection,
/// which is exempt from the depth limit, and words a refusal for depth or
/// cost with the query's figures.
#[derive(Clone)]
pub struct Schemas {
    fast: AppSchema,
    checked: AppSchema,
    persisted: persisted::PersistedQueries,
    max_aliases: usize,
}

/// Whether `message` is async-graphql's own refusal by one of its limits:
/// cost, depth, or the nesting its parser allows.
fn refused_by_limits(message: &str) -> bool {
    ["Query is too complex.", "Query is nested too deep."].contains(&message)
        || message.starts_with("The recursion depth of the query")
}

impl Schemas {
    pub fn new(state: AppState) -> Self {
        let config = state.config.clone();
        let fast = builder()
            .limit_directives(config.max_query_directives)
            .limit_depth(config.max_query_depth)
            .limit_complexity(config.max_query_complexity)
            .data(state.clone())
            .finish();
        let checked = builder()
            .limit_directives(config.max_query_directives)
            .extension(limits::Limits {
                max_depth: config.max_query_depth,
                max_complexity: config.max_query_complexity,
            })
            .data(state)
            .finish();
        Self {
            fast,
            checked,
            persisted: persisted::PersistedQueries::default(),
            max_aliases: config.max_query_aliases,
        }
    }

    /// The persisted queries known by hash.
    pub fn persisted(&self) -> &persisted::PersistedQueries {
        &self.persisted
    }

    /// Run one request. `attach` adds the request's data; it is told whether
    /// the request is a query (a mutation's loaders must not cache).
    pub async fn execute(
        &self,
        mut request: Request,
        attach: impl Fn(Request, bool) -> Request,
    ) -> Response {
        let hash = match self.persisted.apply(&mut request).await {
            Ok(hash) => hash,
            Err(e) => return Response::from_errors(vec![e]),
        };
        let name = request.operation_name.clone();
        let (query, introspection) = match request.parsed_query() {
            Ok(doc) => {
                if let Err(e) = limits::check_aliases(doc, self.max_aliases) {
                    return Response::from_errors(vec![e]);
                }
                (
                    operation_type(doc, name.as_deref()) == Some(OperationType::Query),
                    limits::only_introspection(doc),
                )
            }
            Err(mut e) => {
                limits::code_parse_error(&mut e);
                return Response::from_errors(vec![e]);
            }
        };
        if introspection {
            return self.checked.execute(attach(request, query)).await;
        }
        let (text, variables) = (request.query.clone(), request.variables.clone());
        let response = self.fast.execute(attach(request, query)).await;
        let refused = matches!(response.errors.as_slice(),
            [e] if e.path.is_empty() && refused_by_limits(&e.message));
        if !refused {
            return response;
        }
        // Refused before anything ran: ask again of `checked`, for the figures.
        let mut again = Request::new(text).variables(variables);
        again.operation_name = name;
        if again.query.is_empty() {
            match self
                .persisted
                .get(hash.as_deref().unwrap_or_default())
                .await
            {
                Some(doc) => again.set_parsed_query(doc),
                None => return response,
            }
        }
        self.checked.execute(attach(again, query)).await
    }
}

/// The type of the operation `name` picks in `doc`.
pub fn operation_type(doc: &ExecutableDocument, name: Option<&str>) -> Option<OperationType> {
    doc.operations
        .iter()
        .find(|(op_name, _)| match (name, op_name) {
            (Some(wanted), Some(op_name)) => wanted == op_name.as_str(),
            (None, _) => true,
            (Some(_), None) => false,
        })
        .map(|(_, op)| op.node.ty)
}

/// The SDL that `schema.graphql` holds, with `@specifiedBy` on the scalars
/// that name their specification.
pub fn sdl() -> String {
    builder()
        .finish()
        .sdl_with_options(SDLExportOptions::new().include_specified_by())
}
