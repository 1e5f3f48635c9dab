//! Per-request data loaders: every nested field loads through here, so a
//! list page makes one query per relation, never one per row. Each loader
//! batches its keys and calls a service function that reads by many ids
//! (`service::<noun>::load`); nested connections page all their parents in
//! one query (`service::page::first_per_parent`).

use std::{collections::HashMap, sync::Arc, time::Duration};

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use entity::{event, person, policy_question, position, session, session_role};

use crate::{
    auth::Viewer,
    service::{
        self, DatabaseConnection, DbErr,
        balance::{Scope, Seat},
        position::load::Parent,
    },
};

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
            viewer: viewer.clone(),
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
    /// The request's viewer, who sees some positions and not others.
    viewer: Viewer,
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
    SessionsCiting,
    PositionsCiting,
    PositionId,
    SessionsOfPerson,
    SeatsOfSession,
    SeatsOfEvent,
    InterventionId,
    TranscriptOfSession,
    SessionRoleId,
    UnmatchedOfSession,
    KeptOfSession
);

mod interventions;
pub use interventions::{InterventionParent, InterventionsPage};

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
    InterventionsOf(InterventionParent),
}

/// Rows found by id, under their keys.
fn keyed<K: std::hash::Hash + Eq, M>(
    rows: Vec<M>,
    key: impl Fn(i64) -> K,
    id_of: impl Fn(&M) -> i64,
) -> HashMap<K, M> {
    rows.into_iter().map(|m| (key(id_of(&m)), m)).collect()
}

/// The ids of a batch of keys.
fn ids<K: Copy + Into<i64>>(keys: &[K]) -> Vec<i64> {
    keys.iter().map(|k| (*k).into()).collect()
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
        let rows = service::event::load::by_ids(&self.db, &ids(keys)).await?;
        Ok(keyed(rows, EventId, |m| m.id))
    }
}

impl Loader<SessionId> for DbLoader {
    type Value = session::Model;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[SessionId],
    ) -> Result<HashMap<SessionId, Self::Value>, Self::Error> {
        let rows = service::session::load::by_ids(&self.db, &ids(keys)).await?;
        Ok(keyed(rows, SessionId, |m| m.id))
    }
}

impl Loader<PersonId> for DbLoader {
    type Value = person::Model;
    type Error = LoadError;
    async fn load(&self, keys: &[PersonId]) -> Result<HashMap<PersonId, Self::Value>, Self::Error> {
        let rows = service::person::load::by_ids(&self.db, &ids(keys)).await?;
        Ok(keyed(rows, PersonId, |m| m.id))
    }
}

impl Loader<PolicyQuestionId> for DbLoader {
    type Value = policy_question::Model;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[PolicyQuestionId],
    ) -> Result<HashMap<PolicyQuestionId, Self::Value>, Self::Error> {
        let rows = service::session::load::questions_by_ids(&self.db, &ids(keys)).await?;
        Ok(keyed(rows, PolicyQuestionId, |m| m.id))
    }
}

impl Loader<RolesOfSession> for DbLoader {
    type Value = Vec<session_role::Model>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[RolesOfSession],
    ) -> Result<HashMap<RolesOfSession, Self::Value>, Self::Error> {
        let rows = service::role::load::of_sessions(&self.db, &ids(keys)).await?;
        Ok(group(rows, |r| RolesOfSession(r.session_id)))
    }
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
        let rows = service::session::load::questions_of_sessions(&self.db, &ids(keys)).await?;
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
        let rows = service::session::load::cited_paragraphs(&self.db, &ids(keys)).await?;
        Ok(cited(rows, CitedBySession))
    }
}

impl Loader<CitedByPosition> for DbLoader {
    type Value = Vec<i64>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[CitedByPosition],
    ) -> Result<HashMap<CitedByPosition, Self::Value>, Self::Error> {
        let rows = service::position::load::cited_paragraphs(&self.db, &ids(keys)).await?;
        Ok(cited(rows, CitedByPosition))
    }
}

impl Loader<SessionsCiting> for DbLoader {
    type Value = Vec<i64>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[SessionsCiting],
    ) -> Result<HashMap<SessionsCiting, Self::Value>, Self::Error> {
        let rows = service::paragraph::citing_sessions(&self.db, &ids(keys)).await?;
        Ok(cited(rows, SessionsCiting))
    }
}

impl Loader<PositionsCiting> for DbLoader {
    type Value = Vec<i64>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[PositionsCiting],
    ) -> Result<HashMap<PositionsCiting, Self::Value>, Self::Error> {
        let rows = service::paragraph::citing_positions(&self.db, &ids(keys)).await?;
        Ok(cited(rows, PositionsCiting))
    }
}

impl Loader<PositionId> for DbLoader {
    type Value = entity::position::Model;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[PositionId],
    ) -> Result<HashMap<PositionId, Self::Value>, Self::Error> {
        let rows = service::paragraph::positions_by_ids(&self.db, &ids(keys)).await?;
        Ok(rows.into_iter().map(|p| (PositionId(p.id), p)).collect())
    }
}

/// `(citing id, paragraph id)` pairs as each citer's paragraph ids.
fn cited<K: std::hash::Hash + Eq>(
    rows: Vec<(i64, i64)>,
    key: impl Fn(i64) -> K,
) -> HashMap<K, Vec<i64>> {
    group(rows, |c| key(c.0))
        .into_iter()
        .map(|(k, v)| (k, v.into_iter().map(|c| c.1).collect()))
        .collect()
}

impl PositionParent {
    fn split(self) -> (Parent, i64) {
        match self {
            PositionParent::Session(id) => (Parent::Session, id),
            PositionParent::Person(id) => (Parent::Person, id),
        }
    }

    fn new(parent: Parent, id: i64) -> Self {
        match parent {
            Parent::Session => PositionParent::Session(id),
            Parent::Person => PositionParent::Person(id),
        }
    }
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
        for ((first, after, parent), group_keys) in
            group(keys.to_vec(), |k| (k.first, k.after, k.parent.split().0))
        {
            let parents = group_keys.iter().map(|k| k.parent.split().1).collect();
            let visible = service::position::visible(&self.viewer);
            let rows = service::position::load::first_per_parent(
                &self.db, visible, parent, parents, first, after,
            )
            .await?;
            for (id, rows) in group(rows, |p| parent.of(p)) {
                let Some(id) = id else { continue };
                let parent = PositionParent::new(parent, id);
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
            let people = group_keys.iter().map(|k| k.person).collect();
            let rows =
                service::role::load::first_per_person(&self.db, people, first, after).await?;
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
        let mut by_session = Vec::new();
        let mut by_person = Vec::new();
        let mut roles_of = Vec::new();
        let mut spoken = Vec::new();
        for key in keys {
            match *key {
                CountKey::PositionsOf(PositionParent::Session(id)) => by_session.push(id),
                CountKey::PositionsOf(PositionParent::Person(id)) => by_person.push(id),
                CountKey::RolesOfPerson(id) => roles_of.push(id),
                CountKey::InterventionsOf(parent) => spoken.push(parent),
            }
        }
        let mut out = interventions::counts(&self.db, spoken).await?;
        for (parent, ids) in [(Parent::Session, by_session), (Parent::Person, by_person)] {
            if ids.is_empty() {
                continue;
            }
            let visible = service::position::visible(&self.viewer);
            let counts =
                service::position::load::count_per_parent(&self.db, visible, parent, ids).await?;
            out.extend(
                counts
                    .into_iter()
                    .map(|(id, n)| (CountKey::PositionsOf(PositionParent::new(parent, id)), n)),
            );
        }
        if !roles_of.is_empty() {
            let counts = service::role::load::count_per_person(&self.db, roles_of).await?;
            out.extend(
                counts
                    .into_iter()
                    .map(|(id, n)| (CountKey::RolesOfPerson(id), n)),
            );
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
        let rows = service::role::load::sessions_of_people(&self.db, &ids(keys)).await?;
        let mut out: HashMap<SessionsOfPerson, Self::Value> = HashMap::new();
        for (person, session, event) in rows {
            out.entry(SessionsOfPerson(person))
                .or_default()
                .push((session, event));
        }
        Ok(out)
    }
}

impl Loader<SeatsOfSession> for DbLoader {
    type Value = Vec<Seat>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[SeatsOfSession],
    ) -> Result<HashMap<SeatsOfSession, Self::Value>, Self::Error> {
        seats(&self.db, Scope::Sessions(&ids(keys)), SeatsOfSession).await
    }
}

impl Loader<SeatsOfEvent> for DbLoader {
    type Value = Vec<Seat>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[SeatsOfEvent],
    ) -> Result<HashMap<SeatsOfEvent, Self::Value>, Self::Error> {
        seats(&self.db, Scope::Events(&ids(keys)), SeatsOfEvent).await
    }
}

async fn seats<K: std::hash::Hash + Eq>(
    db: &DatabaseConnection,
    scope: Scope<'_>,
    key: impl Fn(i64) -> K,
) -> Result<HashMap<K, Vec<Seat>>, LoadError> {
    let map = service::balance::seats(db, scope).await?;
    Ok(map.into_iter().map(|(id, s)| (key(id), s)).collect())
}
