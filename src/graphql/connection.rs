//! Relay connections, the GraphQL side: the `first/after/last/before`
//! checks, opaque cursors that carry the sort key, and `totalCount`. The
//! pages themselves are read by `service::page`.

use async_graphql::{
    Context, Object, OutputType,
    connection::{Connection, Edge},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

use super::loaders::{CountKey, Loaders};
use crate::{
    error::{AppError, AppResult},
    service::page::{Direction, Offset, Page, PageRequest, Position, Total},
    state::AppState,
};

pub const DEFAULT_PAGE_SIZE: i32 = 20;
pub const MAX_PAGE_SIZE: i32 = 100;

/// Which list a cursor belongs to: a cursor of one list is refused by another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Sessions,
    People,
    Positions,
    Roles,
    Users,
    Audit,
    Review,
    Search,
    Interventions,
    /// A list in an order the client chose: its tag names the list and the
    /// order, so a cursor of one order is refused by another.
    Sorted(&'static str),
}

impl Scope {
    fn tag(self) -> &'static str {
        match self {
            Scope::Sessions => "sessions",
            Scope::People => "people",
            Scope::Positions => "positions",
            Scope::Roles => "roles",
            Scope::Users => "users",
            Scope::Audit => "audit",
            Scope::Review => "review",
            Scope::Search => "search",
            Scope::Interventions => "interventions",
            Scope::Sorted(tag) => tag,
        }
    }
}

pub fn encode_cursor(scope: Scope, key: Option<&str>, id: i64) -> String {
    let text = match key {
        Some(key) => format!("{}:{id}:{key}", scope.tag()),
        None => format!("{}:{id}", scope.tag()),
    };
    URL_SAFE_NO_PAD.encode(text)
}

pub fn decode_cursor(scope: Scope, cursor: &str, keyed: bool) -> AppResult<Position> {
    let invalid = || {
        AppError::bad_input(format!(
            "`{cursor}` is not a cursor of this list; pass a startCursor or endCursor it returned"
        ))
    };
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let rest = text
        .strip_prefix(scope.tag())
        .and_then(|r| r.strip_prefix(':'))
        .ok_or_else(invalid)?;
    let (id, key) = match rest.split_once(':') {
        Some((id, key)) => (id, Some(key.to_owned())),
        None => (rest, None),
    };
    if key.is_some() != keyed {
        return Err(invalid());
    }
    Ok(Position {
        key,
        id: id.parse().map_err(|_| invalid())?,
    })
}

/// The page arguments of a root connection, checked: either `first`/`after`
/// or `last`/`before`, a size from 0 to 100 (default 20), known cursors.
pub fn page_request(
    scope: Scope,
    keyed: bool,
    first: Option<i32>,
    after: Option<String>,
    last: Option<i32>,
    before: Option<String>,
) -> AppResult<PageRequest> {
    let size = |name: &str, n: i32| {
        if (0..=MAX_PAGE_SIZE).contains(&n) {
            Ok(n as u64)
        } else {
            Err(AppError::bad_input(format!(
                "`{name}` must be between 0 and {MAX_PAGE_SIZE}, got {n}"
            )))
        }
    };
    let backward = last.is_some() || before.is_some();
    if backward && (first.is_some() || after.is_some()) {
        return Err(AppError::bad_input(
            "page forward with `first`/`after` or backward with `last`/`before`, not both",
        ));
    }
    if backward {
        Ok(PageRequest {
            direction: Direction::Backward,
            limit: size("last", last.unwrap_or(DEFAULT_PAGE_SIZE))?,
            cursor: before
                .map(|c| decode_cursor(scope, &c, keyed))
                .transpose()?,
        })
    } else {
        Ok(PageRequest {
            direction: Direction::Forward,
            limit: size("first", first.unwrap_or(DEFAULT_PAGE_SIZE))?,
            cursor: after.map(|c| decode_cursor(scope, &c, keyed)).transpose()?,
        })
    }
}

/// The page arguments of a nested connection: forward only.
pub fn nested_request(
    scope: Scope,
    first: Option<i32>,
    after: Option<String>,
) -> AppResult<(u64, Option<i64>)> {
    let request = page_request(scope, false, first, after, None, None)?;
    Ok((request.limit, request.cursor.map(|c| c.id)))
}

/// The page arguments of a ranked list (search): forward only, and a
/// cursor there is a place in the ranking, so the page starts at an offset.
pub fn offset_request(
    scope: Scope,
    first: Option<i32>,
    after: Option<String>,
) -> AppResult<Offset> {
    let (limit, after) = nested_request(scope, first, after)?;
    let offset = match after {
        Some(n) if n < 0 => {
            return Err(AppError::bad_input(
                "`after` is not a cursor of this list; pass an endCursor it returned",
            ));
        }
        Some(n) => n as u64,
        None => 0,
    };
    Ok(Offset { offset, limit })
}

/// How `totalCount` is found: by counting a root list's query (the
/// service's [`Total`]), or through a batched count loader for nested
/// connections.
pub enum TotalCount {
    Query(Total),
    Loader(CountKey),
    /// Already counted, with the rows a batched loader gave.
    Known(i64),
}

#[Object]
impl TotalCount {
    /// How many items the list holds across all pages, with its filters.
    async fn total_count(&self, ctx: &Context<'_>) -> AppResult<i64> {
        match self {
            TotalCount::Query(total) => total.count(&ctx.data_unchecked::<AppState>().db).await,
            TotalCount::Loader(key) => {
                let n = ctx.data_unchecked::<Loaders>().load_one(*key).await?;
                Ok(n.unwrap_or(0))
            }
            TotalCount::Known(n) => Ok(*n),
        }
    }
}

pub type Conn<N> = Connection<String, N, TotalCount>;

/// Turn a page of rows into a connection of nodes with cursors.
pub fn connection<M, N: OutputType>(
    scope: Scope,
    page: Page<M>,
    total: TotalCount,
    key_of: impl Fn(&M) -> (Option<String>, i64),
    to_node: impl Fn(M) -> N,
) -> Conn<N> {
    let mut conn = Connection::with_additional_fields(page.has_previous, page.has_next, total);
    conn.edges.extend(page.rows.into_iter().map(|row| {
        let (key, id) = key_of(&row);
        Edge::new(encode_cursor(scope, key.as_deref(), id), to_node(row))
    }));
    conn
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_other_lists() {
        let c = encode_cursor(Scope::Sessions, Some("WS #461"), 7);
        assert_eq!(
            decode_cursor(Scope::Sessions, &c, true).unwrap(),
            Position {
                key: Some("WS #461".into()),
                id: 7
            }
        );
        assert!(decode_cursor(Scope::People, &c, true).is_err());
        assert!(decode_cursor(Scope::Sessions, "garbage", true).is_err());
    }
}
