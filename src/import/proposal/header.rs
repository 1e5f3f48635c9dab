//! The header line `IGF YYYY <code> <title>`: where it is, and the session
//! code, kind and title it gives.

use std::sync::LazyLock;

use entity::session::SessionKind;
use regex::Regex;

use super::{ProposalDraft, layout::classify, text::collapse_ws};

pub(super) static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^IGF\s*(\d{4})(?:\s*[:\-–—|]\s*|\s+|$)(.*)$").expect("valid regex")
});

/// `WS #461 Title`, `Open Forum #12: Title`, `Day 0 Event #3 - Title`.
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<prefix>[A-Za-z][A-Za-z0-9&/.\- ]{0,40}?)\s*#\s*(?P<num>[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*)\s*(?:[:\-–—|]\s+|:)?(?P<title>.*)$",
    )
    .expect("valid regex")
});

/// A header with no `IGF YYYY`, as some Dynamic Coalition and NRI pages
/// have: the kind in brackets, then the title (`[Dynamic Coalition] Title`,
/// `[NRI Session] Title`).
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\[(?P<kind>[^\]]{2,40})\]\s*(?:[:\-–—|]\s*)?(?P<title>\S.*)$")
        .expect("valid regex")
});

/// The kind and title of a bracketed header line, when the brackets name a
/// session kind.
pub(super) fn bracketed(line: &str) -> Option<(String, String)> {
    let c = BRACKETED.captures(line)?;
    let kind = collapse_ws(&c["kind"]);
    (kind_from_prefix(&kind) != SessionKind::Other).then(|| (kind, c["title"].trim().to_owned()))
}

/// Sets kind, code and title from a bracketed header: the code is
/// `<kind as written>: <title>`, as for every kind published without a
/// number, so importing the page again finds the same session.
pub(super) fn take_bracketed(kind: &str, title: &str, draft: &mut ProposalDraft) {
    draft.kind = kind_from_prefix(kind);
    draft.title = title.to_owned();
    draft.code = format!("{kind}: {title}");
}

/// Session kinds that are sometimes published without a `#` number.
static CODE_WITHOUT_HASH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?P<code>(?P<words>main session|nri(?:s)?(?: collaborative)? session|networking session|town hall|open forum|lightning talk|dynamic coalition|day 0 event|launch\s*(?:&|and|/)\s*award(?: event)?|workshop)(?P<num>\s+\d+)?)\b\s*(?:[:\-–—|]\s*)?(?P<title>.*)$",
    )
    .expect("valid regex")
});

/// The header line: the first non-empty line, or one of the next few lines
/// when page furniture comes first, as long as nothing recognised precedes
/// it.
pub(super) fn find_header(lines: &[String], first: usize) -> Option<usize> {
    for (idx, line) in lines
        .iter()
        .enumerate()
        .skip(first)
        .filter(|(_, l)| !l.is_empty())
        .take(10)
    {
        if HEADER.is_match(line) || bracketed(line).is_some() {
            return Some(idx);
        }
        if !classify(line).is_plain() {
            return None;
        }
    }
    None
}

/// Splits the header after `IGF YYYY` into code, kind and title.
pub(super) fn parse_code_and_title(rest: &str, line: usize, draft: &mut ProposalDraft) {
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

#[cfg(test)]
mod tests {
    use super::*;

    use entity::session::SessionFormat;

    use crate::import::proposal::{
        parse,
        test_support::{blank, person, strings, text},
    };

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
}
