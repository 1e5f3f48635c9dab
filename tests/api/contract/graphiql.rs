//! GraphiQL: a page with no inline script under a strict
//! Content-Security-Policy, its files pinned with integrity hashes, from a
//! CDN by default or from a local folder the server serves; a folder that
//! does not hold the pinned files stops `serve` with one clear line. (A
//! real browser runs a query through it in `tools/graphiql/browser-check.sh`.)

use std::process::Command;

use crate::helpers::{TestApp, spawn_app_with};

async fn page(app: &TestApp) -> (String, String) {
    let response = app
        .client
        .get(app.url("/graphql"))
        .header("accept", "text/html,application/xhtml+xml")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    (response.text().await.unwrap(), csp)
}

/// Every `<script>` and stylesheet of `html`: its `src`/`href`, and its
/// integrity hash if any.
fn resources(html: &str) -> Vec<(String, Option<String>)> {
    let attr = |tag: &str, name: &str| {
        tag.split(&format!("{name}=\""))
            .nth(1)
            .map(|rest| rest.split('"').next().unwrap().to_owned())
    };
    html.split('<')
        .filter(|t| t.starts_with("script") || t.starts_with("link"))
        .map(|tag| {
            let place = attr(tag, "src").or_else(|| attr(tag, "href"));
            let place = place.unwrap_or_else(|| panic!("inline script or link: <{tag}"));
            (place, attr(tag, "integrity"))
        })
        .collect()
}

#[tokio::test]
async fn the_page_pins_its_files_and_allows_nothing_else() {
    let app = spawn_app_with(|c| c.seed_fixture = false).await;
    let (html, csp) = page(&app).await;
    let found = resources(&html);
    assert_eq!(found.len(), 5, "{found:?}");
    for (place, integrity) in &found {
        if place == "/graphiql/init.js" {
            continue;
        }
        assert!(place.starts_with("https://unpkg.com/"), "{place}");
        assert!(place.contains('@'), "pinned to a version: {place}");
        assert!(
            integrity
                .as_deref()
                .is_some_and(|i| i.starts_with("sha384-")),
            "{place}"
        );
    }
    // The pinned files by their full URLs, never the whole CDN.
    assert!(
        csp.contains(
            "script-src 'self' https://unpkg.com/react@18.3.1/umd/react.production.min.js "
        ),
        "{csp}"
    );
    assert!(
        !csp.contains("https://unpkg.com;") && !csp.contains("https://unpkg.com "),
        "{csp}"
    );
    assert!(csp.contains("connect-src 'self'"), "{csp}");
    let init = app
        .client
        .get(app.url("/graphiql/init.js"))
        .send()
        .await
        .unwrap();
    assert!(
        init.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(
        init.text()
            .await
            .unwrap()
            .contains("GraphiQL.createFetcher")
    );
}

#[tokio::test]
async fn a_local_folder_is_served_by_the_server_itself() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("react@18.3.1/umd/react.production.min.js");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "/* fictional bytes */").unwrap();
    let folder = dir.path().to_string_lossy().into_owned();
    let app = spawn_app_with(|c| {
        c.seed_fixture = false;
        c.graphiql_assets = folder;
    })
    .await;
    let (html, csp) = page(&app).await;
    for (place, _) in resources(&html) {
        assert!(place.starts_with("/graphiql/"), "{place}");
    }
    assert!(csp.contains("script-src 'self';"), "{csp}");
    let served = app
        .client
        .get(app.url("/graphiql/assets/react@18.3.1/umd/react.production.min.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(served.text().await.unwrap(), "/* fictional bytes */");
}

#[test]
fn serve_refuses_a_folder_without_the_pinned_files_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_igf-perspectives"))
        .args(["serve", "--bind", "127.0.0.1:0", "--graphiql-assets"])
        .arg(dir.path())
        .arg("--database-url")
        .arg(format!("sqlite://{}/never.db", dir.path().display()))
        .env("JWT_SECRET", "fictional-test-signing-secret-7f3a9c2e51")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("react.production.min.js") && stderr.contains("fetch-assets.sh"),
        "{stderr}"
    );
    assert!(!dir.path().join("never.db").exists(), "nothing was started");
}
