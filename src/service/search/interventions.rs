//! Search narrowed to the interventions a speaking-time filter selects:
//! the rows [`crate::service::speaking::restrict`] keeps, matched by the
//! same index as every other search, so a search's hits and `speakingTime`
//! under one filter count the same interventions (those whose label or
//! text holds every word).
//!
//! Two statements, as for the whole search: one ranks the matches and
//! takes a page of ids, one cuts snippets for that page only.

use entity::intervention;
use sea_orm::{
    ConnectionTrait, DbBackend, Statement, Value,
    sea_query::{Alias, Expr, Func, Order, Query, SelectStatement},
};

use super::{Hit, Row, SearchText, load, unsupported};
use crate::{
    error::{AppError, AppResult},
    service::{
        page::{Offset, Page},
        speaking::{SpeakingFilter, restrict},
    },
};

/// `FROM … WHERE` of the interventions that match `text` under `filter`,
/// and the expression of each one's relevance (higher is better).
fn matched(
    backend: DbBackend,
    text: &SearchText,
    filter: &SpeakingFilter,
) -> AppResult<(SelectStatement, Expr)> {
    let mut q = Query::select();
    let score = match backend {
        DbBackend::Sqlite => {
            // The index drives the join: FTS5 answers `MATCH` and ranks
            // only as the outer loop, which `CROSS JOIN` keeps it.
            // (sea-query writes no `ON` for a cross join: the pairing is a
            // `WHERE`.)
            q.from(Alias::new("search_index"))
                .cross_join(intervention::Entity)
                .and_where(Expr::cust(
                    "intervention.id = search_index.rowid / 4 AND search_index.rowid % 4 = 0",
                ));
            q.and_where(Expr::cust_with_values(
                "search_index MATCH ?",
                [text.fts5()],
            ));
            Expr::cust("-bm25(search_index, 2.0, 1.0)")
        }
        DbBackend::Postgres => {
            q.from(intervention::Entity);
            q.and_where(Expr::cust_with_values(
                "intervention.search_tsv @@ plainto_tsquery('english', $1)",
                [text.plain()],
            ));
            Expr::cust_with_values(
                "CAST(ts_rank(intervention.search_tsv, plainto_tsquery('english', $1)) AS float8)",
                [text.plain()],
            )
        }
        other => return Err(unsupported(other)),
    };
    restrict(&mut q, filter);
    Ok((q, score))
}

/// One page of the matching interventions, best first.
pub(super) async fn search(
    db: &impl ConnectionTrait,
    text: &SearchText,
    filter: &SpeakingFilter,
    page: Offset,
) -> AppResult<Page<Hit>> {
    let backend = db.get_database_backend();
    let (mut q, score) = matched(backend, text, filter)?;
    q.expr_as(
        Expr::col((intervention::Entity, intervention::Column::Id)),
        Alias::new("id"),
    )
    .expr_as(score, Alias::new("score"))
    .order_by(Alias::new("score"), Order::Desc)
    .order_by((intervention::Entity, intervention::Column::Id), Order::Asc)
    .limit(page.rows_to_read())
    .offset(page.offset);
    let mut rows = Vec::new();
    for (i, r) in db.query_all(&q).await?.into_iter().enumerate() {
        rows.push(Row {
            place: page.offset + i as u64 + 1,
            kind: 0,
            id: r.try_get("", "id")?,
            score: r.try_get("", "score")?,
            snippet: String::new(),
        });
    }
    let mut found = page.page(rows);
    snippets(db, text, &mut found.rows).await?;
    Ok(Page {
        rows: load(db, found.rows).await?,
        has_previous: found.has_previous,
        has_next: found.has_next,
    })
}

/// How many interventions match under `filter`.
pub(super) async fn count(
    db: &impl ConnectionTrait,
    text: &SearchText,
    filter: &SpeakingFilter,
) -> AppResult<i64> {
    let (mut q, _) = matched(db.get_database_backend(), text, filter)?;
    q.expr_as(
        Func::cast_as(Func::count(Expr::val(1)), "BIGINT"),
        Alias::new("n"),
    );
    let row = db
        .query_one(&q)
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("COUNT returned no row")))?;
    Ok(row.try_get("", "n")?)
}

/// Cut the snippets of one page of hits (ids are integers read from the
/// database, written into the statement as such).
async fn snippets(db: &impl ConnectionTrait, text: &SearchText, rows: &mut [Row]) -> AppResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let backend = db.get_database_backend();
    let list = |scale: i64| {
        rows.iter()
            .map(|r| (r.id * scale).to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    let (sql, query) = match backend {
        DbBackend::Sqlite => (
            format!(
                "SELECT rowid / 4 AS id, \
                 snippet(search_index, -1, char(57344), char(57345), '…', 24) AS snippet \
                 FROM search_index WHERE search_index MATCH ? AND rowid IN ({})",
                list(4)
            ),
            text.fts5(),
        ),
        DbBackend::Postgres => (
            format!(
                "SELECT id, ts_headline('english', \"text\", plainto_tsquery('english', $1), \
                 'StartSel=' || chr(57344) || ', StopSel=' || chr(57345) \
                 || ', MinWords=12, MaxWords=30, HighlightAll=false') AS snippet \
                 FROM intervention WHERE id IN ({})",
                list(1)
            ),
            text.plain(),
        ),
        other => return Err(unsupported(other)),
    };
    let stmt = Statement::from_sql_and_values(backend, sql, [Value::from(query)]);
    let mut cut = std::collections::HashMap::new();
    for r in db.query_all_raw(stmt).await? {
        let id: i64 = r.try_get("", "id")?;
        let snippet: Option<String> = r.try_get("", "snippet")?;
        cut.insert(id, snippet.unwrap_or_default());
    }
    for row in rows {
        row.snippet = cut.remove(&row.id).unwrap_or_default();
    }
    Ok(())
}
