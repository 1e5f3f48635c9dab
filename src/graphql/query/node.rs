//! `node`: any object by its global ID (Relay), each kind read through its
//! service, or from the reference data snapshot.

use async_graphql::{Context, ID, Object};

use crate::{
    error::AppResult,
    graphql::{
        ids::{self, Kind},
        types::*,
    },
    service,
    state::AppState,
};

#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Any object by its global ID (Relay); null if it does not exist or
    /// the reader may not see it.
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global ID, as any object's `id` field gives it.")] id: ID,
    ) -> AppResult<Option<Node>> {
        let (kind, id) = ids::decode(&id)?;
        let state = ctx.data_unchecked::<AppState>();
        let db = &state.db;
        let refs = state.reference();
        Ok(match kind {
            Kind::Region => refs.region(id).cloned().map(|m| Node::Region(Region(m))),
            Kind::StakeholderGroup => refs
                .stakeholder_group(id)
                .cloned()
                .map(|m| Node::StakeholderGroup(StakeholderGroup(m))),
            Kind::Topic => refs.topic(id).cloned().map(|m| Node::Topic(Topic(m))),
            Kind::Stance => refs.stance(id).cloned().map(|m| Node::Stance(Stance(m))),
            Kind::Document => refs
                .document(id)
                .cloned()
                .map(|m| Node::Document(Document(m))),
            Kind::Paragraph => refs
                .paragraph(id)
                .cloned()
                .map(|m| Node::Paragraph(Paragraph(m))),
            Kind::Event => service::event::load::by_id(db, id)
                .await?
                .map(|m| Node::Event(Event(m))),
            Kind::Session => service::session::load::by_id(db, id)
                .await?
                .map(|m| Node::Session(Session(m))),
            Kind::SessionRole => service::role::load::by_id(db, id)
                .await?
                .map(|m| Node::SessionRole(SessionRole(m))),
            Kind::PolicyQuestion => service::session::load::question_by_id(db, id)
                .await?
                .map(|m| Node::PolicyQuestion(PolicyQuestion(m))),
            Kind::Person => service::person::load::by_id(db, id)
                .await?
                .map(|m| Node::Person(Person(m))),
            // Accounts: admins see all, a user sees their own.
            Kind::User => {
                let v = viewer(ctx);
                if !(v.is_admin() || v.user().is_some_and(|u| u.id == id)) {
                    return Ok(None);
                }
                service::user::by_id(db, id)
                    .await?
                    .map(|m| Node::User(User(m)))
            }
            Kind::AuditEntry => {
                if !viewer(ctx).is_admin() {
                    return Ok(None);
                }
                service::audit::by_id(db, id)
                    .await?
                    .map(|m| Node::AuditEntry(AuditEntry(m)))
            }
            Kind::ReviewItem => {
                if !viewer(ctx).is_admin() {
                    return Ok(None);
                }
                service::review::by_id(db, id)
                    .await?
                    .map(|m| Node::ReviewItem(ReviewItem(m)))
            }
            Kind::Transcript => service::transcript::by_id(db, id)
                .await?
                .map(|m| Node::Transcript(Transcript(m))),
            Kind::Intervention => service::transcript::visible_by_id(db, viewer(ctx), id)
                .await?
                .map(|m| Node::Intervention(Intervention(m))),
            Kind::Position => {
                service::position::visible_by_id(db, service::position::visible(viewer(ctx)), id)
                    .await?
                    .map(|m| Node::Position(Position(m)))
            }
        })
    }
}
