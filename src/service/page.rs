//! Keyset pagination shared by every list: rows are ordered by an optional
//! sort key and then by id, and a page starts strictly after (or before) the
//! `(key, id)` of a cursor, so pages stay stable while rows are added.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder,
    QuerySelect, Select, Value,
};

use crate::error::AppResult;

/// Where a page starts: the sort key and id of the row at the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub key: Option<String>,
    pub id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `first`/`after`
    Forward,
    /// `last`/`before`
    Backward,
}

/// A validated page request (see `graphql::connection` for the checks).
#[derive(Debug, Clone)]
pub struct PageRequest {
    pub direction: Direction,
    pub limit: u64,
    pub cursor: Option<Position>,
}

/// One page of rows in display order, and whether more lie beyond it.
#[derive(Debug)]
pub struct Page<M> {
    pub rows: Vec<M>,
    pub has_previous: bool,
    pub has_next: bool,
}

/// Fetch one page of `select`, ordered by `key` (if any) and then `id`.
pub async fn fetch<E, C>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    key: Option<C>,
    id: C,
    request: &PageRequest,
) -> AppResult<Page<E::Model>>
where
    E: EntityTrait,
    C: ColumnTrait,
{
    let forward = request.direction == Direction::Forward;
    let order = if forward { Order::Asc } else { Order::Desc };
    let mut select = select;
    if let Some(cursor) = &request.cursor {
        let after_id = |c: C| {
            if forward {
                c.gt(cursor.id)
            } else {
                c.lt(cursor.id)
            }
        };
        let condition = match (key, &cursor.key) {
            (Some(key), Some(k)) => {
                let k = Value::from(k.clone());
                let beyond = if forward {
                    key.gt(k.clone())
                } else {
                    key.lt(k.clone())
                };
                Condition::any()
                    .add(beyond)
                    .add(Condition::all().add(key.eq(k)).add(after_id(id)))
            }
            _ => Condition::all().add(after_id(id)),
        };
        select = select.filter(condition);
    }
    if let Some(key) = key {
        select = select.order_by(key, order.clone());
    }
    let mut rows = select
        .order_by(id, order)
        .limit(request.limit + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > request.limit;
    rows.truncate(request.limit as usize);
    if !forward {
        rows.reverse();
    }
    let came_from_cursor = request.cursor.is_some();
    Ok(if forward {
        Page {
            rows,
            has_previous: came_from_cursor,
            has_next: more,
        }
    } else {
        Page {
            rows,
            has_previous: more,
            has_next: came_from_cursor,
        }
    })
}
