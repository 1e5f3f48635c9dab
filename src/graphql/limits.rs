//! The limits every query must fit in (depth, cost, aliases) and codes for
//! errors found before execution. Ordinary requests run on a schema with
//! async-graphql's own depth and cost limits and no extension (see
//! [`super::Schemas`]); the extension here serves the introspection query
//! GraphiQL and code generators send (13 levels of `ofType`, which must not
//! be refused as too deep), and words a refusal with its figures.

use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
};

use async_graphql::{
    ServerError, ServerResult, ValidationResult, Variables,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextValidation},
    parser::types::{ExecutableDocument, Selection, SelectionSet},
};

use crate::error::{PARSE_FAILED, TOO_COMPLEX, set_code, validation_code};

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
        })
    }
}

/// One per request.
struct LimitsExtension {
    limits: Limits,
    introspection_only: AtomicBool,
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

fn too_complex(message: impl Into<String>) -> ServerError {
    let mut e = ServerError::new(message, None);
    set_code(&mut e, TOO_COMPLEX);
    e
}

/// Code an error of the query parser.
pub(crate) fn code_parse_error(e: &mut ServerError) {
    // The parser stops at a fixed nesting: that query is too deep rather
    // than malformed.
    if e.message.contains("recursion") {
        e.message = "the query is nested too deep: select fewer levels".into();
        set_code(e, TOO_COMPLEX);
    } else {
        set_code(e, PARSE_FAILED);
    }
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
        let doc = next.run(ctx, query, variables).await.map_err(|mut e| {
            code_parse_error(&mut e);
            e
        })?;
        self.introspection_only
            .store(only_introspection(&doc), Ordering::Relaxed);
        Ok(doc)
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next.run(ctx).await.map_err(|mut errors| {
            for e in &mut errors {
                let code = validation_code(&e.message);
                set_code(e, code);
            }
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
