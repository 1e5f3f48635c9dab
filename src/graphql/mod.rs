//! The GraphQL schema: types, root fields, loaders, and the limits every
//! query must fit in. Transport lives in `crate::http`.

pub mod connection;
pub mod ids;
pub mod limits;
pub mod loaders;
pub mod mutation;
pub mod nesting;
pub mod nul;
mod nulls;
mod order;
pub mod persisted;
pub mod query;
pub mod size;
pub mod types;
pub mod validation;

use async_graphql::{
    EmptySubscription, Request, Response, SDLExportOptions, Schema, SchemaBuilder, ServerError,
    parser::types::{ExecutableDocument, OperationType},
};

use crate::state::AppState;
use connection::Conn;
use types::{
    AuditEntry, Intervention, Person, Position, ReviewItem, SearchHit, SearchTotal, Session,
    SessionRole, User,
};

pub type AppSchema = Schema<query::Query, mutation::Mutation, EmptySubscription>;

/// The description of a connection type: a page of `what`.
macro_rules! page_of {
    ($what:literal) => {
        concat!(
            "A page of ",
            $what,
            ": `nodes`, or `edges` with a cursor each; `pageInfo` to page on; \
             `totalCount` across all pages."
        )
    };
}

fn builder() -> SchemaBuilder<query::Query, mutation::Mutation, EmptySubscription> {
    type SearchConn = async_graphql::connection::Connection<String, SearchHit, SearchTotal>;
    // async-graphql gives its connection types no description of their own.
    Schema::build(
        query::Query::default(),
        mutation::Mutation::default(),
        EmptySubscription,
    )
    .override_output_type_description::<Conn<Session>>(page_of!("sessions"))
    .override_output_type_description::<Conn<SessionRole>>(page_of!("session roles"))
    .override_output_type_description::<Conn<Person>>(page_of!("people"))
    .override_output_type_description::<Conn<Position>>(page_of!("positions"))
    .override_output_type_description::<Conn<User>>(page_of!("accounts"))
    .override_output_type_description::<Conn<ReviewItem>>(page_of!("review items"))
    .override_output_type_description::<Conn<AuditEntry>>(page_of!("audit entries"))
    .override_output_type_description::<Conn<Intervention>>(page_of!("interventions"))
    .override_output_type_description::<SearchConn>(page_of!("search hits, best first"))
}

/// The schema the server runs, twice over. An async-graphql extension wraps
/// every field of every answer, so ordinary requests run on `fast`, which
/// has none and checks depth and cost with async-graphql's own limits.
/// `checked` has the [`limits::Limits`] extension: it runs introspection,
/// which is exempt from the depth limit, and every request `fast` refused
/// before running it, to word a refusal for depth or cost with the query's
/// figures and give each error its code by its type and place, not by
/// async-graphql's wording.
#[derive(Clone)]
pub struct Schemas {
    fast: AppSchema,
    checked: AppSchema,
    persisted: persisted::PersistedQueries,
    checks: DocumentChecks,
    nullability: std::sync::Arc<nulls::Nullability>,
}

/// What every document is checked against before async-graphql sees it.
#[derive(Debug, Clone, Copy)]
struct DocumentChecks {
    max_aliases: usize,
    size: size::SizeLimits,
}

/// Documents longer than this are parsed and measured on the blocking
/// pool, so that the async workers answering other requests never wait on
/// them; shorter ones take microseconds, less than the hand-off.
pub const INLINE_DOCUMENT_BYTES: usize = 8 * 1024;

/// What [`prepare`] learns of a request's document.
struct Prepared {
    query: bool,
    introspection: bool,
}

/// Parse the request's document (unless a persisted query already did),
/// refuse it past the limits, and merge its repeated fields.
fn prepare(request: &mut Request, checks: DocumentChecks) -> Result<Prepared, ServerError> {
    size::check_nesting(&request.query)?;
    // The variables are set aside while the document is borrowed.
    let variables = std::mem::take(&mut request.variables);
    let checked = check_document(request, &variables, checks);
    request.variables = variables;
    checked
}

/// [`prepare`]'s checks of the parsed document, with the request's
/// variables beside it.
fn check_document(
    request: &mut Request,
    variables: &async_graphql::Variables,
    checks: DocumentChecks,
) -> Result<Prepared, ServerError> {
    let name = request.operation_name.clone();
    // A persisted query arrives parsed; any other is parsed here. When that
    // fails, async-graphql's error says why only in words: the parser's own
    // error says it by its type.
    let doc = match request.parsed_query() {
        Ok(doc) => doc,
        Err(e) => return Err(size::parse(&request.query).err().unwrap_or(e)),
    };
    limits::check_aliases(doc, checks.max_aliases)?;
    size::check(doc, checks.size)?;
    nul::check(doc, variables)?;
    size::check_introspection(doc)?;
    nesting::check_recursion(doc)?;
    let prepared = Prepared {
        query: operation_type(doc, name.as_deref()) == Some(OperationType::Query),
        introspection: limits::only_introspection(doc),
    };
    if size::has_repeated_fields(doc) {
        let mut doc = doc.clone();
        size::merge_repeated_fields(&mut doc);
        request.set_parsed_query(doc);
    }
    Ok(prepared)
}

/// Whether async-graphql refused `response` before running anything: its
/// depth or cost limit, or what validation found. Such errors carry no
/// path, and nothing was answered.
fn refused_before_running(response: &Response) -> bool {
    !response.errors.is_empty()
        && response.data == async_graphql::Value::Null
        && response.errors.iter().all(|e| e.path.is_empty())
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
            nullability: nullability(),
            checks: DocumentChecks {
                max_aliases: config.max_query_aliases,
                size: size::SizeLimits {
                    max_fields: config.max_query_fields,
                    max_spreads: config.max_query_fragment_spreads,
                    max_selections: config.max_query_selections,
                },
            },
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
        let checks = self.checks;
        let (mut request, prepared) = if request.query.len() > INLINE_DOCUMENT_BYTES {
            let handed = tokio::task::spawn_blocking(move || {
                let prepared = prepare(&mut request, checks);
                (request, prepared)
            })
            .await;
            match handed {
                Ok(done) => done,
                Err(e) => {
                    tracing::error!(error = %e, "preparing a query document");
                    let mut e = ServerError::new("internal error", None);
                    crate::error::set_code(&mut e, "INTERNAL");
                    return Response::from_errors(vec![e]);
                }
            }
        } else {
            let prepared = prepare(&mut request, checks);
            (request, prepared)
        };
        let Prepared {
            query,
            introspection,
        } = match prepared {
            Ok(prepared) => prepared,
            Err(e) => return Response::from_errors(vec![e]),
        };
        // Kept to put the answer in the query's order (`order`).
        let doc = request.parsed_query().ok().cloned();
        let nullability = &self.nullability;
        let ordered = |mut response: Response| {
            if let Some(doc) = &doc {
                let root = match operation_type(doc, name.as_deref()) {
                    Some(OperationType::Mutation) => "Mutation",
                    _ => "Query",
                };
                if let Some(op) = order::operation(doc, name.as_deref()) {
                    nullability.apply(doc, root, &op.selection_set.node, &mut response);
                }
                order::reorder(doc, name.as_deref(), &mut response.data);
            }
            response
        };
        if introspection {
            return ordered(self.checked.execute(attach(request, query)).await);
        }
        let (text, variables) = (request.query.clone(), request.variables.clone());
        // A large document is kept parsed, so that wording a refusal never
        // parses it again on this worker.
        let parsed = (text.len() > INLINE_DOCUMENT_BYTES)
            .then(|| doc.clone())
            .flatten();
        let response = self.fast.execute(attach(request, query)).await;
        if !refused_before_running(&response) {
            return ordered(response);
        }
        // Refused before anything ran: ask again of `checked`, which words a
        // refusal for depth or cost with the query's figures and codes what
        // validation found (see `limits`).
        let mut again = Request::new(text).variables(variables);
        again.operation_name = name.clone();
        if let Some(doc) = parsed {
            again.set_parsed_query(doc);
        } else if again.query.is_empty() {
            match self
                .persisted
                .get(hash.as_deref().unwrap_or_default())
                .await
            {
                Some(doc) => again.set_parsed_query(doc),
                None => return response,
            }
        }
        ordered(self.checked.execute(attach(again, query)).await)
    }
}

/// Which places of an answer are nullable, read from the schema once per
/// process.
fn nullability() -> std::sync::Arc<nulls::Nullability> {
    static INDEX: std::sync::OnceLock<std::sync::Arc<nulls::Nullability>> =
        std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| {
            // The schema is built into the binary: a failure here is a
            // defect, caught by the unit test that reads it.
            let index = nulls::Nullability::from_sdl(&sdl_for_types())
                .expect("the schema's own SDL parses");
            std::sync::Arc::new(index)
        })
        .clone()
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

/// What the API is, as the schema's own description in `schema.graphql`.
const API_DESCRIPTION: &str = "\
igf-perspectives: stakeholder perspectives on enhanced cooperation in
Internet governance. Internet Governance Forum (IGF) and National and
Regional IGF Initiative (NRI) sessions, their organizers and speakers,
stakeholder groups, UN regional groups, policy questions, what was said and
the positions people take: read by front ends and analysts (by region and
stakeholder group), written by organizers and admins.";

/// The SDL as async-graphql writes it: the types, without the schema's
/// description (which its own SDL parser does not read).
pub(crate) fn sdl_for_types() -> String {
    builder()
        .finish()
        .sdl_with_options(SDLExportOptions::new().include_specified_by())
}

/// The SDL that `schema.graphql` holds, with `@specifiedBy` on the scalars
/// that name their specification and the schema's own description.
///
/// async-graphql 7 writes `schema { … }` bare, so the description is put in
/// front of it here; `__schema { description }` still answers a fixed text
/// of async-graphql's own.
pub fn sdl() -> String {
    sdl_for_types().replacen(
        "\nschema {",
        &format!("\n\"\"\"\n{API_DESCRIPTION}\n\"\"\"\nschema {{"),
        1,
    )
}
