//! Errors null what the specification says they null. async-graphql 7
//! leaves a failed field out of its object; the specification answers it
//! `null` when its type is nullable, and otherwise nulls the nearest
//! nullable place above it (the object that holds it, that object's list
//! item, and so on up to `data` itself). Which places are nullable is read
//! from the schema's own SDL, once.

use std::collections::HashMap;

use async_graphql::{
    Name, PathSegment, Response, Value,
    parser::types::{BaseType, Type, TypeKind, TypeSystemDefinition},
};

/// The declared type of every field, by type and field name, and the
/// members of every union (a field reached through a union is looked up on
/// them).
#[derive(Debug, Default)]
pub struct Nullability {
    fields: HashMap<(Name, Name), Type>,
    unions: HashMap<Name, Vec<Name>>,
}

impl Nullability {
    /// Read the field types of `sdl`; an SDL that does not parse gives an
    /// empty index, under which every failed field is simply null.
    pub fn from_sdl(sdl: &str) -> Self {
        let mut index = Self::default();
        let Ok(doc) = async_graphql::parser::parse_schema(sdl) else {
            return index;
        };
        for def in doc.definitions {
            let TypeSystemDefinition::Type(def) = def else {
                continue;
            };
            let name = def.node.name.node.clone();
            let fields = match def.node.kind {
                TypeKind::Object(o) => o.fields,
                TypeKind::Interface(i) => i.fields,
                TypeKind::Union(u) => {
                    let members = u.members.into_iter().map(|m| m.node).collect();
                    index.unions.insert(name, members);
                    continue;
                }
                _ => continue,
            };
            for field in fields {
                index.fields.insert(
                    (name.clone(), field.node.name.node.clone()),
                    field.node.ty.node.clone(),
                );
            }
        }
        index
    }

    fn field(&self, on: &str, field: &str) -> Option<&Type> {
        let key = |t: &str| (Name::new(t), Name::new(field));
        self.fields.get(&key(on)).or_else(|| {
            self.unions
                .get(on)?
                .iter()
                .find_map(|member| self.fields.get(&key(member)))
        })
    }

    /// Null what every error of `response` nulls, for an operation whose
    /// root type is `root` (`Query`, `Mutation`).
    pub fn apply(&self, root: &str, response: &mut Response) {
        for error in &response.errors {
            if error.path.is_empty() {
                continue;
            }
            // The type at each place of the path: after its first segment,
            // its second, and so on.
            let mut types: Vec<Option<Type>> = Vec::with_capacity(error.path.len());
            let mut current = Some(Type {
                base: BaseType::Named(Name::new(root)),
                nullable: false,
            });
            for segment in &error.path {
                current = match (segment, current.as_ref().map(|t| &t.base)) {
                    (PathSegment::Field(f), Some(BaseType::Named(on))) => {
                        self.field(on, f).cloned()
                    }
                    (PathSegment::Index(_), Some(BaseType::List(item))) => Some((**item).clone()),
                    _ => None,
                };
                types.push(current.clone());
            }
            // The nearest nullable place, from the failed field up; an
            // unknown type counts as nullable.
            let place = (1..=types.len())
                .rev()
                .find(|&k| types[k - 1].as_ref().is_none_or(|t| t.nullable));
            match place {
                Some(k) => set_null(&mut response.data, &error.path[..k]),
                None => response.data = Value::Null,
            }
        }
    }
}

/// Make the place at `path` in `data` null, if its parents are there.
fn set_null(data: &mut Value, path: &[PathSegment]) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut at = data;
    for segment in parents {
        at = match (segment, at) {
            (PathSegment::Field(key), Value::Object(map)) => match map.get_mut(key.as_str()) {
                Some(v) => v,
                None => return,
            },
            (PathSegment::Index(i), Value::List(items)) => match items.get_mut(*i) {
                Some(v) => v,
                None => return,
            },
            _ => return,
        };
    }
    match (last, at) {
        (PathSegment::Field(key), Value::Object(map)) => {
            map.insert(Name::new(key), Value::Null);
        }
        (PathSegment::Index(i), Value::List(items)) => {
            if let Some(item) = items.get_mut(*i) {
                *item = Value::Null;
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::ServerError;

    use super::*;

    const SDL: &str = "type Query { a: A! b: B list: [A!]! maybe: [A] }
        type A { x: Int! y: Int }
        type B { x: Int! }";

    fn failed(data: serde_json::Value, path: &[&str]) -> serde_json::Value {
        let mut response = Response::new(serde_json::from_value::<Value>(data).unwrap());
        let mut e = ServerError::new("failed", None);
        e.path = path
            .iter()
            .map(|s| match s.parse::<usize>() {
                Ok(i) => PathSegment::Index(i),
                Err(_) => PathSegment::Field(s.to_string()),
            })
            .collect();
        response.errors.push(e);
        Nullability::from_sdl(SDL).apply("Query", &mut response);
        serde_json::to_value(&response.data).unwrap()
    }

    #[test]
    fn a_failed_field_nulls_the_nearest_nullable_place() {
        use serde_json::json;
        // Nullable: the field itself.
        assert_eq!(
            failed(json!({"a": {"x": 1}}), &["a", "y"]),
            json!({"a": {"x": 1, "y": null}})
        );
        // Non-null inside a nullable field: that field.
        assert_eq!(failed(json!({"b": {}}), &["b", "x"]), json!({"b": null}));
        // Non-null all the way up: data.
        assert_eq!(failed(json!({"a": {}}), &["a", "x"]), json!(null));
        assert_eq!(
            failed(json!({"list": [{"x": 1}, {}]}), &["list", "1", "x"]),
            json!(null)
        );
        // A nullable list item.
        assert_eq!(
            failed(json!({"maybe": [{"x": 1}, {}]}), &["maybe", "1", "x"]),
            json!({"maybe": [{"x": 1}, null]})
        );
    }
}
