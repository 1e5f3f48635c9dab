//! Broken inputs: refused, naming the line, nothing written.

use super::*;

#[tokio::test]
async fn broken_proposals_are_refused_with_a_reason_naming_the_line_and_nothing_is_written() {
    let (app, admin) = arrange().await;
    import(&app, &admin, "igf-2030", REPAIR_CAFES).await;
    let too_big = format!(
        "IGF 2031 WS #1 Fictional Long Read\nDescription:\n{}\n",
        "word ".repeat(igf_perspectives::import::MAX_BYTES / 5 + 1)
    );
    assert!(too_big.len() > igf_perspectives::import::MAX_BYTES);
    let cases = [
        (
            "empty",
            String::new(),
            "text: line 1: empty proposal".to_owned(),
        ),
        (
            "blank",
            "\u{feff}  \r\n\t\n".to_owned(),
            "text: line 1: empty proposal".to_owned(),
        ),
        (
            "binary",
            "PK\u{3}\u{4}\u{14}\u{0}\u{6}\u{0}\u{8}\u{0}\n\u{fffd}\u{fffd}word/document.xml\u{0}"
                .to_owned(),
            "text: line 1: holds a NUL character (U+0000), which no text here may hold; \
             remove it and send again"
                .to_owned(),
        ),
        (
            "binary after a header",
            "IGF 2031 WS #2 Fictional\nSpeaker 1: Ada Mirembe, Civil Society, African Group\n\
             \u{0}\u{0}\u{1}\u{2}\n"
                .to_owned(),
            "text: line 3: holds a NUL character (U+0000), which no text here may hold; \
             remove it and send again"
                .to_owned(),
        ),
        (
            "no header and no roles",
            "Dear organizers,\nplease find our fictional proposal attached.\n".to_owned(),
            "text: line 1: expected a header line \"IGF YYYY <code> <title>\" (such as \
             \"IGF 2025 WS #461 Title\") or Organizer/Speaker lines"
                .to_owned(),
        ),
        (
            "a speaker without a region",
            "IGF 2031 WS #3 Fictional Panel\n\
             \n\
             Speaker 1: Ada Mirembe, Civil Society, African Group\n\
             Speaker 2: Jonas Falk, Example Lab, Civil Society\n"
                .to_owned(),
            "text: line 4: Speaker 2 has no region: \"Civil Society\" is a stakeholder group; \
             needs \"Name, Stakeholder group, Region\""
                .to_owned(),
        ),
        (
            "a speaker without a name",
            "IGF 2031 WS #4 Fictional Panel\nSpeaker 1: , Government, WEOG\n".to_owned(),
            "text: line 2: Speaker 1 has no name".to_owned(),
        ),
        (
            "a speaker with one field",
            "IGF 2031 WS #5 Fictional Panel\nSpeaker 1: Jonas Falk\nSpeaker 2: Ada Mirembe, \
             Civil Society, African Group\n"
                .to_owned(),
            "text: line 2: Speaker 1 needs \"Name, Stakeholder group, Region\" but has 1 \
             comma-separated field(s)"
                .to_owned(),
        ),
        (
            "over the size limit",
            too_big,
            format!(
                "text: is over the limit of {} bytes",
                igf_perspectives::import::MAX_BYTES
            ),
        ),
    ];

    for (what, text, reason) in cases {
        let before = app.fingerprint().await;

        let body = refused(&app, &admin, EVENT, &text).await;

        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{what}");
        assert_eq!(body["errors"][0]["message"], reason.as_str(), "{what}");
        assert_eq!(body["errors"][0]["extensions"]["field"], "text", "{what}");
        assert_eq!(app.fingerprint().await, before, "{what}");
    }
    assert_eq!(event_codes(&app).await, ["igf-2030"]);
    let queue = review_queue(&app, &admin, json!({ "anyStatus": true })).await;
    assert_eq!(queue["totalCount"], 0);
}

#[tokio::test]
async fn a_broken_update_leaves_the_stored_session_as_it_was() {
    let (app, admin) = arrange().await;
    import(&app, &admin, EVENT, REPAIR_CAFES).await;
    let stored = session(&app, &admin, EVENT, "WS #150").await;
    let before = app.fingerprint().await;
    // A new title, and a third speaker without a region further down.
    let broken = REPAIR_CAFES
        .replace(
            "Fictional Repair Cafés Online",
            "Fictional Repair Cafés Renamed",
        )
        .replace(
            "Speaker 2: Bjarne Solberg, Private Sector, Western European and Others Group (WEOG)",
            "Speaker 2: Bjarne Solberg, Private Sector, Western European and Others Group (WEOG)\n\
             Speaker 3: Jonas Falk, Example Lab, Civil Society",
        );

    let body = refused(&app, &admin, EVENT, &broken).await;

    assert_eq!(
        body["errors"][0]["message"],
        "text: line 7: Speaker 3 has no region: \"Civil Society\" is a stakeholder group; \
         needs \"Name, Stakeholder group, Region\""
    );
    assert_eq!(app.fingerprint().await, before);
    assert_eq!(session(&app, &admin, EVENT, "WS #150").await, stored);
}
