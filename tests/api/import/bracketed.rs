//! Headers without a number and without `IGF YYYY`, as some Dynamic
//! Coalition and NRI pages begin: the kind in brackets, then the title.
//! The session gets the code every kind without a number gets, `<kind as
//! written>: <title>`, so importing the page again finds it.

use super::*;

const DYNAMIC_COALITION_2024: &str = include_str!("../proposals/dc2024-bracketed.txt");
const NRI_2023: &str = include_str!("../proposals/nri2023-bracketed.txt");

#[tokio::test]
async fn a_dynamic_coalition_page_with_a_bracketed_kind_is_imported() {
    let (app, admin) = arrange().await;

    let report = import(&app, &admin, EVENT, DYNAMIC_COALITION_2024).await;

    let code = "Dynamic Coalition: Fictional Coalition on River Data";
    assert_eq!(report["code"], code, "{report}");
    let stored = session(&app, &admin, EVENT, code).await;
    assert_eq!(stored["kind"], "DYNAMIC_COALITION");
    assert_eq!(stored["title"], "Fictional Coalition on River Data");
    assert_eq!(
        roles(&stored),
        [
            "ORGANIZER 1: Ines Fictional, -, -",
            "SPEAKER 1: Ada Mirembe, civil-society as Civil Society, african as African Group",
            "SPEAKER 2: Jonas Falk, government as Government, weog as WEOG",
        ]
    );
}

#[tokio::test]
async fn an_nri_page_with_a_bracketed_kind_and_a_bare_speaker_list_is_imported_and_found_again() {
    let (app, admin) = arrange().await;

    import(&app, &admin, EVENT, NRI_2023).await;
    let code = "NRI Session: Fictional Islands Dialogue on Cables";
    let first = session(&app, &admin, EVENT, code).await;
    let again = import(&app, &admin, EVENT, NRI_2023).await;
    let second = session(&app, &admin, EVENT, code).await;

    assert_eq!(first["kind"], "NRI_SESSION");
    assert_eq!(
        roles(&first),
        [
            "SPEAKER 1: Noor Fictive, civil-society as Civil Society, asia-pacific as Asia-Pacific Group",
            "SPEAKER 2: Piet Imagined, private-sector as Private Sector, weog as WEOG",
        ]
    );
    assert_eq!(again["outcome"], "UNCHANGED", "{again}");
    assert_eq!(role_ids(&second), role_ids(&first));
    assert_eq!(second["id"], first["id"]);
}
