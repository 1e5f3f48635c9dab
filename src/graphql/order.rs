//! Answers in the order the query asked: async-graphql 7 resolves the
//! fields of an object concurrently and writes each into the answer as it
//! completes, so identical requests could answer their fields in different
//! orders. The GraphQL specification orders an answer's fields as the
//! query selects them (fragments expanded where they stand); this puts the
//! executed answer back in that order, in one walk over it.

use async_graphql::{
    Name, Value,
    parser::types::{ExecutableDocument, OperationDefinition, Selection, SelectionSet},
};

/// The operation `name` picks in `doc` (the only one when unnamed).
pub(super) fn operation<'a>(
    doc: &'a ExecutableDocument,
    name: Option<&str>,
) -> Option<&'a OperationDefinition> {
    doc.operations
        .iter()
        .find(|(op_name, _)| match (name, op_name) {
            (Some(wanted), Some(op_name)) => wanted == op_name.as_str(),
            (None, _) => true,
            (Some(_), None) => false,
        })
        .map(|(_, op)| &op.node)
}

/// Put `data`, the answer to operation `name` of `doc`, in the order its
/// selections ask for.
pub fn reorder(doc: &ExecutableDocument, name: Option<&str>, data: &mut Value) {
    if let Some(op) = operation(doc, name) {
        walk(doc, &[&op.selection_set.node], data);
    }
}

/// The response keys `sets` select, in order of first appearance, each
/// with the selection sets of the fields under that key.
fn keys<'a>(
    doc: &'a ExecutableDocument,
    set: &'a SelectionSet,
    out: &mut Vec<(&'a Name, Vec<&'a SelectionSet>)>,
    depth: usize,
) {
    // Validation refuses fragment cycles; the bound is for safety only.
    if depth > 64 {
        return;
    }
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => {
                let key = &field.node.response_key().node;
                let child = &field.node.selection_set.node;
                let at = match out.iter().position(|(k, _)| *k == key) {
                    Some(at) => at,
                    None => {
                        out.push((key, Vec::new()));
                        out.len() - 1
                    }
                };
                if !child.items.is_empty() {
                    out[at].1.push(child);
                }
            }
            Selection::FragmentSpread(spread) => {
                if let Some(fragment) = doc.fragments.get(&spread.node.fragment_name.node) {
                    keys(doc, &fragment.node.selection_set.node, out, depth + 1);
                }
            }
            Selection::InlineFragment(inline) => {
                keys(doc, &inline.node.selection_set.node, out, depth + 1);
            }
        }
    }
}

fn walk(doc: &ExecutableDocument, sets: &[&SelectionSet], value: &mut Value) {
    match value {
        Value::List(items) => {
            for item in items {
                walk(doc, sets, item);
            }
        }
        Value::Object(map) => {
            let mut order = Vec::new();
            for set in sets {
                keys(doc, set, &mut order, 0);
            }
            let mut old = std::mem::take(map);
            map.reserve(old.len());
            for (key, children) in order {
                if let Some(mut v) = old.swap_remove(key) {
                    if !children.is_empty() {
                        walk(doc, &children, &mut v);
                    }
                    map.insert(key.clone(), v);
                }
            }
            // Nothing should be left; if anything is, it keeps its place
            // after the rest rather than being lost.
            map.extend(old);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_come_back_in_the_order_asked_fragments_and_aliases_included() {
        let doc = async_graphql::parser::parse_query(
            "query { b a: x { z ...F y } c } fragment F on T { w y }",
        )
        .unwrap();
        let data: Value = serde_json::from_value(serde_json::json!({
            "c": 3,
            "a": [{ "y": 1, "w": 2, "z": 0 }, { "w": 2, "z": 0, "y": 1 }],
            "b": null
        }))
        .unwrap();
        let mut data = data;
        reorder(&doc, None, &mut data);
        assert_eq!(
            serde_json::to_string(&data).unwrap(),
            r#"{"b":null,"a":[{"z":0,"w":2,"y":1},{"z":0,"w":2,"y":1}],"c":3}"#
        );
    }
}
