//! Tests of [`super::parse`] as a whole: empty, binary, cut-off and
//! header-less texts.
use super::*;

use super::test_support::person;

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
    let err =
        parse("Lorem ipsum dolor sit amet.\nConsectetur adipiscing elit.\n").expect_err("garbage");
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
    let d = parse("IGF 2025 WS #1 Title\nPolicy Question(s)\n\nDescription:\n").expect("parses");
    assert!(
        d.warnings
            .contains(&"line 2: Policy Question(s) section is empty".to_owned())
    );
    assert!(
        d.warnings
            .contains(&"line 4: Description section is empty".to_owned())
    );
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
    let d =
        parse("IGF 2023 WS #77 T\nSpeaker 1: Jane Roe, Government, WEOG\nDescription:\nAn unfin\n")
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
    let d = parse("IGF 2023 WS #77 T\nSpeaker 1: Jane Roe, Government, WEOG\nDescription: Done.")
        .expect("parses");
    assert!(!d.warnings.iter().any(|w| w.contains("cut off")));
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
