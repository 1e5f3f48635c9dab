//! The size of a query document, measured before async-graphql sees it.
//!
//! async-graphql's own checks (recursion depth, validation, cost) walk the
//! document with every fragment spread expanded in place. Fragments that
//! each spread the previous one three times make a query of under 1 KB
//! expand to 3^k selections, and those walks then take time exponential in
//! k before anything is refused. Here every count is linear in the length
//! of the document: written fields and spreads are counted as written, and
//! the expanded size is computed with each fragment's size worked out once.
//!
//! The same module merges repeated fields: where the GraphQL rules merge
//! two selections into one answer (same response key, same field, same
//! arguments and directives), the document is rewritten so the field is
//! resolved once ([spec: Field Collection](https://spec.graphql.org/October2021/#sec-Field-Collection)).

use std::collections::HashMap;

use async_graphql::{
    Name, Positioned, ServerError,
    parser::types::{Directive, ExecutableDocument, Field, Selection, SelectionSet},
};

pub use super::nesting::{check_nesting, parse};
use crate::error::{TOO_COMPLEX, VALIDATION_FAILED, set_code};

/// How large a document may be, counted without expanding it.
#[derive(Debug, Clone, Copy)]
pub struct SizeLimits {
    /// Fields as written, every repetition counted.
    pub max_fields: usize,
    /// Fragment spreads as written.
    pub max_spreads: usize,
    /// Fields once every fragment spread is expanded in place.
    pub max_selections: usize,
}

/// Deepest nesting of selection sets, fragments spread and inline
/// fragments included, that the expansion follows: the parser allows 64
/// levels of written nesting, async-graphql answers at most 32.
const MAX_NESTING: usize = 64;

pub(super) fn refusal(code: &str, message: String) -> ServerError {
    let mut e = ServerError::new(message, None);
    set_code(&mut e, code);
    e
}

/// Refuse a document past `limits`, before any expansion.
pub fn check(doc: &ExecutableDocument, limits: SizeLimits) -> Result<(), ServerError> {
    let (mut fields, mut spreads) = (0usize, 0usize);
    for set in top_level_sets(doc) {
        count_written(set, &mut fields, &mut spreads);
    }
    if fields > limits.max_fields {
        return Err(refusal(
            TOO_COMPLEX,
            format!(
                "the query selects {fields} fields as written, at most {} are allowed \
                 (a field written twice counts twice): select fewer fields",
                limits.max_fields
            ),
        ));
    }
    if spreads > limits.max_spreads {
        return Err(refusal(
            TOO_COMPLEX,
            format!(
                "the query spreads fragments {spreads} times, at most {} are allowed",
                limits.max_spreads
            ),
        ));
    }
    let mut expansion = Expansion {
        doc,
        sizes: HashMap::new(),
    };
    let mut selections = 0u64;
    for (_, op) in doc.operations.iter() {
        selections = selections.saturating_add(expansion.size(&op.node.selection_set.node, 0)?);
    }
    if selections > limits.max_selections as u64 {
        return Err(refusal(
            TOO_COMPLEX,
            format!(
                "with its fragments spread, the query selects {selections} fields, at most {} are \
                 allowed: fragments that spread other fragments multiply, so spread fewer",
                limits.max_selections
            ),
        ));
    }
    Ok(())
}

/// Most introspection lists (`fields`, `inputFields`, `interfaces`,
/// `possibleTypes`) one path may nest: every client's introspection query
/// nests one; each further level multiplies the answer by the number of
/// types, with no page size to bound it.
const MAX_INTROSPECTION_LISTS: usize = 2;

/// Refuse introspection that nests its lists, as graphql-js's
/// `MaxIntrospectionDepthRule` does. Runs after [`check`], so the walk over
/// the expanded document is bounded.
pub fn check_introspection(doc: &ExecutableDocument) -> Result<(), ServerError> {
    for (_, op) in doc.operations.iter() {
        introspection_lists(doc, &op.node.selection_set.node, None, 0)?;
    }
    Ok(())
}

/// `lists` is `None` outside `__schema`/`__type`, else the lists nested so far.
fn introspection_lists(
    doc: &ExecutableDocument,
    set: &SelectionSet,
    lists: Option<usize>,
    nesting: usize,
) -> Result<(), ServerError> {
    if nesting > MAX_NESTING {
        return Ok(());
    }
    for item in &set.items {
        let (inner, lists) = match &item.node {
            Selection::Field(f) => {
                let name = f.node.name.node.as_str();
                let lists = match (lists, name) {
                    (None, "__schema" | "__type") => Some(0),
                    (Some(n), "fields" | "inputFields" | "interfaces" | "possibleTypes") => {
                        Some(n + 1)
                    }
                    (other, _) => other,
                };
                if lists.is_some_and(|n| n > MAX_INTROSPECTION_LISTS) {
                    return Err(refusal(
                        TOO_COMPLEX,
                        format!(
                            "introspection nests `{name}` in another list of types; at most \
                             {MAX_INTROSPECTION_LISTS} such lists may nest"
                        ),
                    ));
                }
                (&f.node.selection_set.node, lists)
            }
            Selection::InlineFragment(f) => (&f.node.selection_set.node, lists),
            Selection::FragmentSpread(spread) => {
                match doc.fragments.get(&spread.node.fragment_name.node) {
                    Some(fragment) => (&fragment.node.selection_set.node, lists),
                    None => continue,
                }
            }
        };
        introspection_lists(doc, inner, lists, nesting + 1)?;
    }
    Ok(())
}

/// The selection sets of every operation and fragment definition.
fn top_level_sets(doc: &ExecutableDocument) -> impl Iterator<Item = &SelectionSet> {
    doc.operations
        .iter()
        .map(|(_, op)| &op.node.selection_set.node)
        .chain(doc.fragments.values().map(|f| &f.node.selection_set.node))
}

/// Count fields and spreads as written (the parser bounds the nesting).
fn count_written(set: &SelectionSet, fields: &mut usize, spreads: &mut usize) {
    for item in &set.items {
        match &item.node {
            Selection::Field(f) => {
                *fields += 1;
                count_written(&f.node.selection_set.node, fields, spreads);
            }
            Selection::FragmentSpread(_) => *spreads += 1,
            Selection::InlineFragment(f) => {
                count_written(&f.node.selection_set.node, fields, spreads);
            }
        }
    }
}

/// A fragment's expanded size: being worked out (a spread that reaches it
/// again is a cycle), or known.
#[derive(Clone, Copy)]
enum Size {
    Counting,
    Known(u64),
}

struct Expansion<'a> {
    doc: &'a ExecutableDocument,
    sizes: HashMap<&'a Name, Size>,
}

impl<'a> Expansion<'a> {
    /// The fields `set` selects with every spread expanded, each fragment
    /// counted once and its size reused.
    fn size(&mut self, set: &'a SelectionSet, nesting: usize) -> Result<u64, ServerError> {
        if nesting > MAX_NESTING {
            return Err(refusal(
                TOO_COMPLEX,
                format!(
                    "the query is nested too deep: more than {MAX_NESTING} levels of fields and \
                     fragments"
                ),
            ));
        }
        let mut total = 0u64;
        for item in &set.items {
            let n = match &item.node {
                Selection::Field(f) => {
                    1u64.saturating_add(self.size(&f.node.selection_set.node, nesting + 1)?)
                }
                Selection::InlineFragment(f) => {
                    self.size(&f.node.selection_set.node, nesting + 1)?
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(&spread.node.fragment_name.node, nesting)?
                }
            };
            total = total.saturating_add(n);
        }
        Ok(total)
    }

    fn fragment(&mut self, name: &'a Name, nesting: usize) -> Result<u64, ServerError> {
        // An unknown fragment is left to validation, which names it.
        let Some((name, fragment)) = self.doc.fragments.get_key_value(name) else {
            return Ok(0);
        };
        match self.sizes.get(name) {
            Some(Size::Known(n)) => return Ok(*n),
            Some(Size::Counting) => {
                return Err(refusal(
                    VALIDATION_FAILED,
                    format!("fragment `{name}` spreads itself, directly or through others"),
                ));
            }
            None => {}
        }
        self.sizes.insert(name, Size::Counting);
        let n = self.size(&fragment.node.selection_set.node, nesting + 1)?;
        self.sizes.insert(name, Size::Known(n));
        Ok(n)
    }
}

/// Merge, in every selection set of `doc`, the fields that the GraphQL
/// rules merge into one answer, so each is resolved once. Returns whether
/// anything was merged.
pub fn merge_repeated_fields(doc: &mut ExecutableDocument) -> bool {
    use async_graphql::parser::types::DocumentOperations;
    let mut merged = false;
    match &mut doc.operations {
        DocumentOperations::Single(op) => merged |= merge_set(&mut op.node.selection_set.node),
        DocumentOperations::Multiple(ops) => {
            for op in ops.values_mut() {
                merged |= merge_set(&mut op.node.selection_set.node);
            }
        }
    }
    for fragment in doc.fragments.values_mut() {
        merged |= merge_set(&mut fragment.node.selection_set.node);
    }
    merged
}

/// Whether any selection set of `doc` repeats a field that would merge.
pub fn has_repeated_fields(doc: &ExecutableDocument) -> bool {
    top_level_sets(doc).any(set_repeats)
}

fn set_repeats(set: &SelectionSet) -> bool {
    let fields: Vec<&Field> = direct_fields(set).collect();
    fields
        .iter()
        .enumerate()
        .any(|(i, f)| fields[..i].iter().any(|g| same_field(f, g)))
        || set.items.iter().any(|item| match &item.node {
            Selection::Field(f) => set_repeats(&f.node.selection_set.node),
            Selection::InlineFragment(f) => set_repeats(&f.node.selection_set.node),
            Selection::FragmentSpread(_) => false,
        })
}

fn direct_fields(set: &SelectionSet) -> impl Iterator<Item = &Field> {
    set.items.iter().filter_map(|item| match &item.node {
        Selection::Field(f) => Some(&f.node),
        _ => None,
    })
}

fn merge_set(set: &mut SelectionSet) -> bool {
    let mut merged = false;
    let mut kept: Vec<Positioned<Selection>> = Vec::with_capacity(set.items.len());
    for item in std::mem::take(&mut set.items) {
        if let Selection::Field(field) = &item.node
            && let Some(Selection::Field(first)) = kept
                .iter_mut()
                .map(|k| &mut k.node)
                .find(|k| matches!(k, Selection::Field(g) if same_field(&field.node, &g.node)))
        {
            let Selection::Field(field) = item.node else {
                unreachable!("matched as a field above")
            };
            first
                .node
                .selection_set
                .node
                .items
                .extend(field.node.selection_set.node.items);
            merged = true;
            continue;
        }
        kept.push(item);
    }
    set.items = kept;
    for item in &mut set.items {
        match &mut item.node {
            Selection::Field(f) => merged |= merge_set(&mut f.node.selection_set.node),
            Selection::InlineFragment(f) => merged |= merge_set(&mut f.node.selection_set.node),
            Selection::FragmentSpread(_) => {}
        }
    }
    merged
}

/// Whether two fields of one selection set give one answer: the same
/// response key, field, arguments and directives. Fields that share a key
/// but differ otherwise are left for validation to refuse.
fn same_field(a: &Field, b: &Field) -> bool {
    a.response_key().node == b.response_key().node
        && a.name.node == b.name.node
        // A leaf and a field with a selection do not merge: validation
        // must still see the leaf that lacks its selection.
        && a.selection_set.node.items.is_empty() == b.selection_set.node.items.is_empty()
        && a.arguments == b.arguments
        && a.directives.len() == b.directives.len()
        && a.directives
            .iter()
            .zip(&b.directives)
            .all(|(x, y)| same_directive(&x.node, &y.node))
}

fn same_directive(a: &Directive, b: &Directive) -> bool {
    a.name.node == b.name.node && a.arguments == b.arguments
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;

    use super::*;

    const LIMITS: SizeLimits = SizeLimits {
        max_fields: 100,
        max_spreads: 50,
        max_selections: 1000,
    };

    /// Fragments `F1..=Fk`, each spreading the previous one three times.
    fn fan_out(k: usize) -> String {
        let mut q = format!("query {{ ...F{k} }} fragment F0 on Query {{ regions {{ code }} }}");
        for i in 1..=k {
            q.push_str(&format!(
                " fragment F{i} on Query {{ ...F{p} ...F{p} ...F{p} }}",
                p = i - 1
            ));
        }
        q
    }

    fn code(e: &ServerError) -> String {
        e.extensions
            .as_ref()
            .and_then(|x| x.get("code"))
            .map(|v| v.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn a_fan_out_is_measured_without_expanding_it() {
        let small = parse_query(fan_out(4)).unwrap();
        assert!(check(&small, LIMITS).is_ok(), "3^4 × 2 = 162 fields");
        // 3^40 would never finish if expanded; counting it is immediate.
        let huge = parse_query(fan_out(40)).unwrap();
        let e = check(
            &huge,
            SizeLimits {
                max_spreads: 1000,
                ..LIMITS
            },
        )
        .unwrap_err();
        assert_eq!(code(&e), "\"QUERY_TOO_COMPLEX\"", "{}", e.message);
    }

    #[test]
    fn introspection_lists_may_not_nest_deeper_than_clients_ask() {
        let client = parse_query(
            "{ __schema { types { ...T } } } fragment T on __Type { fields { type { ofType { name } } } inputFields { name } interfaces { name } possibleTypes { name } }",
        )
        .unwrap();
        assert!(check_introspection(&client).is_ok());
        let nested = parse_query(
            "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }",
        )
        .unwrap();
        assert!(check_introspection(&nested).is_err());
        let ours = parse_query("{ sessions { nodes { code } } }").unwrap();
        assert!(check_introspection(&ours).is_ok());
    }

    #[test]
    fn a_cycle_is_a_validation_error() {
        let doc = parse_query(
            "{ ...A } fragment A on Query { ...B } fragment B on Query { regions { ...A } }",
        )
        .unwrap();
        let e = check(&doc, LIMITS).unwrap_err();
        assert_eq!(code(&e), "\"GRAPHQL_VALIDATION_FAILED\"", "{}", e.message);
    }

    #[test]
    fn identical_fields_merge_and_different_ones_stay() {
        let mut doc = parse_query(
            "{ a: regions { code } a: regions { name } regions { code } sessions(first: 1) { totalCount } sessions(first: 2) { totalCount } }",
        )
        .unwrap();
        assert!(has_repeated_fields(&doc));
        assert!(merge_repeated_fields(&mut doc));
        let (_, op) = doc.operations.iter().next().unwrap();
        let keys: Vec<String> = direct_fields(&op.node.selection_set.node)
            .map(|f| f.response_key().node.to_string())
            .collect();
        assert_eq!(keys, ["a", "regions", "sessions", "sessions"]);
        let first = direct_fields(&op.node.selection_set.node).next().unwrap();
        assert_eq!(first.selection_set.node.items.len(), 2, "code and name");
        assert!(!has_repeated_fields(&doc));
    }
}
