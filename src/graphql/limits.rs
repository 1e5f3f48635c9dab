//! Codes for errors found before execution (parse, validation, limits), and
//! the alias cap that async-graphql does not have.

use std::sync::Arc;

use async_graphql::{
    ServerError, ServerResult, ValidationResult, Variables,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextValidation},
    parser::types::{ExecutableDocument, Selection, SelectionSet},
};

use crate::error::{PARSE_FAILED, TOO_COMPLEX, VALIDATION_FAILED, set_code};

pub struct Limits {
    pub max_aliases: usize,
}

impl ExtensionFactory for Limits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(LimitsExtension {
            max_aliases: self.max_aliases,
        })
    }
}

struct LimitsExtension {
    max_aliases: usize,
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
            // The parser stops at a fixed recursion depth: that query is
            // well-formed but too deep, like one the depth limit refuses.
            if e.message.contains("recursion depth") {
                e.message = "the query is nested too deep: select fewer levels".into();
                set_code(&mut e, TOO_COMPLEX);
            } else {
                set_code(&mut e, PARSE_FAILED);
            }
            e
        })?;
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
        if aliases > self.max_aliases {
            let mut e = ServerError::new(
                format!(
                    "the query uses {aliases} aliases; at most {} are allowed",
                    self.max_aliases
                ),
                None,
            );
            set_code(&mut e, TOO_COMPLEX);
            return Err(e);
        }
        Ok(doc)
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        next.run(ctx).await.map_err(|mut errors| {
            for e in &mut errors {
                let code = match e.message.as_str() {
                    "Query is too complex." => {
                        e.message = "the query is too complex: ask for smaller pages (`first`/`last`) or fewer nested lists".into();
                        TOO_COMPLEX
                    }
                    "Query is nested too deep." => {
                        e.message = "the query is nested too deep: select fewer levels".into();
                        TOO_COMPLEX
                    }
                    _ => VALIDATION_FAILED,
                };
                set_code(e, code);
            }
            errors
        })
    }
}
