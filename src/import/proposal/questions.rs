//! The list-like sections: policy questions (split at `?`) and what
//! participants gain (split at inline bullets), written as lists or inline.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{paragraphs, strip_list_marker};

/// An inline bullet dash that starts a new item: at the start of the text,
/// or right after sentence punctuation (`... process. - Insights ...`).
/// Dashes inside a sentence (`levels - within`) are not separators.
static INLINE_BULLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:^|[.!?;:]["”’)]*)(?P<gap>\s*[-–—•●▪]\s+)"#).expect("valid regex")
});

/// Any whitespace-surrounded dash or bullet, the fallback separator.
static ANY_BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[-–—•●▪]\s+").expect("valid regex"));

/// The end of a question: `?`, optional closing quotes, then whitespace.
static QUESTION_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\?["”’)]*(?P<gap>\s+)"#).expect("valid regex"));

/// Chunks of a list-like section. When the section is written as a list
/// (its first line has a marker, or at least two lines do), each marker
/// starts an item and unmarked lines continue it; otherwise each paragraph
/// is one chunk. Returns whether the list form was used.
fn list_chunks(body: &[String]) -> (bool, Vec<String>) {
    let content: Vec<&String> = body.iter().filter(|l| !l.is_empty()).collect();
    let marked = content
        .iter()
        .filter(|l| strip_list_marker(l).is_some())
        .count();
    let first_marked = content
        .first()
        .is_some_and(|l| strip_list_marker(l).is_some());
    if !(first_marked || marked >= 2) {
        let chunks = paragraphs(body).iter().map(|p| p.join(" ")).collect();
        return (false, chunks);
    }
    let mut items: Vec<String> = Vec::new();
    let mut open = false;
    for line in body {
        if line.is_empty() {
            open = false;
        } else if let Some(rest) = strip_list_marker(line) {
            items.push(rest.to_owned());
            open = true;
        } else if open && let Some(last) = items.last_mut() {
            last.push(' ');
            last.push_str(line);
        } else {
            items.push(line.clone());
            open = true;
        }
    }
    (true, items)
}

/// Policy questions, one per entry.
pub(super) fn policy_questions(body: &[String]) -> Vec<String> {
    let (is_list, chunks) = list_chunks(body);
    let chunks = if is_list {
        chunks
    } else {
        question_chunks(body)
    };
    chunks
        .iter()
        .flat_map(|chunk| split_questions(chunk, is_list))
        .collect()
}

/// Words a question begins with, capitalised as at the start of a line.
const QUESTION_STARTS: [&str; 20] = [
    "How", "What", "Who", "Whom", "Whose", "Why", "Which", "Where", "When", "Should", "Can",
    "Could", "Would", "Will", "Is", "Are", "Do", "Does", "To", "In",
];

/// Paragraphs, each also split before a line that begins as a question
/// does: items listed one per line without a marker (as an HTML list
/// reads) stay apart even when one lacks its `?`.
fn question_chunks(body: &[String]) -> Vec<String> {
    let mut chunks = Vec::new();
    for paragraph in paragraphs(body) {
        let mut current: Vec<&str> = Vec::new();
        for line in paragraph {
            let first = line.split_whitespace().next().unwrap_or("");
            if !current.is_empty() && QUESTION_STARTS.contains(&first) {
                chunks.push(current.join(" "));
                current.clear();
            }
            current.push(line);
        }
        if !current.is_empty() {
            chunks.push(current.join(" "));
        }
    }
    chunks
}

/// Splits a paragraph into questions at each `?` followed by whitespace,
/// keeping the `?`. Dashes are not separators here: the 2025 questions
/// contain " - " asides. In list form an item is split only where the next
/// piece starts with its own marker ("1. What? 2. How?" on one line).
fn split_questions(text: &str, only_before_marker: bool) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for c in QUESTION_END.captures_iter(text) {
        let gap = c.name("gap").expect("group always matches");
        if only_before_marker && strip_list_marker(&text[gap.end()..]).is_none() {
            continue;
        }
        pieces.push(&text[start..gap.start()]);
        start = gap.end();
    }
    pieces.push(&text[start..]);
    pieces
        .into_iter()
        .map(|p| strip_list_marker(p).unwrap_or(p).trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// What participants gain, one item per entry. The 2025 layout writes the
/// items inline after the heading: "session? - Item one. - Item two.".
pub(super) fn participant_gains(body: &[String]) -> Vec<String> {
    let (_, chunks) = list_chunks(body);
    let single_line = body.iter().filter(|l| !l.is_empty()).count() == 1;
    chunks
        .iter()
        .flat_map(|chunk| split_inline_bullets(chunk, single_line))
        .collect()
}

/// Splits inline bullet items. A dash only separates items at the start or
/// after sentence punctuation, so "long-term - or not" inside an item stays
/// whole. When the whole section is one line that yields a single item, any
/// spaced dash is taken as a separator (items written without full stops).
fn split_inline_bullets(text: &str, single_line: bool) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for c in INLINE_BULLET.captures_iter(text) {
        let gap = c.name("gap").expect("group always matches");
        pieces.push(&text[start..gap.start()]);
        start = gap.end();
    }
    pieces.push(&text[start..]);
    let mut items: Vec<String> = pieces
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    if single_line && items.len() == 1 && ANY_BULLET.is_match(&items[0]) {
        items = ANY_BULLET
            .split(&items[0])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
    }
    items
}

#[cfg(test)]
mod tests {
    use entity::session::SessionKind;

    use crate::import::proposal::parse;

    fn with_questions(body: &str) -> Vec<String> {
        let text = format!(
            "IGF 2024 WS #7 T\nSpeaker 1: A B, Government, WEOG\n\nPolicy Question(s)\n\n{body}\n\nDescription:\nSome text.\n"
        );
        parse(&text).expect("parses").policy_questions
    }

    #[test]
    fn what_asks_nothing_is_no_question_and_takes_none_away() {
        // A sub-heading above the list heads nothing: the questions stay.
        assert_eq!(
            with_questions("Guiding questions\n\n1. How can X work?\n2. Who pays?"),
            ["How can X work?", "Who pays?"]
        );
        // An introduction is no question; a question without its mark is.
        assert_eq!(
            with_questions(
                "In this session, we will address three questions:\n\n\
                 To what extent should data be shared\n\nHow can we help?"
            ),
            ["To what extent should data be shared", "How can we help?"]
        );
        // A numbered label is the question's, never a section.
        assert_eq!(
            with_questions("Q1: How can trust grow\nacross borders?"),
            ["Q1: How can trust grow across borders?"]
        );
    }

    #[test]
    fn numbered_and_bulleted_policy_questions() {
        let want = vec!["What is X?", "How does Y work?", "Why Z - or not?"];
        for body in [
            "1- What is X?\n2- How does Y work?\n3- Why Z - or not?",
            "1. What is X?\n2. How does Y work?\n3. Why Z - or not?",
            "1) What is X?\n2) How does Y work?\n3) Why Z - or not?",
            "A. What is X?\nB. How does Y work?\nC. Why Z - or not?",
            "● What is X?\n● How does Y work?\n● Why Z - or not?",
            "* What is X?\n* How does Y work?\n* Why Z - or not?",
            "- What is X?\n- How does Y work?\n- Why Z - or not?",
            "\t1.\tWhat is X?\r\n\t2.\tHow does Y work?\r\n\t3.\tWhy Z - or not?",
            "What is X?\nHow does Y work?\nWhy Z - or not?",
            "1. What is X? 2. How does Y work? 3. Why Z - or not?",
        ] {
            assert_eq!(with_questions(body), want, "body: {body:?}");
        }
    }

    #[test]
    fn numbered_question_spanning_two_lines_stays_one() {
        assert_eq!(
            with_questions("1. What is X,\nand what is Y?\n2. How? And why?"),
            vec!["What is X, and what is Y?", "How? And why?"]
        );
    }

    #[test]
    fn inline_policy_questions_after_colon() {
        let d = parse("IGF 2025 OF #3 T\nPolicy Question(s): One? Two?\n").expect("parses");
        assert_eq!(d.policy_questions, vec!["One?", "Two?"]);
        assert_eq!(d.kind, SessionKind::OpenForum);
    }

    #[test]
    fn gains_one_per_line() {
        let d = parse(
            "IGF 2025 WS #1 T\n\nWhat will participants gain from attending this session?\n\n\
             ● Learn about A - and B\n● Meet people\n  who care\n● Leave with ideas.\n",
        )
        .expect("parses");
        assert_eq!(
            d.participant_gains,
            vec![
                "Learn about A - and B",
                "Meet people who care",
                "Leave with ideas."
            ]
        );
    }

    #[test]
    fn gains_inline_without_full_stops() {
        let d = parse(
            "IGF 2025 WS #1 T\nWhat will participants gain from attending this session?: - One - Two - Three\n",
        )
        .expect("parses");
        assert_eq!(d.participant_gains, vec!["One", "Two", "Three"]);
    }
}
