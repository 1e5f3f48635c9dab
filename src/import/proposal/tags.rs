//! Topic tags (`Topics: A; B`) and SDG entries (`9.1`, `SDG 16: ...`).

use std::sync::LazyLock;

use regex::Regex;

use super::text::strip_list_marker;

/// One SDG entry: `9.1`, `16.b`, `SDG 16: Peace...`, `Goal 4 - ...`.
pub(super) static SDG_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:sdg\s*#?\s*|goal\s*)?\d{1,2}(?:\.[0-9a-z]{1,2})?(?:$|[\s:.\-–—),])")
        .expect("valid regex")
});

/// An item under a `Topic` heading.
pub(super) fn is_topic_line(line: &str) -> bool {
    let line = strip_list_marker(line).unwrap_or(line);
    line.chars().count() <= 80
        && line.split_whitespace().count() <= 8
        && line.contains(char::is_alphabetic)
        && !line.ends_with(['.', '?', '!', ':'])
}

/// Topic tags from `A; B` (or `A, B` when there is no other separator).
pub(super) fn split_tags(s: &str) -> Vec<String> {
    const SEPARATORS: [char; 4] = [';', '|', '•', '·'];
    let pieces: Vec<&str> = if s.contains(SEPARATORS) {
        s.split(SEPARATORS).collect()
    } else {
        s.split(',').collect()
    };
    pieces
        .into_iter()
        .map(|p| strip_list_marker(p.trim()).unwrap_or(p).trim())
        .map(|p| p.trim_end_matches('.').trim())
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// SDG entries from one line: split at `;`, and at commas that start a new
/// entry (`9.1, 16.7`), not inside one (`SDG 16: Peace, Justice ...`).
pub(super) fn split_sdgs(s: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for part in s.split([';', '|']) {
        let mut current: Option<String> = None;
        for piece in part.split(',') {
            let piece = piece.trim();
            let item = strip_list_marker(piece).unwrap_or(piece);
            match &mut current {
                Some(cur) if !SDG_ITEM.is_match(item) => {
                    cur.push_str(", ");
                    cur.push_str(piece);
                }
                _ => {
                    items.extend(current.take());
                    current = Some(item.to_owned());
                }
            }
        }
        items.extend(current);
    }
    items
        .into_iter()
        .map(|i| i.trim().to_owned())
        .filter(|i| !i.is_empty())
        .collect()
}
