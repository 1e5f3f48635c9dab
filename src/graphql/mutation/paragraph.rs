//! Admin edits of paragraphs (`createParagraph`, `updateParagraph`,
//! `deleteParagraph`); the use cases are in [`crate::service::paragraph`].
//! Each write reloads the reference snapshot.

use async_graphql::{Context, ID, InputObject, Object};

use super::{Deleted, env};
use crate::{
    error::AppResult,
    graphql::{
        ids::{self, Kind},
        types::Paragraph,
    },
    service::paragraph::{self as service, ParagraphChanges},
};

/// A paragraph's fields; `number` is required to create one.
#[derive(InputObject, Default)]
pub struct ParagraphInput {
    /// The paragraph number in the document: 1 to 100000.
    number: Option<i32>,
    /// The paragraph's text; an empty string clears it.
    text: Option<String>,
}

impl From<ParagraphInput> for ParagraphChanges {
    fn from(input: ParagraphInput) -> Self {
        Self {
            number: input.number,
            text: input.text,
        }
    }
}

#[derive(Default)]
pub struct ParagraphMutation;

#[Object]
impl ParagraphMutation {
    /// Add a paragraph to a document (admins).
    async fn create_paragraph(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The document's code, such as `tunis-agenda`.")] document: String,
        #[graphql(desc = "The new paragraph; `number` is required.")] input: ParagraphInput,
    ) -> AppResult<Paragraph> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let refs = state.reference();
        let model = service::create(&state.db, &refs, viewer, &document, input.into()).await?;
        state.reload_reference().await?;
        Ok(Paragraph(model))
    }

    /// Change a paragraph's number or text (admins).
    async fn update_paragraph(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The paragraph's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(desc = "The changes; fields left out stay as they are.")] input: ParagraphInput,
    ) -> AppResult<Paragraph> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let n = ids::decode_as(&id, Kind::Paragraph)?;
        let model = service::update(&state.db, viewer, n, version, input.into()).await?;
        state.reload_reference().await?;
        Ok(Paragraph(model))
    }

    /// Delete a paragraph (admins). Refused with `CONFLICT` while sessions
    /// or positions cite it, unless `cascade: true` removes the citations.
    async fn delete_paragraph(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The paragraph's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(
            default = false,
            desc = "Remove its citations by sessions and positions, and delete it."
        )]
        cascade: bool,
    ) -> AppResult<Deleted> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let n = ids::decode_as(&id, Kind::Paragraph)?;
        service::delete(&state.db, viewer, n, version, cascade).await?;
        state.reload_reference().await?;
        Ok(Deleted { id })
    }
}
