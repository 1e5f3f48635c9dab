//! How role lines are read: shapes, names, missing fields.

use super::*;

use crate::import::proposal::{
    parse,
    test_support::{EEG, person, role, text},
};

#[test]
fn stray_space_before_comma_is_tolerated() {
    let d =
        parse("IGF 2025 WS #1 T\nSpeaker 1: Jane Doe , Government ,  Eastern European Group \n")
            .expect("parses");
    assert_eq!(
        d.speakers,
        vec![role(1, Some("Jane Doe"), "Government", EEG, 2)]
    );
}

#[test]
fn name_with_comma_keeps_everything_before_group_and_region() {
    let d =
        parse("IGF 2025 WS #1 T\nSpeaker 1: Doe, Jane, Jr., Government, WEOG\n").expect("parses");
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

#[test]
fn speaker_missing_fields_names_its_line() {
    let err = parse("IGF 2025 WS #1 T\n\nSpeaker 1: X Y, Government, WEOG\nSpeaker 2: Jane Doe\n")
        .expect_err("bad speaker");
    assert_eq!(err.line, 4);
    assert!(err.message.contains("Speaker 2"), "{err}");
    assert!(err.to_string().starts_with("line 4: "), "{err}");
    let err = parse("IGF 2025 WS #1 T\nOrganizer 1: Civil Society\n").expect_err("bad organizer");
    assert_eq!(err.line, 2);
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
        parse(&format!("IGF 2023 WS #1 T\nOrganizer 1: {body}\n")).map(|d| d.organizers[0].clone())
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
