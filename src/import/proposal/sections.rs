//! Sections by heading: the known headings (`Format`, `Description:`,
//! `Expected Outcomes`...), unknown headings kept as written, and how each
//! raw section's body is stored in the draft.

use std::sync::LazyLock;

use regex::Regex;

use super::{
    ExtraSection, ProposalDraft,
    layout::format_from_raw,
    questions::{participant_gains, policy_questions},
    text::{LIST_MARKER, render_text},
};

/// The sections the parser knows by heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Known {
    Format,
    Duration,
    FormatDescription,
    PolicyQuestions,
    Gains,
    Description,
    ExpectedOutcomes,
    HybridFormat,
    AdditionalSpeakers,
    /// A bare `Organizers` or `Speakers` heading above the role lines.
    RoleList,
}

impl Known {
    pub(super) fn label(self) -> &'static str {
        match self {
            Known::Format => "Format",
            Known::Duration => "Duration (minutes)",
            Known::FormatDescription => "Format description",
            Known::PolicyQuestions => "Policy Question(s)",
            Known::Gains => "What will participants gain from attending this session?",
            Known::Description => "Description",
            Known::ExpectedOutcomes => "Expected Outcomes",
            Known::HybridFormat => "Hybrid Format",
            Known::AdditionalSpeakers => "Additional Speakers",
            Known::RoleList => "Speakers",
        }
    }

    /// Sections that hold one value, either after the heading or on the next
    /// non-empty line (the 2025 layout puts `Theater` under `Format`).
    pub(super) fn single_value(self) -> bool {
        matches!(self, Known::Format | Known::Duration)
    }

    /// Free-text sections: a last line that stops mid-sentence there
    /// suggests the page was cut off.
    pub(super) fn prose(self) -> bool {
        matches!(
            self,
            Known::FormatDescription
                | Known::Description
                | Known::ExpectedOutcomes
                | Known::HybridFormat
        )
    }
}

/// Known headings, most specific first: `Format description` must be tried
/// before `Format`. Each captures optional same-line content in group 1.
static KNOWN: LazyLock<Vec<(Known, Regex)>> = LazyLock::new(|| {
    let re = |s: &str| Regex::new(s).expect("valid regex");
    vec![
        (
            Known::FormatDescription,
            re(r"(?i)^format\s+description\s*(?::\s*(.*))?$"),
        ),
        (
            Known::HybridFormat,
            re(r"(?i)^hybrid\s+format\s*(?::\s*(.*))?$"),
        ),
        (
            Known::Duration,
            re(r"(?i)^duration\s*(?:\(\s*(?:in\s+)?min(?:ute)?s?\.?\s*\))?\s*(?::\s*(.*))?$"),
        ),
        (Known::Format, re(r"(?i)^format\s*(?::\s*(.*))?$")),
        (
            Known::PolicyQuestions,
            re(r"(?i)^policy\s+question(?:s|\s*\(s\))?\s*(?::\s*(.*))?$"),
        ),
        (
            // The heading is itself a question: content may follow its "?".
            Known::Gains,
            re(
                r"(?i)^what\s+will\s+participants\s+gain\s+from\s+attending\s+(?:this|the)\s+session\s*(?:\?\s*:?|:)?\s*(.*)$",
            ),
        ),
        (
            Known::Description,
            re(r"(?i)^(?:session\s+)?description\s*(?::\s*(.*))?$"),
        ),
        (
            Known::ExpectedOutcomes,
            re(r"(?i)^expected\s+outcomes?\s*(?::\s*(.*))?$"),
        ),
        (
            Known::AdditionalSpeakers,
            re(r"(?i)^additional\s+speakers?\s*(?::\s*(.*))?$"),
        ),
        (
            // Never has content: the group only keeps the shape of the others.
            Known::RoleList,
            re(r"(?i)^(?:co-?\s*)?(?:organi[sz]ers?|speakers?)(?:\s*\(s\))?\s*:?()$"),
        ),
    ]
});

static INTEGER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("valid regex"));

/// Which bucket a raw section's lines go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    Known(Known),
    /// A heading the parser does not know.
    Extra,
    /// Text outside any section.
    Orphan,
}

/// A section as collected while scanning, before its body is interpreted.
#[derive(Debug)]
pub(super) struct RawSection {
    pub(super) slot: Slot,
    pub(super) heading: String,
    pub(super) line: usize,
    /// Normalised lines; an empty string stands for a blank line.
    pub(super) body: Vec<String>,
}

/// Matches a known heading; returns it with any same-line content.
pub(super) fn match_known(line: &str) -> Option<(Known, Option<String>)> {
    KNOWN.iter().find_map(|(known, re)| {
        re.captures(line)
            .map(|c| (*known, c.get(1).map(|m| m.as_str().trim().to_owned())))
    })
}
/// Conservative test for a heading the parser does not know. A line is one
/// only if it is short, does not end like a sentence and either ends with a
/// colon, or is Title-Cased, stands alone between blank lines (or at a
/// section start) and has body text after it. Anything else is body text of
/// the current section, so a false negative never loses text.
pub(super) fn looks_like_unknown_heading(lines: &[String], idx: usize) -> bool {
    let line = lines[idx].as_str();
    if line.chars().count() >= 60 || LIST_MARKER.is_match(line) {
        return false;
    }
    let Some(first) = line.chars().next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    if let Some(stem) = line.strip_suffix(':') {
        // "Key Takeaways:" but not "It has two parts. These are:" nor "The
        // session will be guided by the following:".
        return !stem.trim().is_empty()
            && !stem.contains(". ")
            && stem.split_whitespace().count() <= 6;
    }
    if line.ends_with(['.', '?', '!', ',', ';', ':']) || !is_title_cased(line) {
        return false;
    }
    let blank_before = idx == 0 || lines[idx - 1].is_empty();
    let blank_after = lines.get(idx + 1).is_some_and(String::is_empty);
    let body_follows = lines[idx + 1..].iter().any(|l| !l.is_empty());
    blank_before && blank_after && body_follows
}

/// A label inside a policy-question section that starts a section of its
/// own: its heading, any text after its colon, and whether it is a known
/// heading cut off by the page.
pub(super) struct Label {
    pub(super) heading: String,
    pub(super) content: Option<String>,
    pub(super) cut: bool,
}

/// Words a question starts with, so a question written without its `?`
/// is never taken for a label.
const QUESTION_WORDS: [&str; 27] = [
    "how", "what", "who", "whom", "whose", "why", "which", "where", "when", "should", "can",
    "could", "is", "are", "do", "does", "did", "would", "will", "must", "may", "might", "shall",
    "has", "have", "to", "in",
];

/// Whether an item under the policy-question heading asks something: it
/// has a `?`, or it begins as a question does (`How to ...`, `To what
/// extent ...`).
pub(super) fn is_question(item: &str) -> bool {
    let words: Vec<String> = item
        .split_whitespace()
        .take(3)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let first = words.first().map_or("", String::as_str);
    // "To what extent", "In which ways", but not "To this end" or "In this
    // session".
    let asks = match first {
        "to" | "in" => words[1..].iter().any(|w| {
            matches!(
                w.as_str(),
                "what" | "which" | "how" | "whom" | "whose" | "extent"
            )
        }),
        _ => QUESTION_WORDS.contains(&first),
    };
    item.contains('?') || asks
}

/// `q1`, `pq 3`, `q.2`: a question's number used as a label.
static NUMBERED_QUESTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^p?q\s*\.?\s*\d+[a-z]?$").expect("valid regex"));

/// Labels of IGF's templates that never head a question, whatever their
/// text holds.
const NOT_QUESTION_LABELS: [&str; 10] = [
    "connection with previous messages",
    "key takeaways",
    "call to action",
    "relevance to internet governance",
    "relevance to theme",
    "session objectives",
    "background",
    "rationale",
    "agenda",
    "note",
];

/// A label among policy questions: `Connection with previous Messages:
/// text` (a short label and text after its colon), the same label alone
/// on its line above a paragraph, or a known heading cut off by the page
/// (`What will participants gain from attending this sess`). Never a line
/// with a `?`, a list item, or a `Question 2:` prefix, unless it is one of
/// the template's labels that head no question (`Connection with previous
/// Messages`, `Key Takeaways`, `Note`...).
pub(super) fn label_among_questions(lines: &[String], idx: usize) -> Option<Label> {
    let line = lines[idx].as_str();
    let bare = line.trim_end_matches(':').trim();
    if NOT_QUESTION_LABELS.contains(&bare.to_lowercase().as_str()) {
        return Some(Label {
            heading: bare.to_owned(),
            content: None,
            cut: false,
        });
    }
    if let Some((label, content)) = line.split_once(':')
        && NOT_QUESTION_LABELS.contains(&label.trim().to_lowercase().as_str())
    {
        return Some(Label {
            heading: label.trim().to_owned(),
            content: Some(content.trim().to_owned()).filter(|c| !c.is_empty()),
            cut: false,
        });
    }
    if line.contains('?') || LIST_MARKER.is_match(line) || !line.starts_with(char::is_uppercase) {
        return None;
    }
    if let Some((label, content)) = line.split_once(':') {
        let words = label.split_whitespace().count();
        let lower = label.to_lowercase();
        let bare = lower.trim_start_matches("policy").trim();
        // "Question 2:", "Q1:", "PQ 3:" number a question.
        let numbered = bare.starts_with("question") || NUMBERED_QUESTION.is_match(bare);
        return ((1..=6).contains(&words) && label.chars().count() <= 60 && !numbered).then(|| {
            Label {
                heading: label.trim().to_owned(),
                content: Some(content.trim().to_owned()).filter(|c| !c.is_empty()),
                cut: false,
            }
        });
    }
    let lower = line.to_lowercase();
    let cut = lower.chars().count() >= 16
        && KNOWN_HEADINGS
            .iter()
            .any(|h| h.starts_with(&lower) && *h != lower);
    let first = lower.split_whitespace().next().unwrap_or("");
    // A line alone heads what follows only when that is no question or
    // list item: "Guiding questions" above "1. How …?" is part of the list.
    let next = lines[idx + 1..].iter().find(|l| !l.is_empty());
    let alone = idx + 1 < lines.len()
        && lines[idx + 1].is_empty()
        && next.is_some_and(|n| !LIST_MARKER.is_match(n) && !is_question(n));
    let short_label = line.split_whitespace().count() <= 6
        && !line.ends_with(['.', '!', ',', ';'])
        && !QUESTION_WORDS.contains(&first);
    (cut || (alone && short_label)).then(|| Label {
        heading: line.to_owned(),
        content: None,
        cut,
    })
}

/// Known headings in lower case, for telling one cut off by the page.
const KNOWN_HEADINGS: [&str; 6] = [
    "what will participants gain from attending this session",
    "expected outcomes",
    "description",
    "format description",
    "hybrid format",
    "additional speakers",
];

/// Every word starts with a capital, except short joining words.
fn is_title_cased(line: &str) -> bool {
    const SMALL: [&str; 17] = [
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to",
        "via", "vs", "with",
    ];
    let mut any_letter = false;
    for word in line.split_whitespace() {
        let Some(c) = word.chars().find(|c| c.is_alphabetic()) else {
            continue;
        };
        any_letter = true;
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if !c.is_uppercase() && !SMALL.contains(&bare) {
            return false;
        }
    }
    any_letter
}

/// Keeps a section the parser does not know, counting a repeat once.
fn push_extra(draft: &mut ProposalDraft, heading: String, body: String, line: usize) {
    if draft
        .extra_sections
        .iter()
        .any(|e| e.heading == heading && e.body == body)
    {
        let what = if heading.is_empty() {
            "untitled text".to_owned()
        } else {
            format!("the {heading:?} section")
        };
        draft
            .warnings
            .push(format!("line {line}: repeats {what}; counted once"));
        return;
    }
    draft.extra_sections.push(ExtraSection { heading, body });
}

/// Interprets one raw section and stores it in the draft. `seen` holds the
/// known sections applied so far, with their line and text.
pub(super) fn apply_section(
    section: RawSection,
    seen: &mut Vec<(Known, usize, String)>,
    draft: &mut ProposalDraft,
) {
    let RawSection {
        slot,
        heading,
        line,
        body,
    } = section;
    let known = match slot {
        Slot::Known(Known::RoleList) => {
            // Whatever sits under a bare "Speakers" heading and is not a
            // role line is kept under that heading.
            if let Some(text) = render_text(&body) {
                push_extra(draft, heading, text, line);
            }
            return;
        }
        Slot::Known(k) => k,
        Slot::Extra => {
            push_extra(draft, heading, render_text(&body).unwrap_or_default(), line);
            return;
        }
        Slot::Orphan => {
            let text = render_text(&body).unwrap_or_default();
            if !draft
                .extra_sections
                .iter()
                .any(|e| e.heading.is_empty() && e.body == text)
            {
                draft.warnings.push(format!(
                    "line {line}: text outside any known section; kept as an untitled extra section"
                ));
            }
            push_extra(draft, heading, text, line);
            return;
        }
    };

    let label = known.label();
    let text = render_text(&body);
    if let Some(text) = &text
        && let Some((_, first, _)) = seen.iter().find(|(k, _, t)| *k == known && t == text)
    {
        // The same block again, as rendered twice: counted once.
        draft.warnings.push(format!(
            "line {line}: repeats the {label} section from line {first}; counted once"
        ));
        return;
    }
    let repeated = seen.iter().any(|(k, _, _)| *k == known);
    seen.push((known, line, text.clone().unwrap_or_default()));
    let Some(text) = text else {
        draft
            .warnings
            .push(format!("line {line}: {label} section is empty"));
        return;
    };
    if repeated {
        draft.warnings.push(format!(
            "line {line}: {label} section appears again; merged with the first"
        ));
    }

    // Appends to a text field, so a repeated section is merged, not lost.
    let append = |field: &mut Option<String>, text: String| match field {
        Some(existing) => {
            existing.push_str("\n\n");
            existing.push_str(&text);
        }
        None => *field = Some(text),
    };

    match known {
        Known::Format | Known::Duration if repeated => {
            // A second value cannot be merged: keep it as an extra section.
            draft.extra_sections.push(ExtraSection {
                heading: label.to_owned(),
                body: text,
            });
        }
        Known::Format => {
            draft.format = Some(format_from_raw(&text));
            draft.format_raw = Some(text);
        }
        Known::Duration => match INTEGER.find(&text).and_then(|m| m.as_str().parse().ok()) {
            Some(minutes) => draft.duration_minutes = Some(minutes),
            None => {
                draft.warnings.push(format!(
                    "line {line}: duration {text:?} has no number of minutes; kept as an extra section"
                ));
                draft.extra_sections.push(ExtraSection {
                    heading: label.to_owned(),
                    body: text,
                });
            }
        },
        Known::FormatDescription => append(&mut draft.format_description, text),
        Known::Description => append(&mut draft.description, text),
        Known::ExpectedOutcomes => append(&mut draft.expected_outcomes, text),
        Known::HybridFormat => append(&mut draft.hybrid_format, text),
        Known::AdditionalSpeakers => append(&mut draft.additional_speakers, text),
        Known::PolicyQuestions => {
            // An item that asks nothing (an introduction, a note, a theme)
            // is kept under the heading, not stored as a question.
            let (asked, other): (Vec<String>, Vec<String>) = policy_questions(&body)
                .into_iter()
                .partition(|q| is_question(q));
            draft.policy_questions.extend(asked);
            if !other.is_empty() {
                push_extra(draft, label.to_owned(), other.join("\n\n"), line);
            }
        }
        Known::Gains => draft.participant_gains.extend(participant_gains(&body)),
        Known::RoleList => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use entity::session::{SessionFormat, SessionKind};

    use crate::import::proposal::parse;

    #[test]
    fn unknown_sections_are_kept() {
        let d = parse(
            "IGF 2025 WS #9 T\n\nDescription:\nFirst paragraph.\n\nSecond  paragraph\nwith two lines.\n\n\
             Key Takeaways:\nTakeaway one.\n\nOnline Participation\n\nVia the platform.\n\n\
             Expected Outcomes: A report.\n",
        )
        .expect("parses");
        assert_eq!(
            d.description.as_deref(),
            Some("First paragraph.\n\nSecond paragraph\nwith two lines.")
        );
        assert_eq!(
            d.extra_sections,
            vec![
                ExtraSection {
                    heading: "Key Takeaways".to_owned(),
                    body: "Takeaway one.".to_owned(),
                },
                ExtraSection {
                    heading: "Online Participation".to_owned(),
                    body: "Via the platform.".to_owned(),
                },
            ]
        );
        assert_eq!(d.expected_outcomes.as_deref(), Some("A report."));
    }

    #[test]
    fn sentence_lines_are_not_headings() {
        let d = parse(
            "IGF 2025 WS #9 T\nDescription:\nThis is a sentence that continues the text.\n\n\
             a lower case line\n\nThe session will cover three points, namely these and more points:\n",
        )
        .expect("parses");
        assert_eq!(d.extra_sections, vec![]);
        assert_eq!(
            d.description.as_deref(),
            Some(
                "This is a sentence that continues the text.\n\na lower case line\n\n\
                 The session will cover three points, namely these and more points:"
            )
        );
    }

    #[test]
    fn text_outside_sections_is_kept() {
        let d =
            parse("IGF 2025 WS #9 T\nA stray line of text.\nDescription: D.\n").expect("parses");
        assert_eq!(
            d.extra_sections,
            vec![ExtraSection {
                heading: String::new(),
                body: "A stray line of text.".to_owned(),
            }]
        );
        assert!(
            d.warnings
                .iter()
                .any(|w| w.starts_with("line 2: text outside"))
        );
    }

    #[test]
    fn sections_in_another_order_and_formats() {
        let d = parse(
            "IGF 2023 Town Hall #12: Title Here\nhybrid format: H.\nDURATION (MINUTES):\n60\n\
             Format: Round Table\nSpeaker 1: X Y, Civil Society, WEOG\n",
        )
        .expect("parses");
        assert_eq!(d.kind, SessionKind::TownHall);
        assert_eq!(d.code, "Town Hall #12");
        assert_eq!(d.title, "Title Here");
        assert_eq!(d.hybrid_format.as_deref(), Some("H."));
        assert_eq!(d.duration_minutes, Some(60));
        assert_eq!(d.format, Some(SessionFormat::Roundtable));
        assert_eq!(d.format_raw.as_deref(), Some("Round Table"));
        for (raw, want) in [
            ("Roundtable", SessionFormat::Roundtable),
            ("Classroom", SessionFormat::Classroom),
            ("Theatre", SessionFormat::Theater),
            ("Fishbowl", SessionFormat::Other),
        ] {
            let d = parse(&format!("IGF 2025 WS #1 T\nFormat\n\n{raw}\n")).expect("parses");
            assert_eq!(d.format, Some(want), "{raw}");
            assert_eq!(d.format_raw.as_deref(), Some(raw));
        }
        let d = parse("IGF 2023 WS #1 T\nFormat\nRound Table - 90 Min\n").expect("parses");
        assert_eq!(d.format, Some(SessionFormat::Roundtable));
        assert_eq!(d.duration_minutes, Some(90));
    }
}
