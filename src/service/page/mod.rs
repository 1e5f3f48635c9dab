//! Pagination, the SQL side, for every list: keyset pages of root lists
//! (rows ordered by an optional sort key and then by id, a page starting
//! strictly after or before the `(key, id)` of a cursor, so pages stay
//! stable while rows are added) with their lazy [`Total`]; offset pages of
//! a ranked list ([`Offset`], search); and the first pages and counts of
//! nested lists for many parents at once ([`first_per_parent`],
//! [`count_per_parent`]). Cursors are encoded in `graphql::connection`.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, IdenStatic,
    Order, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select, Value,
    sea_query::{Alias, Asterisk, Expr, ExprTrait, Func, Query, SelectStatement, WindowStatement},
};

use crate::error::{AppError, AppResult};

pub mod sorted;

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
    let rows = select
        .order_by(id, order)
        .limit(request.limit + 1)
        .all(db)
        .await?;
    Ok(request.page(rows))
}

impl PageRequest {
    /// The page of `rows`, read in this request's direction with one row
    /// over its limit: in display order, with whether more lie beyond.
    pub fn page<M>(&self, mut rows: Vec<M>) -> Page<M> {
        let forward = self.direction == Direction::Forward;
        let more = rows.len() as u64 > self.limit;
        rows.truncate(self.limit as usize);
        if !forward {
            rows.reverse();
        }
        let came_from_cursor = self.cursor.is_some();
        if forward {
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
        }
    }
}

/// How many rows a root list holds across all its pages, counted only when
/// a client asks for `totalCount`: the list's query, kept to count later.
#[derive(Debug, Clone)]
pub struct Total(Box<SelectStatement>);

impl Total {
    /// The total of the rows `select` finds.
    pub fn of<E: EntityTrait>(select: &Select<E>) -> Self {
        Self(Box::new(select.clone().into_query()))
    }

    /// `SELECT COUNT(*)` over the list's query.
    pub async fn count(&self, db: &impl ConnectionTrait) -> AppResult<i64> {
        let count = Query::select()
            .expr_as(Expr::col(Asterisk).count(), Alias::new("n"))
            .from_subquery((*self.0).clone(), Alias::new("t"))
            .to_owned();
        let row = db
            .query_one(&count)
            .await?
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("COUNT returned no row")))?;
        Ok(row.try_get::<i64>("", "n")?)
    }
}

/// One page of `select` as [`fetch`] reads it, and its [`Total`].
pub async fn fetch_counted<E, C>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    key: Option<C>,
    id: C,
    request: &PageRequest,
) -> AppResult<(Page<E::Model>, Total)>
where
    E: EntityTrait,
    C: ColumnTrait,
{
    let total = Total::of(&select);
    Ok((fetch(db, select, key, id, request).await?, total))
}

/// A page of a ranked list, which has no stable key to start from: `limit`
/// rows from `offset` (a cursor there is a place in the ranking).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offset {
    pub offset: u64,
    pub limit: u64,
}

impl Offset {
    /// How many rows to read: one more than the page, to know if more lie
    /// beyond it.
    pub fn rows_to_read(&self) -> u64 {
        self.limit + 1
    }

    /// The page of `rows`, read with [`Offset::rows_to_read`].
    pub fn page<M>(&self, mut rows: Vec<M>) -> Page<M> {
        let has_next = rows.len() as u64 > self.limit;
        rows.truncate(self.limit as usize);
        Page {
            rows,
            has_previous: self.offset > 0,
            has_next,
        }
    }
}

/// The first `first + 1` rows after id `after` of every parent in
/// `parents`, in id order, in one statement: `ROW_NUMBER() OVER (PARTITION
/// BY parent)`. The `id` column may be any unique-per-parent integer
/// column the list is ordered by (an intervention's place). The nested connections of a list page read this way, so a
/// page of parents costs one statement, not one per parent.
pub async fn first_per_parent<E>(
    db: &impl ConnectionTrait,
    condition: Condition,
    parent: E::Column,
    id: E::Column,
    parents: Vec<i64>,
    first: u64,
    after: Option<i64>,
) -> Result<Vec<E::Model>, DbErr>
where
    E: EntityTrait,
    E::Model: FromQueryResult,
{
    let mut inner = E::find().filter(condition).filter(parent.is_in(parents));
    if let Some(after) = after {
        inner = inner.filter(id.gt(after));
    }
    let mut inner = inner.into_query();
    let mut window = WindowStatement::partition_by((E::default(), parent));
    window.order_by((E::default(), id), Order::Asc);
    inner.expr_window_as(Func::cust("ROW_NUMBER"), window, Alias::new("rn"));
    let outer = Query::select()
        .column(Asterisk)
        .from_subquery(inner, Alias::new("t"))
        .and_where(Expr::col(Alias::new("rn")).lte(first as i64 + 1))
        .order_by(Alias::new(id.as_str()), Order::Asc)
        .to_owned();
    E::Model::find_by_statement(db.get_database_backend().build(&outer))
        .all(db)
        .await
}

/// The `totalCount` of the nested lists of `parents`, in one statement:
/// `(parent id, rows)` for every parent with at least one row of `E` that
/// meets `condition`, grouped by the `parent` column.
pub async fn count_per_parent<E: EntityTrait>(
    db: &impl ConnectionTrait,
    condition: Condition,
    parent: E::Column,
    parents: Vec<i64>,
) -> Result<Vec<(i64, i64)>, DbErr> {
    let column = Alias::new(parent.as_str());
    let stmt = Query::select()
        .expr_as(Expr::col(column.clone()), Alias::new("parent"))
        .expr_as(Expr::col(Asterisk).count(), Alias::new("n"))
        .from(Alias::new(E::default().table_name()))
        .cond_where(condition)
        .and_where(Expr::col(column.clone()).is_in(parents))
        .group_by_col(column)
        .to_owned();
    let mut out = Vec::new();
    for row in db.query_all(&stmt).await? {
        out.push((row.try_get("", "parent")?, row.try_get("", "n")?));
    }
    Ok(out)
}
