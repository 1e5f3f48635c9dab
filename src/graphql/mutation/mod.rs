//! The root `Mutation`: one object per noun, merged. Every resolver checks
//! the viewer, validates, and writes through `service` in one transaction.

mod alias;
mod auth;
mod document;
mod event;
mod import;
mod paragraph;
mod person;
mod position;
mod review;
mod session;
mod stance;
mod topic;

use async_graphql::{Context, MergedObject, SimpleObject};

use crate::{auth::Viewer, state::AppState};

/// Changes to the record, each in one transaction and written to the
/// audit log. All but `login` need a signed-in organizer or admin; each
/// says who may call it. Updates and deletes take the `version` last
/// read and answer `CONFLICT` when it is stale.
#[derive(MergedObject, Default)]
pub struct Mutation(
    auth::AuthMutation,
    event::EventMutation,
    session::SessionMutation,
    person::PersonMutation,
    position::PositionMutation,
    topic::TopicMutation,
    stance::StanceMutation,
    document::DocumentMutation,
    paragraph::ParagraphMutation,
    import::ImportMutation,
    import::TranscriptMutation,
    review::ReviewMutation,
    alias::AliasMutation,
);

/// The state and the viewer of a request.
fn env<'a>(ctx: &Context<'a>) -> (&'a AppState, &'a Viewer) {
    (
        ctx.data_unchecked::<AppState>(),
        ctx.data_unchecked::<Viewer>(),
    )
}

/// What a delete answers: the ID of what is gone.
#[derive(SimpleObject)]
pub struct Deleted {
    /// The global ID of the deleted object.
    pub id: async_graphql::ID,
}
