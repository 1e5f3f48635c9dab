//! Tests of the whole parser on complete proposals: the founding fixture
//! and one page of each 2022–2024 layout.

use entity::session::{SessionFormat, SessionKind};

use super::{
    ProposalDraft, RoleDraft, parse,
    test_support::{EEG, WEOG, blank, extra, online, onsite, person, role, strings, text, utc},
};

const FIXTURE: &str = include_str!("../../../fixtures/igf2025-ws461-proposal.txt");

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
            moderators: vec![onsite(person(
                1,
                amara,
                None,
                Some("Civil Society"),
                Some("African Group"),
                15
            ))],
            online_moderators: vec![online(person(
                1,
                Some("Lars Eriksen"),
                Some("Nordic Example Foundation"),
                None,
                None,
                19
            ))],
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
            online_moderators: vec![online(kofi(17))],
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
            online_moderators: vec![online(person(1, Some("Tomás Ruiz"), None, None, None, 11))],
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
            // The schedule line's start and end give the length.
            duration_minutes: Some(90),
            ..blank()
        }
    );
}
