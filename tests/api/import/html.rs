//! Pages as saved from the site (HTML) import as their text does: through
//! `importProposal` and the `import` command, which also takes the `.html`
//! files of a folder. HTML has its own size limit, checked before parsing.

use super::{cli::run_import, *};

const SAVED: &str = include_str!("../proposals/ws2024-saved-page.html");
const FETCHED: &str = include_str!("../proposals/ns2024-fetched.html");

/// `SAVED` padded with an inline script to over `bytes` long, as saved pages
/// carry the site's scripts.
fn padded(bytes: usize) -> String {
    let filler = "x".repeat(bytes.saturating_sub(SAVED.len()));
    SAVED.replacen(
        "</head>",
        &format!("<script>/*{filler}*/</script></head>"),
        1,
    )
}

#[tokio::test]
async fn an_html_page_gets_its_own_limit_through_the_api_and_text_keeps_its_own() {
    let (app, admin) = arrange().await;

    // Over the text limit, under the HTML one: a saved page imports.
    let page = padded(300 * 1024);
    let report = import(&app, &admin, EVENT, &page).await;
    assert_eq!(report["code"], "WS #266", "{report}");
    let stored = session(&app, &admin, EVENT, "WS #266").await;
    assert_eq!(stored["roles"].as_array().unwrap().len(), 7, "{stored}");

    // The same size of text is refused, naming the limit.
    let text = format!("IGF 2024 WS #1 Long\n{}\n", "word ".repeat(300 * 1024 / 5));
    let body = refused(&app, &admin, EVENT, &text).await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{body}"
    );
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("over the limit of 262144 bytes"),
        "{body}"
    );
}

#[tokio::test]
async fn the_command_line_imports_html_files_of_a_folder_and_refuses_an_oversized_page_unparsed() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("a-saved.html"), SAVED).unwrap();
    std::fs::write(pages.join("b-fetched.htm"), FETCHED).unwrap();
    std::fs::write(pages.join("c-too-big.html"), padded(1024 * 1024 + 1)).unwrap();
    std::fs::write(pages.join("notes.md"), "not a page").unwrap();
    let db = dir.path().join("html.db");

    let run = run_import(&db, &["--event", "igf-2031", pages.to_str().unwrap()]).await;

    assert_eq!(
        run.code, 1,
        "the big page failed: {}{}",
        run.stdout, run.stderr
    );
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(out.contains("a-saved.html: created WS #266"), "{out}");
    assert!(
        out.contains("b-fetched.htm: created Networking Session #93"),
        "{out}"
    );
    assert!(
        out.contains("c-too-big.html") && out.contains("over the limit of 1048576 bytes"),
        "{out}"
    );
    assert!(!out.contains("notes.md"), "{out}");
}
