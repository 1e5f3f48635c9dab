//! The layouts IGF has used, and messy text.

use super::*;

#[tokio::test]
async fn a_2023_open_forum_stores_its_schedule_room_role_blocks_topics_and_sdgs() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, OPEN_FORUM_2023).await;

    assert_eq!(report["outcome"], "CREATED");
    assert_eq!(
        strings(&report["created"]),
        [
            "session Open Forum #31",
            "person Oriane Vasseur",
            "person Tendai Mwale",
            "person Haruki Satomura",
            "organizer 1",
            "organizer 2",
            "speaker 1",
            "speaker 2",
            "speaker 3",
            "moderator 1",
            "online moderator 1",
            "rapporteur 1",
            "policy question 1",
            "policy question 2",
        ]
    );
    assert_eq!(strings(&report["warnings"]), Vec::<String>::new());
    let s = session(&app, &admin, EVENT, "Open Forum #31").await;
    assert_eq!(s["kind"], "OPEN_FORUM");
    assert_eq!(s["title"], "Fictional Futures for Community Networks");
    assert_eq!(s["startsAt"], "2023-10-12T01:45:00.000000Z");
    assert_eq!(s["endsAt"], "2023-10-12T03:15:00.000000Z");
    assert_eq!(s["room"], "WS 6 – Room E");
    assert_eq!(s["format"], "THEATER");
    assert_eq!(s["durationMinutes"], 90);
    let weog = "weog as Western European and Others Group (WEOG)";
    assert_eq!(
        roles(&s),
        [
            "ORGANIZER 1: Oriane Vasseur, -, -".to_owned(),
            "ORGANIZER 2: Tendai Mwale, -, -".to_owned(),
            format!("SPEAKER 1: Oriane Vasseur, government as Government, {weog}"),
            "SPEAKER 2: Tendai Mwale, civil-society as Civil Society, african as African Group"
                .to_owned(),
            "SPEAKER 3: Haruki Satomura, private-sector as Private Sector, \
             asia-pacific as Asia-Pacific Group"
                .to_owned(),
            format!("MODERATOR 1: Oriane Vasseur, government as Government, {weog}"),
            "ONLINE_MODERATOR 1: Haruki Satomura, -, -".to_owned(),
            "RAPPORTEUR 1: Tendai Mwale, -, -".to_owned(),
        ]
    );
    // The same person in several roles is one person.
    let person_of = |i: usize| s["roles"][i]["person"]["id"].clone();
    assert_eq!(person_of(0), person_of(2));
    assert_eq!(person_of(0), person_of(5));
    assert_eq!(
        s["roles"][0]["person"]["affiliation"],
        "Ministry of Fictional Affairs"
    );
    assert_eq!(s["roles"][4]["person"]["affiliation"], "Example Telecom");
    assert_eq!(
        questions(&s),
        [
            "How can community networks be sustained?",
            "Who should fund the last mile?"
        ]
    );
    assert_eq!(
        strings(&s["participantGains"]),
        [
            "Practical models for community networks.",
            "Contacts with operators."
        ]
    );
    assert_eq!(
        s["description"],
        "An open forum on fictional community networks."
    );
    assert_eq!(
        s["expectedOutcomes"],
        "A short report with recommendations."
    );
    assert_eq!(
        s["hybridFormat"],
        "Online participants speak through the platform."
    );
    assert_eq!(s["formatDescription"], Value::Null);
    assert_eq!(
        sections(&s),
        [
            (
                "Topics".to_owned(),
                "Community Networks\nDigital Inclusion".to_owned()
            ),
            ("SDGs".to_owned(), "9.1\n10.2".to_owned()),
            (
                "Additional Speakers".to_owned(),
                "Further speakers from the Example Youth Network will be confirmed.".to_owned()
            ),
        ]
    );
}

#[tokio::test]
async fn a_2022_dynamic_coalition_page_stores_its_role_blocks_sdgs_and_additional_speakers() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, DYNAMIC_COALITION_2022).await;

    assert_eq!(report["outcome"], "CREATED");
    assert_eq!(
        strings(&report["warnings"]),
        ["line 1: no Policy Question(s) section"]
    );
    let s = session(&app, &admin, EVENT, "DC #7").await;
    assert_eq!(s["kind"], "DYNAMIC_COALITION");
    assert_eq!(s["title"], "Dynamic Coalition on Fictional Accessibility");
    assert_eq!(s["startsAt"], "2022-11-30T09:00:00.000000Z");
    assert_eq!(s["endsAt"], "2022-11-30T10:30:00.000000Z");
    assert_eq!(s["room"], "Caucus Room 4");
    assert_eq!(s["format"], "CLASSROOM");
    assert_eq!(s["durationMinutes"], 60);
    let weog = "weog as Western European and Others Group (WEOG)";
    assert_eq!(
        roles(&s),
        [
            "ORGANIZER 1: Maelle Brunvoll, -, -".to_owned(),
            "ORGANIZER 2: Kwame Adjei-Larsen, -, -".to_owned(),
            format!("SPEAKER 1: Maelle Brunvoll, civil-society as Civil Society, {weog}"),
            "SPEAKER 2: Kwame Adjei-Larsen, technical-community as Technical Community, \
             african as African Group"
                .to_owned(),
            format!("MODERATOR 1: Maelle Brunvoll, civil-society as Civil Society, {weog}"),
            "ONLINE_MODERATOR 1: Kwame Adjei-Larsen, -, -".to_owned(),
            "RAPPORTEUR 1: Maelle Brunvoll, -, -".to_owned(),
        ]
    );
    assert_eq!(
        s["roles"][0]["person"]["affiliation"],
        "Fictional Accessibility Institute"
    );
    assert_eq!(questions(&s), Vec::<String>::new());
    assert_eq!(
        s["description"],
        "The coalition will present its yearly report on accessible platforms."
    );
    assert_eq!(
        sections(&s),
        [
            ("SDGs".to_owned(), "4.5\n10.2".to_owned()),
            (
                "Additional Speakers".to_owned(),
                "Two members of the coalition will join remotely.".to_owned()
            ),
        ]
    );
}

#[tokio::test]
async fn a_round_table_layout_line_gives_the_format_and_the_length() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, ROUND_TABLE_2022).await;

    assert_eq!(strings(&report["warnings"]), Vec::<String>::new());
    let s = session(&app, &admin, EVENT, "WS #218").await;
    assert_eq!(s["kind"], "WORKSHOP");
    assert_eq!(s["title"], "Fictional Data Commons for Cities");
    assert_eq!(s["format"], "ROUNDTABLE");
    assert_eq!(s["durationMinutes"], 90);
    assert_eq!(
        roles(&s),
        [
            "ORGANIZER 1: Lucia Ferreyra, -, -",
            "SPEAKER 1: Lucia Ferreyra, civil-society as Civil Society, \
             grulac as Latin American and Caribbean Group (GRULAC)",
            "SPEAKER 2: Piotr Zawadzki, government as Government, \
             eastern-european as Eastern European Group",
        ]
    );
    assert_eq!(s["roles"][0]["person"]["affiliation"], "Example Civic Lab");
    // One paragraph of two questions is two questions.
    assert_eq!(
        questions(&s),
        [
            "How can cities share data fairly?",
            "Who governs a data commons?"
        ]
    );
    assert_eq!(sections(&s), Vec::<(String, String)>::new());
}

#[tokio::test]
async fn an_nri_session_without_a_number_is_found_again_by_its_kind_and_title() {
    let (app, admin) = arrange().await;

    let first = import(&app, &admin, EVENT, NRI_2024).await;
    let again = import(&app, &admin, EVENT, NRI_2024).await;

    let code = "NRI Session: Fictional Youth IGFs Together";
    assert_eq!(first["code"], code);
    assert_eq!(first["outcome"], "CREATED");
    assert_eq!(again["code"], code);
    assert_eq!(again["outcome"], "UNCHANGED");
    let s = session(&app, &admin, EVENT, code).await;
    assert_eq!(s["kind"], "NRI_SESSION");
    assert_eq!(s["title"], "Fictional Youth IGFs Together");
    assert_eq!(
        roles(&s),
        [
            "ORGANIZER 1: -, civil-society as Civil Society, \
             grulac as Latin American and Caribbean Group (GRULAC)",
            "SPEAKER 1: Valentina Orozco, civil-society as Civil Society, grulac as GRULAC",
            "SPEAKER 2: Emeka Obi, technical-community as Technical Community, \
             african as African Group",
        ]
    );
    assert_eq!(
        s["description"],
        "National and regional youth initiatives compare notes."
    );
}

#[tokio::test]
async fn a_town_hall_whose_role_labels_were_lost_takes_the_bare_names_in_order() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, TOWN_HALL_2024).await;

    assert_eq!(
        strings(&report["warnings"]),
        [
            "line 10: 3 name line(s) after the speakers have no label; taken as Moderator, \
             Online Moderator, Rapporteur in that order",
            "line 1: no Policy Question(s) section",
        ]
    );
    let s = session(&app, &admin, EVENT, "Town Hall #12").await;
    assert_eq!(s["kind"], "TOWN_HALL");
    assert_eq!(s["title"], "Fictional Town Hall on Rural Access");
    assert_eq!(s["startsAt"], "2024-12-17T10:00:00.000000Z");
    assert_eq!(s["endsAt"], "2024-12-17T11:00:00.000000Z");
    assert_eq!(s["room"], "Workshop Room 3");
    assert_eq!(s["format"], "CLASSROOM");
    assert_eq!(s["durationMinutes"], 60);
    assert_eq!(
        roles(&s),
        [
            "ORGANIZER 1: Noor Haddadin, -, -",
            "SPEAKER 1: Noor Haddadin, civil-society as Civil Society, \
             intergovernmental-organization as Intergovernmental Organization",
            "SPEAKER 2: Tomasz Wierzba, technical-community as Technical Community, \
             eastern-european as Eastern European Group",
            "MODERATOR 1: Noor Haddadin, -, -",
            "ONLINE_MODERATOR 1: Tomasz Wierzba, -, -",
            "RAPPORTEUR 1: Noor Haddadin, -, -",
        ]
    );
    assert_eq!(sections(&s), Vec::<(String, String)>::new());
}

/// `ws2025-repair-cafes.txt` as a page copied badly: a Byte Order Mark,
/// CRLF line ends, tabs, odd indentation, spaces before commas and a
/// speaker line rendered twice.
const REPAIR_CAFES_MESSY: &str = concat!(
    "\u{feff}IGF 2025 WS #150   Fictional Repair Cafés Online\r\n",
    "\r\n",
    "\t\tOrganizer 1:\tCivil Society, African Group\r\n",
    "\r\n",
    "  Speaker 1: Wanjiru Kamau-Holt , Civil Society ,  African Group \r\n",
    "\t Speaker 2: Bjarne Solberg, Private Sector, Western European and Others Group (WEOG)\r\n",
    "\t Speaker 2: Bjarne Solberg, Private Sector, Western European and Others Group (WEOG)\r\n",
    "   \r\n",
    "Format\r\n",
    "\r\n",
    "        Roundtable\t\r\n",
    "Duration (minutes):\t60\r\n",
    "\r\n",
    "      Policy Question(s)\r\n",
    "\r\n",
    "\t1)\tWho repairs the devices of the future?\r\n",
    "\t2)\tWhat should manufacturers publish?\r\n",
    "\r\n",
    "Description:\r\n",
    "\r\n",
    "\t   A workshop on fictional   repair cafés.\r\n",
);

#[tokio::test]
async fn messy_text_is_stored_exactly_as_its_clean_version() {
    let (app, admin) = arrange().await;
    import(&app, &admin, EVENT, REPAIR_CAFES).await;

    let report = import(&app, &admin, "igf-2032", REPAIR_CAFES_MESSY).await;

    assert_eq!(report["outcome"], "CREATED");
    assert_eq!(
        strings(&report["warnings"]),
        ["line 7: repeats Speaker 2 from line 6; counted once"]
    );
    let messy = session(&app, &admin, "igf-2032", "WS #150").await;
    let clean = session(&app, &admin, EVENT, "WS #150").await;
    assert_eq!(without_ids(&messy), without_ids(&clean));
    assert_eq!(messy["title"], "Fictional Repair Cafés Online");
    assert_eq!(messy["format"], "ROUNDTABLE");
    assert_eq!(messy["durationMinutes"], 60);
    assert_eq!(
        roles(&messy),
        [
            "ORGANIZER 1: -, civil-society as Civil Society, african as African Group",
            "SPEAKER 1: Wanjiru Kamau-Holt, civil-society as Civil Society, \
             african as African Group",
            "SPEAKER 2: Bjarne Solberg, private-sector as Private Sector, \
             weog as Western European and Others Group (WEOG)",
        ]
    );
    assert_eq!(
        questions(&messy),
        [
            "Who repairs the devices of the future?",
            "What should manufacturers publish?"
        ]
    );
    assert_eq!(
        messy["description"],
        "A workshop on fictional repair cafés."
    );
    // The two events share their people: one per name.
    assert_eq!(messy["roles"][1]["person"], clean["roles"][1]["person"]);
}

#[tokio::test]
async fn regions_and_groups_written_in_other_ways_map_to_the_canonical_ones() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, REGIONS_AND_GROUPS).await;

    assert_eq!(
        strings(&report["warnings"]),
        [
            "line 1: no Organizer lines",
            "line 1: no Policy Question(s) section"
        ]
    );
    let s = session(&app, &admin, EVENT, "WS #120").await;
    assert_eq!(
        roles(&s),
        [
            "SPEAKER 1: Aino Virtanen, civil-society as Civil society, weog as WEOG",
            "SPEAKER 2: Rafael Quintero, \
             intergovernmental-organization as International Organization, \
             weog as (Western European and other States)",
            "SPEAKER 3: Mei-Lin Kaoru, government as Government, asia-pacific as Asia-Pacific",
            "SPEAKER 4: Idris Benali, \
             intergovernmental-organization as Intergovernmental Organisation, \
             intergovernmental-organization as Intergovernmental Organization",
        ]
    );
    let queue = review_queue(&app, &admin, json!(null)).await;
    assert_eq!(queue["totalCount"], 0, "everything mapped: {queue}");
}

#[tokio::test]
async fn names_in_capitals_with_titles_and_non_ascii_letters_are_stored_as_written() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, NAMES).await;

    assert_eq!(
        strings(&report["created"]),
        [
            "session WS #121",
            "person AMARA NWOSU-LINDQVIST",
            "person Dr. Søren Ødegård",
            "person Zoë Ñúñez-Łukasik",
            "speaker 1",
            "speaker 2",
            "speaker 3",
        ]
    );
    let s = session(&app, &admin, EVENT, "WS #121").await;
    assert_eq!(
        roles(&s),
        [
            "SPEAKER 1: AMARA NWOSU-LINDQVIST, government as Government, \
             african as African Group",
            "SPEAKER 2: Dr. Søren Ødegård, technical-community as Technical Community, \
             weog as Western European and Others Group (WEOG)",
            "SPEAKER 3: Zoë Ñúñez-Łukasik, civil-society as Civil Society, \
             eastern-european as Eastern European Group",
        ]
    );
    assert_eq!(s["roles"][1]["person"]["affiliation"], "Example University");
}

#[tokio::test]
async fn a_page_cut_off_mid_word_imports_what_is_there_and_warns_about_the_rest() {
    let (app, admin) = arrange().await;
    // No final line break: the copy stopped in the middle of a word.
    let cut = "IGF 2023 WS #140 Fictional Page That Stops\n\
               Organizer 1: Civil Society, African Group\n\
               Speaker 1: Jomo Kariuki, Government, African Group\n\
               \n\
               Description:\n\
               The session will exam";

    let report = import(&app, &admin, EVENT, cut).await;

    assert_eq!(report["outcome"], "CREATED");
    assert_eq!(
        strings(&report["warnings"]),
        [
            "line 1: no Policy Question(s) section",
            "line 6: the text stops mid-sentence in the Description section (\"The session \
             will exam\"); the page seems cut off; missing: Format, Policy Question(s), \
             Expected Outcomes",
        ]
    );
    let s = session(&app, &admin, EVENT, "WS #140").await;
    assert_eq!(s["title"], "Fictional Page That Stops");
    assert_eq!(s["description"], "The session will exam");
    assert_eq!(
        roles(&s),
        [
            "ORGANIZER 1: -, civil-society as Civil Society, african as African Group",
            "SPEAKER 1: Jomo Kariuki, government as Government, african as African Group",
        ]
    );
    assert_eq!(
        (&s["format"], &s["expectedOutcomes"]),
        (&Value::Null, &Value::Null)
    );
}

#[tokio::test]
async fn sections_the_importer_does_not_know_are_kept_in_extra_sections() {
    let (app, admin) = arrange().await;

    import(&app, &admin, EVENT, EXTRA_SECTIONS).await;

    let s = session(&app, &admin, EVENT, "WS #130").await;
    assert_eq!(
        sections(&s),
        [
            (
                "Key Takeaways".to_owned(),
                "Takeaways are kept as written.".to_owned()
            ),
            (
                "Online Participation".to_owned(),
                "Remote participants join through the fictional platform.".to_owned()
            ),
        ]
    );
    assert_eq!(s["description"], "The session looks at unplanned sections.");
    assert_eq!(s["expectedOutcomes"], "A list of sections nobody planned.");
    assert_eq!(
        roles(&s),
        ["SPEAKER 1: Ilse Vandamme, private-sector as Private Sector, weog as WEOG"]
    );
}

#[tokio::test]
async fn every_session_kind_of_the_header_is_stored_with_its_code() {
    let (app, admin) = arrange().await;
    let headers = [
        (
            "IGF 2022 Lightning Talk #7 Fictional Mesh Radios",
            "LIGHTNING_TALK",
            "Lightning Talk #7",
        ),
        (
            "IGF 2024 Launch/Award Event #5 Fictional Open Data Prize",
            "LAUNCH_AWARD",
            "Launch/Award Event #5",
        ),
        (
            "IGF 2023 Networking Session #50 Fictional Librarians Meet",
            "NETWORKING",
            "Networking Session #50",
        ),
        (
            "IGF 2023 Day 0 Event #10 Fictional Repair Day",
            "DAY_ZERO",
            "Day 0 Event #10",
        ),
        (
            "IGF 2025 Open Forum #12 Fictional Ministries Online",
            "OPEN_FORUM",
            "Open Forum #12",
        ),
        (
            "IGF 2022 Dynamic Coalition #3 Fictional Coalition Report",
            "DYNAMIC_COALITION",
            "Dynamic Coalition #3",
        ),
        (
            "IGF 2023 NRIs Collaborative Session: Fictional Regional Voices",
            "NRI_SESSION",
            "NRIs Collaborative Session: Fictional Regional Voices",
        ),
        (
            "IGF 2024 Town Hall Fictional Village Networks",
            "TOWN_HALL",
            "Town Hall: Fictional Village Networks",
        ),
    ];

    for (header, _, _) in headers {
        let text = format!("{header}\nSpeaker 1: Ada Mirembe, Civil Society, African Group\n");
        import(&app, &admin, EVENT, &text).await;
    }

    for (header, kind, code) in headers {
        let s = session(&app, &admin, EVENT, code).await;
        assert_eq!(s["kind"], kind, "{header}");
        assert!(header.ends_with(s["title"].as_str().unwrap()), "{header}");
        assert!(s["title"].as_str().unwrap().starts_with("Fictional"));
    }
    let data = app
        .data(
            r#"{ sessions(filter: { event: "igf-2031" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["sessions"]["totalCount"], headers.len());
}

#[tokio::test]
async fn policy_questions_in_every_list_form_are_split_into_single_questions() {
    let (app, admin) = arrange().await;
    let forms = [
        "1- Who builds it?\n2- Who pays for it?\n3- Who keeps it running - and how?",
        "1) Who builds it?\n2) Who pays for it?\n3) Who keeps it running - and how?",
        "A. Who builds it?\nB. Who pays for it?\nC. Who keeps it running - and how?",
        "● Who builds it?\n● Who pays for it?\n● Who keeps it running - and how?",
        "* Who builds it?\n* Who pays for it?\n* Who keeps it running - and how?",
        "- Who builds it?\n- Who pays for it?\n- Who keeps it running - and how?",
        "Who builds it?\nWho pays for it?\nWho keeps it running - and how?",
        "Who builds it? Who pays for it? Who keeps it running - and how?",
    ];

    for (i, form) in forms.iter().enumerate() {
        let text = format!(
            "IGF 2025 WS #{} Fictional Bridges\nSpeaker 1: Ada Mirembe, Civil Society, African Group\n\
             \nPolicy Question(s)\n\n{form}\n\nDescription:\nA session on bridges.\n",
            301 + i
        );
        import(&app, &admin, EVENT, &text).await;
    }

    for (i, form) in forms.iter().enumerate() {
        let s = session(&app, &admin, EVENT, &format!("WS #{}", 301 + i)).await;
        assert_eq!(
            questions(&s),
            [
                "Who builds it?",
                "Who pays for it?",
                "Who keeps it running - and how?"
            ],
            "{form}"
        );
    }
}
