//! Full-text search over session titles and descriptions, policy questions,
//! published positions' summaries and quotes, and interventions (speaker
//! label and what was said) in their transcripts. One interface, two
//! engines: SQLite FTS5 (`search_index`, BM25) and PostgreSQL text search
//! (`search_tsv` columns, `ts_rank`, `ts_headline`); the index is kept by
//! the database (migrations `m20250601_000005_search` and
//! `m20250601_000014_search_interventions`). A search may be narrowed to
//! the interventions a speaking-time filter selects ([`interventions`]). The engines stem and
//! rank differently, so the same query can order its hits differently and
//! cut different snippets; what matches is the same for plain words.

use std::collections::HashMap;

mod interventions;

use entity::{intervention, policy_question, position, session};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Statement, Value,
};

use super::{
    page::{Offset, Page},
    position::published,
};
use crate::error::{AppError, AppResult};

/// Private-use characters that mark a match inside a snippet while it is
/// still plain text; [`to_html`] turns them into `<mark>` after escaping.
const START: char = '\u{E000}';
const STOP: char = '\u{E001}';

/// A search text made safe for both engines: its words, each with at least
/// one letter or digit. Operators and punctuation have no meaning in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchText {
    words: Vec<String>,
}

impl SearchText {
    /// Keep the words that can match anything; `None` when none can (the
    /// text was punctuation only), so the caller answers with no hits.
    pub fn parse<S: AsRef<str>>(words: &[S]) -> Option<Self> {
        let words: Vec<String> = words
            .iter()
            .map(|w| {
                // Only letters and digits reach the engine: quotes, `*`,
                // `:`, `^`, `-`, `NEAR(…)` and `OR` lose their meaning
                // (an `OR` word is searched for as a word).
                w.as_ref()
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|w| !w.is_empty())
            .collect();
        (!words.is_empty()).then_some(Self { words })
    }

    /// FTS5: every word a quoted string (a phrase if it had punctuation
    /// inside, as `e-mail`), all of them required. No `"` can remain.
    fn fts5(&self) -> String {
        self.words
            .iter()
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// PostgreSQL: the words for `plainto_tsquery`, all of them required.
    fn plain(&self) -> String {
        self.words.join(" ")
    }
}

/// What a hit found.
#[derive(Debug, Clone)]
pub enum Item {
    Session(session::Model),
    PolicyQuestion(policy_question::Model),
    Position(position::Model),
    Intervention(intervention::Model),
}

/// What a search looks through.
#[derive(Debug, Clone)]
pub enum Scope {
    /// Every kind of item.
    Everything,
    /// Interventions only: those that `speakingTime` counts under this
    /// filter.
    Interventions(crate::service::speaking::SpeakingFilter),
}

/// One hit: its place in the ranking (from 1), its relevance (higher is
/// better, comparable only within one search), an HTML snippet with the
/// matches in `<mark>`, and the item.
#[derive(Debug, Clone)]
pub struct Hit {
    pub place: u64,
    pub score: f64,
    pub snippet: String,
    pub item: Item,
}

/// What an index row points at: `kind` 0 intervention, 1 session, 2 policy
/// question, 3 position (the SQLite rowid is `id * 4 + kind`).
#[derive(Debug)]
struct Row {
    place: u64,
    kind: i64,
    id: i64,
    score: f64,
    snippet: String,
}

/// Ranks every match by BM25 (title weighted twice the body), then cuts
/// snippets for one page only: a snippet reads the row's text.
const SQLITE_PAGE: &str = r#"
WITH page AS (
    SELECT rowid AS rid, -bm25(search_index, 2.0, 1.0) AS score
    FROM search_index WHERE search_index MATCH ?
    ORDER BY score DESC, rowid LIMIT ? OFFSET ?
)
SELECT page.rid, page.score,
       snippet(search_index, -1, char(57344), char(57345), '…', 24) AS snippet
FROM search_index JOIN page ON search_index.rowid = page.rid
WHERE search_index MATCH ?
ORDER BY page.score DESC, page.rid
"#;

const SQLITE_COUNT: &str = "SELECT count(*) AS n FROM search_index WHERE search_index MATCH ?";

/// Ranks every match without its text, then cuts headlines for one page
/// only: `ts_headline` reads the whole document and is the costly part.
const POSTGRES_PAGE: &str = r#"
WITH q AS NOT MATERIALIZED (SELECT plainto_tsquery('english', $1) AS q),
hits AS (
    SELECT 1 AS kind, s.id, ts_rank(s.search_tsv, q.q) AS score
    FROM "session" s, q WHERE s.search_tsv @@ q.q
    UNION ALL
    SELECT 2, pq.id, ts_rank(pq.search_tsv, q.q)
    FROM policy_question pq, q WHERE pq.search_tsv @@ q.q
    UNION ALL
    SELECT 3, p.id, ts_rank(p.search_tsv, q.q)
    FROM "position" p, q WHERE p.status = 'published' AND p.search_tsv @@ q.q
    UNION ALL
    SELECT 0, i.id, ts_rank(i.search_tsv, q.q)
    FROM intervention i, q WHERE i.in_transcript AND i.search_tsv @@ q.q
),
page AS (SELECT * FROM hits ORDER BY score DESC, kind, id LIMIT $2 OFFSET $3)
SELECT page.kind, page.id, page.score::float8 AS score,
    ts_headline('english',
        CASE page.kind
            WHEN 1 THEN concat_ws(' — ', s.title, s.description)
            WHEN 2 THEN pq.text
            WHEN 3 THEN concat_ws(' — ', p.summary, p.quote)
            ELSE i.text
        END,
        q.q,
        'StartSel=' || chr(57344) || ', StopSel=' || chr(57345)
            || ', MinWords=12, MaxWords=30, HighlightAll=false') AS snippet
FROM page CROSS JOIN q
LEFT JOIN "session" s ON page.kind = 1 AND s.id = page.id
LEFT JOIN policy_question pq ON page.kind = 2 AND pq.id = page.id
LEFT JOIN "position" p ON page.kind = 3 AND p.id = page.id
LEFT JOIN intervention i ON page.kind = 0 AND i.id = page.id
ORDER BY page.score DESC, page.kind, page.id
"#;

const POSTGRES_COUNT: &str = r#"
WITH q AS NOT MATERIALIZED (SELECT plainto_tsquery('english', $1) AS q)
SELECT (SELECT count(*) FROM "session" s, q WHERE s.search_tsv @@ q.q)
     + (SELECT count(*) FROM policy_question pq, q WHERE pq.search_tsv @@ q.q)
     + (SELECT count(*) FROM "position" p, q
        WHERE p.status = 'published' AND p.search_tsv @@ q.q)
     + (SELECT count(*) FROM intervention i, q
        WHERE i.in_transcript AND i.search_tsv @@ q.q) AS n
"#;

/// One page of hits, best first: up to `limit` hits from `offset`. A hit
/// whose item changed between ranking and loading (deleted, unpublished) is
/// left out rather than shown stale; the others keep their places.
#[tracing::instrument(name = "search", skip(db, page), fields(search.offset = page.offset, search.limit = page.limit))]
pub async fn search(
    db: &impl ConnectionTrait,
    text: &SearchText,
    scope: &Scope,
    page: Offset,
) -> AppResult<Page<Hit>> {
    if let Scope::Interventions(filter) = scope {
        return interventions::search(db, text, filter, page).await;
    }
    let Offset { offset, .. } = page;
    let backend = db.get_database_backend();
    let (sql, query) = match backend {
        DbBackend::Sqlite => (SQLITE_PAGE, text.fts5()),
        DbBackend::Postgres => (POSTGRES_PAGE, text.plain()),
        other => return Err(unsupported(other)),
    };
    let mut values = vec![
        Value::from(query.clone()),
        Value::from(page.rows_to_read() as i64),
        Value::from(offset as i64),
    ];
    if backend == DbBackend::Sqlite {
        // The snippet pass matches again (PostgreSQL reuses `$1`).
        values.push(Value::from(query));
    }
    let stmt = Statement::from_sql_and_values(backend, sql, values);
    let mut rows = Vec::new();
    for (i, r) in db.query_all_raw(stmt).await?.into_iter().enumerate() {
        let (kind, id) = match backend {
            DbBackend::Sqlite => {
                let rid: i64 = r.try_get("", "rid")?;
                (rid % 4, rid / 4)
            }
            _ => (r.try_get::<i32>("", "kind")? as i64, r.try_get("", "id")?),
        };
        rows.push(Row {
            place: offset + i as u64 + 1,
            kind,
            id,
            score: r.try_get("", "score")?,
            snippet: r
                .try_get::<Option<String>>("", "snippet")?
                .unwrap_or_default(),
        });
    }
    let found = page.page(rows);
    Ok(Page {
        rows: load(db, found.rows).await?,
        has_previous: found.has_previous,
        has_next: found.has_next,
    })
}

/// How many items match, across all pages.
pub async fn count(db: &impl ConnectionTrait, text: &SearchText, scope: &Scope) -> AppResult<i64> {
    if let Scope::Interventions(filter) = scope {
        return interventions::count(db, text, filter).await;
    }
    let backend = db.get_database_backend();
    let (sql, query) = match backend {
        DbBackend::Sqlite => (SQLITE_COUNT, text.fts5()),
        DbBackend::Postgres => (POSTGRES_COUNT, text.plain()),
        other => return Err(unsupported(other)),
    };
    let stmt = Statement::from_sql_and_values(backend, sql, [Value::from(query)]);
    let row = db
        .query_one_raw(stmt)
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("COUNT returned no row")))?;
    Ok(row.try_get("", "n")?)
}

fn unsupported(backend: DbBackend) -> AppError {
    AppError::internal(anyhow::anyhow!("no full-text search on {backend:?}"))
}

/// Load the items of a page: one query per kind, never one per hit.
async fn load(db: &impl ConnectionTrait, rows: Vec<Row>) -> AppResult<Vec<Hit>> {
    let ids = |kind: i64| -> Vec<i64> {
        rows.iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.id)
            .collect()
    };
    let mut sessions: HashMap<i64, session::Model> = HashMap::new();
    let mut questions: HashMap<i64, policy_question::Model> = HashMap::new();
    let mut positions: HashMap<i64, position::Model> = HashMap::new();
    let mut turns: HashMap<i64, intervention::Model> = HashMap::new();
    let (s, q, p, t) = (ids(1), ids(2), ids(3), ids(0));
    if !s.is_empty() {
        sessions = session::Entity::find()
            .filter(session::Column::Id.is_in(s))
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m))
            .collect();
    }
    if !q.is_empty() {
        questions = policy_question::Entity::find()
            .filter(policy_question::Column::Id.is_in(q))
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m))
            .collect();
    }
    if !p.is_empty() {
        positions = position::Entity::find()
            .filter(position::Column::Id.is_in(p))
            .filter(published())
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m))
            .collect();
    }
    if !t.is_empty() {
        turns = intervention::Entity::find()
            .filter(intervention::Column::Id.is_in(t))
            .filter(intervention::Column::InTranscript.eq(true))
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m))
            .collect();
    }
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let item = match r.kind {
                1 => Item::Session(sessions.remove(&r.id)?),
                2 => Item::PolicyQuestion(questions.remove(&r.id)?),
                3 => Item::Position(positions.remove(&r.id)?),
                0 => Item::Intervention(turns.remove(&r.id)?),
                _ => return None,
            };
            Some(Hit {
                place: r.place,
                score: r.score,
                snippet: to_html(&r.snippet),
                item,
            })
        })
        .collect())
}

/// Escape a snippet for HTML, then wrap its marked matches in `<mark>`:
/// front ends may insert it as HTML whatever the stored text holds.
fn to_html(snippet: &str) -> String {
    let mut out = String::with_capacity(snippet.len() + 16);
    let mut open = false;
    for c in snippet.chars() {
        match c {
            START if !open => {
                out.push_str("<mark>");
                open = true;
            }
            STOP if open => {
                out.push_str("</mark>");
                open = false;
            }
            START | STOP => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    if open {
        out.push_str("</mark>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_and_punctuation_lose_their_meaning() {
        let t =
            SearchText::parse(&["\"internet", "NEAR(a", "b)", "col:x*", "-e-mail^", "OR"]).unwrap();
        assert_eq!(t.fts5(), r#""internet" "NEAR a" "b" "col x" "e mail" "OR""#);
        assert_eq!(t.plain(), "internet NEAR a b col x e mail OR");
        assert_eq!(SearchText::parse(&["\"", "*", "—"]), None);
    }

    #[test]
    fn snippets_are_escaped_html_with_balanced_marks() {
        let s = format!("a <b> & {START}cooperation{STOP} {START}x");
        assert_eq!(
            to_html(&s),
            "a &lt;b&gt; &amp; <mark>cooperation</mark> <mark>x</mark>"
        );
        assert_eq!(to_html(&format!("{STOP}y")), "y");
    }
}
