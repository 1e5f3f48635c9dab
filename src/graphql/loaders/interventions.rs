//! The loaders of transcripts and interventions: by id, a session's
//! transcript, and pages of a session's or a person's interventions.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entity::{intervention, session_role, transcript};

use super::{
    CountKey, DbLoader, InterventionId, KeptOfSession, LoadError, SessionRoleId,
    TranscriptOfSession, UnmatchedOfSession, group, ids, keyed,
};
use crate::service::{self, DatabaseConnection};

/// Whose interventions a nested `interventions` connection lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InterventionParent {
    /// In transcript order; the cursor is the place.
    Session(i64),
    /// Oldest first; the cursor is the id.
    Person(i64),
}

/// One page of a parent's interventions: up to `first + 1` rows after
/// `after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InterventionsPage {
    pub parent: InterventionParent,
    pub first: u64,
    pub after: Option<i64>,
}

impl Loader<InterventionId> for DbLoader {
    type Value = intervention::Model;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[InterventionId],
    ) -> Result<HashMap<InterventionId, Self::Value>, Self::Error> {
        let rows = service::transcript::load::by_ids(&self.db, &ids(keys)).await?;
        Ok(keyed(rows, InterventionId, |m| m.id))
    }
}

impl Loader<SessionRoleId> for DbLoader {
    type Value = session_role::Model;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[SessionRoleId],
    ) -> Result<HashMap<SessionRoleId, Self::Value>, Self::Error> {
        let rows = service::role::load::by_ids(&self.db, &ids(keys)).await?;
        Ok(keyed(rows, SessionRoleId, |m| m.id))
    }
}

impl Loader<TranscriptOfSession> for DbLoader {
    type Value = transcript::Model;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[TranscriptOfSession],
    ) -> Result<HashMap<TranscriptOfSession, Self::Value>, Self::Error> {
        let rows = service::transcript::of_sessions(&self.db, &ids(keys)).await?;
        Ok(keyed(rows, TranscriptOfSession, |m| m.session_id))
    }
}

impl Loader<UnmatchedOfSession> for DbLoader {
    /// The labels, as first written.
    type Value = Vec<String>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[UnmatchedOfSession],
    ) -> Result<HashMap<UnmatchedOfSession, Self::Value>, Self::Error> {
        let rows = service::transcript::unmatched_labels(&self.db, &ids(keys))
            .await
            .map_err(db_error)?;
        Ok(rows
            .into_iter()
            .map(|(s, labels)| (UnmatchedOfSession(s), labels))
            .collect())
    }
}

impl Loader<KeptOfSession> for DbLoader {
    type Value = Vec<intervention::Model>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[KeptOfSession],
    ) -> Result<HashMap<KeptOfSession, Self::Value>, Self::Error> {
        let rows = service::transcript::kept(&self.db, &self.viewer, &ids(keys))
            .await
            .map_err(db_error)?;
        Ok(group(rows, |i| KeptOfSession(i.session_id)))
    }
}

/// A service error as the loaders' error: these reads fail only in the
/// database.
fn db_error(e: crate::error::AppError) -> LoadError {
    std::sync::Arc::new(sea_orm::DbErr::Custom(e.to_string()))
}

impl Loader<InterventionsPage> for DbLoader {
    type Value = Vec<intervention::Model>;
    type Error = LoadError;
    async fn load(
        &self,
        keys: &[InterventionsPage],
    ) -> Result<HashMap<InterventionsPage, Self::Value>, Self::Error> {
        let mut out = HashMap::new();
        let pages = group(keys.to_vec(), |k| {
            (
                matches!(k.parent, InterventionParent::Session(_)),
                k.first,
                k.after,
            )
        });
        for ((of_session, first, after), keys) in pages {
            let parents = keys
                .iter()
                .map(|k| match k.parent {
                    InterventionParent::Session(id) | InterventionParent::Person(id) => id,
                })
                .collect();
            let load = &service::transcript::load::first_per_session;
            let rows = if of_session {
                load(&self.db, parents, first, after).await?
            } else {
                service::transcript::load::first_per_person(&self.db, parents, first, after).await?
            };
            let parent_of = |i: &intervention::Model| {
                if of_session {
                    Some(InterventionParent::Session(i.session_id))
                } else {
                    i.person_id.map(InterventionParent::Person)
                }
            };
            for (parent, rows) in group(rows, parent_of) {
                let Some(parent) = parent else { continue };
                out.insert(
                    InterventionsPage {
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

/// The `totalCount`s of these parents' interventions.
pub(super) async fn counts(
    db: &DatabaseConnection,
    parents: Vec<InterventionParent>,
) -> Result<HashMap<CountKey, i64>, LoadError> {
    let mut out = HashMap::new();
    let (mut sessions, mut people) = (Vec::new(), Vec::new());
    for p in parents {
        match p {
            InterventionParent::Session(id) => sessions.push(id),
            InterventionParent::Person(id) => people.push(id),
        }
    }
    for (column, ids, parent) in [
        (
            intervention::Column::SessionId,
            sessions,
            InterventionParent::Session as fn(i64) -> InterventionParent,
        ),
        (
            intervention::Column::PersonId,
            people,
            InterventionParent::Person,
        ),
    ] {
        if ids.is_empty() {
            continue;
        }
        let counts = service::transcript::load::count_per_parent(db, column, ids).await?;
        out.extend(
            counts
                .into_iter()
                .map(|(id, n)| (CountKey::InterventionsOf(parent(id)), n)),
        );
    }
    Ok(out)
}
