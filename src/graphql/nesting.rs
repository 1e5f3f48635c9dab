//! How deep a query document nests, checked before and as it is parsed:
//! brackets in the text (which the parser would follow until the stack
//! overflows), and selections (which async-graphql refuses past a fixed
//! depth). The refusals are ours, chosen by the parser's error type and
//! by counting, never by the wording of async-graphql's own errors.

use async_graphql::{
    Positioned, ServerError,
    parser::types::{ExecutableDocument, Selection, SelectionSet},
};

use super::size::refusal;
use crate::error::{PARSE_FAILED, TOO_COMPLEX, set_code};

/// Deepest nesting of brackets (`{`, `[`) a document may have. The parser
/// recurses once per bracket and has no limit of its own on values: a few
/// thousand `[` in an argument overflow the stack and abort the process.
const MAX_BRACKETS: usize = 128;

/// Refuse text nested deeper than the parser can take: one pass over the
/// text, skipping strings, block strings and comments.
pub fn check_nesting(text: &str) -> Result<(), ServerError> {
    let bytes = text.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                i += 3;
                while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                    // `\"""` is an escaped triple quote inside a block string.
                    i += if bytes[i..].starts_with(b"\\\"\"\"") {
                        4
                    } else {
                        1
                    };
                }
                i += 2;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_BRACKETS {
                    return Err(refusal(
                        TOO_COMPLEX,
                        format!(
                            "the query nests brackets more than {MAX_BRACKETS} deep: select \
                             fewer levels, and pass deep values as variables"
                        ),
                    ));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Parse a document, refusing first what would overflow the parser.
pub fn parse(text: &str) -> Result<ExecutableDocument, ServerError> {
    check_nesting(text)?;
    async_graphql::parser::parse_query(text).map_err(parse_error)
}

/// What the client hears of a document the parser refused.
fn parse_error(e: async_graphql::parser::Error) -> ServerError {
    match e {
        // The parser stops at a fixed nesting of selections: that query is
        // too deep rather than malformed.
        async_graphql::parser::Error::RecursionLimitExceeded => {
            refusal(TOO_COMPLEX, TOO_DEEP.into())
        }
        other => {
            let mut e = ServerError::from(other);
            set_code(&mut e, PARSE_FAILED);
            e
        }
    }
}

/// The refusal for a query whose selections nest deeper than can be read.
const TOO_DEEP: &str = "the query is nested too deep: select fewer levels";

/// Deepest nesting of selection sets (fields with selections, fragment
/// spreads and inline fragments) async-graphql reads: its default, which
/// it checks as it reads a document, before validation.
const MAX_RECURSION: usize = 32;

/// Refuse a document that nests its selections deeper than
/// [`MAX_RECURSION`], where async-graphql would, and at the same place
/// (the first selection set too deep, walking in document order), but with
/// our own error. Runs after [`super::size::check`], which refuses fragment cycles and
/// bounds the expanded size, so the walk is bounded.
pub fn check_recursion(doc: &ExecutableDocument) -> Result<(), ServerError> {
    fn walk(
        doc: &ExecutableDocument,
        set: &Positioned<SelectionSet>,
        depth: usize,
    ) -> Result<(), ServerError> {
        if depth > MAX_RECURSION {
            let mut e = ServerError::new(TOO_DEEP, Some(set.pos));
            set_code(&mut e, TOO_COMPLEX);
            return Err(e);
        }
        for item in &set.node.items {
            match &item.node {
                Selection::Field(f) => {
                    if !f.node.selection_set.node.items.is_empty() {
                        walk(doc, &f.node.selection_set, depth + 1)?;
                    }
                }
                Selection::FragmentSpread(spread) => {
                    if let Some(fragment) = doc.fragments.get(&spread.node.fragment_name.node) {
                        walk(doc, &fragment.node.selection_set, depth + 1)?;
                    }
                }
                Selection::InlineFragment(f) => walk(doc, &f.node.selection_set, depth + 1)?,
            }
        }
        Ok(())
    }
    for (_, op) in doc.operations.iter() {
        walk(doc, &op.node.selection_set, 0)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;

    use super::*;

    fn code(e: &ServerError) -> String {
        e.extensions
            .as_ref()
            .and_then(|x| x.get("code"))
            .map(|v| v.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn brackets_are_counted_outside_strings_and_comments() {
        let deep = format!(
            "{{ regions(code: {}{}) {{ code }} }}",
            "[".repeat(200),
            "]".repeat(200)
        );
        assert!(check_nesting(&deep).is_err());
        let quoted = format!(
            "{{ regions(code: \"{}\") {{ code }} }} # {}\n{{ a }} \"\"\" {} \\\"\"\" {} \"\"\"",
            "[".repeat(200),
            "{".repeat(200),
            "[".repeat(200),
            "{".repeat(200)
        );
        assert!(check_nesting(&quoted).is_ok());
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn a_syntax_error_is_a_parse_failure_whatever_its_line_says() {
        let e = parse("{ recursion depth exceeded(").unwrap_err();
        assert_eq!(code(&e), "\"GRAPHQL_PARSE_FAILED\"", "{}", e.message);
    }

    #[test]
    fn selections_nested_past_the_parser_are_too_complex() {
        let deep = format!("{}code{}", "{ a ".repeat(70), " }".repeat(70));
        let e = parse(&deep).unwrap_err();
        assert_eq!(code(&e), "\"QUERY_TOO_COMPLEX\"", "{}", e.message);
        assert_eq!(e.message, TOO_DEEP);
        assert!(e.locations.is_empty());
    }

    #[test]
    fn selections_nested_past_what_async_graphql_reads_are_refused_where_they_start() {
        let nested = |levels: usize| {
            parse_query(format!(
                "{}code{}",
                "{ a ".repeat(levels),
                " }".repeat(levels)
            ))
            .unwrap()
        };
        assert!(check_recursion(&nested(MAX_RECURSION + 1)).is_ok());
        let e = check_recursion(&nested(MAX_RECURSION + 2)).unwrap_err();
        assert_eq!(code(&e), "\"QUERY_TOO_COMPLEX\"", "{}", e.message);
        // The selection set opened by the 34th `{`, as async-graphql says.
        let column = 4 * (MAX_RECURSION + 1) + 1;
        assert_eq!(
            e.locations,
            [async_graphql::Pos { line: 1, column }],
            "{}",
            e.message
        );
    }
}
