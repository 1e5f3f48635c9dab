//! `orderBy` of the lists that take one: a field and a direction. Cursors
//! are stable in every order (the id breaks ties) and belong to the order
//! they were read in.

use async_graphql::{Enum, InputObject};

use crate::{graphql::connection::Scope, service::session::SessionOrder as Order};

/// Which way a list runs.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug, Default)]
pub enum OrderDirection {
    /// Smallest, earliest or first in the alphabet first.
    #[default]
    Asc,
    /// Largest, latest or last in the alphabet first.
    Desc,
}

/// What sessions can be listed by.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum SessionOrderField {
    /// The session code as published (`WS #461`).
    Code,
    /// The title, case aside (letter by letter of the lower-case title).
    Title,
    /// The start time; sessions not yet scheduled come last either way.
    StartsAt,
}

/// The order of `sessions`.
#[derive(InputObject, Copy, Clone, Debug)]
pub struct SessionOrder {
    /// What to order by.
    pub field: SessionOrderField,
    /// Which way (default `ASC`); ties go by id, the same way.
    #[graphql(default)]
    pub direction: OrderDirection,
}

impl SessionOrder {
    /// The service's order, whether it runs backwards, and the cursor
    /// scope of this order.
    pub fn parts(self) -> (Order, bool, Scope) {
        let desc = self.direction == OrderDirection::Desc;
        let (order, tag) = match (self.field, desc) {
            (SessionOrderField::Code, false) => (Order::Code, "sessions/code/asc"),
            (SessionOrderField::Code, true) => (Order::Code, "sessions/code/desc"),
            (SessionOrderField::Title, false) => (Order::Title, "sessions/title/asc"),
            (SessionOrderField::Title, true) => (Order::Title, "sessions/title/desc"),
            (SessionOrderField::StartsAt, false) => (Order::StartsAt, "sessions/starts/asc"),
            (SessionOrderField::StartsAt, true) => (Order::StartsAt, "sessions/starts/desc"),
        };
        (order, desc, Scope::Sorted(tag))
    }
}

/// What positions can be listed by.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum PositionOrderField {
    /// When the position was taken (`recordedAt`).
    RecordedAt,
}

/// The order of `positions`.
#[derive(InputObject, Copy, Clone, Debug)]
pub struct PositionOrder {
    /// What to order by.
    pub field: PositionOrderField,
    /// Which way (default `ASC`; `DESC` for the newest first); ties go by
    /// id, the same way.
    #[graphql(default)]
    pub direction: OrderDirection,
}

impl PositionOrder {
    /// Whether it runs backwards, and the cursor scope of this order.
    pub fn parts(self) -> (bool, Scope) {
        match (self.field, self.direction) {
            (PositionOrderField::RecordedAt, OrderDirection::Asc) => {
                (false, Scope::Sorted("positions/recorded/asc"))
            }
            (PositionOrderField::RecordedAt, OrderDirection::Desc) => {
                (true, Scope::Sorted("positions/recorded/desc"))
            }
        }
    }
}
