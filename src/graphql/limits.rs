//! The limits every query must fit in (depth, cost, aliases) and codes for
//! errors found before execution. Ordinary requests run on a schema with
//! async-graphql's own depth and cost limits and no extension (see
//! [`super::Schemas`]); the extension here serves the introspection query
//! GraphiQL and code generators send (13 levels of `ofType`, which must not
//! be refused as too deep), and every request the other schema refused
//! before running it: it enforces depth and cost itself, from the figures
//! validation measures, words such a refusal with them, and codes what
//! validation found by where it points ([`super::validation`]).

use std::sync::{
    Arc, Mutex,
    atomic::{AtomicBool, Ordering},
};

use async_graphql::{
    ServerError, ServerResult, ValidationResult, Variables,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextValidation},
    parser::types::{ExecutableDocument, Selection, SelectionSet},
};

use super::validation::DeclaredArguments;
use crate::error::{TOO_COMPLEX, VALIDATION_FAILED, set_code};

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_depth: usize,
    pub max_complexity: usize,
}

impl ExtensionFactory for Limits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(LimitsExtension {
            limits: *self,
            introspection_only: AtomicBool::new(false),
            arguments: Mutex::default(),
        })
    }
}

/// One per request.
struct LimitsExtension {
    limits: Limits,
    introspection_only: AtomicBool,
    /// Where the document writes the arguments the schema declares.
    arguments: Mutex<DeclaredArguments>,
}

fn count_aliases(set: &SelectionSet) -> usize {
    set.items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(f) => {
                usize::from(f.node.alias.is_some()) + count_aliases(&f.node.selection_set.node)
            }
            Selection::InlineFragment(f) => count_aliases(&f.node.selection_set.node),
            Selection::FragmentSpread(_) => 0,
        })
        .sum()
}

/// Whether every root field is `__schema`, `__type` or `__typename`.
pub fn only_introspection(doc: &ExecutableDocument) -> bool {
    doc.operations.iter().all(|(_, op)| {
        op.node
            .selection_set
            .node
            .items
            .iter()
            .all(|item| match &item.node {
                Selection::Field(f) => f.node.name.node.starts_with("__"),
                _ => false,
            })
    })
}

/// Refuse a document with more aliases than `max`: each alias is one more
/// field to resolve, and they are the cheapest way to ask for much.
pub fn check_aliases(doc: &ExecutableDocument, max: usize) -> ServerResult<()> {
    let aliases: usize = doc
        .operations
        .iter()
        .map(|(_, op)| count_aliases(&op.node.selection_set.node))
        .sum::<usize>()
        + doc
            .fragments
            .values()
            .map(|f| count_aliases(&f.node.selection_set.node))
            .sum::<usize>();
    if aliases > max {
        return Err(too_complex(format!(
            "the query uses {aliases} aliases; at most {max} are allowed"
        )));
    }
    Ok(())
}

/// A refusal for a query past one of the limits.
pub(crate) fn too_complex(message: impl Into<String>) -> ServerError {
    let mut e = ServerError::new(message, None);
    set_code(&mut e, TOO_COMPLEX);
    e
}

#[async_trait::async_trait]
impl Extension for LimitsExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        // `prepare` parsed the document and checked its nesting before
        // this schema sees it; what async-graphql still refuses here, as it
        // reads the document, is more directives on a field than allowed,
        // which validation would refuse.
        let doc = next.run(ctx, query, variables).await.map_err(|mut e| {
            set_code(&mut e, VALIDATION_FAILED);
            e
        })?;
        self.introspection_only
            .store(only_introspection(&doc), Ordering::Relaxed);
        let arguments = DeclaredArguments::of(&ctx.schema_env.registry, &doc);
        *self.arguments.lock().unwrap_or_else(|e| e.into_inner()) = arguments;
        Ok(doc)
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next.run(ctx).await.map_err(|mut errors| {
            let arguments = self.arguments.lock().unwrap_or_else(|e| e.into_inner());
            arguments.code(&mut errors);
            errors
        })?;
        // Introspection reads the fixed schema: deep, but bounded and cheap.
        if self.introspection_only.load(Ordering::Relaxed) {
            return Ok(result);
        }
        if result.depth > self.limits.max_depth {
            return Err(vec![too_complex(format!(
                "the query is nested too deep: select fewer levels ({} levels; at most {})",
                result.depth, self.limits.max_depth
            ))]);
        }
        if result.complexity > self.limits.max_complexity {
            return Err(vec![too_complex(format!(
                "the query is too complex (cost {}; at most {}): ask for smaller pages (`first`/`last`) or fewer nested lists",
                result.complexity, self.limits.max_complexity
            ))]);
        }
        Ok(result)
    }
}
