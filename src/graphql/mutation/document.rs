//! Admin edits of documents (`createDocument`, `updateDocument`,
//! `deleteDocument`); the use cases are in [`crate::service::document`].
//! Each write reloads the reference snapshot.

use async_graphql::{Context, ID, InputObject, Object};

use super::{Deleted, env};
use crate::{
    error::AppResult,
    graphql::{
        ids::{self, Kind},
        types::Document,
    },
    service::document::{self as service, DocumentChanges},
};

/// A document's fields; `code` and `title` are required to create one.
#[derive(InputObject, Default)]
pub struct DocumentInput {
    /// Stable code: lower-case letters and digits in dash-separated words,
    /// such as `tunis-agenda`.
    code: Option<String>,
    /// The title, at most 500 characters.
    title: Option<String>,
    /// The year of publication: 1900 to 2100.
    year: Option<i32>,
    /// Where to read it: an http or https URL; an empty string clears it.
    url: Option<String>,
}

impl From<DocumentInput> for DocumentChanges {
    fn from(input: DocumentInput) -> Self {
        Self {
            code: input.code,
            title: input.title,
            year: input.year,
            url: input.url,
        }
    }
}

#[derive(Default)]
pub struct DocumentMutation;

#[Object]
impl DocumentMutation {
    /// Add a cited document (admins).
    async fn create_document(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new document; `code` and `title` are required.")]
        input: DocumentInput,
    ) -> AppResult<Document> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let model = service::create(&state.db, viewer, input.into()).await?;
        state.reload_reference().await?;
        Ok(Document(model))
    }

    /// Change a cited document (admins).
    async fn update_document(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The document's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(desc = "The changes; fields left out stay as they are.")] input: DocumentInput,
    ) -> AppResult<Document> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let n = ids::decode_as(&id, Kind::Document)?;
        let model = service::update(&state.db, viewer, n, version, input.into()).await?;
        state.reload_reference().await?;
        Ok(Document(model))
    }

    /// Delete a document (admins). Refused with `CONFLICT` while it has
    /// paragraphs, unless `cascade: true` deletes them and their citations.
    async fn delete_document(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The document's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(
            default = false,
            desc = "Also delete its paragraphs and their citations."
        )]
        cascade: bool,
    ) -> AppResult<Deleted> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let n = ids::decode_as(&id, Kind::Document)?;
        service::delete(&state.db, viewer, n, version, cascade).await?;
        state.reload_reference().await?;
        Ok(Deleted { id })
    }
}
