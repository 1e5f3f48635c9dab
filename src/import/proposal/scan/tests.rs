//! Tests of the scanner through the whole parser: repeated lines and blocks
//! counted once, and text it cannot place kept.

use super::*;

use entity::session::SessionKind;

use crate::import::proposal::{
    parse,
    test_support::{EEG, blank, extra, person, strings, text, utc},
};

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
            // The schedule line's start and end give the length.
            duration_minutes: Some(60),
            ..blank()
        }
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
