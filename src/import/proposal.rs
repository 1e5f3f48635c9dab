//! Parser for the published text of an IGF session proposal.
//!
//! [`parse`] is pure: it takes the proposal text (as copied from the IGF
//! site) and returns a typed [`ProposalDraft`], with no I/O and no database.
//! The founding layout is the 2025 one (`fixtures/igf2025-ws461-proposal.txt`):
//!
//! ```text
//! IGF 2025 WS #461 Exploring Enhanced Cooperation Within the IG Ecosystem
//!     Organizer 1: Civil Society, Eastern European Group
//!     Speaker 1: Janis Karklins, Government, Eastern European Group
//!     Format
//!
//!     Theater
//!     Duration (minutes): 90
//!     Format description: ...
//!     Policy Question(s)
//!     What will participants gain from attending this session? - ... - ...
//!     Description:
//!     Expected Outcomes
//!     Hybrid Format: ...
//! ```
//!
//! The parser is tolerant: sections may be missing or reordered, and text it
//! cannot place is kept (as an [`ExtraSection`]) rather than dropped. Missing
//! sections produce warnings, not errors; only input that cannot be a
//! proposal at all, or a malformed role line, is a [`ParseError`].

use std::sync::LazyLock;

use entity::session::{SessionFormat, SessionKind};
use regex::Regex;

/// A session proposal as parsed from its text, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalDraft {
    /// The year from the header, `IGF 2025 ...` gives `Some(2025)`.
    pub year: Option<i32>,
    /// The session kind, derived from the code's prefix (`WS` is a workshop).
    pub kind: SessionKind,
    /// The session code as published with whitespace normalised, such as
    /// `WS #461`; empty when the header has none.
    pub code: String,
    /// The session title from the header.
    pub title: String,
    /// `Organizer N:` lines, in input order.
    pub organizers: Vec<RoleDraft>,
    /// `Speaker N:` lines, in input order.
    pub speakers: Vec<RoleDraft>,
    /// The room layout, mapped from [`Self::format_raw`].
    pub format: Option<SessionFormat>,
    /// The room layout as written, such as `Theater`.
    pub format_raw: Option<String>,
    /// The session length in minutes.
    pub duration_minutes: Option<i32>,
    /// The `Format description:` text.
    pub format_description: Option<String>,
    /// The policy questions, one per entry, each as written.
    pub policy_questions: Vec<String>,
    /// What participants gain from attending, one item per entry.
    pub participant_gains: Vec<String>,
    /// The `Description:` text.
    pub description: Option<String>,
    /// The `Expected Outcomes` text.
    pub expected_outcomes: Option<String>,
    /// The `Hybrid Format:` text.
    pub hybrid_format: Option<String>,
    /// Sections with a heading the parser does not know, and text outside
    /// any section (with an empty heading): kept, never dropped.
    pub extra_sections: Vec<ExtraSection>,
    /// Problems that did not stop the parse, each prefixed `line N: `.
    pub warnings: Vec<String>,
}

/// One `Organizer N:` or `Speaker N:` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleDraft {
    /// `N` in `Speaker N:`.
    pub number: u32,
    /// The person's name; `None` for anonymous organizer lines such as
    /// `Organizer 1: Civil Society, Eastern European Group`.
    pub name: Option<String>,
    /// The stakeholder group as written, trimmed, such as `Civil Society`.
    pub stakeholder_group: Option<String>,
    /// The regional group as written, trimmed, such as
    /// `Western European and Others Group (WEOG)`.
    pub region: Option<String>,
    /// 1-based line number of the role line in the input.
    pub line: usize,
}

/// A section whose heading the parser does not know, kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraSection {
    /// The heading without its trailing colon; empty for text that appeared
    /// outside any section.
    pub heading: String,
    /// The body, paragraphs joined with `"\n\n"`.
    pub body: String,
}

/// Why a text could not be parsed as a proposal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    /// 1-based line number the problem was found on.
    pub line: usize,
    /// What was wrong, or what was expected.
    pub message: String,
}

/// The sections the parser knows by heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    Format,
    Duration,
    FormatDescription,
    PolicyQuestions,
    Gains,
    Description,
    ExpectedOutcomes,
    HybridFormat,
}

impl Known {
    fn label(self) -> &'static str {
        match self {
            Known::Format => "Format",
            Known::Duration => "Duration (minutes)",
            Known::FormatDescription => "Format description",
            Known::PolicyQuestions => "Policy Question(s)",
            Known::Gains => "What will participants gain from attending this session?",
            Known::Description => "Description",
            Known::ExpectedOutcomes => "Expected Outcomes",
            Known::HybridFormat => "Hybrid Format",
        }
    }

    /// Sections that hold one value, either after the heading or on the next
    /// non-empty line (the 2025 layout puts `Theater` under `Format`).
    fn single_value(self) -> bool {
        matches!(self, Known::Format | Known::Duration)
    }
}

static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^IGF\s*(\d{4})(?:\s*[:\-–—|]\s*|\s+|$)(.*)$").expect("valid regex")
});

/// `WS #461 Title`, `Open Forum #12: Title`, `Day 0 Event #3 - Title`.
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<prefix>[A-Za-z][A-Za-z0-9&/.\- ]{0,40}?)\s*#\s*(?P<num>[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*)\s*(?:[:\-–—|]\s+|:)?(?P<title>.*)$",
    )
    .expect("valid regex")
});

/// Session kinds that are sometimes published without a `#` number.
static CODE_WITHOUT_HASH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?P<code>(?:main session|nri(?:s)?(?: collaborative)? session|networking session|town hall|open forum|lightning talk|dynamic coalition|day 0 event|launch\s*(?:&|and|/)\s*award(?: event)?|workshop)(?:\s+\d+)?)\b\s*(?:[:\-–—|]\s*)?(?P<title>.*)$",
    )
    .expect("valid regex")
});

static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(organi[sz]er|speaker)\s*#?\s*(\d+)\s*:\s*(.*)$").expect("valid regex")
});

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
    ]
});

/// A list marker at line start: `1-`, `1.`, `1)`, `A.`, `●`, `*`, `-`.
static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?P<num>\d{1,2})\s*[.):\-–]|(?P<letter>[A-Za-z])[.)]|[●•▪◦·*\-–—])(?P<ws>\s*)(?P<rest>.*)$")
        .expect("valid regex")
});

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

static INTEGER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("valid regex"));

static MINUTES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(\d+)\s*min").expect("valid regex"));

/// Which bucket a raw section's lines go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Known(Known),
    /// A heading the parser does not know.
    Extra,
    /// Text outside any section.
    Orphan,
}

/// A section as collected while scanning, before its body is interpreted.
#[derive(Debug)]
struct RawSection {
    slot: Slot,
    heading: String,
    line: usize,
    /// Normalised lines; an empty string stands for a blank line.
    body: Vec<String>,
}

/// Parses the text of an IGF session proposal into a [`ProposalDraft`].
///
/// Accepts CRLF line ends, tabs, any indentation and a leading BOM. The
/// first non-empty line should be the header `IGF YYYY <code> <title>`.
///
/// # Errors
///
/// Returns a [`ParseError`] when the text is empty, when it has neither a
/// header nor any organizer/speaker line, or when a role line has too few
/// comma-separated fields (a speaker needs name, group and region).
pub fn parse(text: &str) -> Result<ProposalDraft, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // `lines()` drops a trailing '\r'; collapsing whitespace also turns tabs
    // and non-breaking spaces into single spaces and removes indentation.
    let lines: Vec<String> = text.lines().map(collapse_ws).collect();
    let Some(first) = lines.iter().position(|l| !l.is_empty()) else {
        return Err(ParseError {
            line: 1,
            message: "empty proposal".to_owned(),
        });
    };

    let mut draft = ProposalDraft {
        year: None,
        kind: SessionKind::Other,
        code: String::new(),
        title: String::new(),
        organizers: Vec::new(),
        speakers: Vec::new(),
        format: None,
        format_raw: None,
        duration_minutes: None,
        format_description: None,
        policy_questions: Vec::new(),
        participant_gains: Vec::new(),
        description: None,
        expected_outcomes: None,
        hybrid_format: None,
        extra_sections: Vec::new(),
        warnings: Vec::new(),
    };

    let header_line = first + 1;
    let header_found = match HEADER.captures(&lines[first]) {
        Some(c) => {
            draft.year = c[1].parse().ok();
            parse_code_and_title(&c[2], header_line, &mut draft);
            true
        }
        None => false,
    };

    let sections = scan(
        &lines,
        if header_found { first + 1 } else { first },
        &mut draft,
    )?;

    if !header_found {
        if draft.organizers.is_empty() && draft.speakers.is_empty() {
            return Err(ParseError {
                line: 1,
                message: "expected a header line \"IGF YYYY <code> <title>\" \
                          (such as \"IGF 2025 WS #461 Title\") or Organizer/Speaker lines"
                    .to_owned(),
            });
        }
        draft.warnings.insert(
            0,
            format!(
                "line {header_line}: no header line \"IGF YYYY <code> <title>\"; \
                 year, code and title are unknown"
            ),
        );
    }

    let mut seen = Vec::new();
    for section in sections {
        apply_section(section, &mut seen, &mut draft);
    }

    // Older layouts put the length on the format line ("Round Table - 90 Min").
    if draft.duration_minutes.is_none()
        && let Some(raw) = &draft.format_raw
        && let Some(c) = MINUTES.captures(raw)
    {
        draft.duration_minutes = c[1].parse().ok();
    }

    // A section that was present but empty has already been warned about.
    let missing = |what: &str, present: bool, section_seen: bool| {
        (!present && !section_seen).then(|| format!("line {header_line}: no {what}"))
    };
    let checks = [
        missing("Organizer lines", !draft.organizers.is_empty(), false),
        missing("Speaker lines", !draft.speakers.is_empty(), false),
        missing(
            "Policy Question(s) section",
            !draft.policy_questions.is_empty(),
            seen.contains(&Known::PolicyQuestions),
        ),
        missing(
            "Description section",
            draft.description.is_some(),
            seen.contains(&Known::Description),
        ),
    ];
    draft.warnings.extend(checks.into_iter().flatten());

    Ok(draft)
}

/// Splits the header after `IGF YYYY` into code, kind and title.
fn parse_code_and_title(rest: &str, line: usize, draft: &mut ProposalDraft) {
    if let Some(c) = CODE.captures(rest) {
        let prefix = collapse_ws(&c["prefix"]);
        draft.kind = kind_from_prefix(&prefix);
        draft.code = format!("{prefix} #{}", &c["num"]);
        draft.title = c["title"].trim().to_owned();
    } else if let Some(c) = CODE_WITHOUT_HASH.captures(rest) {
        let code = collapse_ws(&c["code"]);
        draft.kind = kind_from_prefix(&code);
        draft.code = code;
        draft.title = c["title"].trim().to_owned();
    } else {
        draft.warnings.push(format!(
            "line {line}: no session code (such as \"WS #461\") in header"
        ));
        draft.title = rest.trim().to_owned();
    }
    if draft.title.is_empty() {
        draft
            .warnings
            .push(format!("line {line}: no session title in header"));
    }
}

/// Maps a code prefix (`WS`, `Open Forum`, `Day 0 Event 3`) to a kind.
fn kind_from_prefix(prefix: &str) -> SessionKind {
    // Compare letters and digits only, so "Launch/Award" == "Launch & Award".
    let key: String = prefix
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    // Strip a trailing session number ("mainsession2"), but keep "day0".
    let key = if key.starts_with("day0") {
        key.as_str()
    } else {
        key.trim_end_matches(|c: char| c.is_ascii_digit())
    };
    match key {
        "ws" | "workshop" => SessionKind::Workshop,
        "of" | "openforum" => SessionKind::OpenForum,
        "th" | "townhall" => SessionKind::TownHall,
        "lt" | "lightningtalk" => SessionKind::LightningTalk,
        "ns" => SessionKind::Networking,
        "dc" => SessionKind::DynamicCoalition,
        "ms" => SessionKind::MainSession,
        "day0" | "dayzero" => SessionKind::DayZero,
        k if k.starts_with("launch") || k.contains("award") => SessionKind::LaunchAward,
        k if k.starts_with("networking") => SessionKind::Networking,
        k if k.starts_with("day0") || k.starts_with("dayzero") => SessionKind::DayZero,
        k if k.starts_with("dynamiccoalition") => SessionKind::DynamicCoalition,
        k if k.starts_with("mainsession") => SessionKind::MainSession,
        k if k.starts_with("nri") => SessionKind::NriSession,
        _ => SessionKind::Other,
    }
}

/// Walks the lines after the header: role lines go straight into the draft,
/// everything else is collected into raw sections, in input order.
fn scan(
    lines: &[String],
    start: usize,
    draft: &mut ProposalDraft,
) -> Result<Vec<RawSection>, ParseError> {
    let mut sections: Vec<RawSection> = Vec::new();
    let mut current: Option<usize> = None;
    // Role lines already seen, for counting a repeated line once.
    let mut roles_seen: Vec<(bool, RoleDraft)> = Vec::new();

    for (idx, line) in lines.iter().enumerate().skip(start) {
        let line_no = idx + 1;
        if line.is_empty() {
            if let Some(i) = current {
                sections[i].body.push(String::new());
            }
            continue;
        }

        if let Some(c) = ROLE.captures(line) {
            let is_speaker = c[1].eq_ignore_ascii_case("speaker");
            let role = parse_role(is_speaker, &c[2], &c[3], line_no)?;
            let label = if is_speaker { "Speaker" } else { "Organizer" };
            let same = |(s, r): &&(bool, RoleDraft)| *s == is_speaker && r.number == role.number;
            let earlier: Vec<&(bool, RoleDraft)> = roles_seen.iter().filter(same).collect();
            if let Some((_, dup)) = earlier.iter().find(|(_, r)| same_content(r, &role)) {
                draft.warnings.push(format!(
                    "line {line_no}: repeats {label} {} from line {}; counted once",
                    role.number, dup.line
                ));
            } else {
                if let Some((_, other)) = earlier.first() {
                    draft.warnings.push(format!(
                        "line {line_no}: {label} {} differs from line {}; both kept",
                        role.number, other.line
                    ));
                }
                roles_seen.push((is_speaker, role.clone()));
                if is_speaker {
                    draft.speakers.push(role);
                } else {
                    draft.organizers.push(role);
                }
            }
            // A role line ends whatever section was open.
            current = None;
            continue;
        }

        if let Some((known, content)) = match_known(line) {
            sections.push(RawSection {
                slot: Slot::Known(known),
                heading: known.label().to_owned(),
                line: line_no,
                body: Vec::new(),
            });
            let i = sections.len() - 1;
            current = Some(i);
            if let Some(content) = content.filter(|c| !c.is_empty()) {
                sections[i].body.push(content);
                if known.single_value() {
                    current = None;
                }
            }
            continue;
        }

        // A single-value section waiting for its value takes this line as is
        // (it is "Theater" under "Format", not a heading of its own).
        if let Some(i) = current
            && let Slot::Known(k) = sections[i].slot
            && k.single_value()
        {
            sections[i].body.push(line.clone());
            current = None;
            continue;
        }

        if looks_like_unknown_heading(lines, idx) {
            let heading = line.trim_end_matches(':').trim_end().to_owned();
            sections.push(RawSection {
                slot: Slot::Extra,
                heading,
                line: line_no,
                body: Vec::new(),
            });
            current = Some(sections.len() - 1);
            continue;
        }

        match current {
            Some(i) => sections[i].body.push(line.clone()),
            None => {
                // Text outside any section: kept, never dropped.
                sections.push(RawSection {
                    slot: Slot::Orphan,
                    heading: String::new(),
                    line: line_no,
                    body: vec![line.clone()],
                });
                current = Some(sections.len() - 1);
            }
        }
    }
    Ok(sections)
}

fn same_content(a: &RoleDraft, b: &RoleDraft) -> bool {
    a.name == b.name && a.stakeholder_group == b.stakeholder_group && a.region == b.region
}

/// Parses the part after `Speaker N:` / `Organizer N:`.
///
/// Fields are split from the right: the region is the last field, the group
/// the one before it, and the name everything before that (so a name that
/// contains a comma survives).
fn parse_role(
    is_speaker: bool,
    number: &str,
    body: &str,
    line: usize,
) -> Result<RoleDraft, ParseError> {
    let label = if is_speaker { "Speaker" } else { "Organizer" };
    let number: u32 = number.parse().map_err(|_| ParseError {
        line,
        message: format!("{label} number {number:?} is too large"),
    })?;
    // A trailing comma or full stop is not an empty region field.
    let body = body.trim().trim_end_matches([',', ';', '.']).trim_end();
    let fields: Vec<&str> = if body.is_empty() {
        Vec::new()
    } else {
        // Trimming each field tolerates a stray space before a comma.
        body.split(',').map(str::trim).collect()
    };
    let needed = if is_speaker { 3 } else { 2 };
    if fields.len() < needed {
        let expected = if is_speaker {
            "Name, Stakeholder group, Region"
        } else {
            "[Name,] Stakeholder group, Region"
        };
        return Err(ParseError {
            line,
            message: format!(
                "{label} {number} needs \"{expected}\" but has {} comma-separated field(s)",
                fields.len()
            ),
        });
    }
    let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let n = fields.len();
    let name = fields[..n - 2].join(", ");
    Ok(RoleDraft {
        number,
        name: some(&name),
        stakeholder_group: some(fields[n - 2]),
        region: some(fields[n - 1]),
        line,
    })
}

/// Matches a known heading; returns it with any same-line content.
fn match_known(line: &str) -> Option<(Known, Option<String>)> {
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
fn looks_like_unknown_heading(lines: &[String], idx: usize) -> bool {
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
        // "Key Takeaways:" but not "It has two parts. These are:".
        return !stem.trim().is_empty() && !stem.contains(". ");
    }
    if line.ends_with(['.', '?', '!', ',', ';', ':']) || !is_title_cased(line) {
        return false;
    }
    let blank_before = idx == 0 || lines[idx - 1].is_empty();
    let blank_after = lines.get(idx + 1).is_some_and(String::is_empty);
    let body_follows = lines[idx + 1..].iter().any(|l| !l.is_empty());
    blank_before && blank_after && body_follows
}

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

/// Interprets one raw section and stores it in the draft.
fn apply_section(section: RawSection, seen: &mut Vec<Known>, draft: &mut ProposalDraft) {
    let RawSection {
        slot,
        heading,
        line,
        body,
    } = section;
    let known = match slot {
        Slot::Known(k) => k,
        Slot::Extra => {
            draft.extra_sections.push(ExtraSection {
                heading,
                body: render_text(&body).unwrap_or_default(),
            });
            return;
        }
        Slot::Orphan => {
            draft.warnings.push(format!(
                "line {line}: text outside any known section; kept as an untitled extra section"
            ));
            draft.extra_sections.push(ExtraSection {
                heading,
                body: render_text(&body).unwrap_or_default(),
            });
            return;
        }
    };

    let repeated = seen.contains(&known);
    seen.push(known);
    let label = known.label();
    let Some(text) = render_text(&body) else {
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
        Known::PolicyQuestions => draft.policy_questions.extend(policy_questions(&body)),
        Known::Gains => draft.participant_gains.extend(participant_gains(&body)),
    }
}

/// Maps a layout line to a [`SessionFormat`]; unknown layouts are `Other`.
fn format_from_raw(raw: &str) -> SessionFormat {
    let key: String = raw
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    // Prefix match: "Round Table - 90 Min" is still a round table.
    if key.starts_with("theater") || key.starts_with("theatre") {
        SessionFormat::Theater
    } else if key.starts_with("roundtable") {
        SessionFormat::Roundtable
    } else if key.starts_with("classroom") {
        SessionFormat::Classroom
    } else {
        SessionFormat::Other
    }
}

/// Joins body lines into text: lines of a paragraph with `"\n"`, paragraphs
/// with `"\n\n"`. `None` when there is no text.
fn render_text(body: &[String]) -> Option<String> {
    let text = paragraphs(body)
        .iter()
        .map(|p| p.join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n");
    (!text.is_empty()).then_some(text)
}

/// Groups body lines into paragraphs at blank lines.
fn paragraphs(body: &[String]) -> Vec<Vec<&str>> {
    body.split(|l| l.is_empty())
        .filter(|p| !p.is_empty())
        .map(|p| p.iter().map(String::as_str).collect())
        .collect()
}

/// The text after a list marker, if the line starts with one.
fn strip_list_marker(line: &str) -> Option<&str> {
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
fn policy_questions(body: &[String]) -> Vec<String> {
    let (is_list, chunks) = list_chunks(body);
    chunks
        .iter()
        .flat_map(|chunk| split_questions(chunk, is_list))
        .collect()
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
fn participant_gains(body: &[String]) -> Vec<String> {
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

/// Trims and collapses runs of whitespace (tabs, NBSP, CR) to one space.
fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = include_str!("../../fixtures/igf2025-ws461-proposal.txt");

    fn role(number: u32, name: Option<&str>, group: &str, region: &str, line: usize) -> RoleDraft {
        RoleDraft {
            number,
            name: name.map(str::to_owned),
            stakeholder_group: Some(group.to_owned()),
            region: Some(region.to_owned()),
            line,
        }
    }

    const EEG: &str = "Eastern European Group";
    const WEOG: &str = "Western European and Others Group (WEOG)";

    #[test]
    fn fixture_header_and_roles() {
        let d = parse(FIXTURE).expect("fixture parses");
        assert_eq!(d.year, Some(2025));
        assert_eq!(d.kind, SessionKind::Workshop);
        assert_eq!(d.code, "WS #461");
        assert_eq!(
            d.title,
            "Exploring Enhanced Cooperation Within the IG Ecosystem"
        );
        assert_eq!(
            d.organizers,
            vec![
                role(1, None, "Civil Society", EEG, 3),
                role(2, None, "Civil Society", "Asia-Pacific Group", 4),
            ]
        );
        assert_eq!(
            d.speakers,
            vec![
                role(1, Some("Janis Karklins"), "Government", EEG, 6),
                role(2, Some("Peter Major"), "Government", EEG, 7),
                role(3, Some("Markus Kummer"), "Civil Society", WEOG, 8),
                role(4, Some("Bertrand de La Chapelle"), "Civil Society", WEOG, 9),
                role(
                    5,
                    Some("Desiree Miloshevic"),
                    "Technical Community",
                    EEG,
                    10
                ),
                role(6, Some("Disspain Chris"), "Technical Community", WEOG, 11),
            ]
        );
    }

    #[test]
    fn fixture_sections() {
        let d = parse(FIXTURE).expect("fixture parses");
        assert_eq!(d.format, Some(SessionFormat::Theater));
        assert_eq!(d.format_raw.as_deref(), Some("Theater"));
        assert_eq!(d.duration_minutes, Some(90));
        assert_eq!(
            d.format_description.as_deref(),
            Some(
                "The Workshop will be conducted in a collaborative manner and ensure that the \
                 views and inputs of all workshop participants are well incorporated. A \
                 theater-style seating arrangement will be used, as it best facilitates a \
                 dynamic and collaborative dialogue."
            )
        );
        assert_eq!(
            d.policy_questions,
            vec![
                "What have been the key challenges faced by enhanced cooperation as a follow-up \
                 process related to Internet governance?",
                "Are there mechanisms on regional and global levels - within intergovernmental \
                 organizations and within Internet governance related organizations - that can \
                 facilitate enhanced cooperation rather than creating an independent process?",
                "Does enhanced cooperation remain a standing commitment - or can we consider that \
                 the progress made so far is sufficient and shift the focus on multistakeholder \
                 policy dialogue platforms like the IGF?",
                "What frameworks and modalities do you foresee for enhanced cooperation?",
                "Can the IGF and enhanced cooperation co-exist?",
            ]
        );
        assert_eq!(
            d.participant_gains,
            vec![
                "Gain a foundational understanding on enhanced cooperation, its history and its \
                 process.",
                "Insights into past activities related to enhanced cooperation and the key \
                 reasons behind it.",
                "Exposure to diverse stakeholder perspectives of enhanced cooperation.",
                "Ability to understand why some views support it and who finds it important and \
                 who find it less relevant and for what reasons.",
                "Opportunity to interact directly with the panelists who were involved in the \
                 enhanced cooperation process.",
                "Ability to critically assess and develop their own informed perspective on \
                 enhanced cooperation by the end of the workshop.",
            ]
        );
        let desc = d.description.as_deref().expect("description");
        assert!(desc.starts_with("The Tunis Agenda introduced"), "{desc}");
        assert!(desc.ends_with("policy dialogue."), "{desc}");
        // The inline dashes of the description are kept as written.
        assert!(desc.contains(
            "(IG): - Enhanced Cooperation (International organizations) - Internet Governance"
        ));
        assert!(!desc.contains('\n'));
        let outcomes = d.expected_outcomes.as_deref().expect("outcomes");
        assert!(
            outcomes.starts_with("The workshop will produce"),
            "{outcomes}"
        );
        assert!(outcomes.ends_with("how to move forward."), "{outcomes}");
        let hybrid = d.hybrid_format.as_deref().expect("hybrid");
        assert!(hybrid.starts_with("We will depend"), "{hybrid}");
        assert!(hybrid.ends_with("onsite and remotely."), "{hybrid}");
        assert_eq!(d.extra_sections, vec![]);
        assert_eq!(d.warnings, Vec::<String>::new());
    }

    #[test]
    fn crlf_bom_and_tabs_give_the_same_draft() {
        let messy: String = format!(
            "\u{feff}{}",
            FIXTURE
                .lines()
                .map(|l| l.replacen("    ", "\t", 1))
                .map(|l| format!("{l}\t \r\n"))
                .collect::<String>()
        );
        assert!(messy.contains('\t') && messy.contains("\r\n"));
        assert_eq!(parse(&messy), parse(FIXTURE));
    }

    #[test]
    fn stray_space_before_comma_is_tolerated() {
        let d = parse(
            "IGF 2025 WS #1 T\nSpeaker 1: Jane Doe , Government ,  Eastern European Group \n",
        )
        .expect("parses");
        assert_eq!(
            d.speakers,
            vec![role(1, Some("Jane Doe"), "Government", EEG, 2)]
        );
    }

    #[test]
    fn name_with_comma_keeps_everything_before_group_and_region() {
        let d = parse("IGF 2025 WS #1 T\nSpeaker 1: Doe, Jane, Jr., Government, WEOG\n")
            .expect("parses");
        assert_eq!(d.speakers[0].name.as_deref(), Some("Doe, Jane, Jr."));
        assert_eq!(
            d.speakers[0].stakeholder_group.as_deref(),
            Some("Government")
        );
        assert_eq!(d.speakers[0].region.as_deref(), Some("WEOG"));
    }

    #[test]
    fn named_organizer() {
        let d = parse("IGF 2025 WS #1 T\nOrganizer 3: Jane Doe, Private Sector, African Group\n")
            .expect("parses");
        assert_eq!(
            d.organizers,
            vec![role(
                3,
                Some("Jane Doe"),
                "Private Sector",
                "African Group",
                2
            )]
        );
    }

    fn with_questions(body: &str) -> Vec<String> {
        let text = format!(
            "IGF 2024 WS #7 T\nSpeaker 1: A B, Government, WEOG\n\nPolicy Question(s)\n\n{body}\n\nDescription:\nSome text.\n"
        );
        parse(&text).expect("parses").policy_questions
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

    #[test]
    fn kinds_and_codes() {
        for (header, kind, code, title) in [
            ("IGF 2025 WS#461 A", SessionKind::Workshop, "WS #461", "A"),
            (
                "IGF 2025 WS  # 461   A  B",
                SessionKind::Workshop,
                "WS #461",
                "A B",
            ),
            (
                "IGF 2025 Open Forum #5 A",
                SessionKind::OpenForum,
                "Open Forum #5",
                "A",
            ),
            ("IGF 2025 OF #5 A", SessionKind::OpenForum, "OF #5", "A"),
            (
                "IGF 2025 Town Hall #2 A",
                SessionKind::TownHall,
                "Town Hall #2",
                "A",
            ),
            (
                "IGF 2025 Lightning Talk #9 A",
                SessionKind::LightningTalk,
                "Lightning Talk #9",
                "A",
            ),
            (
                "IGF 2025 Launch/Award #1 A",
                SessionKind::LaunchAward,
                "Launch/Award #1",
                "A",
            ),
            (
                "IGF 2025 Networking Session #4 A",
                SessionKind::Networking,
                "Networking Session #4",
                "A",
            ),
            (
                "IGF 2025 Day 0 Event #8 A",
                SessionKind::DayZero,
                "Day 0 Event #8",
                "A",
            ),
            ("IGF 2025 Day 0 #8 A", SessionKind::DayZero, "Day 0 #8", "A"),
            (
                "IGF 2025 Dynamic Coalition #3 A",
                SessionKind::DynamicCoalition,
                "Dynamic Coalition #3",
                "A",
            ),
            (
                "IGF 2025 Main Session 2: A",
                SessionKind::MainSession,
                "Main Session 2",
                "A",
            ),
            ("IGF 2025 NRI #1 A", SessionKind::NriSession, "NRI #1", "A"),
            (
                "IGF 2025 Side Event #1 A",
                SessionKind::Other,
                "Side Event #1",
                "A",
            ),
        ] {
            let d = parse(&format!("{header}\nSpeaker 1: X Y, Government, WEOG\n")).expect(header);
            assert_eq!(
                (d.kind, d.code.as_str(), d.title.as_str()),
                (kind, code, title),
                "{header}"
            );
            assert_eq!(d.year, Some(2025));
        }
    }

    #[test]
    fn empty_text_is_an_error() {
        for text in ["", "   \n\t\r\n  ", "\u{feff}"] {
            assert_eq!(
                parse(text),
                Err(ParseError {
                    line: 1,
                    message: "empty proposal".to_owned()
                })
            );
        }
    }

    #[test]
    fn garbage_is_an_error() {
        let err = parse("Lorem ipsum dolor sit amet.\nConsectetur adipiscing elit.\n")
            .expect_err("garbage");
        assert_eq!(err.line, 1);
        assert!(err.message.contains("IGF YYYY"), "{err}");
        assert!(
            err.to_string().starts_with("line 1: expected a header"),
            "{err}"
        );
    }

    #[test]
    fn roles_without_header_parse_with_a_warning() {
        let d = parse("\n  Speaker 1: X Y, Government, WEOG\n").expect("parses");
        assert_eq!(d.year, None);
        assert_eq!(d.code, "");
        assert_eq!(d.speakers.len(), 1);
        assert!(
            d.warnings[0].starts_with("line 2: no header line"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn speaker_missing_fields_names_its_line() {
        let err = parse(
            "IGF 2025 WS #1 T\n\nSpeaker 1: X Y, Government, WEOG\nSpeaker 2: Jane Doe, WEOG\n",
        )
        .expect_err("bad speaker");
        assert_eq!(err.line, 4);
        assert!(err.message.contains("Speaker 2"), "{err}");
        assert!(err.to_string().starts_with("line 4: "), "{err}");
        let err =
            parse("IGF 2025 WS #1 T\nOrganizer 1: Civil Society\n").expect_err("bad organizer");
        assert_eq!(err.line, 2);
    }

    #[test]
    fn repeated_speaker_line_counts_once() {
        let d = parse(
            "IGF 2025 WS #1 T\nSpeaker 1: X Y, Government, WEOG\nSpeaker 2: Z, Civil Society, WEOG\n\
             Speaker 1: X Y , Government, WEOG\nSpeaker 2: Other, Civil Society, WEOG\n",
        )
        .expect("parses");
        let names: Vec<_> = d.speakers.iter().map(|s| s.name.as_deref()).collect();
        assert_eq!(names, vec![Some("X Y"), Some("Z"), Some("Other")]);
        assert!(
            d.warnings
                .iter()
                .any(|w| w.starts_with("line 4: repeats Speaker 1"))
        );
        assert!(
            d.warnings
                .iter()
                .any(|w| w.starts_with("line 5: Speaker 2 differs"))
        );
    }

    #[test]
    fn missing_sections_are_warnings() {
        let d = parse("IGF 2025 WS #1 Title\n").expect("parses");
        assert_eq!(
            d.warnings,
            vec![
                "line 1: no Organizer lines",
                "line 1: no Speaker lines",
                "line 1: no Policy Question(s) section",
                "line 1: no Description section",
            ]
        );
        let d =
            parse("IGF 2025 WS #1 Title\nPolicy Question(s)\n\nDescription:\n").expect("parses");
        assert!(
            d.warnings
                .contains(&"line 2: Policy Question(s) section is empty".to_owned())
        );
        assert!(
            d.warnings
                .contains(&"line 4: Description section is empty".to_owned())
        );
    }
}
