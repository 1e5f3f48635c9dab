//! Codes for the errors async-graphql finds while validating a document,
//! decided by where each error points, never by its wording (which may
//! change with any release).
//!
//! A value an argument does not take (an unknown enum value, a string for
//! a number), written inline or passed in the variables, is reported by the
//! `ArgumentsOfCorrectType` rule at the argument's name: that is input the
//! client can fix, `BAD_USER_INPUT`. The other rules that point at an
//! argument's name report one the field or directive does not declare, or
//! one written twice; those, like every other error validation finds, are
//! a query the schema cannot answer, `GRAPHQL_VALIDATION_FAILED`.

use std::collections::HashSet;

use async_graphql::{
    Name, Pos, Positioned, ServerError,
    indexmap::IndexMap,
    parser::types::{Directive, ExecutableDocument, OperationType, Selection, SelectionSet},
    registry::{MetaInputValue, MetaType, Registry},
};

use crate::error::{VALIDATION_FAILED, set_code};

/// The code of the arguments a client got wrong.
const BAD_USER_INPUT: &str = "BAD_USER_INPUT";

/// Where, in one document, the arguments the schema declares are written:
/// the position of each argument's name, for the first argument of that
/// name in its list.
#[derive(Debug, Default)]
pub struct DeclaredArguments(HashSet<Pos>);

impl DeclaredArguments {
    /// Walk `doc` as validation does, following each field to the type it
    /// returns, and note every argument its field or directive declares.
    pub fn of(registry: &Registry, doc: &ExecutableDocument) -> Self {
        let mut walk = Walk {
            registry,
            found: HashSet::new(),
        };
        for (_, op) in doc.operations.iter() {
            let root = match op.node.ty {
                OperationType::Query => Some(registry.query_type.as_str()),
                OperationType::Mutation => registry.mutation_type.as_deref(),
                OperationType::Subscription => registry.subscription_type.as_deref(),
            };
            walk.directives(&op.node.directives);
            if let Some(root) = root {
                walk.set(registry.types.get(root), &op.node.selection_set.node);
            }
        }
        for fragment in doc.fragments.values() {
            let on = registry
                .types
                .get(fragment.node.type_condition.node.on.node.as_str());
            walk.directives(&fragment.node.directives);
            walk.set(on, &fragment.node.selection_set.node);
        }
        Self(walk.found)
    }

    /// Whether `error` points at one declared argument and nowhere else.
    fn is_at_argument(&self, error: &ServerError) -> bool {
        matches!(error.locations.as_slice(), [pos] if self.0.contains(pos))
    }

    /// Give each error validation found its code.
    pub fn code(&self, errors: &mut [ServerError]) {
        for error in errors {
            let code = if self.is_at_argument(error) {
                BAD_USER_INPUT
            } else {
                VALIDATION_FAILED
            };
            set_code(error, code);
        }
    }
}

struct Walk<'a> {
    registry: &'a Registry,
    found: HashSet<Pos>,
}

impl<'a> Walk<'a> {
    /// `parent` is the type `set` selects from, if the schema knows it.
    fn set(&mut self, parent: Option<&'a MetaType>, set: &SelectionSet) {
        for item in &set.items {
            match &item.node {
                Selection::Field(f) => {
                    let field = parent.and_then(|t| t.field_by_name(&f.node.name.node));
                    if let Some(field) = field {
                        self.arguments(&field.args, &f.node.arguments);
                    }
                    self.directives(&f.node.directives);
                    let returns = field.and_then(|f| self.registry.concrete_type_by_name(&f.ty));
                    self.set(returns, &f.node.selection_set.node);
                }
                Selection::InlineFragment(f) => {
                    let on = match &f.node.type_condition {
                        Some(c) => self.registry.types.get(c.node.on.node.as_str()),
                        None => parent,
                    };
                    self.directives(&f.node.directives);
                    self.set(on, &f.node.selection_set.node);
                }
                // The fragment itself is walked once, as a definition.
                Selection::FragmentSpread(s) => self.directives(&s.node.directives),
            }
        }
    }

    fn directives(&mut self, directives: &[Positioned<Directive>]) {
        for d in directives {
            if let Some(declared) = self.registry.directives.get(d.node.name.node.as_str()) {
                self.arguments(&declared.args, &d.node.arguments);
            }
        }
    }

    fn arguments<V>(
        &mut self,
        declared: &IndexMap<String, MetaInputValue>,
        written: &[(Positioned<Name>, Positioned<V>)],
    ) {
        let mut seen = HashSet::new();
        for (name, _) in written {
            if seen.insert(name.node.as_str()) && declared.contains_key(name.node.as_str()) {
                self.found.insert(name.pos);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::{Request, Response, Variables};
    use serde_json::json;

    use crate::graphql::{AppSchema, builder, limits::Limits};

    /// The schema the server runs for refused requests: validation is all
    /// these tests need, so it has no data.
    fn schema() -> AppSchema {
        builder()
            .extension(Limits {
                max_depth: 12,
                max_complexity: 25_000,
            })
            .finish()
    }

    async fn run(query: &str, variables: serde_json::Value) -> Response {
        let request = Request::new(query).variables(Variables::from_json(variables));
        schema().execute(request).await
    }

    /// Each error's message and code.
    fn codes(response: &Response) -> Vec<(String, String)> {
        assert!(!response.errors.is_empty(), "no errors");
        response
            .errors
            .iter()
            .map(|e| {
                let code = e.extensions.as_ref().and_then(|x| x.get("code"));
                let Some(async_graphql::Value::String(code)) = code else {
                    panic!("{} has no code", e.message);
                };
                (e.message.clone(), code.clone())
            })
            .collect()
    }

    #[tokio::test]
    async fn an_unknown_enum_value_inside_a_variable_is_bad_input() {
        let response = run(
            "query($f: PositionFilterInput) { positions(filter: $f) { totalCount } }",
            json!({ "f": { "participationMode": "SIDEWAYS" } }),
        )
        .await;

        let codes = codes(&response);
        assert_eq!(codes.len(), 1, "{codes:?}");
        assert_eq!(codes[0].1, "BAD_USER_INPUT", "{codes:?}");
    }

    #[tokio::test]
    async fn a_wrong_inline_value_on_a_directive_is_bad_input() {
        let response = run(
            "{ sessions(first: 1) @include(if: \"yes\") { totalCount } }",
            json!({}),
        )
        .await;

        assert_eq!(codes(&response)[0].1, "BAD_USER_INPUT");
    }

    #[tokio::test]
    async fn an_unknown_argument_is_a_query_the_schema_cannot_answer() {
        let response = run("{ sessions(firts: 1) { totalCount } }", json!({})).await;

        let codes = codes(&response);
        assert!(codes[0].0.contains("firts"), "{codes:?}");
        assert_eq!(codes[0].1, "GRAPHQL_VALIDATION_FAILED");
    }

    #[tokio::test]
    async fn an_argument_written_twice_is_a_query_the_schema_cannot_answer() {
        let response = run("{ sessions(first: 1, first: 2) { totalCount } }", json!({})).await;

        let codes = codes(&response);
        assert_eq!(codes.len(), 1, "{codes:?}");
        assert_eq!(codes[0].1, "GRAPHQL_VALIDATION_FAILED");
    }

    #[tokio::test]
    async fn a_wrong_value_for_the_first_of_two_same_arguments_is_still_bad_input() {
        let response = run(
            "{ sessions(first: \"x\", first: 2) { totalCount } }",
            json!({}),
        )
        .await;

        let codes = codes(&response);
        let bad: Vec<_> = codes.iter().filter(|c| c.1 == "BAD_USER_INPUT").collect();
        assert_eq!(bad.len(), 1, "{codes:?}");
        assert!(bad[0].0.contains("Int"), "{codes:?}");
        assert!(
            codes
                .iter()
                .any(|c| c.0.contains("only be one") && c.1 == "GRAPHQL_VALIDATION_FAILED"),
            "{codes:?}"
        );
    }

    #[tokio::test]
    async fn a_missing_required_argument_is_a_query_the_schema_cannot_answer() {
        let response = run("{ session { code } }", json!({})).await;

        assert_eq!(codes(&response)[0].1, "GRAPHQL_VALIDATION_FAILED");
    }
}
