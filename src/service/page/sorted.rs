//! Keyset pages in an order the client chose: by a sort key in either
//! direction, then by id in the same direction, rows without a key (a
//! session not yet scheduled) last whichever the direction. The cursor
//! holds the key as text ([`key_text`]), read back by the key's kind.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder,
    QuerySelect, Select, Value,
    sea_query::{Expr, ExprTrait, SimpleExpr},
};

use super::{Direction, Page, PageRequest};
use crate::error::{AppError, AppResult};

/// What the sort key holds, so a cursor's text is read back as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Text,
    Time,
}

/// How a cursor writes a row with no key.
const NO_KEY: &str = "-";

/// The order of a list: its key column, what it holds, the direction.
#[derive(Debug, Clone, Copy)]
pub struct SortKey<C> {
    pub column: C,
    pub kind: KeyKind,
    pub descending: bool,
    /// Whether some rows have no key (then they are ordered last).
    pub nullable: bool,
}

/// A row's key as its cursor writes it (a time as `timestamp::format`
/// writes it; none for a row without a key).
pub fn key_text(key: Option<String>) -> String {
    key.unwrap_or_else(|| NO_KEY.to_owned())
}

fn foreign() -> AppError {
    AppError::bad_input(
        "the cursor is not one of this list's: pass a startCursor or endCursor it returned with the same orderBy",
    )
}

/// The value of a cursor's key text, `None` for a row with no key.
fn value(kind: KeyKind, text: &str) -> AppResult<Option<Value>> {
    Ok(Some(match kind {
        KeyKind::Text => Value::from(text.to_owned()),
        KeyKind::Time if text == NO_KEY => return Ok(None),
        KeyKind::Time => Value::from(crate::timestamp::parse(text).map_err(|_| foreign())?),
    }))
}

/// One page of `select` in `sort`'s order, then by `id`.
pub async fn fetch<E, C>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    sort: SortKey<C>,
    id: C,
    request: &PageRequest,
) -> AppResult<Page<E::Model>>
where
    E: EntityTrait,
    C: ColumnTrait,
{
    let forward = request.direction == Direction::Forward;
    // The order rows are read in: the shown order, or its reverse when
    // paging backward. Rows without a key are last when shown, so first
    // when read backward.
    let ascending = forward != sort.descending;
    let nulls_last = forward;
    let key = sort.column;
    let mut select = select;
    if let Some(cursor) = &request.cursor {
        let text = cursor.key.as_deref().ok_or_else(foreign)?;
        let cursor_key = value(sort.kind, text)?;
        let id_beyond: SimpleExpr = if ascending {
            id.gt(cursor.id)
        } else {
            id.lt(cursor.id)
        };
        let beyond = |k: Value| if ascending { key.gt(k) } else { key.lt(k) };
        let condition = match (cursor_key, nulls_last) {
            (Some(k), _) if !sort.nullable => Condition::any()
                .add(beyond(k.clone()))
                .add(Condition::all().add(key.eq(k)).add(id_beyond)),
            (Some(k), true) => Condition::any()
                .add(beyond(k.clone()))
                .add(Condition::all().add(key.eq(k)).add(id_beyond))
                .add(key.is_null()),
            (None, true) => Condition::all().add(key.is_null()).add(id_beyond),
            (Some(k), false) => Condition::all().add(key.is_not_null()).add(
                Condition::any()
                    .add(beyond(k.clone()))
                    .add(Condition::all().add(key.eq(k)).add(id_beyond)),
            ),
            (None, false) => Condition::any()
                .add(Condition::all().add(key.is_null()).add(id_beyond))
                .add(key.is_not_null()),
        };
        select = select.filter(condition);
    }
    let order = if ascending { Order::Asc } else { Order::Desc };
    let nulls = if nulls_last { Order::Asc } else { Order::Desc };
    if sort.nullable {
        select = select.order_by(Expr::col(key).is_null(), nulls);
    }
    let rows = select
        .order_by(key, order.clone())
        .order_by(id, order)
        .limit(request.limit + 1)
        .all(db)
        .await?;
    Ok(request.page(rows))
}
