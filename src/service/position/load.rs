//! Positions for many parents at once, for the per-request loaders: the
//! first page of every session's or person's positions, their counts, and
//! the paragraphs positions cite. Each takes the reader's visibility
//! condition (`visible`) where it lists
//! positions.

use entity::{position, position_paragraph};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use crate::service::page;

/// Whose positions a nested list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Parent {
    Session,
    Person,
}

impl Parent {
    fn column(self) -> position::Column {
        match self {
            Parent::Session => position::Column::SessionId,
            Parent::Person => position::Column::PersonId,
        }
    }

    /// The parent id of a position, for grouping.
    pub fn of(self, p: &position::Model) -> Option<i64> {
        match self {
            Parent::Session => p.session_id,
            Parent::Person => p.person_id,
        }
    }
}

/// The first `first + 1` visible positions after id `after` of every one
/// of `parents`, in id order, in one statement.
pub async fn first_per_parent(
    db: &impl ConnectionTrait,
    visible: Condition,
    parent: Parent,
    parents: Vec<i64>,
    first: u64,
    after: Option<i64>,
) -> Result<Vec<position::Model>, DbErr> {
    page::first_per_parent::<position::Entity>(
        db,
        visible,
        parent.column(),
        position::Column::Id,
        parents,
        first,
        after,
    )
    .await
}

/// How many visible positions each of `parents` has, as `(parent id, n)`
/// for the parents that have any, in one statement.
pub async fn count_per_parent(
    db: &impl ConnectionTrait,
    visible: Condition,
    parent: Parent,
    parents: Vec<i64>,
) -> Result<Vec<(i64, i64)>, DbErr> {
    page::count_per_parent::<position::Entity>(db, visible, parent.column(), parents).await
}

/// The paragraphs these positions cite, as `(position id, paragraph id)`
/// in paragraph order.
pub async fn cited_paragraphs(
    db: &impl ConnectionTrait,
    positions: &[i64],
) -> Result<Vec<(i64, i64)>, DbErr> {
    let rows = position_paragraph::Entity::find()
        .filter(position_paragraph::Column::PositionId.is_in(positions.iter().copied()))
        .order_by_asc(position_paragraph::Column::ParagraphId)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|c| (c.position_id, c.paragraph_id))
        .collect())
}
