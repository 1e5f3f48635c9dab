//! GraphiQL, for people exploring the API in a browser: a page with no
//! inline script (so a strict Content-Security-Policy holds, and the page
//! sends one), loading GraphiQL and React at exact versions, each checked
//! by its Subresource Integrity hash, from a public CDN by default, from a
//! self-hosted base URL, or from a local folder this server serves
//! (`--graphiql-assets`): it works offline and on intranets too.

use std::path::PathBuf;

use axum::{
    http::{HeaderValue, header},
    response::{Html, IntoResponse, Response},
};

/// The files GraphiQL needs: path under the base (as npm packs them,
/// `name@version/…`) and SHA-384 of the exact bytes.
const REACT: (&str, &str) = (
    "react@18.3.1/umd/react.production.min.js",
    "sha384-DGyLxAyjq0f9SPpVevD6IgztCFlnMF6oW/XQGmfe+IsZ8TqEiDrcHkMLKI6fiB/Z",
);
const REACT_DOM: (&str, &str) = (
    "react-dom@18.3.1/umd/react-dom.production.min.js",
    "sha384-gTGxhz21lVGYNMcdJOyq01Edg0jhn/c22nsx0kyqP0TxaV5WVdsSH1fSDUf5YJj1",
);
const GRAPHIQL_JS: (&str, &str) = (
    "graphiql@3.9.0/graphiql.min.js",
    "sha384-8NGfVj4CVlqHajlZj+bPJT4thxPMHMJYn7DWK2CvtopLd02E7qsPHazniBYvVjOO",
);
const GRAPHIQL_CSS: (&str, &str) = (
    "graphiql@3.9.0/graphiql.min.css",
    "sha384-QMux00XgRtwRLSYIY3kw2rj1ovk5AuuliAchk+HSQbqdbGFnz9GYuqIlOqxhwCE2",
);

/// The files, for checks and for filling a folder.
pub const FILES: [(&str, &str); 4] = [REACT, REACT_DOM, GRAPHIQL_JS, GRAPHIQL_CSS];

/// Where the page's own script is served.
pub const INIT_PATH: &str = "/graphiql/init.js";
/// Where a local asset folder is served.
pub const LOCAL_PREFIX: &str = "/graphiql/assets";

/// Where GraphiQL's files come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assets {
    /// A base URL (`https://unpkg.com`, or a mirror) with the same layout.
    Remote(String),
    /// A folder on this machine, served under [`LOCAL_PREFIX`].
    Local(PathBuf),
}

impl Assets {
    /// `https://…`/`http://…` is a base URL; anything else a folder, which
    /// must hold the files (checked by their hashes when the server starts).
    pub fn from_setting(setting: &str) -> Self {
        let s = setting.trim().trim_end_matches('/');
        if s.starts_with("https://") || s.starts_with("http://") {
            Assets::Remote(s.to_owned())
        } else {
            Assets::Local(PathBuf::from(setting.trim()))
        }
    }

    fn base(&self) -> &str {
        match self {
            Assets::Remote(base) => base,
            Assets::Local(_) => LOCAL_PREFIX,
        }
    }

    /// What `Content-Security-Policy` allows besides the page's own
    /// origin: the pinned files themselves, by their full URLs (a whole
    /// CDN origin would let any package there run); nothing more for a
    /// local folder, which is `'self'`.
    fn sources(&self, files: &[(&str, &str)]) -> String {
        match self {
            Assets::Local(_) => String::new(),
            Assets::Remote(base) => files
                .iter()
                .map(|(path, _)| format!(" {base}/{path}"))
                .collect(),
        }
    }

    /// A folder that lacks a file or holds other bytes, said in one line
    /// naming the file and how to fill the folder.
    pub fn check(&self) -> Result<(), String> {
        use base64::Engine;
        use sha2::{Digest, Sha384};
        let Assets::Local(dir) = self else {
            return Ok(());
        };
        for (path, hash) in FILES {
            let file = dir.join(path);
            let bytes = std::fs::read(&file).map_err(|e| {
                format!(
                    "GraphiQL assets: cannot read {} ({e}); fill the folder with tools/graphiql/fetch-assets.sh",
                    file.display()
                )
            })?;
            let got = format!(
                "sha384-{}",
                base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&bytes))
            );
            if got != hash {
                return Err(format!(
                    "GraphiQL assets: {} is not the pinned version (its hash differs); fill the folder with tools/graphiql/fetch-assets.sh",
                    file.display()
                ));
            }
        }
        Ok(())
    }
}

/// The GraphiQL page: pinned files with their hashes, the script from
/// [`INIT_PATH`], and a Content-Security-Policy that allows nothing else.
pub fn page(assets: &Assets) -> Response {
    let base = assets.base();
    let script = |(path, hash): (&str, &str)| {
        format!(
            r#"<script src="{base}/{path}" integrity="{hash}" crossorigin="anonymous"></script>"#
        )
    };
    let (css, css_hash) = GRAPHIQL_CSS;
    let html = format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>igf-perspectives — GraphiQL</title>
<link rel="stylesheet" href="{base}/{css}" integrity="{css_hash}" crossorigin="anonymous">
</head>
<body style="margin: 0">
<div id="graphiql" style="height: 100vh">Loading GraphiQL…</div>
{react}
{react_dom}
{graphiql}
<script src="{INIT_PATH}"></script>
</body>
</html>
"#,
        react = script(REACT),
        react_dom = script(REACT_DOM),
        graphiql = script(GRAPHIQL_JS),
    );
    let scripts = assets.sources(&[REACT, REACT_DOM, GRAPHIQL_JS]);
    let styles = assets.sources(&[GRAPHIQL_CSS]);
    let csp = format!(
        "default-src 'none'; script-src 'self'{scripts}; style-src 'self'{styles} 'unsafe-inline'; \
         connect-src 'self'; img-src 'self' data:; font-src 'self' data:; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    );
    let mut response = Html(html).into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_str(&csp).expect("a policy of ASCII"),
    );
    response
}

/// The page's own script: GraphiQL over `fetch` to `/graphql`.
pub async fn init() -> Response {
    const INIT: &str = r#"(function () {
  var fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', location.href).href });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher: fetcher }));
})();
"#;
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/javascript; charset=utf-8"),
        )],
        INIT,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_a_base_and_anything_else_a_folder() {
        assert_eq!(
            Assets::from_setting("https://cdn.example/npm/"),
            Assets::Remote("https://cdn.example/npm".into())
        );
        assert_eq!(
            Assets::Remote("https://cdn.example/npm".into()).sources(&[REACT]),
            " https://cdn.example/npm/react@18.3.1/umd/react.production.min.js"
        );
        assert_eq!(
            Assets::from_setting("/srv/graphiql"),
            Assets::Local("/srv/graphiql".into())
        );
    }
}
