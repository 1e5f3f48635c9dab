//! Admin edits of the reference taxonomy: topics and their stances, cited
//! documents and their paragraphs. Each reloads the in-memory snapshot.

use async_graphql::{Context, ID, InputObject, Object};
use entity::{document, paragraph, position, position_paragraph, session_paragraph, stance, topic};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, Set,
};
use serde::Serialize;

use super::{Deleted, env};
use crate::{
    error::{AppError, AppResult},
    graphql::{
        ids::{self, Kind},
        types::{Document, Paragraph, Stance, Topic},
    },
    service::{
        self,
        validate::{self, LONG, SHORT, YEARS},
        write,
    },
    state::AppState,
};

/// A topic's fields; `code` and `name` are required to create one.
#[derive(InputObject, Default)]
pub struct TopicInput {
    /// Stable code: lower-case letters and digits in dash-separated words,
    /// such as `enhanced-cooperation`.
    code: Option<String>,
    /// Display name, at most 200 characters.
    name: Option<String>,
    /// At most 20000 characters; an empty string clears it.
    description: Option<String>,
}

/// A stance's fields; `code` and `name` are required to create one.
#[derive(InputObject, Default)]
pub struct StanceInput {
    /// Stable code: lower-case letters and digits in dash-separated words,
    /// such as `new-mechanism`.
    code: Option<String>,
    /// Display name, at most 200 characters.
    name: Option<String>,
    /// What the stance holds, at most 20000 characters; an empty string
    /// clears it.
    description: Option<String>,
    /// Display order within the topic, 1 to 1000; default: last.
    order: Option<i32>,
}

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

/// A paragraph's fields; `number` is required to create one.
#[derive(InputObject, Default)]
pub struct ParagraphInput {
    /// The paragraph number in the document: 1 to 100000.
    number: Option<i32>,
    /// The paragraph's text; an empty string clears it.
    text: Option<String>,
}

fn required<T>(field: &str, value: &Option<T>, creating: bool) -> AppResult<()> {
    if creating && value.is_none() {
        Err(AppError::invalid(field, "is required"))
    } else {
        Ok(())
    }
}

fn topic_model(input: TopicInput, creating: bool) -> AppResult<topic::ActiveModel> {
    required("code", &input.code, creating)?;
    required("name", &input.name, creating)?;
    let mut am = <topic::ActiveModel as Default>::default();
    if let Some(code) = input.code {
        am.code = Set(validate::code("code", &code)?);
    }
    if let Some(name) = input.name {
        am.name = Set(validate::text("name", &name, SHORT)?);
    }
    if input.description.is_some() || creating {
        am.description = Set(validate::opt_text("description", input.description, LONG)?);
    }
    Ok(am)
}

fn stance_model(input: StanceInput, creating: bool) -> AppResult<stance::ActiveModel> {
    required("code", &input.code, creating)?;
    required("name", &input.name, creating)?;
    let mut am = <stance::ActiveModel as Default>::default();
    if let Some(code) = input.code {
        am.code = Set(validate::code("code", &code)?);
    }
    if let Some(name) = input.name {
        am.name = Set(validate::text("name", &name, SHORT)?);
    }
    if input.description.is_some() || creating {
        am.description = Set(validate::opt_text("description", input.description, LONG)?);
    }
    if let Some(order) = input.order {
        am.position = Set(validate::range("order", order, 1, 1000)?);
    }
    Ok(am)
}

fn document_model(input: DocumentInput, creating: bool) -> AppResult<document::ActiveModel> {
    required("code", &input.code, creating)?;
    required("title", &input.title, creating)?;
    let mut am = <document::ActiveModel as Default>::default();
    if let Some(code) = input.code {
        am.code = Set(validate::code("code", &code)?);
    }
    if let Some(title) = input.title {
        am.title = Set(validate::text("title", &title, 500)?);
    }
    if let Some(year) = input.year {
        am.year = Set(Some(validate::range("year", year, 1900, YEARS.1)?));
    } else if creating {
        am.year = Set(None);
    }
    if input.url.is_some() || creating {
        am.url = Set(validate::opt_url("url", input.url)?);
    }
    Ok(am)
}

fn paragraph_model(input: ParagraphInput, creating: bool) -> AppResult<paragraph::ActiveModel> {
    required("number", &input.number, creating)?;
    let mut am = <paragraph::ActiveModel as Default>::default();
    if let Some(n) = input.number {
        am.number = Set(validate::range("number", n, 1, 100_000)?);
    }
    if input.text.is_some() || creating {
        am.text = Set(validate::opt_text("text", input.text, LONG)?);
    }
    Ok(am)
}

/// Create a row as an admin, and refresh the snapshot.
async fn admin_create<E, A>(ctx: &Context<'_>, am: AppResult<A>) -> AppResult<E::Model>
where
    E: write::Record,
    A: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
    E::Model: IntoActiveModel<A> + Serialize + Sync,
{
    let (state, viewer) = env(ctx);
    viewer.require_admin()?;
    let txn = write::begin(&state.db).await?;
    let model = write::create(&txn, &viewer.actor(), am?).await?;
    commit(state, txn).await?;
    Ok(model)
}

/// Update a row as an admin, and refresh the snapshot.
async fn admin_update<E, A>(
    ctx: &Context<'_>,
    id: &ID,
    kind: Kind,
    version: i32,
    am: AppResult<A>,
) -> AppResult<E::Model>
where
    E: write::Record,
    A: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
    E::Model: IntoActiveModel<A> + Serialize + Sync,
{
    let (state, viewer) = env(ctx);
    viewer.require_admin()?;
    let id = ids::decode_as(id, kind)?;
    let am = am?;
    let txn = write::begin(&state.db).await?;
    let model = write::update(&txn, &viewer.actor(), id, version, am).await?;
    commit(state, txn).await?;
    Ok(model)
}

/// Commit, then refresh the reference snapshot every request reads.
async fn commit(state: &AppState, txn: sea_orm::DatabaseTransaction) -> AppResult<()> {
    txn.commit().await?;
    state.reload_reference().await?;
    Ok(())
}

#[derive(Default)]
pub struct TaxonomyMutation;

#[Object]
impl TaxonomyMutation {
    /// Create a topic (admins).
    async fn create_topic(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new topic; `code` and `name` are required.")] input: TopicInput,
    ) -> AppResult<Topic> {
        Ok(Topic(admin_create(ctx, topic_model(input, true)).await?))
    }

    /// Change a topic (admins).
    async fn update_topic(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The topic's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(desc = "The changes; fields left out stay as they are.")] input: TopicInput,
    ) -> AppResult<Topic> {
        Ok(Topic(
            admin_update(ctx, &id, Kind::Topic, version, topic_model(input, false)).await?,
        ))
    }

    /// Delete a topic (admins). Refused with `CONFLICT` while it has
    /// stances or positions, unless `cascade: true` deletes them too.
    async fn delete_topic(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The topic's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(
            default = false,
            desc = "Also delete its stances and the positions on the topic."
        )]
        cascade: bool,
    ) -> AppResult<Deleted> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let topic_id = ids::decode_as(&id, Kind::Topic)?;
        let txn = write::begin(&state.db).await?;
        write::find::<topic::Entity>(&txn, topic_id).await?;
        let positions = position::Entity::find()
            .filter(position::Column::TopicId.eq(topic_id))
            .all(&txn)
            .await?;
        let stances = stance::Entity::find()
            .filter(stance::Column::TopicId.eq(topic_id))
            .all(&txn)
            .await?;
        if cascade {
            service::position::delete_all(&txn, &viewer.actor(), positions).await?;
            for s in stances {
                write::delete::<stance::Entity>(&txn, &viewer.actor(), s.id, s.version).await?;
            }
        } else {
            write::refuse_if_referred(
                "the topic",
                &vec![
                    (stances.len() as u64, "stances"),
                    (positions.len() as u64, "positions"),
                ],
            )?;
        }
        write::delete::<topic::Entity>(&txn, &viewer.actor(), topic_id, version).await?;
        commit(state, txn).await?;
        Ok(Deleted { id })
    }

    /// Add a stance to a topic (admins).
    async fn create_stance(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The topic's code, such as `enhanced-cooperation`.")] topic: String,
        #[graphql(desc = "The new stance; `code` and `name` are required.")] input: StanceInput,
    ) -> AppResult<Stance> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let topic = state
            .reference()
            .topic_by_code(&topic)
            .map_err(|e| AppError::invalid("topic", e.to_string()))?
            .clone();
        let mut am = stance_model(input, true)?;
        am.topic_id = Set(topic.id);
        if am.position.is_not_set() {
            am.position = Set(state.reference().stances_of(topic.id).count() as i32 + 1);
        }
        Ok(Stance(admin_create(ctx, Ok(am)).await?))
    }

    /// Change a stance (admins).
    async fn update_stance(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The stance's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(desc = "The changes; fields left out stay as they are.")] input: StanceInput,
    ) -> AppResult<Stance> {
        Ok(Stance(
            admin_update(ctx, &id, Kind::Stance, version, stance_model(input, false)).await?,
        ))
    }

    /// Delete a stance (admins). Refused with `CONFLICT` while positions
    /// take it, unless `cascade: true` deletes them too.
    async fn delete_stance(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The stance's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(default = false, desc = "Also delete the positions that take it.")] cascade: bool,
    ) -> AppResult<Deleted> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let stance_id = ids::decode_as(&id, Kind::Stance)?;
        let txn = write::begin(&state.db).await?;
        write::find::<stance::Entity>(&txn, stance_id).await?;
        let positions = position::Entity::find()
            .filter(position::Column::StanceId.eq(stance_id))
            .all(&txn)
            .await?;
        if cascade {
            service::position::delete_all(&txn, &viewer.actor(), positions).await?;
        } else {
            write::refuse_if_referred("the stance", &vec![(positions.len() as u64, "positions")])?;
        }
        write::delete::<stance::Entity>(&txn, &viewer.actor(), stance_id, version).await?;
        commit(state, txn).await?;
        Ok(Deleted { id })
    }

    /// Add a cited document (admins).
    async fn create_document(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new document; `code` and `title` are required.")]
        input: DocumentInput,
    ) -> AppResult<Document> {
        Ok(Document(
            admin_create(ctx, document_model(input, true)).await?,
        ))
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
        Ok(Document(
            admin_update(
                ctx,
                &id,
                Kind::Document,
                version,
                document_model(input, false),
            )
            .await?,
        ))
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
        let document_id = ids::decode_as(&id, Kind::Document)?;
        let txn = write::begin(&state.db).await?;
        write::find::<document::Entity>(&txn, document_id).await?;
        let paragraphs = paragraph::Entity::find()
            .filter(paragraph::Column::DocumentId.eq(document_id))
            .all(&txn)
            .await?;
        if cascade {
            for p in paragraphs {
                uncite(&txn, p.id).await?;
                write::delete::<paragraph::Entity>(&txn, &viewer.actor(), p.id, p.version).await?;
            }
        } else {
            write::refuse_if_referred(
                "the document",
                &vec![(paragraphs.len() as u64, "paragraphs")],
            )?;
        }
        write::delete::<document::Entity>(&txn, &viewer.actor(), document_id, version).await?;
        commit(state, txn).await?;
        Ok(Deleted { id })
    }

    /// Add a paragraph to a document (admins).
    async fn create_paragraph(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The document's code, such as `tunis-agenda`.")] document: String,
        #[graphql(desc = "The new paragraph; `number` is required.")] input: ParagraphInput,
    ) -> AppResult<Paragraph> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let document = state
            .reference()
            .documents
            .iter()
            .find(|d| d.code == document)
            .map(|d| d.id)
            .ok_or_else(|| {
                AppError::invalid("document", format!("unknown document `{document}`"))
            })?;
        let mut am = paragraph_model(input, true)?;
        am.document_id = Set(document);
        Ok(Paragraph(admin_create(ctx, Ok(am)).await?))
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
        Ok(Paragraph(
            admin_update(
                ctx,
                &id,
                Kind::Paragraph,
                version,
                paragraph_model(input, false),
            )
            .await?,
        ))
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
        let paragraph_id = ids::decode_as(&id, Kind::Paragraph)?;
        let txn = write::begin(&state.db).await?;
        write::find::<paragraph::Entity>(&txn, paragraph_id).await?;
        if cascade {
            uncite(&txn, paragraph_id).await?;
        } else {
            let by_sessions = session_paragraph::Entity::find()
                .filter(session_paragraph::Column::ParagraphId.eq(paragraph_id))
                .count(&txn)
                .await?;
            let by_positions = position_paragraph::Entity::find()
                .filter(position_paragraph::Column::ParagraphId.eq(paragraph_id))
                .count(&txn)
                .await?;
            write::refuse_if_referred(
                "the paragraph",
                &vec![
                    (by_sessions, "citing sessions"),
                    (by_positions, "citing positions"),
                ],
            )?;
        }
        write::delete::<paragraph::Entity>(&txn, &viewer.actor(), paragraph_id, version).await?;
        commit(state, txn).await?;
        Ok(Deleted { id })
    }
}

async fn uncite(txn: &sea_orm::DatabaseTransaction, paragraph_id: i64) -> AppResult<()> {
    session_paragraph::Entity::delete_many()
        .filter(session_paragraph::Column::ParagraphId.eq(paragraph_id))
        .exec(txn)
        .await?;
    position_paragraph::Entity::delete_many()
        .filter(position_paragraph::Column::ParagraphId.eq(paragraph_id))
        .exec(txn)
        .await?;
    Ok(())
}
