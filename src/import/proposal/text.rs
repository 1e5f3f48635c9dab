//! Text helpers shared by the parsers: whitespace, list markers,
//! paragraphs, and telling binary data from text.

use std::sync::LazyLock;

use regex::Regex;

/// A list marker at line start: `1-`, `1.`, `1)`, `A.`, `●`, `*`, `-`.
pub(super) static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?P<num>\d{1,2})\s*[.):\-–]|(?P<letter>[A-Za-z])[.)]|[●•▪◦·*\-–—])(?P<ws>\s*)(?P<rest>.*)$")
        .expect("valid regex")
});

/// Whether the text is binary rather than a text proposal: a NUL byte, or
/// more than a fifth of its characters non-printable (control characters
/// other than line breaks and tabs, or U+FFFD left by a lossy decode).
/// Returns the 1-based line of the first offending character.
pub(super) fn binary_line(text: &str) -> Option<usize> {
    let bad =
        |c: char| c == '\u{fffd}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'));
    let line_of = |pos: usize| text[..pos].matches('\n').count() + 1;
    if let Some(pos) = text.find('\0') {
        return Some(line_of(pos));
    }
    let total = text.chars().count();
    let bad_count = text.chars().filter(|&c| bad(c)).count();
    if bad_count > 0 && bad_count * 5 > total {
        return text.find(bad).map(line_of);
    }
    None
}

/// Joins body lines into text: lines of a paragraph with `"\n"`, paragraphs
/// with `"\n\n"`. `None` when there is no text.
pub(super) fn render_text(body: &[String]) -> Option<String> {
    let text = paragraphs(body)
        .iter()
        .map(|p| p.join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n");
    (!text.is_empty()).then_some(text)
}

/// Groups body lines into paragraphs at blank lines.
pub(super) fn paragraphs(body: &[String]) -> Vec<Vec<&str>> {
    body.split(|l| l.is_empty())
        .filter(|p| !p.is_empty())
        .map(|p| p.iter().map(String::as_str).collect())
        .collect()
}

/// The text after a list marker, if the line starts with one.
pub(super) fn strip_list_marker(line: &str) -> Option<&str> {
    let c = LIST_MARKER.captures(line)?;
    let spaced = !c["ws"].is_empty();
    let rest = c.name("rest")?.as_str();
    if rest.is_empty() {
        return None;
    }
    // "A." needs a space after it; "1.5 million" is not an item "1.".
    if c.name("letter").is_some() && !spaced {
        return None;
    }
    if c.name("num").is_some() && !spaced && rest.starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    Some(rest)
}

/// Trims and collapses runs of whitespace (tabs, NBSP, CR) to one space.
pub(super) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
