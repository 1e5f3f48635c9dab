//! Speakers given as `Name, Affiliation` only, or as `Name, job title,
//! employer`: stored with the affiliation as written and no stakeholder
//! group or region, never with a job title as a group or an employer as a
//! region, and never by refusing the page; each such role is named in a
//! warning, and nothing goes to the review queue for it.

use super::*;

const TWO_FIELDS_2023: &str = include_str!("../proposals/ws2023-two-field-speakers.txt");
const JOB_TITLES_2024: &str = include_str!("../proposals/of2024-job-titles.txt");

#[tokio::test]
async fn speakers_with_an_affiliation_only_are_stored_and_the_page_is_not_refused() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, TWO_FIELDS_2023).await;

    let stored = session(&app, &admin, EVENT, "WS #212").await;
    assert_eq!(
        roles(&stored),
        [
            "ORGANIZER 1: Ines Fictional, -, -",
            "SPEAKER 1: Ada Mirembe, -, -",
            "SPEAKER 2: Jonas Falk, -, -",
            "SPEAKER 3: Lea Sample, private-sector as Private Sector, asia-pacific as Asia-Pacific Group",
            "SPEAKER 4: Noor Fictive, civil-society as Civil Society, -",
        ]
    );
    assert_eq!(
        affiliations(&stored),
        [
            "Ines Fictional: Example Bridge Trust",
            "Ada Mirembe: Example University",
            "Jonas Falk: Senior Adviser, Example Ministry",
            "Lea Sample: -",
            "Noor Fictive: -",
        ]
    );
    let warnings = strings(&report["warnings"]);
    for line in [
        "line 3: Speaker 1",
        "line 4: Speaker 2",
        "line 6: Speaker 4",
    ] {
        assert!(
            warnings.iter().any(|w| w.starts_with(line)),
            "{line} is named in a warning: {warnings:?}"
        );
    }
    let queue = review_queue(&app, &admin, json!({ "anyStatus": true })).await;
    assert_eq!(queue["totalCount"], 0, "{queue}");
}

#[tokio::test]
async fn a_job_title_and_an_employer_are_never_a_group_and_a_region() {
    let (app, admin) = arrange().await;

    import(&app, &admin, EVENT, JOB_TITLES_2024).await;

    let stored = session(&app, &admin, EVENT, "Open Forum #77").await;
    assert_eq!(
        roles(&stored),
        [
            "ORGANIZER 1: Tomas Imaginary, -, -",
            "SPEAKER 1: Piet Imagined, -, -",
            "SPEAKER 2: Mira Placeholder, -, -",
            "SPEAKER 3: Ravi Invented, technical-community as Technical Community, weog as WEOG",
        ]
    );
    assert_eq!(
        affiliations(&stored)[1..3],
        [
            "Piet Imagined: Chief Engineer, Example Pumps Ltd",
            "Mira Placeholder: Head of Policy, Example Network",
        ]
    );
    let queue = review_queue(&app, &admin, json!({ "anyStatus": true })).await;
    assert_eq!(queue["totalCount"], 0, "nothing is queued: {queue}");
}
