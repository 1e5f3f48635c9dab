//! No text the API takes may hold a NUL character (U+0000): PostgreSQL
//! cannot store one in a text column and refuses the whole statement, and
//! SQLite would keep it where no reader expects it. Every string given to
//! an argument, written in the document or passed in the variables, is
//! looked at before anything runs; the first NUL found is refused as
//! `BAD_USER_INPUT` with `extensions.field` naming the argument and the
//! input field in it, as other errors name them (`text`, `input.name`).

use async_graphql::{
    Name, Positioned, ServerError, Value as ConstValue, Variables,
    parser::types::{Directive, ExecutableDocument, Selection, SelectionSet},
};
use async_graphql_value::Value;

use crate::error::{NUL_REFUSAL, set_code};

/// Refuse the request if a string given to an argument of its document,
/// written there or passed in its variables, holds a NUL. Linear in the
/// size of both; a variable that no argument uses is not looked at.
pub fn check(doc: &ExecutableDocument, variables: &Variables) -> Result<(), ServerError> {
    let walk = Walk { variables };
    for (_, op) in doc.operations.iter() {
        for definition in &op.node.variable_definitions {
            let definition = &definition.node;
            let default = definition.default_value.as_ref();
            if let Some((path, text)) = default.and_then(|d| const_nul(&d.node)) {
                let field = format!("${}{path}", definition.name.node);
                return Err(refusal(&field, text, Some(definition.name.pos)));
            }
        }
        walk.directives(&op.node.directives)?;
        walk.set(&op.node.selection_set)?;
    }
    for fragment in doc.fragments.values() {
        walk.directives(&fragment.node.directives)?;
        walk.set(&fragment.node.selection_set)?;
    }
    Ok(())
}

struct Walk<'a> {
    variables: &'a Variables,
}

impl<'a> Walk<'a> {
    fn set(&self, selection_set: &Positioned<SelectionSet>) -> Result<(), ServerError> {
        for item in &selection_set.node.items {
            match &item.node {
                Selection::Field(field) => {
                    self.arguments(&field.node.arguments, "")?;
                    self.directives(&field.node.directives)?;
                    self.set(&field.node.selection_set)?;
                }
                Selection::FragmentSpread(spread) => self.directives(&spread.node.directives)?,
                Selection::InlineFragment(inline) => {
                    self.directives(&inline.node.directives)?;
                    self.set(&inline.node.selection_set)?;
                }
            }
        }
        Ok(())
    }

    fn directives(&self, list: &[Positioned<Directive>]) -> Result<(), ServerError> {
        for directive in list {
            let prefix = format!("@{}.", directive.node.name.node);
            self.arguments(&directive.node.arguments, &prefix)?;
        }
        Ok(())
    }

    /// Each argument is named as the API names fields in errors: `text`,
    /// `input.name`, `filter.region`, `ids[2]`.
    fn arguments(
        &self,
        arguments: &[(Positioned<Name>, Positioned<Value>)],
        prefix: &str,
    ) -> Result<(), ServerError> {
        for (name, value) in arguments {
            if let Some((path, text)) = self.value(&value.node) {
                let field = format!("{prefix}{}{path}", name.node);
                return Err(refusal(&field, text, Some(value.pos)));
            }
        }
        Ok(())
    }

    /// Where in a value written in the document, or in the variable it
    /// names, a NUL is (`""` for the value itself, `.summary` or `[2]`
    /// inside it), and the text that holds it.
    fn value<'v>(&self, value: &'v Value) -> Option<(String, &'v str)>
    where
        'a: 'v,
    {
        match value {
            Value::Variable(name) => self.variables.get(name).and_then(const_nul),
            Value::String(s) => s.contains('\0').then(|| (String::new(), s.as_str())),
            Value::List(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, v)| inside(&format!("[{i}]"), self.value(v))),
            Value::Object(fields) => fields
                .iter()
                .find_map(|(k, v)| inside(&format!(".{k}"), self.value(v))),
            _ => None,
        }
    }
}

/// The same, within a value of the variables.
fn const_nul(value: &ConstValue) -> Option<(String, &str)> {
    match value {
        ConstValue::String(s) => s.contains('\0').then(|| (String::new(), s.as_str())),
        ConstValue::List(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| inside(&format!("[{i}]"), const_nul(v))),
        ConstValue::Object(fields) => fields
            .iter()
            .find_map(|(k, v)| inside(&format!(".{k}"), const_nul(v))),
        _ => None,
    }
}

fn inside<'a>(step: &str, found: Option<(String, &'a str)>) -> Option<(String, &'a str)> {
    found.map(|(path, text)| (format!("{step}{path}"), text))
}

/// Where in `text` its first NUL is, for a text of several lines: `line N
/// of`, so that a pasted file's binary part can be found.
fn line_of(text: &str) -> String {
    match text.find('\0') {
        Some(at) if text.contains('\n') => {
            format!(" line {}:", text[..at].matches('\n').count() + 1)
        }
        _ => String::new(),
    }
}

fn refusal(field: &str, text: &str, at: Option<async_graphql::Pos>) -> ServerError {
    let line = line_of(text);
    let mut e = ServerError::new(format!("{field}:{line} {NUL_REFUSAL}"), at);
    set_code(&mut e, "BAD_USER_INPUT");
    e.extensions
        .get_or_insert_with(Default::default)
        .set("field", field);
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(query: &str, variables: serde_json::Value) -> Result<(), String> {
        let doc = async_graphql::parser::parse_query(query).unwrap();
        let variables = Variables::from_json(variables);
        check(&doc, &variables).map_err(|e| e.extensions.unwrap().get("field").unwrap().to_string())
    }

    #[test]
    fn names_where_the_nul_is() {
        assert_eq!(
            run(
                "mutation($i: X) { a(input: $i) { id } }",
                serde_json::json!({"i": {"s": ["ok", "b\u{0}d"]}})
            ),
            Err("\"input.s[1]\"".into())
        );
        assert_eq!(
            run(
                r#"{ a { b(name: {first: "x\u0000"}) } }"#,
                serde_json::json!({})
            ),
            Err("\"name.first\"".into())
        );
        assert_eq!(
            run(
                r#"{ a @include(if: true) { b(name: "fine") } }"#,
                serde_json::json!({"v": "also fine"})
            ),
            Ok(())
        );
    }
}
