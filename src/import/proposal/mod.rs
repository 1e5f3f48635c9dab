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
//! The 2022–2024 pages are also read:
//!
//! ```text
//! IGF 2023 Open Forum #31 Title
//!     Thursday, 12th October, 2023 (01:45 UTC) - Thursday, 12th October, 2023 (03:15 UTC)
//!     WS 6 – Room E                      (or "Room: WS 6 – Room E")
//!     Round Table - 90 Min               (layout and length on one line)
//!     Organizer 1: Name, Affiliation
//!     Speaker 1: Name, [Affiliation,] Group, Region
//!     Additional Speakers                (free text)
//!     Moderator / Online Moderator / Rapporteur   (a heading, then names)
//!     Topics: Cybersecurity; Disinformation
//!     SDGs                               (then "9.1", "16.7" or "SDG 16: ..." lines)
//! ```
//!
//! When the three role labels are lost, one to three bare name lines right
//! after the speakers are taken as Moderator, Online Moderator and
//! Rapporteur, in that order, with a warning.
//!
//! The header code is the published one with whitespace normalised (`WS
//! #461`, `Open Forum #31`). A header without a `#N`, such as `IGF 2024 NRI
//! Session Title`, gets the code `<kind words as written>: <title>` (`NRI
//! Session: Title`), so that two such sessions of one event stay apart and
//! importing the same page again finds the same code. So does a page that
//! begins with its kind in brackets and no `IGF YYYY` (`[Dynamic Coalition]
//! Title`); its year is the event's.
//!
//! The parser is tolerant: sections may be missing or reordered, and text it
//! cannot place is kept (as an [`ExtraSection`]) rather than dropped. Lines
//! or blocks repeated by the page's rendering are counted once. Missing
//! sections and a page that seems cut off produce warnings, not errors; only
//! input that cannot be a proposal at all (empty, binary, neither header nor
//! role lines), or a malformed role line, is a [`ParseError`].
//!
//! The parser is split by what it reads: [`header`], [`layout`] (line
//! classification), [`roles`], [`names`], [`groups`], [`dates`], [`tags`],
//! [`sections`], [`questions`], with [`scan`] walking the lines and [`text`]
//! holding the shared text helpers. [`parse`] and the draft types live here.

mod citations;
mod dates;
mod fields;
mod groups;
mod header;
mod layout;
mod names;
mod people;
mod questions;
mod roles;
mod scan;
mod sections;
mod tags;
#[cfg(test)]
mod test_support;
mod text;
#[cfg(test)]
mod years;

use chrono::{DateTime, Utc};
pub use citations::Citation;
use entity::{
    position::ParticipationMode,
    session::{SessionFormat, SessionKind},
    session_role::RoleKind,
};
pub use groups::{looks_like_group, looks_like_region};
use header::{HEADER, find_header, parse_code_and_title};
use layout::MINUTES;
use names::lost_labels;
use scan::{LastIn, scan};
use sections::{Known, Slot, apply_section};
use text::{binary_line, collapse_ws};

/// A session proposal as parsed from its text, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalDraft {
    /// The year from the header, `IGF 2025 ...` gives `Some(2025)`.
    pub year: Option<i32>,
    /// The session kind, derived from the code's prefix (`WS` is a workshop).
    pub kind: SessionKind,
    /// The session code as published with whitespace normalised, such as
    /// `WS #461` or `Open Forum #31`; for a kind published without a number,
    /// `<kind words>: <title>` such as `NRI Session: Title`; empty when the
    /// header has none.
    pub code: String,
    /// The session title from the header.
    pub title: String,
    /// The header line as read (whitespace collapsed) and its line number,
    /// for messages about it; none when the text has no header.
    pub header: Option<(usize, String)>,
    /// `Organizer N:` lines, in input order.
    pub organizers: Vec<RoleDraft>,
    /// `Speaker N:` lines, in input order.
    pub speakers: Vec<RoleDraft>,
    /// Names under a `Moderator` (or `Onsite Moderator`) heading, or after
    /// `Moderator:`, in input order.
    pub moderators: Vec<RoleDraft>,
    /// Names under an `Online Moderator` heading, in input order.
    pub online_moderators: Vec<RoleDraft>,
    /// Names under a `Rapporteur` heading, in input order.
    pub rapporteurs: Vec<RoleDraft>,
    /// The room layout, mapped from [`Self::format_raw`].
    pub format: Option<SessionFormat>,
    /// The room layout as written, such as `Theater` or
    /// `Round Table - 90 Min`.
    pub format_raw: Option<String>,
    /// The session length in minutes.
    pub duration_minutes: Option<i32>,
    /// The `Format description:` text.
    pub format_description: Option<String>,
    /// The room, from `Room: ...` or the line right after the date line.
    pub room: Option<String>,
    /// The start, from a date line such as
    /// `Thursday, 12th October, 2023 (01:45 UTC) - ...`.
    pub starts_at: Option<DateTime<Utc>>,
    /// The end, from the same date line.
    pub ends_at: Option<DateTime<Utc>>,
    /// Topic tags, from `Topics: A; B` or a `Topic` heading with one per
    /// line. A line is split at `;` (also `|`, `•`, `·`), or at commas when
    /// it has none of those.
    pub topic_tags: Vec<String>,
    /// SDGs or SDG targets as written, such as `9.1` or `SDG 16: Peace...`,
    /// from an `SDGs` heading with one per line, or `SDGs: 9.1, 16.7`.
    pub sdgs: Vec<String>,
    /// The `Additional Speakers` free text.
    pub additional_speakers: Option<String>,
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
    /// Paragraphs of the Tunis Agenda or the Global Digital Compact the
    /// page cites, each once.
    pub citations: Vec<Citation>,
    /// Lines that look like people and were kept as extra text rather than
    /// read as roles, with their 1-based line numbers.
    pub unread_people: Vec<(usize, String)>,
    /// Problems that did not stop the parse, each prefixed `line N: `.
    pub warnings: Vec<String>,
}

/// One person in a role: an `Organizer N:` or `Speaker N:` line, or a name
/// line of a Moderator, Online Moderator or Rapporteur block.
///
/// The comma-separated fields are read as `Name, Stakeholder group, Region`
/// (2025 speakers), `Stakeholder group, Region` (2025 organizers),
/// `Name, Affiliation` (2022–2024 organizers) or `Name, Affiliation,
/// Stakeholder group, Region`, telling them apart with [`looks_like_group`]
/// and [`looks_like_region`]. A speaker line always ends with group and
/// region. Fields are kept as written, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleDraft {
    /// `N` in `Speaker N:`; for moderators, online moderators and
    /// rapporteurs, the 1-based position in that list.
    pub number: u32,
    /// The person's name as written (capitals and honorifics kept); `None`
    /// for anonymous organizer lines such as
    /// `Organizer 1: Civil Society, Eastern European Group`.
    pub name: Option<String>,
    /// The organisation, such as `Acme University` in
    /// `Organizer 1: Jane Doe, Acme University`.
    pub affiliation: Option<String>,
    /// The stakeholder group as written, trimmed, such as `Civil Society`.
    pub stakeholder_group: Option<String>,
    /// The regional group as written, trimmed, such as
    /// `Western European and Others Group (WEOG)`.
    pub region: Option<String>,
    /// 1-based line number of the role line in the input.
    pub line: usize,
    /// Onsite or online, where the page says so: an `[onsite]` or
    /// `[online]` tag, or an `Onsite Moderator` / `Online Moderator` label.
    pub participation: Option<ParticipationMode>,
    /// Other parts the same line gives this person, such as the moderator
    /// in `[online, moderator]` or `Moderator and Organizer: Name`.
    pub also: Vec<RoleKind>,
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

impl ProposalDraft {
    /// A draft with nothing found yet.
    fn empty() -> Self {
        Self {
            year: None,
            kind: SessionKind::Other,
            code: String::new(),
            title: String::new(),
            header: None,
            organizers: Vec::new(),
            speakers: Vec::new(),
            moderators: Vec::new(),
            online_moderators: Vec::new(),
            rapporteurs: Vec::new(),
            format: None,
            format_raw: None,
            duration_minutes: None,
            format_description: None,
            room: None,
            starts_at: None,
            ends_at: None,
            topic_tags: Vec::new(),
            sdgs: Vec::new(),
            additional_speakers: None,
            policy_questions: Vec::new(),
            participant_gains: Vec::new(),
            description: None,
            expected_outcomes: None,
            hybrid_format: None,
            extra_sections: Vec::new(),
            citations: Vec::new(),
            unread_people: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// Parses the text of an IGF session proposal into a [`ProposalDraft`].
///
/// Accepts CRLF line ends, tabs, any indentation and a leading BOM. The
/// header `IGF YYYY <code> <title>` should be the first non-empty line;
/// a few lines of page furniture before it are kept as untitled text.
///
/// # Errors
///
/// Returns a [`ParseError`] when the text is empty; when it is binary data
/// (NUL bytes or mostly non-printable characters); when it has neither a
/// header nor any organizer/speaker line; or when a role line has missing
/// fields (a speaker needs name, group and region). A role line that is the
/// last line of a text without a final line break is taken as cut off: it is
/// kept with what it has and a warning instead.
pub fn parse(text: &str) -> Result<ProposalDraft, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(line) = binary_line(text) {
        return Err(ParseError {
            line,
            message: "not a text proposal: binary data".to_owned(),
        });
    }
    // `lines()` drops a trailing '\r'; collapsing whitespace also turns tabs
    // and non-breaking spaces into single spaces and removes indentation.
    let lines: Vec<String> = text.lines().map(collapse_ws).collect();
    let Some(first) = lines.iter().position(|l| !l.is_empty()) else {
        return Err(ParseError {
            line: 1,
            message: "empty proposal".to_owned(),
        });
    };
    let last = lines.iter().rposition(|l| !l.is_empty()).unwrap_or(first);
    // A page cut off mid-word usually lacks the final line break.
    let ends_open = !text.ends_with(['\n', '\r']);

    let mut draft = ProposalDraft::empty();

    let header_idx = find_header(&lines, first);
    if let Some(h) = header_idx {
        draft.header = Some((h + 1, lines[h].clone()));
        if let Some(c) = HEADER.captures(&lines[h]) {
            draft.year = c[1].parse().ok();
            parse_code_and_title(&c[2], h + 1, &mut draft);
        } else if let Some((kind, title)) = header::bracketed(&lines[h]) {
            header::take_bracketed(&kind, &title, &mut draft);
        }
    }
    let header_line = header_idx.unwrap_or(first) + 1;

    let lost = lost_labels(&lines, header_idx);
    let cut_at = ends_open.then_some(last);
    let scanned = scan(&lines, first, header_idx, &lost, cut_at, &mut draft)?;

    if header_idx.is_none() {
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
    for section in scanned.sections {
        apply_section(section, &mut seen, &mut draft);
    }

    // Older layouts put the length on the format line ("Round Table - 90 Min").
    if draft.duration_minutes.is_none()
        && let Some(raw) = &draft.format_raw
        && let Some(c) = MINUTES.captures(raw)
    {
        draft.duration_minutes = c[1].parse().ok();
    }

    // Nothing else gave the length: the schedule line's start and end.
    if draft.duration_minutes.is_none()
        && let (Some(starts), Some(ends)) = (draft.starts_at, draft.ends_at)
    {
        draft.duration_minutes = i32::try_from((ends - starts).num_minutes())
            .ok()
            .filter(|m| (1..=24 * 60).contains(m));
    }

    // A layout that maps to no known one is kept as written in the format
    // description, as the schema promises for `OTHER`.
    if draft.format == Some(SessionFormat::Other)
        && let Some(raw) = &draft.format_raw
        && !draft
            .format_description
            .as_deref()
            .is_some_and(|d| d.contains(raw.as_str()))
    {
        draft.format_description = Some(match draft.format_description.take() {
            Some(d) => format!("{raw}\n\n{d}"),
            None => raw.clone(),
        });
    }

    unread_people(&lines, &mut draft);

    let (cited, unplaced) = citations::citations(&lines);
    draft.citations = cited;
    draft.warnings.extend(unplaced);

    missing_warnings(&mut draft, &seen, header_line);

    if let Some(warning) =
        cut_off_warning(&lines[last], last + 1, ends_open, scanned.last_in, &draft)
    {
        draft.warnings.push(warning);
    }

    Ok(draft)
}

/// Lines kept as extra text that look like people: each a warning, and
/// together one item of the review queue when stored.
fn unread_people(lines: &[String], draft: &mut ProposalDraft) {
    let role_lines: Vec<usize> = [
        &draft.organizers,
        &draft.speakers,
        &draft.moderators,
        &draft.online_moderators,
        &draft.rapporteurs,
    ]
    .iter()
    .flat_map(|l| l.iter().map(|r| r.line))
    .collect();
    let extra: Vec<&str> = draft
        .extra_sections
        .iter()
        .flat_map(|s| s.body.lines())
        .chain(draft.additional_speakers.iter().flat_map(|a| a.lines()))
        .collect();
    for (idx, line) in lines.iter().enumerate() {
        if !line.is_empty()
            && !role_lines.contains(&(idx + 1))
            && names::looks_like_person(line)
            && extra.contains(&line.as_str())
        {
            draft.warnings.push(format!(
                "line {}: looks like a person but was not read as a role; kept as extra text \
                 and queued for review: {line:?}",
                idx + 1
            ));
            draft.unread_people.push((idx + 1, line.clone()));
        }
    }
}

/// Warnings for what a proposal should have and this one lacks, named at
/// the header line. `seen` holds the known sections applied.
fn missing_warnings(
    draft: &mut ProposalDraft,
    seen: &[(Known, usize, String)],
    header_line: usize,
) {
    // A section that was present but empty has already been warned about.
    let seen_known = |k: Known| seen.iter().any(|(s, _, _)| *s == k);
    let missing = |what: &str, present: bool, section_seen: bool| {
        (!present && !section_seen).then(|| format!("line {header_line}: no {what}"))
    };
    let checks = [
        missing("Organizer lines", !draft.organizers.is_empty(), false),
        missing("Speaker lines", !draft.speakers.is_empty(), false),
        missing(
            "Policy Question(s) section",
            !draft.policy_questions.is_empty(),
            seen_known(Known::PolicyQuestions),
        ),
        missing(
            "Description section",
            draft.description.is_some(),
            seen_known(Known::Description),
        ),
    ];
    draft.warnings.extend(checks.into_iter().flatten());
}

/// A warning when the text seems to stop mid-word or mid-sentence: the last
/// line ends with a letter or a joining character, and either the text has
/// no final line break or the line is in a free-text section (which ends
/// with punctuation when complete). Names what was not found.
fn cut_off_warning(
    last: &str,
    line: usize,
    ends_open: bool,
    last_in: LastIn,
    draft: &ProposalDraft,
) -> Option<String> {
    let open_end = last
        .chars()
        .last()
        .is_some_and(|c| c.is_alphabetic() || matches!(c, ',' | '-' | '–' | '(' | '&' | '/'));
    let where_ = match last_in {
        LastIn::Section(Slot::Known(k)) if k.prose() => format!("the {} section", k.label()),
        _ if !ends_open => return None,
        LastIn::Section(Slot::Known(k)) => format!("the {} section", k.label()),
        LastIn::Role => "a role line".to_owned(),
        LastIn::Section(_) | LastIn::Other => "the last line".to_owned(),
    };
    if !open_end {
        return None;
    }
    let tail: String = {
        let chars: Vec<char> = last.chars().collect();
        let from = chars.len().saturating_sub(30);
        chars[from..].iter().collect()
    };
    let not_found: Vec<&str> = [
        ("Organizer lines", !draft.organizers.is_empty()),
        ("Speaker lines", !draft.speakers.is_empty()),
        ("Format", draft.format_raw.is_some()),
        ("Policy Question(s)", !draft.policy_questions.is_empty()),
        ("Description", draft.description.is_some()),
        ("Expected Outcomes", draft.expected_outcomes.is_some()),
    ]
    .into_iter()
    .filter(|(_, present)| !present)
    .map(|(what, _)| what)
    .collect();
    let missing = if not_found.is_empty() {
        "the rest of that section".to_owned()
    } else {
        not_found.join(", ")
    };
    Some(format!(
        "line {line}: the text stops mid-sentence in {where_} (\"{tail}\"); \
         the page seems cut off; missing: {missing}"
    ))
}

#[cfg(test)]
mod parse_tests;
