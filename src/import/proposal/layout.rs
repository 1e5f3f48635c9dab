//! Line classification: what one non-empty line is (a role line, a role
//! heading, a date, a room, topics, SDGs, a known heading or a 2022–2024
//! layout line such as `Round Table - 90 Min`) before the scanner's state is
//! considered; and the mapping of a layout to a [`SessionFormat`].

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use entity::session::SessionFormat;
use regex::{Captures, Regex};

use super::{
    dates::{DATE_LINE, date_range},
    roles::RoleList,
    sections::{Known, match_known},
};

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

static ROOM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:room|venue)\s*:\s*(?P<rest>.+)$").expect("valid regex"));

/// A bare line that names a room: `WS 6 – Room E`, `Main Hall`.
pub(super) static ROOM_WORD: LazyLock<Regex> = LazyLock::new(|| {
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

pub(super) static MINUTES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(\d+)\s*min").expect("valid regex"));

/// What one non-empty line is, before the scanner's state is considered.
pub(super) enum Line<'a> {
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
    pub(super) fn is_plain(&self) -> bool {
        matches!(self, Line::Plain | Line::Date(None))
    }
}

pub(super) fn classify(line: &str) -> Line<'_> {
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
    if is_bare_layout(line) {
        return Line::Layout(line);
    }
    Line::Plain
}

/// A layout written alone on its line, with no `Format` heading:
/// `Theater`, `Classroom`, `Round Table`.
fn is_bare_layout(line: &str) -> bool {
    let key: String = line
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    matches!(
        key.as_str(),
        "theater" | "theatre" | "classroom" | "roundtable"
    )
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

/// Maps a layout line to a [`SessionFormat`]; unknown layouts are `Other`.
pub(super) fn format_from_raw(raw: &str) -> SessionFormat {
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

#[cfg(test)]
mod tests {
    use super::*;

    use crate::import::proposal::parse;

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
}
