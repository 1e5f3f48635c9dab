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
//! importing the same page again finds the same code.
//!
//! The parser is tolerant: sections may be missing or reordered, and text it
//! cannot place is kept (as an [`ExtraSection`]) rather than dropped. Lines
//! or blocks repeated by the page's rendering are counted once. Missing
//! sections and a page that seems cut off produce warnings, not errors; only
//! input that cannot be a proposal at all (empty, binary, neither header nor
//! role lines), or a malformed role line, is a [`ParseError`].

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use entity::session::{SessionFormat, SessionKind};
use regex::{Captures, Regex};

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

/// Whether `s` is a stakeholder group: Government, Civil Society, Technical
/// Community, Private Sector, Intergovernmental Organization/Organisation or
/// International Organization/Organisation (singular or plural), in any case,
/// with any spacing or hyphens. The whole field must be the group.
pub fn looks_like_group(s: &str) -> bool {
    const GROUPS: [&str; 14] = [
        "government",
        "governments",
        "civil society",
        "technical community",
        "private sector",
        "intergovernmental organization",
        "intergovernmental organizations",
        "intergovernmental organisation",
        "intergovernmental organisations",
        "international organization",
        "international organizations",
        "international organisation",
        "international organisations",
        "igo",
    ];
    let key = fold_key(s);
    GROUPS.contains(&key.as_str())
}

/// Whether `s` reads like a regional group: it contains `Group`, `WEOG`,
/// `GRULAC`, `Asia`, `Africa`, `Europe`, `America`, `Pacific`, `Caribbean`,
/// `States`, `Intergovernmental`, `Oceania`, `Latin`, `Arab` or `Middle
/// East`, in any case (so `Western European and Others Group (WEOG)`,
/// `(Western European and other States)`, `Asia-Pacific` and
/// `Intergovernmental Organization` all do). A heuristic: it recognises the
/// shape of a role line, it does not map the value.
pub fn looks_like_region(s: &str) -> bool {
    const WORDS: [&str; 15] = [
        "group",
        "weog",
        "grulac",
        "asia",
        "africa",
        "europe",
        "america",
        "pacific",
        "caribbean",
        "states",
        "intergovernmental",
        "oceania",
        "latin",
        "arab",
        "middle east",
    ];
    let key = fold_key(s);
    WORDS.iter().any(|w| key.contains(w))
        || key.split(' ').any(|w| matches!(w, "eeg" | "apg" | "lac"))
}

/// A region that cannot be part of an affiliation: it names a UN regional
/// group (`... Group`, `WEOG`, `... and other States`).
fn strong_region(s: &str) -> bool {
    let key = fold_key(s);
    key.split(' ')
        .any(|w| matches!(w, "group" | "groups" | "weog" | "grulac" | "eeg" | "apg"))
        || key.contains("other states")
        || key.starts_with("intergovernmental organi")
}

/// Lower case, brackets and hyphens as spaces, whitespace collapsed, no
/// trailing full stop.
fn fold_key(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '-' | '–' | '_' | '(' | ')' | '[' | ']' => ' ',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    collapse_ws(&s).trim_end_matches('.').to_owned()
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
    AdditionalSpeakers,
    /// A bare `Organizers` or `Speakers` heading above the role lines.
    RoleList,
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
            Known::AdditionalSpeakers => "Additional Speakers",
            Known::RoleList => "Speakers",
        }
    }

    /// Sections that hold one value, either after the heading or on the next
    /// non-empty line (the 2025 layout puts `Theater` under `Format`).
    fn single_value(self) -> bool {
        matches!(self, Known::Format | Known::Duration)
    }

    /// Free-text sections: a last line that stops mid-sentence there
    /// suggests the page was cut off.
    fn prose(self) -> bool {
        matches!(
            self,
            Known::FormatDescription
                | Known::Description
                | Known::ExpectedOutcomes
                | Known::HybridFormat
        )
    }
}

/// The lists a [`RoleDraft`] can go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RoleList {
    Organizer,
    Speaker,
    Moderator,
    OnlineModerator,
    Rapporteur,
}

impl RoleList {
    fn label(self) -> &'static str {
        match self {
            RoleList::Organizer => "Organizer",
            RoleList::Speaker => "Speaker",
            RoleList::Moderator => "Moderator",
            RoleList::OnlineModerator => "Online Moderator",
            RoleList::Rapporteur => "Rapporteur",
        }
    }

    /// Organizer and speaker lines carry their own number.
    fn numbered(self) -> bool {
        matches!(self, RoleList::Organizer | RoleList::Speaker)
    }

    fn of(self, draft: &mut ProposalDraft) -> &mut Vec<RoleDraft> {
        match self {
            RoleList::Organizer => &mut draft.organizers,
            RoleList::Speaker => &mut draft.speakers,
            RoleList::Moderator => &mut draft.moderators,
            RoleList::OnlineModerator => &mut draft.online_moderators,
            RoleList::Rapporteur => &mut draft.rapporteurs,
        }
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
        r"(?i)^(?P<code>(?P<words>main session|nri(?:s)?(?: collaborative)? session|networking session|town hall|open forum|lightning talk|dynamic coalition|day 0 event|launch\s*(?:&|and|/)\s*award(?: event)?|workshop)(?P<num>\s+\d+)?)\b\s*(?:[:\-–—|]\s*)?(?P<title>.*)$",
    )
    .expect("valid regex")
});

static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(organi[sz]er|speaker)\s*#?\s*(\d+)\s*:\s*(.*)$").expect("valid regex")
});

/// `Moderator`, `Onsite Moderator(s)`, `Online Moderator: Name`,
/// `Rapporteur`.
static ROLE_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?P<kind>(?:(?:on-?\s*site|in-?\s*person)\s+)?moderators?|online\s+moderators?|rapporteurs?)(?:\s*\(s\))?\s*(?::\s*(?P<rest>.*))?$",
    )
    .expect("valid regex")
});

static TOPICS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:topics?|topic\s+tags?|tags)(?:\s*\(s\))?\s*(?::\s*(?P<rest>.*))?$")
        .expect("valid regex")
});

static SDGS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:sdgs?|sdg\s*\(s\)|sdg\s+targets?|sustainable\s+development\s+goals?(?:\s*\(sdgs?\))?)\s*(?::\s*(?P<rest>.*))?$",
    )
    .expect("valid regex")
});

/// One SDG entry: `9.1`, `16.b`, `SDG 16: Peace...`, `Goal 4 - ...`.
static SDG_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:sdg\s*#?\s*|goal\s*)?\d{1,2}(?:\.[0-9a-z]{1,2})?(?:$|[\s:.\-–—),])")
        .expect("valid regex")
});

static ROOM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:room|venue)\s*:\s*(?P<rest>.+)$").expect("valid regex"));

/// A bare line that names a room: `WS 6 – Room E`, `Main Hall`.
static ROOM_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:room|hall|plenary|studio|auditorium|salon|stage|annex|ballroom|booth|village|ws\s*\d+)\b",
    )
    .expect("valid regex")
});

/// The 2022–2024 layout line: `Round Table - 90 Min`,
/// `Round Table - U-shape - 60 Min`, `Format: Classroom - 60 Min`.
static LAYOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:format\s*:\s*)?(?P<raw>[a-z][a-z/&'’ ().\-–—]{0,80}?\s*[-–—,]\s*\d{1,3}\s*min(?:ute)?s?\.?)$",
    )
    .expect("valid regex")
});

const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

/// `(01:45 UTC)`, `01:45 UTC+2`; group names start with `p`.
fn time_pattern(p: &str) -> String {
    format!(
        r"\(?\s*(?P<{p}h>\d{{1,2}}):(?P<{p}mi>\d{{2}})\s*(?:UTC|GMT)\s*(?P<{p}off>[+-]\s*\d{{1,2}}(?::?\d{{2}})?)?\s*\)?"
    )
}

/// `Thursday, 12th October, 2023 (01:45 UTC)` or `October 12, 2023 01:45 UTC`.
fn datetime_pattern(p: &str) -> String {
    format!(
        r"(?:[a-z]{{2,9}}\.?,?\s+)?(?:(?P<{p}d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<{p}m1>{MONTHS})\.?|(?P<{p}m2>{MONTHS})\.?\s+(?P<{p}d2>\d{{1,2}})(?:st|nd|rd|th)?),?\s+(?P<{p}y>\d{{4}}),?\s*{}",
        time_pattern(p)
    )
}

/// A date line: a start, optionally ` - ` and an end (a full date or only a
/// time on the start's day).
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:(?:date|time|date\s*(?:&|and)\s*time|when|schedule)\s*:\s*)?{}(?:\s*(?:-|–|—|to|until)\s*(?:{}|{}))?$",
        datetime_pattern("s"),
        datetime_pattern("e"),
        time_pattern("t")
    ))
    .expect("valid regex")
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

/// What one non-empty line is, before the scanner's state is considered.
enum Line<'a> {
    Role {
        list: RoleList,
        number: &'a str,
        body: &'a str,
    },
    RoleBlock {
        list: RoleList,
        rest: Option<&'a str>,
    },
    /// `None` when the line has the shape of a date line but an impossible
    /// date.
    Date(Option<(DateTime<Utc>, Option<DateTime<Utc>>)>),
    Room(&'a str),
    Topics(Option<&'a str>),
    Sdgs(Option<&'a str>),
    Known(Known, Option<String>),
    Layout(&'a str),
    Plain,
}

impl Line<'_> {
    fn is_plain(&self) -> bool {
        matches!(self, Line::Plain | Line::Date(None))
    }
}

fn classify(line: &str) -> Line<'_> {
    fn rest<'a>(c: &Captures<'a>) -> Option<&'a str> {
        c.name("rest")
            .map(|m| m.as_str().trim())
            .filter(|s| !s.is_empty())
    }
    if let Some(c) = ROLE.captures(line) {
        let list = if c[1].eq_ignore_ascii_case("speaker") {
            RoleList::Speaker
        } else {
            RoleList::Organizer
        };
        let (number, body) = (c.get(2), c.get(3));
        return Line::Role {
            list,
            number: number.map_or("", |m| m.as_str()),
            body: body.map_or("", |m| m.as_str()),
        };
    }
    if let Some(c) = ROLE_BLOCK.captures(line) {
        let kind = c["kind"].to_lowercase();
        let list = if kind.starts_with("online") {
            RoleList::OnlineModerator
        } else if kind.starts_with("rapporteur") {
            RoleList::Rapporteur
        } else {
            RoleList::Moderator
        };
        return Line::RoleBlock {
            list,
            rest: rest(&c),
        };
    }
    if let Some(c) = DATE_LINE.captures(line) {
        return Line::Date(date_range(&c));
    }
    if let Some(c) = ROOM.captures(line) {
        return Line::Room(c.name("rest").map_or("", |m| m.as_str().trim()));
    }
    if let Some(c) = TOPICS.captures(line) {
        return Line::Topics(rest(&c));
    }
    if let Some(c) = SDGS.captures(line) {
        return Line::Sdgs(rest(&c));
    }
    if let Some((known, content)) = match_known(line) {
        return Line::Known(known, content);
    }
    if let Some(raw) = LAYOUT.captures(line).and_then(|c| c.name("raw"))
        && is_layout(raw.as_str())
    {
        return Line::Layout(raw.as_str());
    }
    Line::Plain
}

/// Whether a `<words> - N Min` line names a room layout (`Round Table`,
/// `Panel - Auditorium`, `Other`), not an agenda item (`Opening - 5 min`).
fn is_layout(raw: &str) -> bool {
    const FIRST_WORDS: [&str; 9] = [
        "panel",
        "other",
        "debate",
        "birds",
        "break",
        "breakout",
        "fishbowl",
        "boardroom",
        "u",
    ];
    let first = raw
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    format_from_raw(raw) != SessionFormat::Other || FIRST_WORDS.contains(&first.as_str())
}

/// Start and end of a date line; `None` for an impossible date.
fn date_range(c: &Captures<'_>) -> Option<(DateTime<Utc>, Option<DateTime<Utc>>)> {
    let start = datetime(c, "s")?;
    let end = if c.name("ey").is_some() {
        Some(datetime(c, "e")?)
    } else if c.name("th").is_some() {
        // Only a time: the start's day, or the next one if it is earlier.
        let (h, mi, off) = time_parts(c, "t")?;
        let local = start.date_naive().and_hms_opt(h, mi, 0)?;
        let mut end = local.and_utc() - off;
        if end < start {
            end += TimeDelta::days(1);
        }
        Some(end)
    } else {
        None
    };
    Some((start, end))
}

fn datetime(c: &Captures<'_>, p: &str) -> Option<DateTime<Utc>> {
    let get = |n: &str| c.name(&format!("{p}{n}")).map(|m| m.as_str());
    let day: u32 = get("d1").or_else(|| get("d2"))?.parse().ok()?;
    let month = get("m1").or_else(|| get("m2"))?.to_lowercase();
    let month = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| month.starts_with(m))? as u32
        + 1;
    let year: i32 = get("y")?.parse().ok()?;
    let (h, mi, off) = time_parts(c, p)?;
    let local = NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(h, mi, 0)?;
    Some(local.and_utc() - off)
}

/// Hour, minute and UTC offset of a time captured with prefix `p`.
fn time_parts(c: &Captures<'_>, p: &str) -> Option<(u32, u32, TimeDelta)> {
    let get = |n: &str| c.name(&format!("{p}{n}")).map(|m| m.as_str());
    let h = get("h")?.parse().ok()?;
    let mi = get("mi")?.parse().ok()?;
    let off = match get("off") {
        None => TimeDelta::zero(),
        Some(o) => {
            let negative = o.starts_with('-');
            let digits: String = o.chars().filter(char::is_ascii_digit).collect();
            let (oh, om) = if digits.len() > 2 {
                digits.split_at(digits.len() - 2)
            } else {
                (digits.as_str(), "0")
            };
            let minutes = oh.parse::<i64>().ok()? * 60 + om.parse::<i64>().ok()?;
            TimeDelta::minutes(if negative { -minutes } else { minutes })
        }
    };
    Some((h, mi, off))
}

/// Whether the text is binary rather than a text proposal: a NUL byte, or
/// more than a fifth of its characters non-printable (control characters
/// other than line breaks and tabs, or U+FFFD left by a lossy decode).
/// Returns the 1-based line of the first offending character.
fn binary_line(text: &str) -> Option<usize> {
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

    let mut draft = ProposalDraft {
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
        warnings: Vec::new(),
    };

    let header_idx = find_header(&lines, first);
    if let Some(h) = header_idx
        && let Some(c) = HEADER.captures(&lines[h])
    {
        draft.year = c[1].parse().ok();
        draft.header = Some((h + 1, lines[h].clone()));
        parse_code_and_title(&c[2], h + 1, &mut draft);
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

    if let Some(warning) =
        cut_off_warning(&lines[last], last + 1, ends_open, scanned.last_in, &draft)
    {
        draft.warnings.push(warning);
    }

    Ok(draft)
}

/// Where the last non-empty line went, for telling a cut-off page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LastIn {
    Role,
    Section(Slot),
    Other,
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

/// The header line: the first non-empty line, or one of the next few lines
/// when page furniture comes first, as long as nothing recognised precedes
/// it.
fn find_header(lines: &[String], first: usize) -> Option<usize> {
    for (idx, line) in lines
        .iter()
        .enumerate()
        .skip(first)
        .filter(|(_, l)| !l.is_empty())
        .take(10)
    {
        if HEADER.is_match(line) {
            return Some(idx);
        }
        if !classify(line).is_plain() {
            return None;
        }
    }
    None
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
        draft.title = c["title"].trim().to_owned();
        // Without a number the kind words alone would be shared by every
        // such session of the year: the title tells them apart.
        draft.code = if c.name("num").is_none() && !draft.title.is_empty() {
            format!("{code}: {}", draft.title)
        } else {
            code
        };
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

/// Bare name lines right after the speakers (and any organizer lines that
/// follow them) whose Moderator, Online Moderator and Rapporteur labels were
/// lost: one to three of them, taken in that order. Only when the text has
/// no such label anywhere. Returns the line indexes with the list each goes
/// to.
fn lost_labels(lines: &[String], header_idx: Option<usize>) -> Vec<(usize, RoleList)> {
    let classes: Vec<Option<Line<'_>>> = lines
        .iter()
        .map(|l| (!l.is_empty()).then(|| classify(l)))
        .collect();
    if classes
        .iter()
        .any(|c| matches!(c, Some(Line::RoleBlock { .. })))
    {
        return Vec::new();
    }
    let has_speaker = classes.iter().any(|c| {
        matches!(
            c,
            Some(Line::Role {
                list: RoleList::Speaker,
                ..
            })
        )
    });
    let Some(last_role) = classes
        .iter()
        .rposition(|c| matches!(c, Some(Line::Role { .. })))
        .filter(|_| has_speaker)
    else {
        return Vec::new();
    };
    let header = header_idx.map(|h| lines[h].as_str());
    let mut names = Vec::new();
    let mut stop = None;
    for idx in last_role + 1..lines.len() {
        let Some(class) = &classes[idx] else {
            continue;
        };
        if class.is_plain() && Some(lines[idx].as_str()) != header && is_name_line(&lines[idx]) {
            names.push(idx);
        } else {
            stop = Some(idx);
            break;
        }
    }
    // A Title-Cased line followed by prose is a heading, not a name.
    if let Some(s) = stop
        && classes[s].as_ref().is_some_and(Line::is_plain)
        && !lines[s].ends_with(':')
        && let Some(&last) = names.last()
        && looks_like_unknown_heading(lines, last)
    {
        names.pop();
    }
    if names.len() > 3 {
        return Vec::new();
    }
    names
        .into_iter()
        .zip([
            RoleList::Moderator,
            RoleList::OnlineModerator,
            RoleList::Rapporteur,
        ])
        .collect()
}

/// Words that do not occur in names, to tell a bare heading from a name.
const NOT_NAME_WORDS: [&str; 34] = [
    "session",
    "sessions",
    "forum",
    "internet",
    "online",
    "onsite",
    "participation",
    "format",
    "description",
    "outcomes",
    "objectives",
    "agenda",
    "policy",
    "questions",
    "speakers",
    "organizers",
    "moderator",
    "summary",
    "background",
    "panel",
    "discussion",
    "governance",
    "digital",
    "workshop",
    "event",
    "report",
    "resources",
    "links",
    "notes",
    "contact",
    "takeaways",
    "key",
    "issues",
    "targets",
];

/// Lower-case particles of names: `de`, `van`, `bin`, `al`...
const PARTICLES: [&str; 30] = [
    "de", "del", "della", "der", "den", "di", "da", "das", "do", "dos", "du", "la", "le", "van",
    "von", "y", "e", "bin", "binti", "bint", "ibn", "al", "el", "ter", "ten", "zu", "af", "av",
    "ben", "st",
];

/// A bare line that is surely a person: two to six capitalised words (or
/// name particles) before the first comma, no digits or sentence marks.
fn is_name_line(line: &str) -> bool {
    if line.chars().count() > 150 {
        return false;
    }
    let name = line.split(',').next().unwrap_or("").trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=6).contains(&words.len())
        || name.contains(|c: char| c.is_ascii_digit() || "?!:;\"“”()[]{}|#@".contains(c))
        || format_from_raw(name) != SessionFormat::Other
        || looks_like_group(name)
        || strong_region(name)
    {
        return false;
    }
    words.iter().all(|word| {
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = core.chars().next() else {
            return word.chars().all(|c| c == '.' || c == '-' || c == '\'');
        };
        let lower = core.to_lowercase();
        let stem = lower.split(['-', '\'', '’']).next().unwrap_or("");
        if NOT_NAME_WORDS.contains(&lower.as_str()) {
            return false;
        }
        first.is_uppercase() || PARTICLES.contains(&lower.as_str()) || PARTICLES.contains(&stem)
    }) && !words
        .last()
        .is_some_and(|w| w.ends_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() > 3)
}

/// A line under a Moderator/Online Moderator/Rapporteur heading that can be
/// a person: a short name part with at most one lower-case word that is not
/// a name particle (so a sentence is not taken for a name).
fn is_person_line(line: &str) -> bool {
    if line.chars().count() > 150 || line.contains(['?', '!', ';']) || line.ends_with(':') {
        return false;
    }
    let name = line.split(',').next().unwrap_or("").trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(1..=10).contains(&words.len()) || !name.contains(char::is_alphabetic) {
        return false;
    }
    let lower_words = words
        .iter()
        .filter(|w| {
            let core = w.trim_matches(|c: char| !c.is_alphanumeric());
            core.chars().next().is_some_and(char::is_lowercase)
                && !PARTICLES.contains(&core.to_lowercase().as_str())
        })
        .count();
    let sentence_end = words
        .last()
        .is_some_and(|w| w.ends_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() > 3);
    lower_words <= 1 && !sentence_end
}

/// An item under a `Topic` heading.
fn is_topic_line(line: &str) -> bool {
    let line = strip_list_marker(line).unwrap_or(line);
    line.chars().count() <= 80
        && line.split_whitespace().count() <= 8
        && line.contains(char::is_alphabetic)
        && !line.ends_with(['.', '?', '!', ':'])
}

/// Topic tags from `A; B` (or `A, B` when there is no other separator).
fn split_tags(s: &str) -> Vec<String> {
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
fn split_sdgs(s: &str) -> Vec<String> {
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

/// An open list block: the heading's line and text, and how many items it
/// has taken so far.
#[derive(Debug)]
struct Block {
    kind: BlockKind,
    line: usize,
    heading: String,
    taken: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Role(RoleList),
    Topics,
    Sdgs,
}

/// What [`scan`] found besides the roles and fields it set directly.
struct Scanned {
    sections: Vec<RawSection>,
    last_in: LastIn,
}

/// The scanner's state while it walks the lines.
struct Scanner<'d> {
    draft: &'d mut ProposalDraft,
    sections: Vec<RawSection>,
    current: Option<usize>,
    block: Option<Block>,
    /// Roles already seen, for counting a repeated line once.
    roles_seen: Vec<(RoleList, RoleDraft)>,
    /// Single-value lines already seen (date, room), with their line.
    values_seen: Vec<(String, usize)>,
    last_in: LastIn,
}

impl Scanner<'_> {
    /// Ends an open list block, warning when it took nothing.
    fn close_block(&mut self) {
        if let Some(b) = self.block.take()
            && b.taken == 0
        {
            self.draft
                .warnings
                .push(format!("line {}: {} has no entries", b.line, b.heading));
        }
    }

    /// Adds a role to its list, counting a repeated one once.
    fn push_role(&mut self, list: RoleList, mut role: RoleDraft) {
        let label = list.label();
        let line = role.line;
        if list.numbered() {
            let same_number: Vec<&RoleDraft> = self
                .roles_seen
                .iter()
                .filter(|(l, r)| *l == list && r.number == role.number)
                .map(|(_, r)| r)
                .collect();
            if let Some(dup) = same_number.iter().find(|r| same_content(r, &role)) {
                self.draft.warnings.push(format!(
                    "line {line}: repeats {label} {} from line {}; counted once",
                    role.number, dup.line
                ));
                return;
            }
            if let Some(other) = same_number.first() {
                self.draft.warnings.push(format!(
                    "line {line}: {label} {} differs from line {}; both kept",
                    role.number, other.line
                ));
            }
        } else {
            if let Some((_, dup)) = self
                .roles_seen
                .iter()
                .find(|(l, r)| *l == list && same_content(r, &role))
            {
                self.draft.warnings.push(format!(
                    "line {line}: repeats {label} {} from line {}; counted once",
                    dup.name.as_deref().unwrap_or(""),
                    dup.line
                ));
                return;
            }
            role.number = u32::try_from(list.of(self.draft).len() + 1).unwrap_or(u32::MAX);
        }
        self.roles_seen.push((list, role.clone()));
        list.of(self.draft).push(role);
    }

    /// Whether `value` repeats an earlier single-value line; warns if so.
    fn repeated_value(&mut self, value: &str, line: usize) -> bool {
        if let Some((_, first)) = self.values_seen.iter().find(|(v, _)| v == value) {
            self.draft
                .warnings
                .push(format!("line {line}: repeats line {first}; counted once"));
            return true;
        }
        self.values_seen.push((value.to_owned(), line));
        false
    }

    /// Appends list items (topics, SDGs), counting a repeated one once.
    fn push_items(&mut self, sdgs: bool, items: Vec<String>, line: usize) {
        for item in items {
            let (list, what) = if sdgs {
                (&mut self.draft.sdgs, "SDG")
            } else {
                (&mut self.draft.topic_tags, "topic")
            };
            if list.contains(&item) {
                self.draft.warnings.push(format!(
                    "line {line}: repeats {what} {item:?}; counted once"
                ));
            } else {
                list.push(item);
            }
        }
    }

    /// Opens a new raw section and makes it current.
    fn open(&mut self, slot: Slot, heading: String, line: usize, body: Vec<String>) {
        self.sections.push(RawSection {
            slot,
            heading,
            line,
            body,
        });
        self.current = Some(self.sections.len() - 1);
        self.last_in = LastIn::Section(slot);
    }
}

/// Walks the lines: roles, dates, rooms, topics and SDGs go straight into
/// the draft; everything else is collected into raw sections, in input
/// order.
fn scan(
    lines: &[String],
    start: usize,
    header_idx: Option<usize>,
    lost: &[(usize, RoleList)],
    cut_at: Option<usize>,
    draft: &mut ProposalDraft,
) -> Result<Scanned, ParseError> {
    let header = header_idx.map(|h| lines[h].clone());
    let mut s = Scanner {
        draft,
        sections: Vec::new(),
        current: None,
        block: None,
        roles_seen: Vec::new(),
        values_seen: Vec::new(),
        last_in: LastIn::Other,
    };
    // The line just after a date line may name the room.
    let mut after_date = false;
    let mut lost_warned = false;

    for (idx, line) in lines.iter().enumerate().skip(start) {
        let line_no = idx + 1;
        if line.is_empty() {
            if s.block.as_ref().is_some_and(|b| b.taken > 0) {
                s.block = None;
            }
            if let Some(i) = s.current {
                s.sections[i].body.push(String::new());
            }
            continue;
        }
        let follows_date = std::mem::take(&mut after_date);
        s.last_in = LastIn::Other;

        if Some(idx) == header_idx {
            s.close_block();
            s.current = None;
            continue;
        }
        if header_idx.is_some_and(|h| idx > h) && header.as_deref() == Some(line.as_str()) {
            s.draft.warnings.push(format!(
                "line {line_no}: repeats the header line; counted once"
            ));
            continue;
        }
        if let Some(&(_, list)) = lost.iter().find(|(i, _)| *i == idx) {
            s.close_block();
            s.current = None;
            if !lost_warned {
                lost_warned = true;
                let taken: Vec<&str> = lost.iter().map(|(_, l)| l.label()).collect();
                s.draft.warnings.push(format!(
                    "line {line_no}: {} name line(s) after the speakers have no label; \
                     taken as {} in that order",
                    lost.len(),
                    taken.join(", ")
                ));
            }
            s.push_role(list, person_role(line, line_no));
            s.last_in = LastIn::Role;
            continue;
        }

        let class = match classify(line) {
            // Inside open text, "Panel discussion - 45 min" is an agenda
            // item; only a layout that maps ("Round Table - 90 Min") is one.
            Line::Layout(raw)
                if s.current.is_some() && format_from_raw(raw) == SessionFormat::Other =>
            {
                Line::Plain
            }
            class => class,
        };
        if let Line::Date(None) = class {
            s.draft.warnings.push(format!(
                "line {line_no}: date line with an impossible date; kept as text"
            ));
        }

        // A single-value section waiting for its value takes a plain line
        // as is (it is "Theater" under "Format", not a heading of its own).
        if matches!(class, Line::Plain | Line::Layout(_) | Line::Date(None))
            && let Some(i) = s.current
            && let Slot::Known(k) = s.sections[i].slot
            && k.single_value()
            && s.sections[i].body.iter().all(String::is_empty)
        {
            s.sections[i].body.push(line.clone());
            s.current = None;
            s.last_in = LastIn::Section(Slot::Known(k));
            continue;
        }

        if !class.is_plain() {
            s.close_block();
            s.current = None;
        }
        match class {
            Line::Role { list, number, body } => {
                let cut = cut_at == Some(idx);
                let role = parse_role(list, number, body, line_no, cut, &mut s.draft.warnings)?;
                s.push_role(list, role);
                s.last_in = LastIn::Role;
                continue;
            }
            Line::RoleBlock { list, rest } => {
                let heading = line.split(':').next().unwrap_or(line).trim().to_owned();
                match rest {
                    Some(rest) if is_person_line(rest) => {
                        s.push_role(list, person_role(rest, line_no));
                        s.last_in = LastIn::Role;
                    }
                    Some(rest) => {
                        s.open(Slot::Extra, heading, line_no, vec![rest.to_owned()]);
                    }
                    None => {
                        s.block = Some(Block {
                            kind: BlockKind::Role(list),
                            line: line_no,
                            heading,
                            taken: 0,
                        });
                    }
                }
                continue;
            }
            Line::Date(Some((starts, ends))) => {
                after_date = true;
                if s.repeated_value(line, line_no) {
                    continue;
                }
                if s.draft.starts_at.is_some() {
                    s.draft.warnings.push(format!(
                        "line {line_no}: a second, different date line; kept as an extra section"
                    ));
                    s.open(Slot::Extra, "Date".to_owned(), line_no, vec![line.clone()]);
                    s.current = None;
                    continue;
                }
                if ends.is_some_and(|e| e < starts) {
                    s.draft
                        .warnings
                        .push(format!("line {line_no}: the session ends before it starts"));
                }
                s.draft.starts_at = Some(starts);
                s.draft.ends_at = ends;
                continue;
            }
            Line::Room(room) => {
                set_room(&mut s, room, line_no);
                continue;
            }
            Line::Topics(rest) | Line::Sdgs(rest) => {
                let sdgs = matches!(class, Line::Sdgs(_));
                let heading = line.split(':').next().unwrap_or(line).trim().to_owned();
                match rest {
                    Some(rest) => {
                        let items = if sdgs {
                            split_sdgs(rest)
                        } else {
                            split_tags(rest)
                        };
                        s.push_items(sdgs, items, line_no);
                    }
                    None => {
                        s.block = Some(Block {
                            kind: if sdgs {
                                BlockKind::Sdgs
                            } else {
                                BlockKind::Topics
                            },
                            line: line_no,
                            heading,
                            taken: 0,
                        });
                    }
                }
                continue;
            }
            Line::Known(known, content) => {
                let heading = if known == Known::RoleList {
                    line.trim_end_matches(':').trim_end().to_owned()
                } else {
                    known.label().to_owned()
                };
                s.open(Slot::Known(known), heading, line_no, Vec::new());
                if let Some(content) = content.filter(|c| !c.is_empty()) {
                    let i = s.sections.len() - 1;
                    s.sections[i].body.push(content);
                    if known.single_value() {
                        s.current = None;
                    }
                }
                continue;
            }
            Line::Layout(raw) => {
                s.open(
                    Slot::Known(Known::Format),
                    Known::Format.label().to_owned(),
                    line_no,
                    vec![raw.to_owned()],
                );
                s.current = None;
                continue;
            }
            Line::Plain | Line::Date(None) => {}
        }

        if let Some(b) = &mut s.block {
            let fits = match b.kind {
                BlockKind::Role(_) => is_person_line(line),
                BlockKind::Topics => is_topic_line(line),
                BlockKind::Sdgs => SDG_ITEM.is_match(strip_list_marker(line).unwrap_or(line)),
            };
            if fits {
                b.taken += 1;
                match b.kind {
                    BlockKind::Role(list) => {
                        s.push_role(list, person_role(line, line_no));
                        s.last_in = LastIn::Role;
                    }
                    BlockKind::Topics => s.push_items(false, split_tags(line), line_no),
                    BlockKind::Sdgs => s.push_items(true, split_sdgs(line), line_no),
                }
                continue;
            }
            let b = s.block.take().expect("block is open");
            if b.taken == 0 {
                // Not what the heading announced: keep it under that heading.
                s.open(Slot::Extra, b.heading, b.line, vec![line.clone()]);
                continue;
            }
        }

        if follows_date
            && line.chars().count() <= 80
            && !line.ends_with(['.', '?', '!', ':'])
            && ROOM_WORD.is_match(line)
        {
            set_room(&mut s, line, line_no);
            continue;
        }

        if looks_like_unknown_heading(lines, idx) {
            let heading = line.trim_end_matches(':').trim_end().to_owned();
            s.open(Slot::Extra, heading, line_no, Vec::new());
            continue;
        }

        match s.current {
            Some(i) => {
                s.sections[i].body.push(line.clone());
                s.last_in = LastIn::Section(s.sections[i].slot);
            }
            // Text outside any section: kept, never dropped.
            None => s.open(Slot::Orphan, String::new(), line_no, vec![line.clone()]),
        }
    }
    s.close_block();
    Ok(Scanned {
        sections: s.sections,
        last_in: s.last_in,
    })
}

fn set_room(s: &mut Scanner<'_>, room: &str, line: usize) {
    if s.repeated_value(room, line) {
        return;
    }
    if s.draft.room.is_some() {
        s.draft.warnings.push(format!(
            "line {line}: a second, different room; kept as an extra section"
        ));
        s.open(Slot::Extra, "Room".to_owned(), line, vec![room.to_owned()]);
        s.current = None;
        return;
    }
    s.draft.room = Some(room.to_owned());
}

fn same_content(a: &RoleDraft, b: &RoleDraft) -> bool {
    a.name == b.name
        && a.affiliation == b.affiliation
        && a.stakeholder_group == b.stakeholder_group
        && a.region == b.region
}

/// Comma-separated fields, each trimmed (so a stray space before a comma
/// goes), empty for an empty text.
fn fields_of(body: &str) -> Vec<&str> {
    if body.is_empty() {
        Vec::new()
    } else {
        body.split(',').map(str::trim).collect()
    }
}

/// The parts of a person's fields.
#[derive(Debug, Default)]
struct Person {
    name: Option<String>,
    affiliation: Option<String>,
    group: Option<String>,
    region: Option<String>,
}

fn some(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

/// Name and affiliation from the fields before group and region. The name
/// is the first field, extended over any later field that is a name suffix
/// (`Doe, Jane, Jr.` stays one name); the rest is the affiliation.
fn name_and_affiliation(head: &[&str]) -> (Option<String>, Option<String>) {
    const SUFFIXES: [&str; 8] = ["jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"];
    let is_suffix = |f: &&str| {
        let key: String = f
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        SUFFIXES.contains(&key.as_str())
    };
    if head.is_empty() {
        return (None, None);
    }
    let name_end = head
        .iter()
        .rposition(is_suffix)
        .filter(|&i| i > 0)
        .unwrap_or(0);
    let name = head[..=name_end].join(", ");
    let affiliation = head[name_end + 1..].join(", ");
    (some(&name), some(&affiliation))
}

/// Reads a person's fields by recognising group and region at the end:
/// `Name[, Affiliation], Group, Region`, `Name[, Affiliation], Group`, or
/// `Name[, Affiliation]`.
fn split_person(fields: &[&str]) -> Person {
    let n = fields.len();
    let tail = n >= 3 && {
        let (g, r) = (fields[n - 2], fields[n - 1]);
        (looks_like_group(g) && looks_like_region(r)) || strong_region(r)
    };
    if tail {
        let (name, affiliation) = name_and_affiliation(&fields[..n - 2]);
        return Person {
            name,
            affiliation,
            group: some(fields[n - 2]),
            region: some(fields[n - 1]),
        };
    }
    if n >= 2 && looks_like_group(fields[n - 1]) {
        let (name, affiliation) = name_and_affiliation(&fields[..n - 1]);
        return Person {
            name,
            affiliation,
            group: some(fields[n - 1]),
            region: None,
        };
    }
    let (name, affiliation) = name_and_affiliation(fields);
    Person {
        name,
        affiliation,
        ..Person::default()
    }
}

/// A name line of a Moderator/Online Moderator/Rapporteur block.
fn person_role(text: &str, line: usize) -> RoleDraft {
    let body = text.trim().trim_end_matches([',', ';']).trim_end();
    let p = split_person(&fields_of(body));
    RoleDraft {
        number: 0,
        name: p.name,
        affiliation: p.affiliation,
        stakeholder_group: p.group,
        region: p.region,
        line,
    }
}

/// Parses the part after `Speaker N:` / `Organizer N:`.
///
/// A speaker line ends with group and region (the last two fields); what is
/// before them is the name, then any affiliation. An organizer line is
/// `Group, Region` (2025), `Name, Affiliation` (2022–2024) or a name with
/// group and region, told apart with [`looks_like_group`] and
/// [`looks_like_region`]. A line with missing fields is an error, unless
/// `cut` (it is the last line of a text that stops there): then it is kept
/// with what it has, and a warning.
fn parse_role(
    list: RoleList,
    number: &str,
    body: &str,
    line: usize,
    cut: bool,
    warnings: &mut Vec<String>,
) -> Result<RoleDraft, ParseError> {
    let label = list.label();
    let number: u32 = number.parse().map_err(|_| ParseError {
        line,
        message: format!("{label} number {number:?} is too large"),
    })?;
    // A trailing comma or full stop is not an empty region field.
    let body = body.trim().trim_end_matches([',', ';', '.']).trim_end();
    let fields = fields_of(body);
    let n = fields.len();
    let role = |p: Person| RoleDraft {
        number,
        name: p.name,
        affiliation: p.affiliation,
        stakeholder_group: p.group,
        region: p.region,
        line,
    };
    let problem = if list == RoleList::Speaker {
        if n < 3 {
            Some(format!(
                "needs \"Name, Stakeholder group, Region\" but has {n} comma-separated field(s)"
            ))
        } else if fields[0].is_empty() {
            Some("has no name".to_owned())
        } else if looks_like_group(fields[n - 1]) && !looks_like_region(fields[n - 1]) {
            Some(format!(
                "has no region: \"{}\" is a stakeholder group; needs \
                 \"Name, Stakeholder group, Region\"",
                fields[n - 1]
            ))
        } else {
            None
        }
    } else if n == 0 || (n == 1 && (looks_like_group(fields[0]) || looks_like_region(fields[0]))) {
        Some(format!(
            "needs \"[Name,] Stakeholder group, Region\" or \"Name, Affiliation\" but has \
             {n} comma-separated field(s)"
        ))
    } else {
        None
    };

    if let Some(problem) = problem {
        if !cut {
            return Err(ParseError {
                line,
                message: format!("{label} {number} {problem}"),
            });
        }
        // The page stops in this line: keep what is there.
        let partial = match (list, n) {
            (_, 0) => Person::default(),
            (RoleList::Speaker, 1 | 2) => Person {
                name: some(fields[0]),
                group: fields.get(1).and_then(|f| some(f)),
                ..Person::default()
            },
            // Region missing: the last field is the group.
            (RoleList::Speaker, _) if looks_like_group(fields[n - 1]) => {
                let (name, affiliation) = name_and_affiliation(&fields[..n - 1]);
                Person {
                    name,
                    affiliation,
                    group: some(fields[n - 1]),
                    region: None,
                }
            }
            (RoleList::Speaker, _) => split_person(&fields),
            // An organizer with one field, a group or a region.
            (_, _) if looks_like_group(fields[0]) => Person {
                group: some(fields[0]),
                ..Person::default()
            },
            (_, _) => Person {
                region: some(fields[0]),
                ..Person::default()
            },
        };
        warnings.push(format!(
            "line {line}: {label} {number} is cut off ({problem}); kept as far as it goes"
        ));
        return Ok(role(partial));
    }

    if list == RoleList::Speaker {
        let (name, affiliation) = name_and_affiliation(&fields[..n - 2]);
        return Ok(role(Person {
            name,
            affiliation,
            group: some(fields[n - 2]),
            region: some(fields[n - 1]),
        }));
    }
    // Organizer.
    let anonymous = n == 2
        && (looks_like_group(fields[0]) || (strong_region(fields[1]) && !is_name_line(fields[0])));
    if anonymous {
        return Ok(role(Person {
            group: some(fields[0]),
            region: some(fields[1]),
            ..Person::default()
        }));
    }
    Ok(role(split_person(&fields)))
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
fn apply_section(
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
        Known::PolicyQuestions => draft.policy_questions.extend(policy_questions(&body)),
        Known::Gains => draft.participant_gains.extend(participant_gains(&body)),
        Known::RoleList => {}
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
            affiliation: None,
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

    // ---- 2022–2024 layouts, messy text and errors (issue 4, items 2, 3, 5).
    // All people and organisations below are fictional.

    /// The lines joined with "\n", with a final line break.
    fn text(lines: &[&str]) -> String {
        lines.join("\n") + "\n"
    }

    /// A draft with every field empty, for `..blank()`.
    fn blank() -> ProposalDraft {
        ProposalDraft {
            year: None,
            kind: SessionKind::Other,
            code: String::new(),
            title: String::new(),
            header: None,
            organizers: vec![],
            speakers: vec![],
            moderators: vec![],
            online_moderators: vec![],
            rapporteurs: vec![],
            format: None,
            format_raw: None,
            duration_minutes: None,
            format_description: None,
            room: None,
            starts_at: None,
            ends_at: None,
            topic_tags: vec![],
            sdgs: vec![],
            additional_speakers: None,
            policy_questions: vec![],
            participant_gains: vec![],
            description: None,
            expected_outcomes: None,
            hybrid_format: None,
            extra_sections: vec![],
            warnings: vec![],
        }
    }

    fn person(
        number: u32,
        name: Option<&str>,
        affiliation: Option<&str>,
        group: Option<&str>,
        region: Option<&str>,
        line: usize,
    ) -> RoleDraft {
        let s = |v: Option<&str>| v.map(str::to_owned);
        RoleDraft {
            number,
            name: s(name),
            affiliation: s(affiliation),
            stakeholder_group: s(group),
            region: s(region),
            line,
        }
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        NaiveDate::from_ymd_opt(y, mo, d)
            .and_then(|d| d.and_hms_opt(h, mi, 0))
            .expect("valid date")
            .and_utc()
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    fn extra(heading: &str, body: &str) -> ExtraSection {
        ExtraSection {
            heading: heading.to_owned(),
            body: body.to_owned(),
        }
    }

    #[test]
    fn layout_2022_dynamic_coalition() {
        let d = parse(&text(&[
            "IGF 2022 DC #3 Dynamic Coalition on Fictional Networks",
            "Time: Wednesday, 30th November, 2022 (09:00 UTC) - Wednesday, 30th November, 2022 (10:30 UTC)",
            "Room: Caucus Room 4",
            "",
            "Round Table - Circle - 90 Min",
            "",
            "Organizer 1: Amara Okonkwo, Fictional Institute of Networks",
            "Organizer 2: Lars Eriksen, Nordic Example Foundation",
            "",
            "Speaker 1: Amara Okonkwo, Civil Society, African Group",
            "Speaker 2: Mei Tanaka, Example University, Technical Community, Asia-Pacific Group",
            "",
            "Onsite Moderator",
            "",
            "Amara Okonkwo, Civil Society, African Group",
            "",
            "Online Moderator",
            "",
            "Lars Eriksen, Nordic Example Foundation",
            "",
            "Rapporteur",
            "",
            "Amara Okonkwo",
            "",
            "SDGs",
            "",
            "9.1",
            "16.7",
            "",
            "Targets: The session links to SDG 9 and 16.",
            "",
            "Description:",
            "The coalition will present its yearly report.",
        ]))
        .expect("parses");
        let amara = Some("Amara Okonkwo");
        assert_eq!(
            d,
            ProposalDraft {
                year: Some(2022),
                kind: SessionKind::DynamicCoalition,
                code: "DC #3".to_owned(),
                title: "Dynamic Coalition on Fictional Networks".to_owned(),
                header: Some((
                    1,
                    "IGF 2022 DC #3 Dynamic Coalition on Fictional Networks".to_owned()
                )),
                organizers: vec![
                    person(
                        1,
                        amara,
                        Some("Fictional Institute of Networks"),
                        None,
                        None,
                        7
                    ),
                    person(
                        2,
                        Some("Lars Eriksen"),
                        Some("Nordic Example Foundation"),
                        None,
                        None,
                        8
                    ),
                ],
                speakers: vec![
                    person(
                        1,
                        amara,
                        None,
                        Some("Civil Society"),
                        Some("African Group"),
                        10
                    ),
                    person(
                        2,
                        Some("Mei Tanaka"),
                        Some("Example University"),
                        Some("Technical Community"),
                        Some("Asia-Pacific Group"),
                        11
                    ),
                ],
                moderators: vec![person(
                    1,
                    amara,
                    None,
                    Some("Civil Society"),
                    Some("African Group"),
                    15
                )],
                online_moderators: vec![person(
                    1,
                    Some("Lars Eriksen"),
                    Some("Nordic Example Foundation"),
                    None,
                    None,
                    19
                )],
                // The same person in several roles is kept in each.
                rapporteurs: vec![person(1, amara, None, None, None, 23)],
                format: Some(SessionFormat::Roundtable),
                format_raw: Some("Round Table - Circle - 90 Min".to_owned()),
                duration_minutes: Some(90),
                room: Some("Caucus Room 4".to_owned()),
                starts_at: Some(utc(2022, 11, 30, 9, 0)),
                ends_at: Some(utc(2022, 11, 30, 10, 30)),
                sdgs: strings(&["9.1", "16.7"]),
                description: Some("The coalition will present its yearly report.".to_owned()),
                extra_sections: vec![extra("", "Targets: The session links to SDG 9 and 16.")],
                warnings: strings(&[
                    "line 30: text outside any known section; kept as an untitled extra section",
                    "line 1: no Policy Question(s) section",
                ]),
                ..blank()
            }
        );
    }

    #[test]
    fn layout_2023_open_forum_with_role_blocks_date_and_room() {
        let d = parse(&text(&[
            "IGF 2023 Open Forum #31 Fictional Futures for Data",
            "Thursday, 12th October, 2023 (01:45 UTC) - Thursday, 12th October, 2023 (03:15 UTC)",
            "WS 6 – Room E",
            "Topics: Cybersecurity; Disinformation",
            "",
            "Theater - 90 Min",
            "",
            "Organizer 1: Ines Moreau, Ministry of Examples",
            "Speaker 1: Ines Moreau, Government, Western European and Others Group (WEOG)",
            "Speaker 2: Kofi Mensah, Private Sector, African Group",
            "",
            "Additional Speakers",
            "Further speakers from the Example Youth Network will be confirmed.",
            "",
            "Moderator: Ines Moreau",
            "Online Moderator",
            "Kofi Mensah, Private Sector, African Group",
            "Rapporteur: Ines Moreau",
            "",
            "SDGs",
            "SDG 16: Peace, Justice and Strong Institutions",
            "SDG 17: Partnerships for the Goals",
            "",
            "Policy Question(s)",
            "1. How can data flow fairly?",
            "2. Who decides?",
            "",
            "Description:",
            "An open forum on fictional data futures.",
        ]))
        .expect("parses");
        let ines = Some("Ines Moreau");
        let kofi = |line| {
            person(
                1,
                Some("Kofi Mensah"),
                None,
                Some("Private Sector"),
                Some("African Group"),
                line,
            )
        };
        assert_eq!(
            d,
            ProposalDraft {
                year: Some(2023),
                kind: SessionKind::OpenForum,
                code: "Open Forum #31".to_owned(),
                title: "Fictional Futures for Data".to_owned(),
                header: Some((
                    1,
                    "IGF 2023 Open Forum #31 Fictional Futures for Data".to_owned()
                )),
                organizers: vec![person(1, ines, Some("Ministry of Examples"), None, None, 8)],
                speakers: vec![
                    person(1, ines, None, Some("Government"), Some(WEOG), 9),
                    RoleDraft {
                        number: 2,
                        ..kofi(10)
                    },
                ],
                moderators: vec![person(1, ines, None, None, None, 15)],
                online_moderators: vec![kofi(17)],
                rapporteurs: vec![person(1, ines, None, None, None, 18)],
                format: Some(SessionFormat::Theater),
                format_raw: Some("Theater - 90 Min".to_owned()),
                duration_minutes: Some(90),
                room: Some("WS 6 – Room E".to_owned()),
                starts_at: Some(utc(2023, 10, 12, 1, 45)),
                ends_at: Some(utc(2023, 10, 12, 3, 15)),
                topic_tags: strings(&["Cybersecurity", "Disinformation"]),
                sdgs: strings(&[
                    "SDG 16: Peace, Justice and Strong Institutions",
                    "SDG 17: Partnerships for the Goals",
                ]),
                additional_speakers: Some(
                    "Further speakers from the Example Youth Network will be confirmed.".to_owned()
                ),
                policy_questions: strings(&["How can data flow fairly?", "Who decides?"]),
                description: Some("An open forum on fictional data futures.".to_owned()),
                ..blank()
            }
        );
    }

    #[test]
    fn layout_2024_town_hall_with_lost_labels() {
        let d = parse(&text(&[
            "IGF 2024 Town Hall #12 Example Town Hall on Access",
            "Tuesday, 17th December, 2024 (10:00 UTC) - Tuesday, 17th December, 2024 (11:00 UTC)",
            "Room: Workshop Room 3",
            "Classroom - 60 Min",
            "",
            "Organizer 1: Nadia Haddad, Example Access Alliance",
            "Speaker 1: Nadia Haddad, Civil Society, Intergovernmental Organization",
            "Speaker 2: Tomás Ruiz, Technical Community, Latin American and Caribbean Group (GRULAC)",
            "",
            "Nadia Haddad",
            "Tomás Ruiz",
            "Nadia Haddad",
            "",
            "Description:",
            "A town hall on access.",
        ]))
        .expect("parses");
        let nadia = Some("Nadia Haddad");
        assert_eq!(
            d,
            ProposalDraft {
                year: Some(2024),
                kind: SessionKind::TownHall,
                code: "Town Hall #12".to_owned(),
                title: "Example Town Hall on Access".to_owned(),
                header: Some((
                    1,
                    "IGF 2024 Town Hall #12 Example Town Hall on Access".to_owned()
                )),
                organizers: vec![person(
                    1,
                    nadia,
                    Some("Example Access Alliance"),
                    None,
                    None,
                    6
                )],
                speakers: vec![
                    person(
                        1,
                        nadia,
                        None,
                        Some("Civil Society"),
                        Some("Intergovernmental Organization"),
                        7
                    ),
                    person(
                        2,
                        Some("Tomás Ruiz"),
                        None,
                        Some("Technical Community"),
                        Some("Latin American and Caribbean Group (GRULAC)"),
                        8
                    ),
                ],
                moderators: vec![person(1, nadia, None, None, None, 10)],
                online_moderators: vec![person(1, Some("Tomás Ruiz"), None, None, None, 11)],
                rapporteurs: vec![person(1, nadia, None, None, None, 12)],
                format: Some(SessionFormat::Classroom),
                format_raw: Some("Classroom - 60 Min".to_owned()),
                duration_minutes: Some(60),
                room: Some("Workshop Room 3".to_owned()),
                starts_at: Some(utc(2024, 12, 17, 10, 0)),
                ends_at: Some(utc(2024, 12, 17, 11, 0)),
                description: Some("A town hall on access.".to_owned()),
                warnings: strings(&[
                    "line 10: 3 name line(s) after the speakers have no label; taken as \
                     Moderator, Online Moderator, Rapporteur in that order",
                    "line 1: no Policy Question(s) section",
                ]),
                ..blank()
            }
        );
    }

    #[test]
    fn lost_labels_only_when_no_label_and_not_headings() {
        // Two bare names after the organizers that follow the speakers.
        let d = parse(&text(&[
            "IGF 2022 Lightning Talk #7 Example Talk",
            "Speaker 1: Yusuf Demir, Civil Society, WEOG",
            "Organizer 1: Yusuf Demir, Example Org",
            "",
            "Dr. Chidi Eze",
            "Ms. Björk Jónsdóttir, Example Lab",
            "",
            "Format: Theater - 30 Min",
        ]))
        .expect("parses");
        assert_eq!(
            d.moderators,
            vec![person(1, Some("Dr. Chidi Eze"), None, None, None, 5)]
        );
        assert_eq!(
            d.online_moderators,
            vec![person(
                1,
                Some("Ms. Björk Jónsdóttir"),
                Some("Example Lab"),
                None,
                None,
                6
            )]
        );
        assert_eq!(d.rapporteurs, vec![]);
        assert_eq!(
            d.warnings[0],
            "line 5: 2 name line(s) after the speakers have no label; taken as Moderator, \
             Online Moderator in that order"
        );
        // A labelled block elsewhere: bare lines are not guessed at.
        let d = parse(&text(&[
            "IGF 2023 WS #5 T",
            "Speaker 1: Yusuf Demir, Civil Society, WEOG",
            "Nadia Haddad",
            "Rapporteur: Tomás Ruiz",
        ]))
        .expect("parses");
        assert_eq!(d.moderators, vec![]);
        assert_eq!(d.extra_sections, vec![extra("", "Nadia Haddad")]);
        // A Title-Cased heading with prose under it is not a name.
        let d = parse(&text(&[
            "IGF 2023 WS #5 T",
            "Speaker 1: Yusuf Demir, Civil Society, WEOG",
            "",
            "Key Issues",
            "",
            "The session will look at three things.",
        ]))
        .expect("parses");
        assert_eq!(d.moderators, vec![]);
        assert_eq!(
            d.extra_sections,
            vec![extra(
                "Key Issues",
                "The session will look at three things."
            )]
        );
    }

    #[test]
    fn header_kinds_of_all_years() {
        for (header, kind, code, title) in [
            (
                "IGF 2023 Open Forum #31 Title A",
                SessionKind::OpenForum,
                "Open Forum #31",
                "Title A",
            ),
            (
                "IGF 2024 Town Hall #12 Title A",
                SessionKind::TownHall,
                "Town Hall #12",
                "Title A",
            ),
            (
                "IGF 2022 Lightning Talk #7 Title A",
                SessionKind::LightningTalk,
                "Lightning Talk #7",
                "Title A",
            ),
            (
                "IGF 2024 Launch/Award Event #5 Title A",
                SessionKind::LaunchAward,
                "Launch/Award Event #5",
                "Title A",
            ),
            (
                "IGF 2023 Networking Session #50 Title A",
                SessionKind::Networking,
                "Networking Session #50",
                "Title A",
            ),
            (
                "IGF 2023 Day 0 Event #10 Title A",
                SessionKind::DayZero,
                "Day 0 Event #10",
                "Title A",
            ),
            (
                "IGF 2022 DC #3 Title A",
                SessionKind::DynamicCoalition,
                "DC #3",
                "Title A",
            ),
            (
                "IGF 2022 Dynamic Coalition #3 Title A",
                SessionKind::DynamicCoalition,
                "Dynamic Coalition #3",
                "Title A",
            ),
            (
                "IGF 2024 NRI Session Title A",
                SessionKind::NriSession,
                "NRI Session: Title A",
                "Title A",
            ),
            (
                "IGF 2023 NRIs Collaborative Session: Title A",
                SessionKind::NriSession,
                "NRIs Collaborative Session: Title A",
                "Title A",
            ),
            (
                "IGF 2024 Main Session Title A",
                SessionKind::MainSession,
                "Main Session: Title A",
                "Title A",
            ),
            (
                "IGF 2025 WS #461 Title A",
                SessionKind::Workshop,
                "WS #461",
                "Title A",
            ),
        ] {
            let d = parse(&format!("{header}\nSpeaker 1: X Y, Government, WEOG\n")).expect(header);
            assert_eq!(
                (d.kind, d.code.as_str(), d.title.as_str()),
                (kind, code, title),
                "{header}"
            );
        }
    }

    #[test]
    fn nri_session_without_number() {
        let d = parse(
            "IGF 2024 NRI Session Fictional Youth IGFs Together\r\n\
             Speaker 1: Ana Pérez, Civil Society, GRULAC\r\n",
        )
        .expect("parses");
        assert_eq!(
            d,
            ProposalDraft {
                year: Some(2024),
                kind: SessionKind::NriSession,
                code: "NRI Session: Fictional Youth IGFs Together".to_owned(),
                title: "Fictional Youth IGFs Together".to_owned(),
                header: Some((
                    1,
                    "IGF 2024 NRI Session Fictional Youth IGFs Together".to_owned()
                )),
                speakers: vec![person(
                    1,
                    Some("Ana Pérez"),
                    None,
                    Some("Civil Society"),
                    Some("GRULAC"),
                    2
                )],
                warnings: strings(&[
                    "line 1: no Organizer lines",
                    "line 1: no Policy Question(s) section",
                    "line 1: no Description section",
                ]),
                ..blank()
            }
        );
        // Two NRI sessions of one year get different codes.
        let other =
            parse("IGF 2024 NRI Session Another Example\nSpeaker 1: A B, Government, WEOG\n")
                .expect("parses");
        assert_eq!(other.code, "NRI Session: Another Example");
    }

    #[test]
    fn launch_award_event() {
        let d = parse(&text(&[
            "IGF 2024 Launch/Award Event #5 Example Open Data Award",
            "Organizer 1: Government, Asia-Pacific Group",
            "Speaker 1: Priya Raman, Government, Asia-Pacific Group",
            "Format:",
            "Theater - 30 Min",
            "Description: The award goes to a fictional open data project.",
        ]))
        .expect("parses");
        assert_eq!(
            d,
            ProposalDraft {
                year: Some(2024),
                kind: SessionKind::LaunchAward,
                code: "Launch/Award Event #5".to_owned(),
                title: "Example Open Data Award".to_owned(),
                header: Some((
                    1,
                    "IGF 2024 Launch/Award Event #5 Example Open Data Award".to_owned()
                )),
                organizers: vec![person(
                    1,
                    None,
                    None,
                    Some("Government"),
                    Some("Asia-Pacific Group"),
                    2
                )],
                speakers: vec![person(
                    1,
                    Some("Priya Raman"),
                    None,
                    Some("Government"),
                    Some("Asia-Pacific Group"),
                    3
                )],
                format: Some(SessionFormat::Theater),
                format_raw: Some("Theater - 30 Min".to_owned()),
                duration_minutes: Some(30),
                description: Some("The award goes to a fictional open data project.".to_owned()),
                warnings: strings(&["line 1: no Policy Question(s) section"]),
                ..blank()
            }
        );
    }

    #[test]
    fn day_zero_event_with_page_furniture_topic_heading_and_time_only_end() {
        let d = parse(&text(&[
            "Skip to main content",
            "Session",
            "IGF 2023 Day 0 Event #10 Example Day Zero",
            "Date: October 8th, 2023 23:30 UTC - 01:00 UTC",
            "Main Hall",
            "Topic",
            "",
            "● Cybersecurity",
            "● Data Governance",
            "",
            "Speaker 1: Lea Vogel, Private Sector, WEOG",
            "Tags: AI, Ethics",
            "SDGs: 9.1, 16.7; SDG 5: Gender Equality, Empowerment",
        ]))
        .expect("parses");
        assert_eq!(
            d,
            ProposalDraft {
                year: Some(2023),
                kind: SessionKind::DayZero,
                code: "Day 0 Event #10".to_owned(),
                title: "Example Day Zero".to_owned(),
                header: Some((3, "IGF 2023 Day 0 Event #10 Example Day Zero".to_owned())),
                speakers: vec![person(
                    1,
                    Some("Lea Vogel"),
                    None,
                    Some("Private Sector"),
                    Some("WEOG"),
                    11
                )],
                room: Some("Main Hall".to_owned()),
                starts_at: Some(utc(2023, 10, 8, 23, 30)),
                // Only a time, earlier than the start: the next day.
                ends_at: Some(utc(2023, 10, 9, 1, 0)),
                topic_tags: strings(&["Cybersecurity", "Data Governance", "AI", "Ethics"]),
                sdgs: strings(&["9.1", "16.7", "SDG 5: Gender Equality, Empowerment"]),
                extra_sections: vec![extra("", "Skip to main content\nSession")],
                warnings: strings(&[
                    "line 1: text outside any known section; kept as an untitled extra section",
                    "line 3: no Organizer lines",
                    "line 3: no Policy Question(s) section",
                    "line 3: no Description section",
                ]),
                ..blank()
            }
        );
    }

    #[test]
    fn dates_in_other_forms() {
        let dates = |line: &str| {
            let d = parse(&format!(
                "IGF 2022 WS #1 T\n{line}\nSpeaker 1: A B, Government, WEOG\n"
            ))
            .expect("parses");
            (d.starts_at, d.ends_at, d.warnings)
        };
        // A UTC offset is taken off; month first; abbreviated month.
        let (s, e, _) = dates("Date: Dec 1, 2022 10:15 UTC+1 - Dec 1, 2022 10:45 UTC+1");
        assert_eq!(
            (s, e),
            (Some(utc(2022, 12, 1, 9, 15)), Some(utc(2022, 12, 1, 9, 45)))
        );
        let (s, e, _) = dates("monday, 28TH NOVEMBER 2022 (13:00 UTC)");
        assert_eq!((s, e), (Some(utc(2022, 11, 28, 13, 0)), None));
        // An impossible date is kept as text, with a warning.
        let (s, _, w) = dates("Wednesday, 31st February, 2023 (10:00 UTC)");
        assert_eq!(s, None);
        assert!(
            w.contains(&"line 2: date line with an impossible date; kept as text".to_owned()),
            "{w:?}"
        );
        let (s, e, w) = dates(
            "Thursday, 12th October, 2023 (03:15 UTC) - Thursday, 12th October, 2023 (01:45 UTC)",
        );
        assert_eq!(
            (s, e),
            (
                Some(utc(2023, 10, 12, 3, 15)),
                Some(utc(2023, 10, 12, 1, 45))
            )
        );
        assert!(w.contains(&"line 2: the session ends before it starts".to_owned()));
    }

    #[test]
    fn cut_off_page_keeps_what_is_there() {
        // No final line break, mid-word in the description.
        let d = parse(
            "IGF 2023 WS #77 Example Cut\nOrganizer 1: Civil Society, African Group\n\
             Speaker 1: Jane Roe, Government, WEOG\n\nDescription:\nThe session will exam",
        )
        .expect("a cut page still parses");
        assert_eq!(d.description.as_deref(), Some("The session will exam"));
        assert_eq!(
            d.warnings,
            vec![
                "line 1: no Policy Question(s) section",
                "line 6: the text stops mid-sentence in the Description section (\"The session \
                 will exam\"); the page seems cut off; missing: Format, Policy Question(s), \
                 Expected Outcomes",
            ]
        );
        // With a final line break, prose that stops mid-word is still noticed.
        let d = parse(
            "IGF 2023 WS #77 T\nSpeaker 1: Jane Roe, Government, WEOG\nDescription:\nAn unfin\n",
        )
        .expect("parses");
        assert!(
            d.warnings
                .last()
                .is_some_and(|w| w.starts_with("line 4: the text stops mid-sentence")),
            "{:?}",
            d.warnings
        );
        // Cut inside a speaker line: the speaker is kept with what is there.
        let d = parse(
            "IGF 2023 WS #77 T\nSpeaker 1: Jane Roe, Government, WEOG\nSpeaker 2: Ola Nord, Civil Soc",
        )
        .expect("a cut speaker line is not an error");
        assert_eq!(
            d.speakers[1],
            person(2, Some("Ola Nord"), None, Some("Civil Soc"), None, 3)
        );
        assert_eq!(
            d.warnings[0],
            "line 3: Speaker 2 is cut off (needs \"Name, Stakeholder group, Region\" but has 2 \
             comma-separated field(s)); kept as far as it goes"
        );
        assert!(
            d.warnings.last().is_some_and(|w| w.contains(
                "in a role line (\"Speaker 2: Ola Nord, Civil Soc\"); the page seems cut off; \
                 missing: Organizer lines, Format, Policy Question(s), Description, Expected Outcomes"
            )),
            "{:?}",
            d.warnings
        );
        let d = parse("IGF 2023 WS #77 T\nSpeaker 1: A B, Government, WEOG\nSpeaker 2:")
            .expect("an empty cut speaker line is not an error");
        assert_eq!(d.speakers[1], person(2, None, None, None, None, 3));
        let d = parse("IGF 2023 WS #77 T\nSpeaker 1: Jane Roe, Example Lab, Civil Society")
            .expect("a cut speaker line is not an error");
        assert_eq!(
            d.speakers,
            vec![person(
                1,
                Some("Jane Roe"),
                Some("Example Lab"),
                Some("Civil Society"),
                None,
                2
            )]
        );
        // A complete page without a final line break is not "cut off".
        let d =
            parse("IGF 2023 WS #77 T\nSpeaker 1: Jane Roe, Government, WEOG\nDescription: Done.")
                .expect("parses");
        assert!(!d.warnings.iter().any(|w| w.contains("cut off")));
    }

    #[test]
    fn repeated_lines_and_blocks_count_once() {
        let once = [
            "Organizer 1: Ruth Alemu, Example Network",
            "Speaker 1: Ruth Alemu, Civil Society, African Group",
            "Speaker 2: Pavel Novak, Technical Community, Eastern European Group",
        ];
        let mut lines = vec![
            "IGF 2023 Networking Session #50 Example Repeats",
            "IGF 2023 Networking Session #50 Example Repeats",
            "Monday, 9th October, 2023 (08:00 UTC) - Monday, 9th October, 2023 (09:00 UTC)",
            "Monday, 9th October, 2023 (08:00 UTC) - Monday, 9th October, 2023 (09:00 UTC)",
        ];
        lines.extend(once);
        lines.extend(once);
        lines.extend([
            "Moderator",
            "Ruth Alemu",
            "Moderator",
            "Ruth Alemu",
            "SDGs",
            "4.4",
            "SDGs",
            "4.4",
            "Description:",
            "A networking session.",
            "",
            "Description:",
            "A networking session.",
            "Key Takeaways:",
            "Meet people.",
            "Key Takeaways:",
            "Meet people.",
        ]);
        let d = parse(&text(&lines)).expect("parses");
        let ruth = Some("Ruth Alemu");
        assert_eq!(
            d,
            ProposalDraft {
                year: Some(2023),
                kind: SessionKind::Networking,
                code: "Networking Session #50".to_owned(),
                title: "Example Repeats".to_owned(),
                header: Some((
                    1,
                    "IGF 2023 Networking Session #50 Example Repeats".to_owned()
                )),
                organizers: vec![person(1, ruth, Some("Example Network"), None, None, 5)],
                speakers: vec![
                    person(
                        1,
                        ruth,
                        None,
                        Some("Civil Society"),
                        Some("African Group"),
                        6
                    ),
                    person(
                        2,
                        Some("Pavel Novak"),
                        None,
                        Some("Technical Community"),
                        Some(EEG),
                        7
                    ),
                ],
                moderators: vec![person(1, ruth, None, None, None, 12)],
                starts_at: Some(utc(2023, 10, 9, 8, 0)),
                ends_at: Some(utc(2023, 10, 9, 9, 0)),
                sdgs: strings(&["4.4"]),
                description: Some("A networking session.".to_owned()),
                extra_sections: vec![extra("Key Takeaways", "Meet people.")],
                warnings: strings(&[
                    "line 2: repeats the header line; counted once",
                    "line 4: repeats line 3; counted once",
                    "line 8: repeats Organizer 1 from line 5; counted once",
                    "line 9: repeats Speaker 1 from line 6; counted once",
                    "line 10: repeats Speaker 2 from line 7; counted once",
                    "line 14: repeats Moderator Ruth Alemu from line 12; counted once",
                    "line 18: repeats SDG \"4.4\"; counted once",
                    "line 22: repeats the Description section from line 19; counted once",
                    "line 26: repeats the \"Key Takeaways\" section; counted once",
                    "line 1: no Policy Question(s) section",
                ]),
                ..blank()
            }
        );
    }

    #[test]
    fn capitals_honorifics_and_non_ascii_names_stay_as_written() {
        let d = parse(&text(&[
            "IGF 2024 WS #9 T",
            "Speaker 1: DR. ÅSA LINDQVIST , Government , Eastern European Group",
            "Speaker 2: Prof. Zoë Ngũgĩ, Example Univ, Civil society, Asia-Pacific",
            "Speaker 3: Mx. Jo O'Neil, International Organization, (Western European and other States)",
            "Organizer 1: H.E. José da Silva , Ministério Exemplo",
            "Moderator",
            "MS. NGOZI ADÉBAYỌ̀ ,  Civil Society , African Group",
        ]))
        .expect("parses");
        assert_eq!(
            d.speakers,
            vec![
                person(
                    1,
                    Some("DR. ÅSA LINDQVIST"),
                    None,
                    Some("Government"),
                    Some(EEG),
                    2
                ),
                person(
                    2,
                    Some("Prof. Zoë Ngũgĩ"),
                    Some("Example Univ"),
                    Some("Civil society"),
                    Some("Asia-Pacific"),
                    3
                ),
                person(
                    3,
                    Some("Mx. Jo O'Neil"),
                    None,
                    Some("International Organization"),
                    Some("(Western European and other States)"),
                    4
                ),
            ]
        );
        assert_eq!(
            d.organizers,
            vec![person(
                1,
                Some("H.E. José da Silva"),
                Some("Ministério Exemplo"),
                None,
                None,
                5
            )]
        );
        assert_eq!(
            d.moderators,
            vec![person(
                1,
                Some("MS. NGOZI ADÉBAYỌ̀"),
                None,
                Some("Civil Society"),
                Some("African Group"),
                7
            )]
        );
    }

    #[test]
    fn organizer_and_speaker_shapes() {
        let organizer = |body: &str| {
            parse(&format!("IGF 2023 WS #1 T\nOrganizer 1: {body}\n"))
                .map(|d| d.organizers[0].clone())
        };
        let speaker = |body: &str| {
            parse(&format!("IGF 2023 WS #1 T\nSpeaker 1: {body}\n")).map(|d| d.speakers[0].clone())
        };
        for (body, want) in [
            (
                "Civil Society, Eastern European Group",
                person(1, None, None, Some("Civil Society"), Some(EEG), 2),
            ),
            (
                "Academia, African Group",
                person(1, None, None, Some("Academia"), Some("African Group"), 2),
            ),
            (
                "Jane Doe, Example University",
                person(
                    1,
                    Some("Jane Doe"),
                    Some("Example University"),
                    None,
                    None,
                    2,
                ),
            ),
            (
                "Jane Doe, University of South Africa, Pretoria",
                person(
                    1,
                    Some("Jane Doe"),
                    Some("University of South Africa, Pretoria"),
                    None,
                    None,
                    2,
                ),
            ),
            (
                "Jane Doe, Government",
                person(1, Some("Jane Doe"), None, Some("Government"), None, 2),
            ),
            (
                "Jane Doe, Example Lab, Private Sector, WEOG",
                person(
                    1,
                    Some("Jane Doe"),
                    Some("Example Lab"),
                    Some("Private Sector"),
                    Some("WEOG"),
                    2,
                ),
            ),
            (
                "Example Foundation",
                person(1, Some("Example Foundation"), None, None, None, 2),
            ),
        ] {
            assert_eq!(organizer(body), Ok(want), "{body}");
        }
        for (body, want) in [
            (
                "Jane Doe, Academia, WEOG",
                person(1, Some("Jane Doe"), None, Some("Academia"), Some("WEOG"), 2),
            ),
            (
                "Jane Doe, Example Lab, Academia, North America",
                person(
                    1,
                    Some("Jane Doe"),
                    Some("Example Lab"),
                    Some("Academia"),
                    Some("North America"),
                    2,
                ),
            ),
            (
                "Jane Doe, PhD, Example Lab, Government, WEOG",
                person(
                    1,
                    Some("Jane Doe, PhD"),
                    Some("Example Lab"),
                    Some("Government"),
                    Some("WEOG"),
                    2,
                ),
            ),
        ] {
            assert_eq!(speaker(body), Ok(want), "{body}");
        }
    }

    #[test]
    fn speaker_with_missing_fields_is_an_error() {
        let err = |text: &str| parse(text).expect_err(text);
        let e = err(
            "IGF 2023 WS #1 T\nSpeaker 1: A B, Government, WEOG\nSpeaker 2: Jane Doe, Example Lab, Civil Society\n",
        );
        assert_eq!(
            e,
            ParseError {
                line: 3,
                message: "Speaker 2 has no region: \"Civil Society\" is a stakeholder group; \
                          needs \"Name, Stakeholder group, Region\""
                    .to_owned()
            }
        );
        let e = err("IGF 2023 WS #1 T\n\nSpeaker 4: , Government, WEOG\n");
        assert_eq!(e.to_string(), "line 3: Speaker 4 has no name");
        let e = err("IGF 2023 WS #1 T\nSpeaker 1: Jane Doe\n");
        assert_eq!(
            e.to_string(),
            "line 2: Speaker 1 needs \"Name, Stakeholder group, Region\" but has 1 \
             comma-separated field(s)"
        );
        let e = err("IGF 2023 WS #1 T\nOrganizer 2: WEOG\n");
        assert_eq!(e.line, 2);
        assert!(e.message.starts_with("Organizer 2 needs"), "{e}");
    }

    #[test]
    fn binary_data_is_an_error() {
        let binary = ParseError {
            line: 3,
            message: "not a text proposal: binary data".to_owned(),
        };
        assert_eq!(
            parse("IGF 2025 WS #1 T\nSpeaker 1: A B, Government, WEOG\nab\0cd\n"),
            Err(binary.clone())
        );
        // Mostly non-printable, as a binary file decoded lossily reads.
        let junk: String = "\n\n\u{1}\u{2}\u{fffd}\u{fffd}PK\u{3}\u{4}\u{fffd}x\u{7f}".to_owned();
        assert_eq!(parse(&junk), Err(binary.clone()));
        assert_eq!(
            parse("\u{fffd}\u{fffd}\u{fffd}\u{fffd}IGF\u{fffd}"),
            Err(ParseError { line: 1, ..binary })
        );
        // One stray control character in a real text is not binary.
        let d = parse("IGF 2025 WS #1 T\u{7}\nSpeaker 1: A B, Government, WEOG\n").expect("text");
        assert_eq!(d.code, "WS #1");
    }

    #[test]
    fn combined_layout_lines() {
        for (line, format, raw, minutes) in [
            (
                "Round Table - 90 Min",
                SessionFormat::Roundtable,
                "Round Table - 90 Min",
                90,
            ),
            (
                "Format: Round Table - 90 Min",
                SessionFormat::Roundtable,
                "Round Table - 90 Min",
                90,
            ),
            (
                "Classroom - 60 Min",
                SessionFormat::Classroom,
                "Classroom - 60 Min",
                60,
            ),
            (
                "Theater - 30 Min",
                SessionFormat::Theater,
                "Theater - 30 Min",
                30,
            ),
            (
                "Round Table - U-shape - 60 Min",
                SessionFormat::Roundtable,
                "Round Table - U-shape - 60 Min",
                60,
            ),
            (
                "Panel - Auditorium - 90 Min",
                SessionFormat::Other,
                "Panel - Auditorium - 90 Min",
                90,
            ),
        ] {
            let d = parse(&format!(
                "IGF 2022 WS #1 T\n{line}\nSpeaker 1: A B, Government, WEOG\n"
            ))
            .expect(line);
            assert_eq!(
                (d.format, d.format_raw.as_deref(), d.duration_minutes),
                (Some(format), Some(raw), Some(minutes)),
                "{line}"
            );
            assert_eq!(d.extra_sections, vec![], "{line}");
        }
        // An explicit duration wins over the layout line's.
        let d = parse("IGF 2022 WS #1 T\nRound Table - 90 Min\nDuration (minutes): 60\n")
            .expect("parses");
        assert_eq!(d.duration_minutes, Some(60));
        // Agenda items inside text are not the layout.
        let d = parse(
            "IGF 2025 WS #1 T\nDescription:\nOpening - 5 min\nPanel discussion - 45 min\nQ&A - 30 min\n",
        )
        .expect("parses");
        assert_eq!(d.format_raw, None);
        assert_eq!(
            d.description.as_deref(),
            Some("Opening - 5 min\nPanel discussion - 45 min\nQ&A - 30 min")
        );
    }

    #[test]
    fn unplaced_role_and_list_text_is_kept() {
        let d = parse(&text(&[
            "IGF 2023 WS #3 T",
            "Moderator",
            "The session will be moderated by a person to be named.",
            "Rapporteur",
            "",
            "Organizers",
            "The Example Collective.",
            "Speakers",
            "Speaker 1: Lea Vogel, Private Sector, WEOG",
            "Topics: Cybersecurity, Data Governance",
            "Online Moderator: to be confirmed by the organizers once known",
        ]))
        .expect("parses");
        assert_eq!(
            d.extra_sections,
            vec![
                extra(
                    "Moderator",
                    "The session will be moderated by a person to be named."
                ),
                extra("Organizers", "The Example Collective."),
                extra(
                    "Online Moderator",
                    "to be confirmed by the organizers once known"
                ),
            ]
        );
        assert_eq!(d.moderators, vec![]);
        assert_eq!(d.online_moderators, vec![]);
        assert_eq!(d.topic_tags, strings(&["Cybersecurity", "Data Governance"]));
        assert_eq!(d.speakers.len(), 1);
        assert_eq!(d.warnings[0], "line 4: Rapporteur has no entries");
    }

    #[test]
    fn group_and_region_recognition() {
        for g in [
            "Government",
            "CIVIL SOCIETY",
            "Civil society",
            "Civil-Society",
            "technical community",
            "Private Sector",
            "Intergovernmental Organisation",
            "Intergovernmental Organization",
            "International Organization",
        ] {
            assert!(looks_like_group(g), "{g}");
        }
        for not in [
            "Ministry of Examples",
            "Government of Example",
            "WEOG",
            "Jane Doe",
        ] {
            assert!(!looks_like_group(not), "{not}");
        }
        for r in [
            "WEOG",
            "Western European and Others Group (WEOG)",
            "(Western European and other States)",
            "Asia-Pacific",
            "GRULAC",
            "Latin American and Caribbean Group",
            "African Group",
            "Eastern European Group",
            "Intergovernmental Organization",
            "North America",
            "eeg",
        ] {
            assert!(looks_like_region(r), "{r}");
        }
        for not in ["Government", "Civil Society", "Example Lab", "Jane Doe"] {
            assert!(!looks_like_region(not), "{not}");
        }
    }
}
