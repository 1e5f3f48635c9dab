//! Errors null what the specification says they null. async-graphql 7
//! leaves a failed field out of its object (and answers an object whose
//! fields all failed as `null`); the specification answers a failed field
//! `null` when its type is nullable, and otherwise nulls the nearest
//! nullable place above it (the object that holds it, that object's list
//! item, and so on up to `data` itself).
//!
//! Each error's path is followed through the query document (a path names
//! response keys, so aliases and fragments are resolved there) and through
//! the field types, read once from the schema's SDL. A place whose type
//! cannot be told is taken as non-null: nulling too high loses a little of
//! an answer, nulling too low would put `null` where a client's types say
//! there is none.

use std::collections::HashMap;

use async_graphql::{
    Name, PathSegment, Response, Value,
    parser::types::{
        BaseType, ExecutableDocument, Selection, SelectionSet, Type, TypeKind, TypeSystemDefinition,
    },
};

/// The declared type of every field, by type and field name.
#[derive(Debug, Default)]
pub struct Nullability {
    fields: HashMap<(Name, Name), Type>,
}

impl Nullability {
    /// Read the field types of `sdl`, or say why it cannot be read.
    pub fn from_sdl(sdl: &str) -> Result<Self, String> {
        let doc = async_graphql::parser::parse_schema(sdl).map_err(|e| e.to_string())?;
        let mut index = Self::default();
        for def in doc.definitions {
            let TypeSystemDefinition::Type(def) = def else {
                continue;
            };
            let name = def.node.name.node.clone();
            let fields = match def.node.kind {
                TypeKind::Object(o) => o.fields,
                TypeKind::Interface(i) => i.fields,
                _ => continue,
            };
            for field in fields {
                index.fields.insert(
                    (name.clone(), field.node.name.node.clone()),
                    field.node.ty.node.clone(),
                );
            }
        }
        Ok(index)
    }

    /// Null what every error of `response` nulls. `root` is the operation's
    /// root type (`Query`, `Mutation`) and `set` its selection set in `doc`.
    pub fn apply(
        &self,
        doc: &ExecutableDocument,
        root: &str,
        set: &SelectionSet,
        response: &mut Response,
    ) {
        let mut targets: Vec<&[PathSegment]> = response
            .errors
            .iter()
            .filter(|e| !e.path.is_empty())
            .map(|e| &e.path[..self.nullable_prefix(doc, root, set, &e.path)])
            .collect();
        if targets.is_empty() {
            return;
        }
        if targets.iter().any(|t| t.is_empty()) {
            response.data = Value::Null;
            return;
        }
        // Execution ran: `data` is an object even if every field failed.
        if response.data == Value::Null {
            response.data = Value::Object(Default::default());
        }
        // Shorter places first: a place under one already nulled is gone.
        targets.sort_by_key(|t| t.len());
        let mut nulled: Vec<&[PathSegment]> = Vec::new();
        for target in targets {
            if nulled.iter().any(|n| target.starts_with(n)) {
                continue;
            }
            set_null(&mut response.data, target);
            nulled.push(target);
        }
    }

    /// How much of `path` stays: the length of the path to the nearest
    /// nullable place at or above the failed field (0 for `data`).
    fn nullable_prefix(
        &self,
        doc: &ExecutableDocument,
        root: &str,
        set: &SelectionSet,
        path: &[PathSegment],
    ) -> usize {
        // The type at each place along the path, or none where unknown.
        let mut types: Vec<Option<Type>> = Vec::with_capacity(path.len());
        let mut current = Some(Type {
            base: BaseType::Named(Name::new(root)),
            nullable: false,
        });
        let mut sets: Vec<&SelectionSet> = vec![set];
        for segment in path {
            current = match (segment, current.as_ref().map(|t| &t.base)) {
                (PathSegment::Field(key), Some(BaseType::Named(on))) => {
                    let (ty, children) = self.field_at(doc, on, &sets, key);
                    sets = children;
                    ty
                }
                (PathSegment::Index(_), Some(BaseType::List(item))) => Some((**item).clone()),
                _ => None,
            };
            types.push(current.clone());
        }
        (1..=types.len())
            .rev()
            .find(|&k| types[k - 1].as_ref().is_some_and(|t| t.nullable))
            .unwrap_or(0)
    }

    /// The type of response key `key` selected by `sets` on type `on`, and
    /// the selection sets under it. Under a fragment with a type condition
    /// the field is looked up on that type. When the fields under one key
    /// disagree on whether they may be null, the key counts as non-null.
    fn field_at<'a>(
        &self,
        doc: &'a ExecutableDocument,
        on: &Name,
        sets: &[&'a SelectionSet],
        key: &str,
    ) -> (Option<Type>, Vec<&'a SelectionSet>) {
        let mut found: Vec<(Name, Name)> = Vec::new();
        let mut children = Vec::new();
        for set in sets {
            collect(doc, set, on, key, &mut found, &mut children, 0);
        }
        let mut ty: Option<Type> = None;
        for (on, field) in found {
            let Some(t) = self.fields.get(&(on, field)) else {
                return (None, children);
            };
            ty = match ty {
                None => Some(t.clone()),
                Some(prev) if prev.nullable == t.nullable => Some(prev),
                Some(prev) => Some(Type {
                    nullable: false,
                    ..prev
                }),
            };
        }
        (ty, children)
    }
}

/// Every field of response key `key` in `set` (fragments expanded), with
/// the type it is selected on, and its selection set.
fn collect<'a>(
    doc: &'a ExecutableDocument,
    set: &'a SelectionSet,
    on: &Name,
    key: &str,
    found: &mut Vec<(Name, Name)>,
    children: &mut Vec<&'a SelectionSet>,
    depth: usize,
) {
    // Validation refuses fragment cycles; the bound is for safety only.
    if depth > 64 {
        return;
    }
    for item in &set.items {
        match &item.node {
            Selection::Field(field) if field.node.response_key().node.as_str() == key => {
                found.push((on.clone(), field.node.name.node.clone()));
                children.push(&field.node.selection_set.node);
            }
            Selection::Field(_) => {}
            Selection::FragmentSpread(spread) => {
                if let Some(fragment) = doc.fragments.get(&spread.node.fragment_name.node) {
                    let on = &fragment.node.type_condition.node.on.node;
                    let set = &fragment.node.selection_set.node;
                    collect(doc, set, on, key, found, children, depth + 1);
                }
            }
            Selection::InlineFragment(inline) => {
                let on = inline
                    .node
                    .type_condition
                    .as_ref()
                    .map_or(on, |c| &c.node.on.node);
                let set = &inline.node.selection_set.node;
                collect(doc, set, on, key, found, children, depth + 1);
            }
        }
    }
}

/// Make the place at `path` in `data` null. An object on the way that
/// async-graphql answered `null` because all its fields failed becomes an
/// object again, so the failed field takes its own place.
fn set_null(data: &mut Value, path: &[PathSegment]) {
    let Some((last, parents)) = path.split_last() else {
        *data = Value::Null;
        return;
    };
    let mut at = data;
    for (i, segment) in parents.iter().enumerate() {
        let next_is_field = matches!(path[i + 1], PathSegment::Field(_));
        at = match (segment, at) {
            (PathSegment::Field(key), Value::Object(map)) => {
                let slot = map.entry(Name::new(key)).or_insert(Value::Null);
                if *slot == Value::Null && next_is_field {
                    *slot = Value::Object(Default::default());
                }
                slot
            }
            (PathSegment::Index(i), Value::List(items)) => match items.get_mut(*i) {
                Some(item) => {
                    if *item == Value::Null && next_is_field {
                        *item = Value::Object(Default::default());
                    }
                    item
                }
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

    const SDL: &str = "type Query { a: A! b: B list: [A!]! maybe: [A] node: Node }
        interface Node { id: ID! }
        type A implements Node { id: ID! x: Int! y: Int }
        type B { x: Int! }";

    fn failed(query: &str, data: serde_json::Value, paths: &[&[&str]]) -> serde_json::Value {
        let doc = async_graphql::parser::parse_query(query).unwrap();
        let (_, op) = doc.operations.iter().next().unwrap();
        let mut response = Response::new(serde_json::from_value::<Value>(data).unwrap());
        for path in paths {
            let mut e = ServerError::new("failed", None);
            e.path = path
                .iter()
                .map(|s| match s.parse::<usize>() {
                    Ok(i) => PathSegment::Index(i),
                    Err(_) => PathSegment::Field(s.to_string()),
                })
                .collect();
            response.errors.push(e);
        }
        let index = Nullability::from_sdl(SDL).unwrap();
        index.apply(&doc, "Query", &op.node.selection_set.node, &mut response);
        serde_json::to_value(&response.data).unwrap()
    }

    #[test]
    fn a_failed_field_nulls_the_nearest_nullable_place() {
        use serde_json::json;
        // Nullable: the field itself.
        assert_eq!(
            failed("{ a { x y } }", json!({"a": {"x": 1}}), &[&["a", "y"]]),
            json!({"a": {"x": 1, "y": null}})
        );
        // Non-null inside a nullable field, under an alias: that field.
        assert_eq!(
            failed("{ bb: b { xx: x } }", json!({"bb": {}}), &[&["bb", "xx"]]),
            json!({"bb": null})
        );
        // Non-null all the way up: data.
        assert_eq!(
            failed("{ a { x } }", json!({"a": null}), &[&["a", "x"]]),
            json!(null)
        );
        assert_eq!(
            failed(
                "{ list { x } }",
                json!({"list": [{"x": 1}, {}]}),
                &[&["list", "1", "x"]]
            ),
            json!(null)
        );
        // A nullable list item.
        assert_eq!(
            failed(
                "{ maybe { x } }",
                json!({"maybe": [{"x": 1}, {}]}),
                &[&["maybe", "1", "x"]]
            ),
            json!({"maybe": [{"x": 1}, null]})
        );
        // Through an interface, by the fragment's type condition.
        assert_eq!(
            failed(
                "{ node { ... on A { y } } }",
                json!({"node": {}}),
                &[&["node", "y"]]
            ),
            json!({"node": {"y": null}})
        );
        assert_eq!(
            failed(
                "{ node { ... on A { x } } }",
                json!({"node": {}}),
                &[&["node", "x"]]
            ),
            json!({"node": null})
        );
        // Every root field failed: data is an object of nulls, not null.
        assert_eq!(
            failed(
                "{ b { x } maybe { x } }",
                json!(null),
                &[&["b"], &["maybe"]]
            ),
            json!({"b": null, "maybe": null})
        );
        // An object whose fields all failed is an object again.
        assert_eq!(
            failed("{ a { y } }", json!({"a": null}), &[&["a", "y"]]),
            json!({"a": {"y": null}})
        );
    }

    #[test]
    fn the_schemas_own_sdl_is_read() {
        let index = Nullability::from_sdl(&crate::graphql::sdl_for_types()).unwrap();
        assert!(index.fields.len() > 100, "{}", index.fields.len());
        let sessions = &index.fields[&(Name::new("Query"), Name::new("sessions"))];
        assert!(!sessions.nullable);
    }
}
