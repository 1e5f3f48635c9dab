//! Per-request data loaders: every nested field loads through here, so a
//! list page makes one query per relation, never one per row. Nested
//! connections page all their parents in one query with `ROW_NUMBER()`.

use std::{collections::HashMap, sync::Arc, time::Duration};

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use entity::{
    event, person, policy_question, position, position_paragraph, session, session_paragraph,
    session_role,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    FromQueryResult, QueryFilter, QueryOrder, QueryTrait,
    sea_query::{Alias, Asterisk, Expr, ExprTrait, Func, Order, Query, WindowStatement},
};

use crate::auth::Viewer;

pub type Loaders = DataLoader<DbLoader, HashMapCache>;

/// Create the loaders for one request, seeing what `viewer` may see; each
/// gathers keys for `delay` before it runs its batch.
///
/// With `cache`, a value loaded (or fed by a list resolver that read ahead,
/// see [`DbLoader::roles_with_people`]) is kept for the rest of the request.
/// Only a query may cache: a mutation could change a value it had loaded.
pub fn for_request(
    db: DatabaseConnection,
    viewer: &Viewer,
    delay: Duration,
    cache: bool,
) -> Loaders {
    let loaders = DataLoader::with_cache(
        DbLoader {
            db,
            visible: viewer.visible_positions(),
        },
        tokio::spawn,
        HashMapCache::default(),
    )
    .delay(delay);
    loaders.enable_all_cache(cache);
    loaders
}

pub struct DbLoader {
    db: DatabaseConnection,
    /// The positions the request's viewer may see.
    visible: Condition,
}

pub type LoadError = Arc<DbErr>;

macro_rules! key {
    ($($name:ident),*) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name(pub i64);

        impl From<$name> for i64 {
            fn from(k: $name) -> i64 { k.0 }
        }
    )*};
}
key!(
    EventId,
    SessionId,
    PersonId,
    PolicyQuestionId,
    RolesOfSession,
    QuestionsOfSession,
    CitedBySession,
    CitedByPosition,
    SessionsOfPerson,
    SeatsOfSession,
    SeatsOfEvent
);

/// Whose positions a nested `positions` connection lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PositionParent {
    Session(i64),
    Person(i64),
}

/// One page of a parent's positions: up to `first + 1` rows after `after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PositionsPage {
    pub parent: PositionParent,
    pub first: u64,
    pub after: Option<i64>,
}

/// One page of a person's roles: up to `first + 1` rows after `after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RolesOfPersonPage {
    pub person: i64,
    pub first: u64,
    pub after: Option<i64>,
}

/// The `totalCount` of a nested connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CountKey {
    PositionsOf(PositionParent),
    RolesOfPerson(i64),
}

async fn by_id<E, K>(
    db: &DatabaseConnection,
    keys: &[K],
    id: E::Column,
    key: impl Fn(i64) -> K,
    id_of: impl Fn(&E::Model) -> i64,
) -> Result<HashMap<K, E::Model>, LoadError>
where
    E: EntityTrait,
    K: std::hash::Hash + Eq + Copy + Into<i64>,
{
    let ids: Vec<i64> = keys.iter().map(|k| (*k).into()).collect();
    let rows = E::find().filter(id.is_in(ids)).all(db).await?;
    Ok(rows.into_iter().map(|m| (key(id_of(&m)), m)).collect())
}

/// Group rows under their parent key, keeping the query's order.
fn group<K: std::hash::Hash + Eq, M>(rows: Vec<M>, key: impl Fn(&M) -> K) -> HashMap<K, Vec<M>> {
    let mut map: HashMap<K, Vec<M>> = HashMap::new();
    for row in rows {
        map.entry(key(&row)).or_default().push(row);
    }
    map
}

impl Loader<EventId> for DbLoader {
    type Value = event::Model;
    type Error = LoadError;
    async fn load(&self, keys: &[EventId]) -> Result<HashMap<EventId, Self::Value>, Self::Error> {
        by_id::<event::Entity, _>(&self.db, keys, event::Column::Id, EventId, |m| m.id).await
    }
}

impl Loader<SessionId> for DbLoader {
    type Value = session::Model;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[SessionId],
    ) -> Result<HashMap<SessionId, Self::Value>, Self::Error> {
        by_id::<session::Entity, _>(&self.db, keys, session::Column::Id, SessionId, |m| m.id).await
    }
}

impl Loader<PersonId> for DbLoader {
    type Value = person::Model;
    type Error = LoadError;
    async fn load(&self, keys: &[PersonId]) -> Result<HashMap<PersonId, Self::Value>, Self::Error> {
        by_id::<person::Entity, _>(&self.db, keys, person::Column::Id, PersonId, |m| m.id).await
    }
}

impl Loader<PolicyQuestionId> for DbLoader {
    type Value = policy_question::Model;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[PolicyQuestionId],
    ) -> Result<HashMap<PolicyQuestionId, Self::Value>, Self::Error> {
        by_id::<policy_question::Entity, _>(
            &self.db,
            keys,
            policy_question::Column::Id,
            PolicyQuestionId,
            |m| m.id,
        )
        .await
    }
}

impl Loader<RolesOfSession> for DbLoader {
    type Value = Vec<session_role::Model>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[RolesOfSession],
    ) -> Result<HashMap<RolesOfSession, Self::Value>, Self::Error> {
        let ids: Vec<i64> = keys.iter().map(|k| k.0).collect();
        let mut rows = session_role::Entity::find()
            .filter(session_role::Column::SessionId.is_in(ids))
            .all(&self.db)
            .await?;
        rows.sort_by_key(role_order);
        Ok(group(rows, |r| RolesOfSession(r.session_id)))
    }
}

/// Organizers first, then speakers, moderators, rapporteurs: the order of a
/// proposal, which the stored strings do not sort into.
fn role_order(role: &session_role::Model) -> (u8, i32, i64) {
    (role.role as u8, role.position, role.id)
}

/// What [`DbLoader::roles_with_people`] reads: every session's roles (empty
/// for a session without any) and the people in them.
pub struct RolesWithPeople {
    pub roles: HashMap<RolesOfSession, Vec<session_role::Model>>,
    pub people: HashMap<PersonId, person::Model>,
}

impl DbLoader {
    /// The roles of `sessions` and then their people, for a list whose
    /// selection asks for both, without the loaders' wait between the two.
    /// Two statements, not a join: for a page of sessions PostgreSQL would
    /// hash the whole person table to join a few hundred rows.
    pub async fn roles_with_people(&self, sessions: &[i64]) -> Result<RolesWithPeople, LoadError> {
        let keys: Vec<_> = sessions.iter().copied().map(RolesOfSession).collect();
        let roles = self.load_every(&keys).await?;
        let mut people: Vec<PersonId> = roles
            .values()
            .flatten()
            .filter_map(|r| r.person_id.map(PersonId))
            .collect();
        people.sort_unstable_by_key(|p| p.0);
        people.dedup();
        let people = if people.is_empty() {
            HashMap::new()
        } else {
            Loader::<PersonId>::load(self, &people).await?
        };
        Ok(RolesWithPeople { roles, people })
    }

    /// A list for every one of `keys`, empty where the batch found none, so
    /// that fed to the loaders' cache it answers for every key.
    pub async fn load_every<K, V>(&self, keys: &[K]) -> Result<HashMap<K, Vec<V>>, LoadError>
    where
        K: Send + Sync + std::hash::Hash + Eq + Copy + 'static,
        V: Send + Sync + Clone + 'static,
        Self: Loader<K, Value = Vec<V>, Error = LoadError>,
    {
        let mut lists = Loader::<K>::load(self, keys).await?;
        for key in keys {
            lists.entry(*key).or_default();
        }
        Ok(lists)
    }
}

impl Loader<QuestionsOfSession> for DbLoader {
    type Value = Vec<policy_question::Model>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[QuestionsOfSession],
    ) -> Result<HashMap<QuestionsOfSession, Self::Value>, Self::Error> {
        let ids: Vec<i64> = keys.iter().map(|k| k.0).collect();
        let rows = policy_question::Entity::find()
            .filter(policy_question::Column::SessionId.is_in(ids))
            .order_by_asc(policy_question::Column::Position)
            .order_by_asc(policy_question::Column::Id)
            .all(&self.db)
            .await?;
        Ok(group(rows, |q| QuestionsOfSession(q.session_id)))
    }
}

impl Loader<CitedBySession> for DbLoader {
    type Value = Vec<i64>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[CitedBySession],
    ) -> Result<HashMap<CitedBySession, Self::Value>, Self::Error> {
        let ids: Vec<i64> = keys.iter().map(|k| k.0).collect();
        let rows = session_paragraph::Entity::find()
            .filter(session_paragraph::Column::SessionId.is_in(ids))
            .order_by_asc(session_paragraph::Column::ParagraphId)
            .all(&self.db)
            .await?;
        Ok(group(rows, |c| CitedBySession(c.session_id))
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().map(|c| c.paragraph_id).collect()))
            .collect())
    }
}

impl Loader<CitedByPosition> for DbLoader {
    type Value = Vec<i64>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[CitedByPosition],
    ) -> Result<HashMap<CitedByPosition, Self::Value>, Self::Error> {
        let ids: Vec<i64> = keys.iter().map(|k| k.0).collect();
        let rows = position_paragraph::Entity::find()
            .filter(position_paragraph::Column::PositionId.is_in(ids))
            .order_by_asc(position_paragraph::Column::ParagraphId)
            .all(&self.db)
            .await?;
        Ok(group(rows, |c| CitedByPosition(c.position_id))
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().map(|c| c.paragraph_id).collect()))
            .collect())
    }
}

/// The first `first + 1` rows after `after` of every parent in `parents`,
/// in id order, in one statement: `ROW_NUMBER() OVER (PARTITION BY parent)`.
async fn first_rows_per_parent<E>(
    db: &DatabaseConnection,
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
        .order_by(Alias::new("id"), Order::Asc)
        .to_owned();
    E::Model::find_by_statement(db.get_database_backend().build(&outer))
        .all(db)
        .await
}

impl Loader<PositionsPage> for DbLoader {
    type Value = Vec<position::Model>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[PositionsPage],
    ) -> Result<HashMap<PositionsPage, Self::Value>, Self::Error> {
        let mut out = HashMap::new();
        // Parents asked with the same page arguments share one statement.
        for ((first, after, by_session), group_keys) in group(keys.to_vec(), |k| {
            (
                k.first,
                k.after,
                matches!(k.parent, PositionParent::Session(_)),
            )
        }) {
            let parent_id = |k: &PositionsPage| match k.parent {
                PositionParent::Session(id) | PositionParent::Person(id) => id,
            };
            let column = if by_session {
                position::Column::SessionId
            } else {
                position::Column::PersonId
            };
            let parents = group_keys.iter().map(parent_id).collect();
            let rows = first_rows_per_parent::<position::Entity>(
                &self.db,
                self.visible.clone(),
                column,
                position::Column::Id,
                parents,
                first,
                after,
            )
            .await?;
            for (parent, rows) in group(rows, |p| {
                if by_session {
                    p.session_id
                } else {
                    p.person_id
                }
            }) {
                let Some(parent) = parent else { continue };
                let parent = if by_session {
                    PositionParent::Session(parent)
                } else {
                    PositionParent::Person(parent)
                };
                out.insert(
                    PositionsPage {
                        parent,
                        first,
                        after,
                    },
                    rows,
                );
            }
        }
        Ok(out)
    }
}

impl Loader<RolesOfPersonPage> for DbLoader {
    type Value = Vec<session_role::Model>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[RolesOfPersonPage],
    ) -> Result<HashMap<RolesOfPersonPage, Self::Value>, Self::Error> {
        let mut out = HashMap::new();
        for ((first, after), group_keys) in group(keys.to_vec(), |k| (k.first, k.after)) {
            let parents = group_keys.iter().map(|k| k.person).collect();
            let rows = first_rows_per_parent::<session_role::Entity>(
                &self.db,
                Condition::all(),
                session_role::Column::PersonId,
                session_role::Column::Id,
                parents,
                first,
                after,
            )
            .await?;
            for (person, rows) in group(rows, |r| r.person_id) {
                let Some(person) = person else { continue };
                out.insert(
                    RolesOfPersonPage {
                        person,
                        first,
                        after,
                    },
                    rows,
                );
            }
        }
        Ok(out)
    }
}

impl Loader<CountKey> for DbLoader {
    type Value = i64;
    type Error = LoadError;
    async fn load(&self, keys: &[CountKey]) -> Result<HashMap<CountKey, Self::Value>, Self::Error> {
        let mut out = HashMap::new();
        let mut by_session = Vec::new();
        let mut by_person = Vec::new();
        let mut roles_of = Vec::new();
        for key in keys {
            match *key {
                CountKey::PositionsOf(PositionParent::Session(id)) => by_session.push(id),
                CountKey::PositionsOf(PositionParent::Person(id)) => by_person.push(id),
                CountKey::RolesOfPerson(id) => roles_of.push(id),
            }
        }
        let counts = |table: Alias, column: &'static str, condition: Condition, ids: Vec<i64>| {
            Query::select()
                .expr_as(Expr::col(Alias::new(column)), Alias::new("parent"))
                .expr_as(Expr::col(Asterisk).count(), Alias::new("n"))
                .from(table)
                .cond_where(condition)
                .and_where(Expr::col(Alias::new(column)).is_in(ids))
                .group_by_col(Alias::new(column))
                .to_owned()
        };
        let mut run = async |stmt, wrap: fn(i64) -> CountKey| -> Result<(), DbErr> {
            for row in self.db.query_all(&stmt).await? {
                let parent: i64 = row.try_get("", "parent")?;
                let n: i64 = row.try_get("", "n")?;
                out.insert(wrap(parent), n);
            }
            Ok(())
        };
        if !by_session.is_empty() {
            let stmt = counts(
                Alias::new("position"),
                "session_id",
                self.visible.clone(),
                by_session,
            );
            run(stmt, |id| {
                CountKey::PositionsOf(PositionParent::Session(id))
            })
            .await?;
        }
        if !by_person.is_empty() {
            let stmt = counts(
                Alias::new("position"),
                "person_id",
                self.visible.clone(),
                by_person,
            );
            run(stmt, |id| CountKey::PositionsOf(PositionParent::Person(id))).await?;
        }
        if !roles_of.is_empty() {
            let stmt = counts(
                Alias::new("session_role"),
                "person_id",
                Condition::all(),
                roles_of,
            );
            run(stmt, CountKey::RolesOfPerson).await?;
        }
        Ok(out)
    }
}

impl Loader<SessionsOfPerson> for DbLoader {
    /// The sessions a person has a role in, as `(session id, event id)`.
    type Value = Vec<(i64, i64)>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[SessionsOfPerson],
    ) -> Result<HashMap<SessionsOfPerson, Self::Value>, Self::Error> {
        let ids: Vec<i64> = keys.iter().map(|k| k.0).collect();
        let rows = session_role::Entity::find()
            .filter(session_role::Column::PersonId.is_in(ids))
            .find_also_related(session::Entity)
            .all(&self.db)
            .await?;
        let mut out: HashMap<SessionsOfPerson, Self::Value> = HashMap::new();
        for (role, session) in rows {
            if let (Some(person), Some(session)) = (role.person_id, session) {
                out.entry(SessionsOfPerson(person))
                    .or_default()
                    .push((session.id, session.event_id));
            }
        }
        Ok(out)
    }
}

impl Loader<SeatsOfSession> for DbLoader {
    type Value = Vec<crate::service::balance::Seat>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[SeatsOfSession],
    ) -> Result<HashMap<SeatsOfSession, Self::Value>, Self::Error> {
        let ids: Vec<i64> = keys.iter().map(|k| k.0).collect();
        seats(
            &self.db,
            crate::service::balance::Scope::Sessions(&ids),
            SeatsOfSession,
        )
        .await
    }
}

impl Loader<SeatsOfEvent> for DbLoader {
    type Value = Vec<crate::service::balance::Seat>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[SeatsOfEvent],
    ) -> Result<HashMap<SeatsOfEvent, Self::Value>, Self::Error> {
        let ids: Vec<i64> = keys.iter().map(|k| k.0).collect();
        seats(
            &self.db,
            crate::service::balance::Scope::Events(&ids),
            SeatsOfEvent,
        )
        .await
    }
}

async fn seats<K: std::hash::Hash + Eq>(
    db: &DatabaseConnection,
    scope: crate::service::balance::Scope<'_>,
    key: impl Fn(i64) -> K,
) -> Result<HashMap<K, Vec<crate::service::balance::Seat>>, LoadError> {
    let map = crate::service::balance::seats(db, scope).await?;
    Ok(map.into_iter().map(|(id, s)| (key(id), s)).collect())
}
